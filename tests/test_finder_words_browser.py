"""The finder's words in headless Chromium: which items it shows for a query, and the counts on every filter, are
those of the engine's own full results, yet it downloads no result fragment (search.js's ``matched``).

The reference is what the finder read before: every matching page's full result (Pagefind's fragment, or the
offline engine's), whose sub-results are the sections that hold the words; a case study whose words are only in
its own text shows all its items. The counts are then computed here from the model (``explore.entries``)."""
from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus

import pytest

from builds import serve
from finder_pages import write_scale_finder
from generator.model.entities import Catalogue
from generator.render import explore

pytestmark = [pytest.mark.browser, pytest.mark.slow]

QUERIES = ("procurement", "housing apprenticeships", "wellbeing", "anchor network", "procurement zzyzxquux")
"""One word, two, a word in a theme's name, words in nearly every case study's own text, and a sentence whose
last word no page holds (the finder falls back to pages with any of the words)."""
FACETS = ("kind", "theme", "status", "scope", "nation", "region", "member", "year", "case")
ITEM_HREF = re.compile(r"casestudies/([^/#]+?)(?:/|\.html|\.md)?#(.+)$")
CASE_URL = re.compile(r"(?:^|/)casestudies/([^/#?]+?)(?:/|\.html)?$")

REFERENCE = """async words => {
  const found = await window.ALNSearch.find(words, {}, false);
  return Promise.all(found.results.map(r => r.load().then(hit => [hit.url, hit.subs.filter(s => s.section >= 0)
    .map(s => s.url.split('#')[1])])));
}"""
"""Every matching page's full result through search.js, as the finder read them before: [url, [matching anchors]]."""


def finder(page: Any, url: str, words: str) -> list[str]:
    """``case/item`` keys the finder shows for ``words``, in order."""
    page.goto(url + "?q=" + quote_plus(words))
    page.wait_for_function("/ for “/.test(document.getElementById('aln-explore-status').textContent)")
    page.wait_for_selector(".aln-explore-results:not([aria-busy])", state="attached")
    hrefs = page.eval_on_selector_all(".aln-explore-item:not([hidden]) h3 > a:not(.headerlink)",
                                      "links => links.map(a => a.getAttribute('href'))")
    return ["/".join(ITEM_HREF.search(href).groups()) for href in hrefs]


def reference(page: Any, words: str, catalogue: Catalogue) -> tuple[set[str], set[str]]:
    """(items whose sections hold the words, items of case studies that hold them only in their own text)."""
    items = {case.id: [item.key for item in case.items] for case in catalogue.case_studies}
    own: set[str] = set()
    whole: set[str] = set()
    for url, anchors in page.evaluate(REFERENCE, words):
        case = CASE_URL.search(url)
        if not case:
            continue
        if anchors:
            own.update(f"{case.group(1)}/{anchor}" for anchor in anchors)
        else:
            whole.update(items[case.group(1)])
    return own, whole


def counts(page: Any, facet: str) -> dict[str, int]:
    return page.eval_on_selector_all(f"input[type=checkbox][name='{facet}']", """boxes => Object.fromEntries(boxes
        .map(b => [b.value, Number(b.parentNode.querySelector('.aln-toggle__n').textContent)]).filter(([, n]) => n))""")


def check(page: Any, url: str, catalogue: Catalogue) -> None:
    facts = {row.item.key: row.values for row in explore.entries(catalogue)}
    fragments: list[str] = []
    page.on("request", lambda request: fragments.append(request.url) if ".pf_fragment" in request.url else None)
    for words in QUERIES:
        fragments.clear()
        shown = finder(page, url, words)
        assert fragments == [], f"{words}: the finder loaded fragments"
        own, whole = reference(page, words, catalogue)
        assert own or whole, f"{words}: no page holds the words, so the test checks nothing"
        # the items that hold the words first, then those of case studies that hold them only in their own text
        assert set(shown[:len(own)]) == own and set(shown[len(own):]) == whole - own, words
        assert len(shown) == len(set(shown))
        for facet in FACETS:
            assert counts(page, facet) == dict(Counter(v for key in shown for v in facts[key][facet])), (words, facet)
    assert page.errors == []


def test_the_words_find_the_items_pagefinds_full_results_hold(page: Any, served_site: str, site_catalogue: Catalogue) -> None:
    check(page, served_site + "explore/", site_catalogue)


def test_offline_the_words_find_the_items_the_offline_engines_full_results_hold(page: Any, offline_site: Path,
                                                                               site_catalogue: Catalogue) -> None:
    check(page, (offline_site / "explore.html").as_uri(), site_catalogue)


def test_at_scale_the_words_find_the_same_items_and_counts(page: Any, built_site: Path, tmp_path: Path,
                                                            site_catalogue: Catalogue) -> None:
    """The finder in its at-scale mode (items from explore-data.js, 50 cards at a time) over the site's Pagefind index."""
    shutil.copytree(built_site / "pagefind", tmp_path / "pagefind")
    write_scale_finder(site_catalogue, built_site, tmp_path)
    check(page, serve(tmp_path) + "explore.html", site_catalogue)


def test_a_failed_section_map_is_said_and_tried_again(page: Any, served_site: str) -> None:
    """pagefind/aln-sections.js cannot be loaded (a dropped connection): the finder says so, and the next query
    tries again."""
    failing = [True]
    page.route("**/pagefind/aln-sections.js", lambda route: route.abort() if failing[0] else route.continue_())
    page.goto(served_site + "explore/?q=procurement")
    page.wait_for_function("document.getElementById('aln-explore-status').textContent.startsWith('Finding by words could not')")
    failing[0] = False
    page.fill("#aln-find-q", "wellbeing")
    page.wait_for_function("/ for “wellbeing”/.test(document.getElementById('aln-explore-status').textContent)")
    assert page.locator(".aln-explore-item:not([hidden])").count() > 0
