"""Anchor Learning Network's site generator: a plain library, no MkDocs import.

The pipeline runs read -> check -> model -> views -> render (one subpackage per stage); ``search``
builds the search records and runs Pagefind, ``contrib`` holds the contributor commands and ``perf``
the measured speed tricks. The MkDocs hooks use only the names below.
"""
from __future__ import annotations

from .model.entities import Catalogue
from .pipeline import load_site
from .problems import CaseStudyError, Problem
from .render.pages import render_pages
from .render.problem_page import problem_pages
from .render.rawblocks import Lifted, LostBlock, anchor_ids, lift, restore
from .search.pagefind_run import IndexFailed, PagefindRun
from .views.links import Repository
from .search.records import SearchRecord, html_text, offline_index_js, page_record, search_records

__all__ = [
    "Catalogue", "CaseStudyError", "IndexFailed", "Lifted", "LostBlock", "PagefindRun", "Problem", "Repository",
    "SearchRecord", "anchor_ids", "html_text", "lift", "load_site", "offline_index_js", "page_record", "problem_pages",
    "render_pages", "restore", "search_records",
]
