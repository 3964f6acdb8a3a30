"""MkDocs adapter for search: index the site with Pagefind, or write the offline index.

Records come from ``generator.search_index`` (case studies with their items, themes) plus the content
of hand-written pages, so navigation and footers never reach the index. None of it needs the built
pages, so Pagefind starts as soon as the navigation is known and indexes on a second core while MkDocs
turns pages into HTML; the build waits for it at the end. With ``extra.aln_offline`` set (the offline
bundle's config) the records are written as a classic script instead, because Pagefind cannot load
from ``file://``.
"""
from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from functools import partial
from pathlib import Path

import markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from generator.build import load_site
from generator.forked import can_fork
from generator.problems import CaseStudyError
from generator.search_index import SearchRecord, html_text, offline_index_js, page_record, pagefind_html, search_records

log = logging.getLogger("mkdocs.plugins.search")
NOT_INDEXED = {"search.md", "explore.md", "404.md"}
"""The search page itself and the explorer, whose list repeats the items indexed from the records."""
OFFLINE_INDEX = "assets/search-index.js"


class _Pagefind:
    """A Pagefind run started early, indexing into a folder of its own until the build ends.

    Where it is safe to fork (see ``generator.forked``), a forked child makes the records, writes them
    and then becomes Pagefind, so the build does none of that work; otherwise this process writes them
    and starts Pagefind.
    """

    def __init__(self, make_records: Callable[[], list[SearchRecord]], directory_urls: bool) -> None:
        # The pagefind package's own binary, run to completion: its Python service can be shut down
        # before the index is flushed (zero-byte files seen in about one build in four), and it waits
        # 0.1 s per request. One small HTML file per record (a case study with its items
        # as headings, which Pagefind reports as sub-results); its "url" metadata is the result's link.
        self.folder = tempfile.TemporaryDirectory(prefix="aln-search-")
        self.source, self.output = Path(self.folder.name, "records"), Path(self.folder.name, "pagefind")
        self.source.mkdir()
        self.log = open(Path(self.folder.name, "pagefind.log"), "w+", encoding="utf-8")
        self.started = time.perf_counter()
        command = [sys.executable, "-m", "pagefind", "--site", str(self.source), "--output-path", str(self.output),
                   "--force-language", "en", "--silent"]
        # One thread: it finishes well before MkDocs, which has the other core, and its threads cost more
        # than they give on two cores (at 1,000 case studies 4.8 s and 6.5 CPU seconds, against 3.3 s on one).
        env = {**os.environ, "RAYON_NUM_THREADS": "1", "TOKIO_WORKER_THREADS": "1"}
        self.pid = os.fork() if can_fork() else None
        if self.pid == 0:  # the child: write the records, then become Pagefind (exec never returns)
            try:
                self._write(make_records(), directory_urls)
                os.dup2(self.log.fileno(), 1)
                os.dup2(self.log.fileno(), 2)
                os.execve(sys.executable, command, env)
            except BaseException:  # noqa: BLE001 - reported through the log by the parent
                self.log.write(traceback.format_exc())
                self.log.flush()
            os._exit(70)
        self.process = None
        if self.pid is None:
            self._write(make_records(), directory_urls)
            self.process = subprocess.Popen(command, stdout=self.log, stderr=subprocess.STDOUT,
                                            stdin=subprocess.DEVNULL, env=env)

    def _write(self, records: list[SearchRecord], directory_urls: bool) -> None:
        for number, record in enumerate(records):
            (self.source / f"{number:06d}.html").write_text(pagefind_html(record, directory_urls), encoding="utf-8")

    def _wait(self) -> int:
        if self.process is not None:
            return self.process.wait()
        _, status = os.waitpid(self.pid, 0)  # type: ignore[arg-type]
        self.pid = None
        return os.waitstatus_to_exitcode(status)

    def finish(self, site_dir: Path) -> float:
        """Wait for the index, check it and move it into the site; return how long Pagefind ran."""
        try:
            code = self._wait()
            seconds = time.perf_counter() - self.started
            entry = self.output / "pagefind-entry.json"
            if code != 0 or not entry.is_file() or entry.stat().st_size == 0:
                self.log.seek(0)
                raise PluginError(f"Pagefind could not index the site: {self.log.read().strip()[-2000:]}")
            shutil.rmtree(site_dir / "pagefind", ignore_errors=True)
            shutil.move(str(self.output), site_dir / "pagefind")
            return seconds
        finally:
            self.close()

    def close(self) -> None:
        """Stop Pagefind if it still runs, and remove its folder."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        elif self.pid:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.pid = None
        self.log.close()
        self.folder.cleanup()


running: _Pagefind | None = None
offline_records: list[SearchRecord] = []


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    global running
    _stop()
    if config.extra.get("aln_offline"):
        offline_records[:] = _records(files, config)
    else:
        running = _Pagefind(partial(_records, files, config), config.use_directory_urls)
    return nav


def _records(files: Files, config: MkDocsConfig) -> list[SearchRecord]:
    """Every record: the case studies and themes, then the hand-written pages. None if the records are invalid."""
    try:
        catalogue = load_site(Path(config.config_file_path).parent)
    except CaseStudyError:
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
        records = offline_records
        if records:
            (site_dir / OFFLINE_INDEX).write_text(offline_index_js(records, config.use_directory_urls), encoding="utf-8")
            log.info(f"Offline search: {len(records)} records in {OFFLINE_INDEX}")
        return
    if running is None:
        return
    pagefind, running = running, None
    waited = time.perf_counter()
    seconds = pagefind.finish(site_dir)
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
