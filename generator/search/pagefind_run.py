"""Pagefind, run beside the build: it indexes the search records while the pages are built.

The records need only the model, not the built pages, so a build can start Pagefind early and collect
the index at the end. Where it is safe to fork (see ``forked``), a forked child makes the records,
writes them and then becomes Pagefind, so the build does none of that work; otherwise this process
writes them and starts Pagefind. Pagefind is the pagefind package's own binary run to completion:
its Python service can be shut down before the index is flushed (zero-byte files seen in about one
build in four), and it waits 0.1 s per request.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from ..perf.forked import can_fork
from .pagefind_canonical import canonicalise
from .pagefind_sections import write_section_map
from .records import SearchRecord, pagefind_html


UNREAD_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
                "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
                "wasm.unknown.pagefind")
"""Pagefind's own search interfaces, its highlighter and the WebAssembly for languages without a stemmer:
the site's search script loads ``pagefind.js``, its worker and the English WebAssembly, never these (0.5 MB)."""


class IndexFailed(Exception):
    """Pagefind stopped without writing a whole index; the message ends with what it printed."""


class PagefindRun:
    """A Pagefind run started early, indexing into a folder of its own until ``finish`` moves the index."""

    def __init__(self, make_records: Callable[[], list[SearchRecord]], directory_urls: bool) -> None:
        # One small HTML file per record (a case study with its items as headings, which Pagefind
        # reports as sub-results); its "url" metadata is the result's link.
        self.folder = tempfile.TemporaryDirectory(prefix="aln-search-")
        self.source, self.output = Path(self.folder.name, "records"), Path(self.folder.name, "pagefind")
        self.source.mkdir()
        self.log = open(Path(self.folder.name, "pagefind.log"), "w+", encoding="utf-8")
        self.started = time.perf_counter()
        command = [sys.executable, "-m", "pagefind", "--site", str(self.source), "--output-path", str(self.output),
                   "--force-language", "en", "--silent"]
        # One thread: it finishes well before MkDocs, which has the other core, and its threads cost more
        # than they give on two cores (benchmarks/README.md).
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
        """Wait for the index, check it and move it to ``site_dir/pagefind``; return how long Pagefind ran."""
        try:
            code = self._wait()
            seconds = time.perf_counter() - self.started
            entry = self.output / "pagefind-entry.json"
            if code != 0 or not entry.is_file() or entry.stat().st_size == 0:
                self.log.seek(0)
                raise IndexFailed(self.log.read().strip()[-2000:])
            canonicalise(self.output)  # its filter and metadata indexes in a fixed order: same input, same bytes
            write_section_map(self.output)  # the finder learns which items hold the words from it, not the fragments
            for name in UNREAD_FILES:
                (self.output / name).unlink(missing_ok=True)
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
