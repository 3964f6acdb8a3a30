"""MkDocs adapter for search: index the built site with Pagefind, or write the offline index.

Records come from ``generator.search_index`` (case studies with their items, themes) plus the rendered content
of hand-written pages, so navigation and footers never reach the index. With ``extra.aln_offline``
set (the offline bundle's config) the records are written as a classic script instead, because
Pagefind cannot load from ``file://``.
"""
from __future__ import annotations

import logging
import subprocess
import sys
import tempfile
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from generator.build import load_site
from generator.problems import CaseStudyError
from generator.search_index import SearchRecord, html_text, offline_index_js, page_record, pagefind_html, search_records

log = logging.getLogger("mkdocs.plugins.search")
NOT_INDEXED = {"search.md", "explore.md", "404.md"}
"""The search page itself and the explorer, whose list repeats the items indexed from the records."""
OFFLINE_INDEX = "assets/search-index.js"

pages: dict[str, SearchRecord] = {}


def on_pre_build(config: MkDocsConfig) -> None:
    pages.clear()


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: object) -> str:
    if page.file.generated_by is None and page.file.src_uri not in NOT_INDEXED:
        pages[page.file.src_uri] = page_record(page.file.src_uri, page.title or "", html_text(html))
    return html


def on_post_build(config: MkDocsConfig) -> None:
    try:
        records = search_records(load_site(Path(config.config_file_path).parent)) + list(pages.values())
    except CaseStudyError:
        return  # the case-study hook has reported the problems and failed the build
    site_dir = Path(config.site_dir)
    if config.extra.get("aln_offline"):
        (site_dir / OFFLINE_INDEX).write_text(offline_index_js(records, config.use_directory_urls), encoding="utf-8")
        log.info(f"Offline search: {len(records)} records in {OFFLINE_INDEX}")
        return
    _pagefind(records, site_dir, config.use_directory_urls)
    log.info(f"Pagefind: {len(records)} records indexed into pagefind/")


def _pagefind(records: list[SearchRecord], site_dir: Path, directory_urls: bool) -> None:
    # The pagefind package's own binary, run to completion: its Python service can be shut down
    # before the index is flushed (zero-byte files seen in about one build in four), and it waits
    # 0.1 s per request. One small HTML file per record (a case study with its items
    # as headings, which Pagefind reports as sub-results); its "url" metadata is the result's link.
    with tempfile.TemporaryDirectory(prefix="aln-search-") as folder:
        for number, record in enumerate(records):
            Path(folder, f"{number:06d}.html").write_text(pagefind_html(record, directory_urls), encoding="utf-8")
        output = site_dir / "pagefind"
        command = [sys.executable, "-m", "pagefind", "--site", folder, "--output-path", str(output),
                   "--force-language", "en", "--silent"]
        result = subprocess.run(command, capture_output=True, text=True)
    entry = output / "pagefind-entry.json"
    if result.returncode != 0 or not entry.is_file() or entry.stat().st_size == 0:
        raise PluginError(f"Pagefind could not index the site: {(result.stderr or result.stdout).strip()[-2000:]}")
