"""Relevance suite: the queries in queries.yaml run through both search engines in headless Chromium.

Hosted: the site built as published, served on 127.0.0.1, searched through the site's own search
script and so through Pagefind's JS API. Offline: the offline bundle's pages opened from ``file://``,
searched through the offline index. ``python -m tests.relevance`` prints hit@1 and hit@3 for both and
the bytes a browser fetches for one query; tests/test_search_relevance.py holds the thresholds.
"""
from __future__ import annotations

import functools
import http.server
import os
import re
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.search.offline import build_site as build_offline_site

ROOT = Path(__file__).resolve().parents[2]
QUERIES = Path(__file__).with_name("queries.yaml")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
TOP_URLS = """async ([query, k]) => {
  const found = await window.ALNSearch.find(query, {}, false);
  const hits = await Promise.all(found.results.slice(0, k).map(r => r.load()));
  return hits.map(h => [h.url].concat(h.subs.slice(0, window.ALNSearch.SUBS_SHOWN).map(s => s.url)));
}"""
"""For each of the first ``k`` results: its link, then the links of the matching items shown under it (the ones
a reader sees without unfolding "more matching items")."""


@dataclass(frozen=True)
class Query:
    query: str
    expect: tuple[str, ...]
    why: str


def load_queries(path: Path = QUERIES) -> list[Query]:
    return [Query(q["query"], tuple(q["expect"]), q.get("why", "")) for q in yaml.safe_load(path.read_text("utf-8"))]


def normalise(url: str) -> str:
    """``casestudies/bay/#x`` and ``casestudies/bay.html#x`` both become ``casestudies/bay#x``."""
    path, _, anchor = url.partition("#")
    path = re.sub(r"(/index)?(\.html)?$", "", path).rstrip("/")
    return f"{path}#{anchor}" if anchor else path


def is_hit(url: str, expect: tuple[str, ...]) -> bool:
    found = normalise(url)
    return any(found == e or ("#" not in e and found.split("#")[0] == e) for e in expect)


Ranked = list[list[str]]
"""One query's results: for each result, its link followed by the links of the items shown under it."""


def hit_within(results: Ranked, expect: tuple[str, ...], k: int) -> bool:
    """Whether one of the first ``k`` results, or an item shown under one of them, is expected."""
    return any(is_hit(url, expect) for group in results[:k] for url in group)


def hit_rates(ranked: list[Ranked], queries: list[Query]) -> dict[str, float]:
    n = len(queries)
    return {f"hit@{k}": sum(hit_within(results, q.expect, k) for results, q in zip(ranked, queries)) / n for k in (1, 3)}


def build_hosted(site_dir: Path, root: Path = ROOT) -> Path:
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(root / "mkdocs.yml"), "-d", str(site_dir)]
    subprocess.run(command, cwd=root, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return site_dir


def build_offline(site_dir: Path, root: Path = ROOT) -> Path:
    build_offline_site(root, site_dir, strict=False)
    return site_dir


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def serve(site_dir: Path) -> str:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/"


def rank_all(browser: Any, search_page_url: str, queries: list[Query], k: int = 3) -> list[Ranked]:
    """The first ``k`` results of each query with their items' links, searched through the page's own search script."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(search_page_url)
    ranked = [page.evaluate(TOP_URLS, [q.query, k]) for q in queries]
    context.close()
    return ranked


def query_bytes(browser: Any, base_url: str, query: str) -> dict[str, int]:
    """Bytes fetched for typing ``query`` into the header box on the home page (cold), then another query (warm)."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(base_url)
    page.wait_for_load_state("networkidle")
    sizes: list[int] = []
    page.on("requestfinished", lambda r: sizes.append(r.sizes()["responseBodySize"]))
    out = {}
    for label, text in (("cold", query), ("warm", "wellbeing passport")):
        sizes.clear()
        page.fill(".md-search__input", text)
        page.wait_for_selector(".md-search-result__item")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)
        out[f"{label}_bytes"], out[f"{label}_requests"] = sum(sizes), len(sizes)
    context.close()
    return out
