"""Hosted search in headless Chromium: results grouped by case study, deep links, lazy filters and the URL state."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from generator.search.pagefind_run import UNREAD_FILES

pytestmark = [pytest.mark.browser, pytest.mark.slow]
QUERY = "senior sponsorship"
RESULT = ".aln-search__results > li > a.aln-result"
"""A result's own link (the case study, theme or page), not the links of the items under it."""


def results(page: Any) -> list[str]:
    page.wait_for_selector(RESULT)
    return page.locator(RESULT).evaluate_all("links => links.map(a => a.dataset.url)")


def settle(page: Any) -> None:
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)


def open_filters(page: Any) -> None:
    page.click(".aln-search__details > summary")
    page.wait_for_selector(".aln-facet input")
    settle(page)


def filter_requests(page: Any) -> list[str]:
    found: list[str] = []
    page.on("request", lambda r: found.append(r.url) if "/pagefind/filter/" in r.url else None)
    return found


def test_build_writes_the_pagefind_bundle(built_site: Path) -> None:
    assert (built_site / "pagefind" / "pagefind-entry.json").is_file()
    assert (built_site / "pagefind" / "pagefind.js").is_file()
    assert not (built_site / "assets" / "search-index.js").exists()  # only the offline bundle ships it
    assert not [name for name in UNREAD_FILES if (built_site / "pagefind" / name).exists()]


def test_search_asks_for_no_pagefind_file_the_build_left_out(page: Any, served_site: str) -> None:
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if "/pagefind/" in r.url and r.status >= 400 else None)
    page.goto(served_site + f"search/?q={QUERY.replace(' ', '+')}")
    assert results(page)
    open_filters(page)
    page.goto(served_site)
    page.click(".md-search__input")
    page.keyboard.type(QUERY)
    page.locator(".md-search-result__item a.aln-result--item").first.wait_for()
    settle(page)
    assert failed == []


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


def test_results_are_case_studies_with_their_matching_items(page: Any, served_site: str) -> None:
    page.goto(served_site + "search/?q=" + QUERY.replace(" ", "+"))
    urls = results(page)
    assert len(urls) == len(set(urls))  # one result per page, not one per item
    case = page.locator("a.aln-result[data-url='casestudies/city-and-hackney-anchor-collaborative/']")
    group = page.locator(".aln-search__results > li", has=case)
    assert "Case study" in group.locator(".aln-result__meta").inner_text()
    items = group.locator("a.aln-result--item")
    assert items.count() >= 2
    kinds = group.locator(".aln-result__kind").all_text_contents()
    assert set(kinds) <= {"Workstream", "Lesson", "Barrier", "Recommendation"} and kinds
    assert all(u.startswith("casestudies/city-and-hackney-anchor-collaborative/#")
               for u in items.evaluate_all("links => links.map(a => a.dataset.url)"))
    assert group.locator("mark").count() > 0  # excerpts mark the words that matched


def test_more_matching_items_unfold(page: Any, served_site: str) -> None:
    page.goto(served_site + "search/?q=procurement")
    results(page)
    more = page.locator(".aln-result__more").first
    hidden = more.locator("a.aln-result--item").first
    assert re.fullmatch(r"\d+ more matching items? in this case study", more.locator("summary").inner_text())
    assert not hidden.is_visible()
    more.locator("summary").click()
    assert hidden.is_visible()


def test_an_unfiltered_query_downloads_no_filter_file(page: Any, served_site: str) -> None:
    fetched = filter_requests(page)
    page.goto(served_site + "search/?q=procurement")
    results(page)
    settle(page)
    assert fetched == []
    assert not page.locator(".aln-search__details").evaluate("d => d.open")
    open_filters(page)  # opening the pane loads the counts
    assert fetched
    assert page.locator(".aln-facet legend").all_text_contents() == ["Theme", "Nation", "Member type", "Status", "What it is"]


def test_theme_filter_narrows_results_and_counts_show(page: Any, served_site: str) -> None:
    page.goto(served_site + "search/?q=procurement")
    before = results(page)
    open_filters(page)
    box = page.locator(".aln-facet input[name=theme][value='relationships-trust']")
    count = int(box.locator("xpath=..").locator(".aln-facet__count").inner_text())
    assert 0 < count < len(before)
    box.check()
    page.wait_for_function(f"document.querySelectorAll('.aln-search__results > li').length === {count}")
    assert set(results(page)) < set(before)
    assert parse_qs(urlsplit(page.url).query)["theme"] == ["relationships-trust"]  # a stable id, as in the explorer


def test_values_of_one_filter_combine_with_or(page: Any, served_site: str) -> None:
    fetched = filter_requests(page)
    page.goto(served_site + "search/?q=procurement&status=wound-down")
    settle(page)
    assert fetched  # a filter active in the URL loads the counts and opens the pane
    wound_down = len(results(page))
    page.check(".aln-facet input[name=status][value=active]")
    settle(page)
    assert len(results(page)) > wound_down
    assert parse_qs(urlsplit(page.url).query)["status"] == ["wound-down", "active"]


def test_url_state_round_trips(page: Any, served_site: str) -> None:
    url = served_site + "search/?q=procurement&theme=relationships-trust&nation=England"
    page.goto(url)
    shared = results(page)
    settle(page)
    assert page.input_value(".aln-search__input") == "procurement"
    assert page.is_checked(".aln-facet input[name=theme][value='relationships-trust']")
    assert page.is_checked(".aln-facet input[name=nation][value=England]")
    assert page.inner_text(".aln-search__details > summary") == "Filters (2 active)"
    assert page.url == url
    page.goto(served_site)
    page.goto(url)
    assert results(page) == shared


def test_no_results_says_so_and_offers_to_remove_filters(page: Any, served_site: str) -> None:
    page.goto(served_site + "search/?q=procurement&nation=Scotland")
    page.wait_for_selector(".aln-search__unfilter")
    assert "No results" in page.inner_text(".aln-search__summary")
    page.click(".aln-search__unfilter")
    assert results(page)
    assert urlsplit(page.url).query == "q=procurement"


def test_stemming_finds_procurement_from_procure(page: Any, served_site: str) -> None:
    page.goto(served_site + "search/?q=procure")
    results(page)
    titles = page.locator(".aln-search__results :is(h1, h2)").all_inner_texts()
    assert any("procurement" in t.lower() for t in titles)
