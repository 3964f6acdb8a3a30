"""``python -m tests.relevance [--root DIR]``: hit@1 and hit@3 for Pagefind and the offline search, and bytes per query.

A result counts as a hit when it, or one of the matching items shown under it, is expected."""
from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from . import (CHROMIUM, CHROMIUM_ARGS, ROOT, build_hosted, build_offline, hit_rates, hit_within, load_queries,
               query_bytes, rank_all, serve)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.relevance", description=__doc__)
    parser.add_argument("--root", type=Path, default=ROOT, help="project to build (default: this checkout)")
    parser.add_argument("-v", "--verbose", action="store_true", help="print the top three links of every query")
    args = parser.parse_args()
    queries = load_queries()
    with tempfile.TemporaryDirectory(prefix="aln-relevance-") as folder, sync_playwright() as p:
        hosted = build_hosted(Path(folder, "site"), args.root)
        offline = build_offline(Path(folder, "offline"), args.root)
        base = serve(hosted)
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        runs = {"pagefind": rank_all(browser, base + "search/", queries),
                "offline": rank_all(browser, (offline / "search.html").as_uri(), queries)}
        sizes = query_bytes(browser, base, "senior sponsorship")
        browser.close()
        offline_bytes = sum((offline / "assets" / name).stat().st_size for name in ("search-index.js", "offline-search.js"))
    print(f"{len(queries)} queries")
    for name, ranked in runs.items():
        rates = hit_rates(ranked, queries)
        print(f"{name:9} hit@1 {rates['hit@1']:.2f}  hit@3 {rates['hit@3']:.2f}")
        for q, results in zip(queries, ranked):
            if args.verbose or not hit_within(results, q.expect, 3):
                mark = "ok  " if hit_within(results, q.expect, 1) else "@3  " if hit_within(results, q.expect, 3) else "MISS"
                print(f"  {mark} {q.query!r}: " + " | ".join(", ".join(group) for group in results))
    print(f"bytes for one query, hosted (Pagefind, header box, uncompressed): first query {sizes['cold_bytes']:,} B in "
          f"{sizes['cold_requests']} requests; a second query {sizes['warm_bytes']:,} B in {sizes['warm_requests']} requests")
    print(f"bytes for search offline (whole index + engine, read once from disk): {offline_bytes:,} B")


main()
