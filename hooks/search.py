"""MkDocs adapter for search: index the site with Pagefind, or write the offline index.

Records come from ``generator.search.records`` (case studies with their items, themes) plus the content
of hand-written pages, so navigation and footers never reach the index. None of it needs the built
pages, so Pagefind starts as soon as the navigation is known and indexes on a second core while MkDocs
turns pages into HTML; the build waits for it at the end. With ``extra.aln_offline`` set (the offline
bundle's config) the records are written as a classic script instead, because Pagefind cannot load
from ``file://``, and only then does the site ship the engine that searches them (``assets/offline-search.js``).
"""
from __future__ import annotations

import logging
import re
import time
from functools import partial
from pathlib import Path

import markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from generator import (Catalogue, IndexFailed, PagefindRun, SearchRecord, html_text, offline_index_js, page_record,
                       search_records)
from hooks.casestudies import MODEL

log = logging.getLogger("mkdocs.plugins.search")
NOT_INDEXED = {"search.md", "explore.md", "404.md"}
"""The old search page (it forwards to the finder) and the finder, whose list repeats the items indexed from the records."""
OFFLINE_INDEX = "assets/search-index.js"
OFFLINE_ENGINE = "assets/offline-search.js"
"""Searches the offline index; the hosted site searches with Pagefind, so it ships without it."""

running: PagefindRun | None = None
offline_records: list[SearchRecord] = []


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    global running
    _stop()
    if config.get(MODEL) is None:
        return nav  # the preview's problems page (hooks/casestudies.py): nothing to search
    if config.extra.get("aln_offline"):
        offline_records[:] = _records(files, config)
    else:
        running = PagefindRun(partial(_records, files, config), config.use_directory_urls)
    return nav


def on_files(files: Files, config: MkDocsConfig) -> Files:
    engine = files.get_file_from_path(OFFLINE_ENGINE)
    if engine is not None and not config.extra.get("aln_offline"):
        files.remove(engine)
    return files


def _records(files: Files, config: MkDocsConfig) -> list[SearchRecord]:
    """Every record: the case studies and themes, then the hand-written pages (none if the records are invalid)."""
    catalogue: Catalogue | None = config.get(MODEL)
    if catalogue is None:
        return []  # the case-study hook has reported the problems and failed the build
    return search_records(catalogue) + _hand_written(files, config)


def _hand_written(files: Files, config: MkDocsConfig) -> list[SearchRecord]:
    """The docs/ pages as records: their Markdown converted as MkDocs converts it, headed by their title."""
    found = []
    for file in files.documentation_pages():
        if file.generated_by is not None or file.src_uri in NOT_INDEXED or file.page is None:
            continue
        file.page.read_source(config)  # MkDocs reads it again to build the page: it is a few kilobytes
        html = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs
                                 ).convert(file.page.markdown or "")
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
        title = file.page.meta.get("title") or (html_text(heading.group(1)).removesuffix("¶").strip() if heading else "")
        found.append(page_record(file.src_uri, str(title or file.page.title or ""), html_text(html)))
    return found


def on_post_build(config: MkDocsConfig) -> None:
    global running
    site_dir = Path(config.site_dir)
    if config.extra.get("aln_offline"):
        if offline_records:
            (site_dir / OFFLINE_INDEX).write_text(offline_index_js(offline_records, config.use_directory_urls), encoding="utf-8")
            log.info(f"Offline search: {len(offline_records)} records in {OFFLINE_INDEX}")
        return
    if running is None:
        return
    pagefind, running = running, None
    waited = time.perf_counter()
    try:
        seconds = pagefind.finish(site_dir)
    except IndexFailed as error:
        raise PluginError(f"Pagefind could not index the site: {error}") from None
    log.info(f"Pagefind: the site indexed into pagefind/ in {seconds:.1f} s, alongside the build "
             f"(it waited {time.perf_counter() - waited:.1f} s for the index)")


def on_build_error(error: Exception) -> None:
    _stop()


def _stop() -> None:
    """Stop a Pagefind run whose build has failed, or that a new build supersedes (``mkdocs serve``)."""
    global running
    if running is not None:
        running.close()
        running = None
