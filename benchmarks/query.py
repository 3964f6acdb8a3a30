"""Bytes a browser fetches to answer one search query, from headless Chromium's network log.

The built site is served over HTTP (Pagefind cannot load from ``file://``) and the real search page
is opened with ``?q=QUERY``, so the count includes what the site's own search script asks for:
the Pagefind runtime, its WebAssembly, the index chunks for the terms and the result fragments.
"""
from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
QUERY = "procurement suppliers"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def query_bytes(site: Path, query: str = QUERY) -> dict[str, float]:
    """KB fetched under ``pagefind/`` for the query, KB of the rest of the search page, and the hit count shown."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sizes: dict[str, int] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            page = browser.new_page()
            page.on("requestfinished", lambda r: sizes.__setitem__(r.url, r.sizes()["responseBodySize"]))
            search = "search/" if (site / "search" / "index.html").exists() else "search.html"
            page.goto(f"http://127.0.0.1:{server.server_port}/{search}?q={query.replace(' ', '+')}")
            page.wait_for_selector(".aln-search__results li", timeout=30_000)
            page.wait_for_load_state("networkidle")
            hits = page.locator(".aln-search__results li").count()
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
            "query_requests": sum("/pagefind/" in url for url in sizes), "hits_shown": hits, "query_kb_by_file": by_kind}
