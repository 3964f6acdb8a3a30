"""Bytes a browser fetches to answer one search query, from headless Chromium's network log.

The built site is served over HTTP (Pagefind cannot load from ``file://``) and the finder (``explore/``)
is opened with ``?q=QUERY``, so the count includes what the site's own scripts ask for: the Pagefind
runtime, its WebAssembly, the index chunks for the terms and the section map (``aln-sections.js``) from
which the finder knows which items hold the words (before stop 20 it read every matching page's fragment).

It is measured twice: served as stored (``query_kb``), and served the way GitHub Pages and other
hosts serve static sites, gzip-compressing text, scripts and WebAssembly on the fly
(``query_kb_gzip``; Pagefind's own index files are already compressed, so only its runtime shrinks).
A second query is then typed into the box: ``next_query_kb`` is what it fetches on top of the first,
with the runtime already loaded.
"""
from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import shutil
import threading
from pathlib import Path
from typing import Any

from playwright.sync_api import Error as PlaywrightError, sync_playwright

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"  # ./run exports the one it found
QUERY = "procurement suppliers"
NEXT_QUERY = "housing apprenticeships"
"""Typed into the box after ``QUERY``: what a further query costs once the runtime is loaded."""


COMPRESSED_TYPES = ("text/", "application/javascript", "text/javascript", "application/json", "application/wasm",
                    "image/svg+xml")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm"}

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Gzip(_Quiet):
    """Compresses text, scripts and WebAssembly when the browser accepts gzip, as static hosts do."""

    def send_head(self):  # type: ignore[no-untyped-def]
        path = self.translate_path(self.path)
        kind = self.guess_type(path)
        if ("gzip" not in self.headers.get("Accept-Encoding", "") or not Path(path).is_file()
                or not kind.startswith(COMPRESSED_TYPES)):
            return super().send_head()
        body = gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def query_bytes(site: Path, query: str = QUERY) -> dict[str, object]:
    """KB fetched for the query as stored and as a compressing host serves it (see the module docstring)."""
    plain = _fetched(site, query, _Quiet)
    compressed = _fetched(site, query, _Gzip)
    return {**plain, "query_kb_gzip": compressed["query_kb"], "search_page_kb_gzip": compressed["search_page_kb"],
            "query_kb_by_file_gzip": compressed["query_kb_by_file"], "next_query_kb_gzip": compressed["next_query_kb"]}


def _body_bytes(request: Any) -> int:
    """Bytes of a response body as transferred. Chromium reports 0 for a worker's script (Pagefind's
    ``pagefind-worker.js``), so that one is read from its Content-Length; a negative size is a cache hit."""
    try:
        size = request.sizes()["responseBodySize"]
        response = request.response()
    except PlaywrightError:  # a request still finishing as the browser closes: not part of the query
        return 0
    if size == 0 and response is not None and response.status == 200:
        return int(response.headers.get("content-length", 0))
    return max(size, 0)


def _fetched(site: Path, query: str, handler: type[_Quiet]) -> dict[str, object]:
    """KB fetched under ``pagefind/`` for the query, KB of the rest of the search page, and the hit count shown."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sizes: dict[str, int] = {}
    later: dict[str, int] = {}
    bucket = [sizes]  # where finished requests are counted: the first query's, then the next one's
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            page = browser.new_page()
            page.on("requestfinished", lambda r: bucket[0].__setitem__(r.url, _body_bytes(r)))
            finder = "explore/" if (site / "explore" / "index.html").exists() else "explore.html"
            page.goto(f"http://127.0.0.1:{server.server_port}/{finder}?q={query.replace(' ', '+')}")
            # the status names the words while they are looked up ("Looking for ..."), then with the results
            status = "document.getElementById('aln-explore-status').textContent"
            done = f"w => !{status}.startsWith('Looking') && {status}.includes(w)"
            page.wait_for_function(done, arg=query.split()[0], timeout=60_000)
            page.wait_for_load_state("networkidle")
            hits = page.locator(".aln-explore-results .aln-explore-item:visible").count()
            bucket[0] = later
            page.fill("#aln-find-q", NEXT_QUERY)
            page.wait_for_function(done, arg=NEXT_QUERY.split()[0], timeout=60_000)
            page.wait_for_load_state("networkidle")
            browser.close()
    finally:
        server.shutdown()
    pagefind = sum(n for url, n in sizes.items() if "/pagefind/" in url)
    by_kind: dict[str, float] = {}
    for url, n in sizes.items():
        if "/pagefind/" in url:
            kind = url.split("?")[0].rsplit("/", 1)[-1].rsplit(".", 1)[-1]
            by_kind[kind] = round(by_kind.get(kind, 0) + n / 1024, 1)
    return {"query_kb": pagefind / 1024, "search_page_kb": (sum(sizes.values()) - pagefind) / 1024,
            "query_requests": sum("/pagefind/" in url for url in sizes), "hits_shown": hits, "query_kb_by_file": by_kind,
            "next_query_kb": sum(n for url, n in later.items() if "/pagefind/" in url) / 1024}
