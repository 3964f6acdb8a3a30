"""Layout a reader sees on a laptop screen (1280 px wide, both sidebars showing), in headless Chromium."""
from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def overflowing_tables(page: Any) -> list[list[int]]:
    """[content width, visible width] of every table on the page that scrolls sideways."""
    page.wait_for_selector(".md-typeset__scrollwrap")  # Material wraps tables in a scroller once its script runs
    return page.evaluate("""[...document.querySelectorAll('.md-typeset__scrollwrap')]
        .map(s => [s.scrollWidth, s.clientWidth]).filter(([content, visible]) => content > visible)""")


def test_the_case_study_index_fits_beside_both_sidebars(page: Any, served_site: str) -> None:
    page.goto(served_site + "casestudies/")
    assert page.is_visible(".md-sidebar--secondary")  # the table of contents takes its share of the width
    assert overflowing_tables(page) == []
    # every column, the lesson, barrier and recommendation counts included, is on screen without scrolling
    last = page.locator(".aln-table th").last
    assert last.inner_text() == "R" and last.bounding_box()["x"] + last.bounding_box()["width"] <= 1280


def test_on_a_phone_the_table_scrolls_within_itself(page: Any, served_site: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(served_site + "casestudies/")
    assert overflowing_tables(page)  # the table scrolls; the page itself does not
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
