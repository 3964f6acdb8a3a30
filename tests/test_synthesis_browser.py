"""The theme matrix and timeline in headless Chromium: sticky headers, phone cards, no outside hosts, screenshots.

Screenshots go to /tmp/shots/synthesis-*.png (desktop 1280 and phone 390, light and dark) for a person to look at.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parent.parent
SHOTS = Path("/tmp/shots")
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(params=[(v, s) for v in VIEWPORTS for s in ("light", "dark")], ids=lambda p: f"{p[0]}-{p[1]}")
def tab(page: Any, request: pytest.FixtureRequest) -> Any:
    viewport, scheme = request.param
    page.set_viewport_size(VIEWPORTS[viewport])
    page.emulate_media(color_scheme=scheme)
    page.outside = []
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("http://127.0.0.1", "data:"))
               else (page.outside.append(route.request.url), route.abort()))
    page.shot_name = f"{viewport}-{scheme}"
    return page


def test_matrix_has_sticky_headers_cards_on_a_phone_and_calls_no_outside_host(tab: Any, served_site: str) -> None:
    """The layout itself (width, sticky row, cards) is tested in test_layout_browser.py."""
    tab.goto(served_site + "synthesis/matrix/")
    table = tab.locator("table.aln-matrix")
    assert table.locator("caption").text_content().startswith("Lessons, barriers, recommendations and workstreams")
    assert tab.eval_on_selector("table.aln-matrix thead th", "th => getComputedStyle(th).position") == "sticky"
    assert tab.eval_on_selector("table.aln-matrix tbody th[scope=row]", "th => getComputedStyle(th).position") == "sticky"
    assert table.locator("td a").count() > 0
    SHOTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(SHOTS / f"synthesis-matrix-{tab.shot_name}.png"))
    if tab.viewport_size["width"] < 500:
        assert tab.locator(".aln-mcard__cases a").count() == table.locator("td[class^=aln-heat] a").count()  # one per cell
    assert tab.outside == []


def test_timeline_svg_and_its_text_alternative(tab: Any, served_site: str) -> None:
    tab.goto(served_site + "synthesis/timeline/")
    rows = tab.locator("svg.aln-tl g.aln-tl__row")
    table_rows = tab.locator("table tbody tr")
    assert rows.count() > 0 and rows.count() == table_rows.count()
    assert tab.locator("svg.aln-tl > title").first.text_content().startswith("Timeline of")
    SHOTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(SHOTS / f"synthesis-timeline-{tab.shot_name}.png"), full_page=True)
    assert tab.outside == []


def no_sideways_scroll(tab: Any) -> bool:
    return tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_pitfalls_read_as_blocks_with_their_answers_beside_them(tab: Any, served_site: str) -> None:
    tab.goto(served_site + "synthesis/pitfalls/")
    blocks = tab.locator("section.aln-pitfall")
    assert blocks.count() > 0
    ids = tab.eval_on_selector_all("section.aln-pitfall", "els => els.map(e => e.id)")
    assert len(ids) == len(set(ids))  # each barrier once
    assert "This rests on" in tab.locator(".aln-pitfalls__base").inner_text()
    answered = tab.locator("section.aln-pitfall", has=tab.locator(".aln-pitfall__col--answer li")).first
    answer, action = answered.locator(".aln-pitfall__col--answer"), answered.locator(".aln-pitfall__col--action")
    a, b = answer.bounding_box(), action.bounding_box()
    if tab.viewport_size["width"] < 500:
        assert b["y"] >= a["y"] + a["height"] - 1  # stacked on a phone
    else:
        assert abs(a["y"] - b["y"]) < 2 and b["x"] > a["x"] + a["width"] - 1  # side by side
    assert no_sideways_scroll(tab)
    font = tab.eval_on_selector(".aln-pitfall__help li", "li => parseFloat(getComputedStyle(li).fontSize)")
    assert font >= 12
    SHOTS.mkdir(exist_ok=True)
    answered.scroll_into_view_if_needed()
    tab.screenshot(path=str(SHOTS / f"synthesis-pitfalls-{tab.shot_name}.png"))
    tab.goto(served_site + "synthesis/recurs/#senior-sponsorship")  # the old address still leads there
    tab.locator("#aln-moved").click()
    tab.wait_for_url("**/synthesis/pitfalls/#senior-sponsorship")
    assert tab.outside == []


def test_compare_two_to_four_keeps_the_choice_in_the_address(tab: Any, served_site: str) -> None:
    tab.goto(served_site + "synthesis/compare/")
    status = tab.locator(".aln-compare__status")
    assert "Choose two to four" in status.inner_text()
    assert tab.locator(".aln-compare__nojs").is_hidden()
    boxes = tab.locator(".aln-compare__choices input[type=checkbox]")
    ids = [boxes.nth(n).get_attribute("value") for n in range(boxes.count())]
    assert len(ids) >= 5
    boxes.nth(0).check()
    assert "one more" in status.inner_text() and tab.locator("table.aln-compare__table").count() == 0
    boxes.nth(1).check()
    table = tab.locator("table.aln-compare__table").first
    table.wait_for()
    assert table.locator("thead th").count() == 2
    assert tab.evaluate("new URLSearchParams(location.search).getAll('case')") == ids[:2]
    boxes.nth(2).check()
    boxes.nth(3).check()
    tab.wait_for_function("document.querySelectorAll('table.aln-compare__table')[0].tHead.rows[0].cells.length === 5")
    assert boxes.nth(4).is_disabled()  # four at most
    assert "untick one" in status.inner_text()
    tab.locator(".aln-compare__by input[value=kind]").check()
    tab.wait_for_function("new URLSearchParams(location.search).get('by') === 'kind'")
    rows = tab.eval_on_selector_all("table.aln-compare__table tbody th", "ths => ths.map(t => t.textContent)")
    assert {"Lessons", "Barriers", "Recommendations", "What they did"} <= set(rows)
    link = tab.locator("table.aln-compare__table tbody td a").first.get_attribute("href")
    assert "#" in link and "/casestudies/" in link
    assert no_sideways_scroll(tab)
    SHOTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(SHOTS / f"synthesis-compare-{tab.shot_name}.png"))
    shared = tab.url
    tab.goto("about:blank")
    tab.goto(shared)  # a shared link opens the same comparison
    tab.locator("table.aln-compare__table").first.wait_for()
    assert tab.locator("table.aln-compare__table").first.locator("thead th").count() == 4
    assert tab.locator(".aln-compare__by input[value=kind]").is_checked()
    assert tab.errors == []
    assert tab.outside == []


def test_compare_without_javascript_lists_every_case_study(browser: Any, served_site: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    tab = context.new_page()
    tab.goto(served_site + "synthesis/compare/")
    links = tab.locator(".aln-compare__cases a")
    assert links.count() >= 5 and tab.locator(".aln-compare__nojs").is_visible()
    assert "/casestudies/" in (links.first.get_attribute("href") or "")
    context.close()


def test_compare_works_from_the_offline_bundle(page: Any, offline_site: Path) -> None:
    ids = [li.split('"')[1] for li in
           (offline_site / "synthesis" / "compare.html").read_text(encoding="utf-8").split("<li data-case=")[1:3]]
    page.goto((offline_site / "synthesis" / "compare.html").as_uri() + f"?case={ids[0]}&case={ids[1]}")
    table = page.locator("table.aln-compare__table").first
    table.wait_for()
    assert table.locator("thead th").count() == 2 and table.locator("tbody td a").count() > 0
    assert page.errors == []


def test_map_areas_link_to_the_where_sections_and_the_table_to_the_finder(tab: Any, served_site: str) -> None:
    tab.goto(served_site + "synthesis/where/")
    svg = tab.locator("svg.aln-ukmap")
    assert svg.locator("title").first.text_content().startswith("Map of the case studies")
    assert tab.eval_on_selector("svg.aln-ukmap", "s => s.getAttribute('aria-labelledby')") == "ukmap-title ukmap-desc"
    areas = svg.locator("a.aln-ukmap__link")
    assert areas.count() > 0
    assert svg.bounding_box()["width"] <= tab.viewport_size["width"]
    assert no_sideways_scroll(tab)
    rows = tab.locator("table.aln-where__counts tbody tr")
    assert rows.count() >= 12
    finder = tab.eval_on_selector_all("table.aln-where__counts a", "as => as.map(a => a.getAttribute('href'))")
    assert any("explore/?region=" in h for h in finder) and any("explore/?nation=" in h for h in finder)
    SHOTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(SHOTS / f"synthesis-where-{tab.shot_name}.png"))
    label = areas.first.get_attribute("aria-label")
    areas.first.click()
    tab.wait_for_timeout(200)
    anchor = tab.evaluate("location.hash").lstrip("#")
    assert anchor and tab.locator(f"[id='{anchor}']").count() == 1, label
    heading = tab.locator(f"[id='{anchor}']").inner_text()
    assert label.split(":")[0] in heading
    region_link = tab.locator("table.aln-where__counts a[href*='region=']").first
    region = region_link.get_attribute("href").split("region=")[1].split("&")[0]
    region_link.click()  # the finder opens filtered to that region
    tab.wait_for_url("**/explore/?region=*")
    tab.wait_for_function("v => [...document.querySelectorAll('input[name=region]')].some(i => i.value === v && i.checked)",
                          arg=region)
    assert tab.outside == []
