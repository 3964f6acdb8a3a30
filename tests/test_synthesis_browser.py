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
