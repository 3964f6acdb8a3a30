"""Layout a reader sees, in headless Chromium, on a laptop (1280 px, both sidebars showing) and a phone (390 px),
in the light and the dark scheme: nothing cut off or scrolled sideways, no blank band under the footer, the theme
matrix across the page's width with its header row in view, the timeline's labels inside it, an "On this page"
list where Material shows no contents, and colours told apart.

Screenshots of the pages these tests open go to /tmp/shots/layout-*.png for a person to look at.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from benchmarks.corpus import write_corpus
from builds import built, copy_project, serve
from reader_pages import page_kinds
from test_layout_colours import ACCENT_DEEP_ORANGE, contrast

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHOTS = Path("/tmp/shots")
WIDTHS = {"laptop": 1280, "phone": 390}
SCREENS = [(device, scheme) for device in WIDTHS for scheme in ("light", "dark")]


@pytest.fixture(params=SCREENS, ids=lambda p: f"{p[0]}-{p[1]}")
def screen(page: Any, request: pytest.FixtureRequest) -> Any:
    """The test's page at one width and in one scheme; ``screen.shot(name)`` saves a screenshot."""
    device, scheme = request.param
    page.set_viewport_size({"width": WIDTHS[device], "height": 900 if device == "laptop" else 844})
    page.emulate_media(color_scheme=scheme)
    page.device, page.scheme, page.width = device, scheme, WIDTHS[device]

    def shot(name: str, full_page: bool = True) -> None:
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / f"layout-{name}-{device}-{scheme}.png"), full_page=full_page)

    page.shot = shot
    return page


def hex_of(css_colour: str) -> str:
    """``rgb(36, 143, 132)`` (what getComputedStyle returns) as ``#248f84``."""
    r, g, b = (int(v) for v in re.findall(r"\d+", css_colour)[:3])
    return f"#{r:02x}{g:02x}{b:02x}"


# --- every page ------------------------------------------------------------------------------------------------------


def test_no_page_scrolls_sideways_or_leaves_a_band_under_the_footer(screen: Any, built_site: Path, served_site: str) -> None:
    problems = {}
    for kind, url in page_kinds(built_site).items():
        screen.goto(served_site + url, wait_until="load")
        screen.wait_for_timeout(100)
        width, height, footer = screen.evaluate("""[document.documentElement.scrollWidth, document.documentElement.scrollHeight,
            document.querySelector('.md-footer').getBoundingClientRect().bottom + scrollY]""")
        if width > screen.width:
            problems[kind] = f"{width} px wide"
        if height - footer > 1:
            problems[kind] = f"{round(height - footer)} px below the footer"
    assert problems == {}


# --- the case-study index ---------------------------------------------------------------------------------------------


def test_the_case_study_index_shows_every_column_without_scrolling(screen: Any, served_site: str) -> None:
    screen.goto(served_site + "casestudies/", wait_until="load")
    screen.wait_for_timeout(100)
    cells = screen.evaluate("""[...document.querySelectorAll('.aln-table td')].filter(c => c.offsetParent)
        .map(c => { const r = c.getBoundingClientRect(); return [r.left, r.right, c.textContent.trim()]; })""")
    assert cells and all(0 <= left and right <= screen.width + 0.5 for left, right, _ in cells), "a cell is cut off"
    assert screen.evaluate("""[...document.querySelectorAll('.aln-table .md-typeset__scrollwrap')]
        .every(w => w.scrollWidth <= w.clientWidth)"""), "the table scrolls sideways"
    if screen.device == "laptop":
        assert screen.is_visible(".md-sidebar--secondary")  # the table of contents takes its share of the width
        assert screen.locator(".aln-table th").last.inner_text() == "R"
    else:
        labels = screen.evaluate("""[...document.querySelectorAll('.aln-table tbody tr')][0].querySelectorAll('td[data-label]')
            .length""")
        assert labels >= 7  # each case study a card, every value labelled
        label = screen.eval_on_selector(".aln-table tbody tr td:last-child", "td => getComputedStyle(td, '::before').content")
        assert "Recommendations" in label
    screen.shot("casestudies")


# --- the timeline -----------------------------------------------------------------------------------------------------


def test_the_timeline_fits_and_its_bars_keep_the_brand_colour(screen: Any, served_site: str) -> None:
    screen.goto(served_site + "synthesis/timeline/", wait_until="load")
    rows = screen.locator("svg.aln-tl g.aln-tl__row").count()
    assert rows > 0
    if screen.device == "laptop":
        chart = screen.locator("svg.aln-tl").bounding_box()
        labels = screen.evaluate("""[...document.querySelectorAll('svg.aln-tl .aln-tl__label')]
            .map(t => { const r = t.getBoundingClientRect(); return [r.left, r.right, t.textContent]; })""")
        outside = [text for left, right, text in labels if left < chart["x"] - 0.5 or right > chart["x"] + chart["width"] + 0.5]
        assert outside == []
        bar = "svg.aln-tl .aln-tl__bar:not(.aln-tl__bar--unknown)"
    else:
        assert not screen.is_visible("svg.aln-tl")
        entries = screen.evaluate("""[...document.querySelectorAll('.aln-tl-phone__rows li')]
            .map(li => li.getBoundingClientRect()).map(r => [r.left, r.right])""")
        assert len(entries) == rows and all(left >= 0 and right <= screen.width for left, right in entries)
        bar = ".aln-tl-phone .aln-tl__bar:not(.aln-tl__bar--unknown)"
    fill = hex_of(screen.eval_on_selector(bar, "b => getComputedStyle(b).fill"))
    page_background = hex_of(screen.evaluate("getComputedStyle(document.body).backgroundColor"))
    assert fill != ACCENT_DEEP_ORANGE and contrast(fill, page_background) >= 3.0, (fill, page_background)
    last = screen.evaluate("document.querySelector('svg.aln-tl g.aln-tl__row:last-of-type').id")
    screen.goto(served_site + "synthesis/timeline/#" + last, wait_until="load")  # as a case study's page links it
    screen.wait_for_timeout(300)
    shown = f"svg.aln-tl #{last}" if screen.device == "laptop" else f'[data-aln-anchor="{last}"]'
    box = screen.locator(shown).bounding_box()
    header = screen.locator(".md-header").bounding_box()
    assert box and header["y"] + header["height"] <= box["y"] < 844, f"the link to {last} does not show its row"
    cells = screen.evaluate("""[...document.querySelectorAll('.aln-stack td')].map(c => c.getBoundingClientRect().right)""")
    assert cells and max(cells) <= screen.width, "the dates table is cut off"
    screen.shot("timeline")


# --- the theme matrix -------------------------------------------------------------------------------------------------


def test_the_matrix_uses_the_page_width_and_keeps_its_headers_in_view(screen: Any, served_site: str) -> None:
    screen.goto(served_site + "synthesis/matrix/", wait_until="load")
    screen.wait_for_timeout(100)
    assert screen.evaluate("document.documentElement.scrollWidth") <= screen.width
    if screen.device == "phone":
        assert not screen.is_visible("table.aln-matrix") and screen.is_visible(".aln-matrix-cards")
        themes = screen.locator(".aln-mcard").count()
        assert themes == screen.locator(".aln-matrix-cards h3").count() > 0
        assert screen.locator(".aln-mcard__cases a").count() > 0
        screen.shot("matrix")
        return
    assert not screen.is_visible(".md-sidebar--primary .md-nav__list") and not screen.is_visible(".md-sidebar--secondary")
    table = screen.locator("table.aln-matrix").bounding_box()
    assert table["x"] >= 0 and table["x"] + table["width"] <= screen.width
    assert table["width"] >= 0.85 * screen.width, f"the matrix uses {table['width']} of {screen.width} px"
    wrap = screen.locator(".aln-matrix-wrap")
    assert wrap.evaluate("w => w.scrollHeight <= w.clientHeight + 1 && w.scrollWidth <= w.clientWidth + 1"), \
        "the matrix has scrollbars of its own"
    screen.shot("matrix", full_page=False)
    first_column = screen.locator("table.aln-matrix tbody th[scope=row]").first.bounding_box()["x"]
    screen.evaluate("window.scrollTo(0, document.querySelector('table.aln-matrix tbody').getBoundingClientRect().top"
                    " + scrollY + 300)")
    screen.wait_for_timeout(200)
    header_bottom = screen.locator(".md-header").bounding_box()
    case_heading = screen.locator("table.aln-matrix thead th").nth(1).bounding_box()
    assert abs(case_heading["y"] - (header_bottom["y"] + header_bottom["height"])) < 2, "the case-study row scrolled away"
    assert abs(screen.locator("table.aln-matrix tbody th[scope=row]").first.bounding_box()["x"] - first_column) < 1
    screen.shot("matrix-scrolled", full_page=False)


def test_a_link_to_a_matrix_column_shows_that_case_study(screen: Any, served_site: str) -> None:
    """A case study's page links its column (#case-x): on a laptop that is the column's head; on a phone, where cards
    replace the table, its first entry in the cards, with every entry of it marked."""
    screen.goto(served_site + "synthesis/matrix/", wait_until="load")
    counts = screen.evaluate("""[...document.querySelectorAll('.aln-mcard__cases li')].reduce(
        (n, li) => (n[li.dataset.alnAnchor] = (n[li.dataset.alnAnchor] || 0) + 1, n), {})""")
    target = max(counts, key=counts.get)  # the case study in most cards: its entries are far apart
    screen.goto(served_site + "synthesis/matrix/#" + target, wait_until="load")
    screen.wait_for_timeout(300)
    header = screen.locator(".md-header").bounding_box()
    shown = f"#{target}" if screen.device == "laptop" else f'.aln-mcard__cases [data-aln-anchor="{target}"]'
    box = screen.locator(shown).first.bounding_box()
    top = 0 if screen.device == "laptop" else header["y"] + header["height"]  # on a phone, not under the sticky header
    assert box and top <= box["y"] + 1 and box["y"] < 844, f"{target} is not in view"
    marked = screen.locator(".aln-target").count()
    assert marked == (0 if screen.device == "laptop" else counts[target] > 1 and counts[target]), marked
    screen.shot("matrix-link", full_page=False)


@pytest.mark.parametrize("width", [1280, 1232])  # 1232: just above 76.25em, where the table gives way to cards
def test_a_full_matrix_page_fits_a_laptop_screen(page: Any, tmp_path: Path, width: int) -> None:
    """MATRIX_PAGE_SIZE columns of synthetic case studies (long titles, counts up to two digits) fit without
    scrolling and without any count spilling out of its cell."""
    from generator.views.matrix import MATRIX_PAGE_SIZE

    project = copy_project(tmp_path / "project")
    shutil.rmtree(project / "casestudies")
    write_corpus(project / "casestudies", project / "schemas", MATRIX_PAGE_SIZE)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(serve(built(project)) + "synthesis/matrix/", wait_until="load")
    assert page.locator("table.aln-matrix thead th.aln-matrix__case").count() == MATRIX_PAGE_SIZE + 1  # and "All"
    table = page.locator("table.aln-matrix").bounding_box()
    assert table["x"] >= 0 and table["x"] + table["width"] <= width
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    spilled = page.evaluate("""[...document.querySelectorAll('table.aln-matrix td')]
        .filter(td => td.scrollWidth > td.clientWidth + 1).map(td => td.textContent)""")
    assert spilled == []


def test_the_matrix_shades_are_told_apart(screen: Any, served_site: str) -> None:
    """Computed from what the page shows: adjacent shades 3:1 apart, their text 4.5:1 on them."""
    screen.goto(served_site + "synthesis/matrix/", wait_until="load")
    shades = screen.evaluate("""[1, 2, 3, 4].map(n => document.querySelector('.aln-matrix-legend .aln-heat-' + n))
        .filter(Boolean).map(e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).color])""")
    assert len(shades) >= 2
    colours = [(hex_of(background), hex_of(text)) for background, text in shades]
    for background, text in colours:
        assert contrast(background, text) >= 4.5, (background, text)
    for (lower, _), (higher, _) in zip(colours, colours[1:]):
        assert contrast(lower, higher) >= 3.0, (lower, higher)


# --- a case study: "On this page" -------------------------------------------------------------------------------------


def test_a_case_study_lists_its_sections_where_material_shows_no_contents(screen: Any, built_site: Path,
                                                                         served_site: str) -> None:
    screen.goto(served_site + page_kinds(built_site)["case study"], wait_until="load")
    sections = screen.evaluate("[...document.querySelectorAll('article h2[id]')].map(h => '#' + h.id)")
    links = screen.evaluate("[...document.querySelectorAll('.aln-onpage a')].map(a => a.getAttribute('href'))")
    assert links == sections and len(sections) >= 4
    if screen.device == "phone":
        assert screen.is_visible(".aln-onpage") and not screen.is_visible(".md-sidebar--secondary")
        assert screen.locator(".aln-onpage").bounding_box()["y"] < 844  # at the top: on the first screen
        screen.locator(".aln-onpage a").last.click()
        screen.wait_for_timeout(300)
        assert screen.evaluate("location.hash") == sections[-1]
    else:
        assert not screen.is_visible(".aln-onpage") and screen.is_visible(".md-sidebar--secondary")
    screen.shot("case-study", full_page=False)


# --- the home page's figures ------------------------------------------------------------------------------------------


def test_no_word_on_the_home_figures_is_broken_across_lines(screen: Any, served_site: str) -> None:
    screen.goto(served_site, wait_until="load")
    broken = screen.evaluate("""(() => {
        const broken = [];
        for (const node of document.querySelectorAll('.aln-figures li')) {
            const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
                const text = walker.currentNode, re = /\\S+/g;
                let m;
                while ((m = re.exec(text.data))) {
                    const range = document.createRange();
                    range.setStart(text, m.index);
                    range.setEnd(text, m.index + m[0].length);
                    const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                    if (tops.size > 1) broken.push(m[0]);
                }
            }
        }
        return broken;
    })()""")
    assert screen.locator(".aln-figures li").count() >= 5
    assert broken == []
    screen.shot("home", full_page=False)
