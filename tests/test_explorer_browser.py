"""Explore lessons in headless Chromium: over HTTP, from file://, with JavaScript off, and in its at-scale mode."""
from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import markdown
import pytest

from generator.render import explore
from generator.render.explore import render_explorer
from generator.model.entities import Catalogue
from generator.render.renderer import Renderer

pytestmark = [pytest.mark.browser, pytest.mark.slow]

THEME = "senior-sponsorship"
ITEM_HREF = re.compile(r"casestudies/([^/#]+?)(?:/|\.html|\.md)?#(.+)$")


def shown(page: Any) -> list[str]:
    """``case/item`` keys of the items on show, in page order."""
    hrefs = page.eval_on_selector_all(".aln-explore-item:not([hidden]) h3 > a:not(.headerlink)",
                                      "links => links.map(a => a.getAttribute('href'))")
    return ["/".join(ITEM_HREF.search(href).groups()) for href in hrefs]


def toggle(page: Any, facet: str, value: str) -> None:
    page.locator(f"label.aln-toggle:has(input[name='{facet}'][value='{value}'])").click()


def count_of(page: Any, facet: str, value: str) -> int:
    return int(page.locator(f"label.aln-toggle:has(input[name='{facet}'][value='{value}']) .aln-toggle__n").text_content())


def status(page: Any) -> str:
    return page.locator("#aln-explore-status").text_content()


@pytest.fixture(params=["http", "file"])
def explorer_url(request: pytest.FixtureRequest) -> str:
    if request.param == "http":
        return request.getfixturevalue("served_site") + "explore/"
    return (request.getfixturevalue("file_site") / "explore.html").as_uri()


def test_choosing_a_theme_shows_exactly_its_items_and_the_url_keeps_it(page: Any, explorer_url: str,
                                                                       site_catalogue: Catalogue) -> None:
    expected = sorted(item.key for item in site_catalogue.items_by_theme[THEME])
    total = len(site_catalogue.items)
    page.goto(explorer_url)
    assert sorted(shown(page)) == sorted(item.key for item in site_catalogue.items)
    assert status(page) == f"Showing all {total} items"
    assert page.locator(".aln-explore-clear").is_hidden()

    toggle(page, "theme", THEME)
    assert sorted(shown(page)) == expected
    assert status(page) == f"Showing {len(expected)} of {total} items"
    assert f"?theme={THEME}" in page.url
    by_kind = Counter(item.kind for item in site_catalogue.items_by_theme[THEME])
    assert {kind: count_of(page, "kind", kind) for kind in by_kind} == dict(by_kind)
    assert count_of(page, "theme", THEME) == len(expected)

    page.reload()
    assert page.locator(f"input[name=theme][value='{THEME}']").is_checked()
    assert sorted(shown(page)) == expected
    assert status(page) == f"Showing {len(expected)} of {total} items"
    assert page.errors == []


def test_barriers_about_senior_sponsorship_in_england_take_two_clicks(page: Any, served_site: str,
                                                                     site_catalogue: Catalogue) -> None:
    expected = sorted(item.key for item in site_catalogue.items_by_theme[THEME] if item.kind == "barrier"
                      and site_catalogue.case_study(item.case_id).nation == "England")
    assert expected, "the seed content should hold such barriers"
    page.goto(served_site + f"themes/{THEME}/")
    page.get_by_role("link", name=re.compile("^Filter barriers on this theme")).click()
    toggle(page, "nation", "England")
    assert sorted(shown(page)) == expected
    assert "theme=senior-sponsorship" in page.url and "kind=barrier" in page.url and "nation=England" in page.url


def test_several_values_combine_with_or_from_a_comma_list_or_repeated_keys(page: Any, served_site: str,
                                                                         site_catalogue: Catalogue) -> None:
    expected = sorted(item.key for item in site_catalogue.items if item.kind in ("lesson", "barrier"))
    for query in ("?kind=lesson,barrier", "?kind=lesson&kind=barrier", "?kind=Lesson%2CBarrier"):
        page.goto(served_site + "explore/" + query)
        assert sorted(shown(page)) == expected, query
    toggle(page, "kind", "recommendation")
    assert page.url.endswith("/explore/?kind=lesson&kind=barrier&kind=recommendation")  # the site's one convention
    page.locator(".aln-explore-clear").click()
    assert page.url.endswith("/explore/")
    assert len(shown(page)) == len(site_catalogue.items)
    assert page.evaluate("document.activeElement.name") == "theme"


def test_filters_work_from_the_keyboard(page: Any, served_site: str, site_catalogue: Catalogue) -> None:
    page.goto(served_site + "explore/")
    page.locator("input[name=kind][value=barrier]").focus()
    page.keyboard.press("Space")
    assert len(shown(page)) == site_catalogue.count("barrier")
    outline = page.evaluate("getComputedStyle(document.activeElement.nextElementSibling).outlineStyle")
    assert outline == "solid"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.value") == "recommendation"


def test_a_long_theme_name_never_splits_its_count(page: Any, served_site: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(served_site + "explore/")
    page.wait_for_selector(".aln-explorer--ready")
    # at scale a count has four or five digits; beside a two-line theme name it once wrapped to "58 / 7"
    heights = page.evaluate("""[...document.querySelectorAll('.aln-toggle__count')].map(count => {
        count.querySelector('.aln-toggle__n').textContent = '20543';
        const line = parseFloat(getComputedStyle(count).lineHeight) || count.offsetHeight;
        return count.getBoundingClientRect().height / line; })""")
    assert heights and max(heights) < 1.5


def test_every_item_shows_without_javascript(browser: Any, served_site: str, site_catalogue: Catalogue) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(served_site + "explore/")
        assert len(shown(tab)) == len(site_catalogue.items)
        assert tab.locator(".aln-explore-filters").is_hidden()
        assert tab.locator(".aln-explore-nojs").is_visible()
    finally:
        context.close()


def at_scale_page(site_catalogue: Catalogue, built_site: Path, folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The site's real explorer.js (after aln-common.js) on a page rendered in at-scale mode, 10 items to a text script,
    on disk."""
    monkeypatch.setattr(explore, "TEXT_CHUNK", 10)
    pages = render_explorer(site_catalogue, Renderer(), threshold=10)
    (folder / "assets").mkdir()
    for name in ("aln-common.js", "explorer.js", "explorer.css"):
        shutil.copy(built_site / "assets" / name, folder / "assets" / name)
    for uri, text in pages.items():
        if uri.startswith("assets/"):
            (folder / uri).write_text(text, encoding="utf-8")
    body = markdown.markdown(pages["explore.md"].split("---\n", 2)[2], extensions=["attr_list", "md_in_html", "toc"])
    (folder / "explore.html").write_text(
        '<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="assets/explorer.css"></head>'
        f'<body><article class="md-typeset">{body}</article>'
        '<script src="assets/aln-common.js"></script><script src="assets/explorer.js"></script></body></html>', encoding="utf-8")
    return folder / "explore.html"


def settled(page: Any) -> None:
    """Wait until the cards on show are in place: their text scripts load after the filters apply."""
    page.wait_for_selector(".aln-explore-results:not([aria-busy]) .aln-explore-item", state="attached")


def text_scripts_loaded(page: Any) -> list[int]:
    return page.evaluate("Object.keys(window.ALN_EXPLORE_TEXT || {}).map(Number).sort((a, b) => a - b)")


def test_at_scale_items_load_from_the_data_script(page: Any, built_site: Path, tmp_path: Path,
                                                  site_catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch) -> None:
    explore_page = at_scale_page(site_catalogue, built_site, tmp_path, monkeypatch)
    page.goto(explore_page.as_uri() + f"?theme={THEME}")
    settled(page)
    expected = sorted(item.key for item in site_catalogue.items_by_theme[THEME])
    assert sorted(shown(page)) == expected
    assert page.locator(".aln-explore-fallback").is_hidden()
    assert page.locator(".aln-explore-more").is_hidden()
    assert page.locator("input[name=case]").count() == len(site_catalogue.case_studies)
    link = page.locator(".aln-explore-item h3 a").first.get_attribute("href")
    assert re.fullmatch(r"casestudies/[a-z0-9-]+\.md#[a-z0-9-]+", link)
    # only the text scripts holding the items on show were loaded
    order = [e.item.key for e in explore.entries(site_catalogue)]
    assert text_scripts_loaded(page) == sorted({order.index(key) // 10 for key in expected})

    page.locator(".aln-explore-clear").click()
    total = len(site_catalogue.items)
    settled(page)
    assert shown(page) == order[:50]
    assert set(range(-(-min(total, 50) // 10))) <= set(text_scripts_loaded(page))
    if total > 50:
        page.locator(".aln-explore-more").click()
        settled(page)
        assert shown(page) == order[:100]  # the next text scripts load as the list grows
        assert set(range(-(-min(total, 100) // 10))) <= set(text_scripts_loaded(page))
    if len(shown(page)) == total:
        assert page.locator(".aln-explore-more").is_hidden()
    assert page.errors == []


def test_at_scale_a_text_script_that_fails_to_load_is_said(page: Any, built_site: Path, tmp_path: Path,
                                                           site_catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch) -> None:
    explore_page = at_scale_page(site_catalogue, built_site, tmp_path, monkeypatch)
    (tmp_path / "assets" / "explore-text-0.js").unlink()  # a flaky connection lost it
    page.goto(explore_page.as_uri())
    page.wait_for_function("document.getElementById('aln-explore-status').textContent.includes('could not be loaded')")
    order = [e.item.key for e in explore.entries(site_catalogue)]
    assert shown(page) == order[10:50]  # the rest still show
    assert "Some items could not be loaded" in status(page)


def test_a_theme_with_no_items_keeps_its_filter_and_says_why(page: Any, built_site: Path, tmp_path: Path) -> None:
    """A theme page's "see these items in the explorer" link for a theme nothing is tagged with yet: the filter stays
    chosen (not silently dropped to show every item) and the status says that nothing has that theme."""
    from test_explorer_page import make_case, make_catalogue

    catalogue = make_catalogue([make_case("alpha", "Alpha Network", "England", ("nhs-trust",),
                                          [("lesson", "talk-early", "Talk early", ("trust",))])])
    pages = render_explorer(catalogue, Renderer())
    (tmp_path / "assets").mkdir()
    for name in ("aln-common.js", "explorer.js", "explorer.css"):
        shutil.copy(built_site / "assets" / name, tmp_path / "assets" / name)
    body = markdown.markdown(pages["explore.md"].split("---\n", 2)[2], extensions=["attr_list", "md_in_html", "toc"])
    (tmp_path / "explore.html").write_text(
        '<!doctype html><html><head><meta charset="utf-8"></head>'
        f'<body><article class="md-typeset">{body}</article>'
        '<script src="assets/aln-common.js"></script><script src="assets/explorer.js"></script></body></html>',
        encoding="utf-8")
    page.goto((tmp_path / "explore.html").as_uri() + "?theme=unused")
    page.wait_for_selector(".aln-explore-filters:not([hidden])")
    assert page.locator("input[name=theme][value=unused]").is_checked()
    assert shown(page) == []
    status = page.locator(".aln-explore-status").inner_text()
    assert status.startswith("No items match these filters: no item has ") and status.endswith(" yet")
    assert "theme=unused" in page.url
