"""Hosted search in headless Chromium: the header box, the search page's filters and its URL state."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from site_fixtures import browser, built_site, page, served_site  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.slow]
QUERY = "senior sponsorship"


def results(page: Any) -> list[str]:
    page.wait_for_selector(".aln-search__results .md-search-result__item")
    return page.locator(".aln-search__results .md-search-result__link").evaluate_all("links => links.map(a => a.dataset.url)")


def settle(page: Any) -> None:
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)


def test_build_writes_the_pagefind_bundle(built_site: Path) -> None:
    assert (built_site / "pagefind" / "pagefind-entry.json").is_file()
    assert (built_site / "pagefind" / "pagefind.js").is_file()
    assert not (built_site / "assets" / "search-index.js").exists()  # only the offline bundle ships it


def test_header_search_opens_the_item_at_its_anchor(page: Any, served_site: str) -> None:
    page.goto(served_site)
    page.click(".md-search__input")
    page.keyboard.type(QUERY)
    first = page.locator(".md-search-result__item a").first
    first.wait_for()
    assert "result" in page.inner_text(".md-search-result__meta")
    target = first.get_attribute("data-url")
    assert re.fullmatch(r"casestudies/[a-z0-9-]+/#[a-z0-9-]+", target), target
    first.click()
    page.wait_for_url(re.compile(re.escape(target) + "$"))
    anchor = target.split("#")[1]
    assert page.locator(f"[id='{anchor}']").is_visible()
    assert page.evaluate("document.getElementById(location.hash.slice(1)).getBoundingClientRect().top") < 200
    assert page.errors == []


def test_enter_in_the_header_opens_the_search_page_with_the_query(page: Any, served_site: str) -> None:
    page.goto(served_site + "themes/")
    page.fill(".md-search__input", "procurement")
    page.press(".md-search__input", "Enter")
    page.wait_for_url(re.compile(r"/search/\?q=procurement$"))
    assert results(page)


def test_theme_filter_narrows_results_and_counts_show(page: Any, served_site: str) -> None:
    page.goto(served_site + "search/?q=procurement")
    before = results(page)
    settle(page)
    box = page.locator(".aln-facet input[name=theme][value='Relationships and trust']")
    count = int(box.locator("xpath=..").locator(".aln-facet__count").inner_text())
    assert 0 < count < len(before)
    box.check()
    page.wait_for_function(f"document.querySelectorAll('.aln-search__results li').length === {count}")
    assert set(results(page)) < set(before)
    assert parse_qs(urlsplit(page.url).query)["theme"] == ["Relationships and trust"]


def test_values_of_one_filter_combine_with_or(page: Any, served_site: str) -> None:
    page.goto(served_site + "search/?q=procurement&kind=Lesson")
    settle(page)
    lessons = len(results(page))
    page.check(".aln-facet input[name=kind][value=Barrier]")
    settle(page)
    assert len(results(page)) > lessons
    assert parse_qs(urlsplit(page.url).query)["kind"] == ["Lesson", "Barrier"]


def test_url_state_round_trips(page: Any, served_site: str) -> None:
    url = served_site + "search/?q=procurement&theme=Relationships+and+trust&kind=Lesson"
    page.goto(url)
    shared = results(page)
    settle(page)
    assert page.input_value(".aln-search__input") == "procurement"
    assert page.is_checked(".aln-facet input[name=theme][value='Relationships and trust']")
    assert page.is_checked(".aln-facet input[name=kind][value=Lesson]")
    assert page.url == url
    page.goto(served_site)
    page.goto(url)
    assert results(page) == shared


def test_no_results_says_so_and_offers_to_remove_filters(page: Any, served_site: str) -> None:
    page.goto(served_site + "search/?q=procurement&nation=Scotland&kind=Barrier")
    page.wait_for_selector(".aln-search__unfilter")
    assert "No results" in page.inner_text(".aln-search__summary")
    page.click(".aln-search__unfilter")
    assert results(page)
    assert urlsplit(page.url).query == "q=procurement"


def test_stemming_finds_procurement_from_procure(page: Any, served_site: str) -> None:
    page.goto(served_site + "search/?q=procure")
    results(page)
    assert any("procurement" in t.lower() for t in page.locator(".aln-search__results h1").all_inner_texts())
