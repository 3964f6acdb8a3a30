"""Hosted search in headless Chromium: the header box's results grouped by case study with deep links, and the
finder's words, both through Pagefind. The finder's filters are tests/test_explorer_browser.py's."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus

import pytest
from generator.search.pagefind_run import UNREAD_FILES

pytestmark = [pytest.mark.browser, pytest.mark.slow]
QUERY = "senior sponsorship"
RESULT = ".md-search-result__list > li > a.aln-result"
"""A header result's own link (the case study, theme or page), not the links of the items under it."""


def header_results(page: Any, words: str) -> list[str]:
    page.click(".md-search__input")
    page.keyboard.type(words)
    # the results for all the words, not for the first letters typed (their link to the finder names the words)
    page.wait_for_selector(f".md-search-result__meta a[href$='?q={quote_plus(words)}']")
    return page.locator(RESULT).evaluate_all("links => links.map(a => a.dataset.url)")


def finder_items(page: Any) -> list[str]:
    page.wait_for_function("/ for “/.test(document.getElementById('aln-explore-status').textContent)")
    return page.locator(".aln-explore-item:not([hidden]) h3 > a:not(.headerlink)").all_text_contents()


def test_build_writes_the_pagefind_bundle(built_site: Path) -> None:
    assert (built_site / "pagefind" / "pagefind-entry.json").is_file()
    assert (built_site / "pagefind" / "pagefind.js").is_file()
    assert not (built_site / "assets" / "search-index.js").exists()  # only the offline bundle ships it
    assert not [name for name in UNREAD_FILES if (built_site / "pagefind" / name).exists()]


def test_search_asks_for_no_pagefind_file_the_build_left_out(page: Any, served_site: str) -> None:
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if "/pagefind/" in r.url and r.status >= 400 else None)
    page.goto(served_site + f"explore/?q={QUERY.replace(' ', '+')}")
    assert finder_items(page)
    page.goto(served_site)
    header_results(page, QUERY)
    page.locator(".md-search-result__item a.aln-result--item").first.wait_for()
    page.wait_for_load_state("networkidle")
    assert failed == []


def test_words_in_the_finder_download_no_filter_file(page: Any, served_site: str) -> None:
    """The finder filters its own data: Pagefind only finds the words, so none of its filter files is fetched."""
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url) if "/pagefind/filter/" in r.url else None)
    page.goto(served_site + "explore/?q=procurement&status=active")
    assert finder_items(page)
    page.wait_for_load_state("networkidle")
    assert fetched == []


def test_header_search_lists_the_case_study_and_opens_an_item_at_its_anchor(page: Any, served_site: str) -> None:
    page.goto(served_site)
    page.click(".md-search__input")
    page.keyboard.type(QUERY)
    item = page.locator(".md-search-result__item a.aln-result--item").first
    item.wait_for()
    assert "result" in page.inner_text(".md-search-result__meta")
    case = item.locator("xpath=ancestor::li[1]").locator("a.aln-result").first.get_attribute("data-url")
    target = item.get_attribute("data-url")
    assert re.fullmatch(r"casestudies/[a-z0-9-]+/#[a-z0-9-]+", target), target
    assert target.startswith(case + "#")  # the item sits under its own case study
    item.click()
    page.wait_for_url(re.compile(re.escape(target) + "$"))
    anchor = target.split("#")[1]
    assert page.locator(f"[id='{anchor}']").is_visible()
    assert page.evaluate("document.getElementById(location.hash.slice(1)).getBoundingClientRect().top") < 200
    assert page.errors == []


def test_header_results_are_case_studies_with_their_matching_items(page: Any, served_site: str) -> None:
    page.goto(served_site)
    urls = header_results(page, QUERY)
    assert len(urls) == len(set(urls))  # one result per page, not one per item
    case = next(u for u in urls if u.startswith("casestudies/"))
    group = page.locator(".md-search-result__list > li", has=page.locator(f"a.aln-result[data-url='{case}']"))
    items = group.locator("a.aln-result--item")
    assert items.count() >= 1
    kinds = group.locator(".aln-result__kind").all_text_contents()
    assert set(kinds) <= {"Workstream", "Lesson", "Barrier", "Recommendation"} and kinds
    assert all(u.startswith(case + "#") for u in items.evaluate_all("links => links.map(a => a.dataset.url)"))
    assert group.locator("mark").count() > 0  # excerpts mark the words that matched
    # and the box leads to the finder with the same words
    link = page.locator(".md-search-result__meta a")
    assert link.inner_text() == "Every matching item, with filters"
    assert link.get_attribute("href").endswith("explore/?q=senior+sponsorship")


def test_more_matching_items_unfold(page: Any, served_site: str) -> None:
    page.goto(served_site)
    header_results(page, "procurement")
    more = page.locator(".md-search-result__list .aln-result__more").first
    hidden = more.locator("a.aln-result--item").first
    assert re.fullmatch(r"\d+ more matching items? in this case study", more.locator("summary").inner_text())
    assert not hidden.is_visible()
    more.locator("summary").click()
    assert hidden.is_visible()


def test_stemming_finds_procurement_from_procure(page: Any, served_site: str) -> None:
    page.goto(served_site + "explore/?q=procure")
    assert any("procurement" in title.lower() for title in finder_items(page))
