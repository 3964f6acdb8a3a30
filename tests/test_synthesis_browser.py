"""The theme matrix and timeline in headless Chromium: sticky headers, phone scrolling, no outside hosts, screenshots.

Screenshots go to /tmp/shots/synthesis-*.png (desktop 1280 and phone 390, light and dark) for a person to look at.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from site_fixtures import browser, serve  # noqa: F401

from generator.read.project import Project
from generator.check.validate import validate

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parent.parent
SHOTS = Path("/tmp/shots")
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(scope="module")
def synthesis_site(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The site built from this checkout's records (any that do not validate on their own are left out, so a
    colleague's half-edited record cannot stop these tests), served on 127.0.0.1."""
    project = tmp_path_factory.mktemp("synthesis") / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "hooks", "overrides", "docs", "schemas", "CONTRIBUTING.md"):
        if (ROOT / name).exists():
            (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, project / name)
    (project / "generator").symlink_to(ROOT / "generator")
    (project / "casestudies").mkdir()
    for record in Project(ROOT).record_files():
        if not validate(Project(ROOT), [record])[2]:
            shutil.copy(record, project / "casestudies" / record.name)
    site = project / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(site)], cwd=project, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    return serve(site)


@pytest.fixture(params=[(v, s) for v in VIEWPORTS for s in ("light", "dark")], ids=lambda p: f"{p[0]}-{p[1]}")
def tab(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:  # noqa: F811
    viewport, scheme = request.param
    context = browser.new_context(viewport=VIEWPORTS[viewport], color_scheme=scheme)
    page = context.new_page()
    page.outside = []
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("http://127.0.0.1", "data:"))
               else (page.outside.append(route.request.url), route.abort()))
    page.shot_name = f"{viewport}-{scheme}"
    yield page
    context.close()


def test_matrix_has_sticky_headers_scrolls_on_a_phone_and_calls_no_outside_host(tab: Any, synthesis_site: str) -> None:
    tab.goto(synthesis_site + "synthesis/matrix/")
    table = tab.locator("table.aln-matrix")
    assert table.locator("caption").inner_text().startswith("Lessons, barriers and recommendations")
    assert tab.eval_on_selector("table.aln-matrix thead th", "th => getComputedStyle(th).position") == "sticky"
    assert tab.eval_on_selector("table.aln-matrix tbody th[scope=row]", "th => getComputedStyle(th).position") == "sticky"
    assert table.locator("td a").count() > 0
    SHOTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(SHOTS / f"synthesis-matrix-{tab.shot_name}.png"))
    wrap = tab.locator(".aln-matrix-wrap")
    if tab.viewport_size["width"] < 500:
        assert wrap.evaluate("w => w.scrollWidth > w.clientWidth")
        header = tab.locator("table.aln-matrix tbody th[scope=row]").first
        before = header.bounding_box()["x"]
        wrap.evaluate("w => { w.scrollLeft = 300; w.scrollTop = 200; }")
        assert abs(header.bounding_box()["x"] - before) < 1  # the theme column stays put
        corner = tab.locator("table.aln-matrix thead th").nth(2).bounding_box()
        assert abs(corner["y"] - wrap.bounding_box()["y"]) < 2  # the case-study row stays on top
        wrap.screenshot(path=str(SHOTS / f"synthesis-matrix-{tab.shot_name}-scrolled.png"))
    assert tab.outside == []


def test_timeline_svg_and_its_text_alternative(tab: Any, synthesis_site: str) -> None:
    tab.goto(synthesis_site + "synthesis/timeline/")
    rows = tab.locator("svg.aln-tl g.aln-tl__row")
    table_rows = tab.locator("table tbody tr")
    assert rows.count() > 0 and rows.count() == table_rows.count()
    assert tab.locator("svg.aln-tl > title").first.text_content().startswith("Timeline of")
    SHOTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(SHOTS / f"synthesis-timeline-{tab.shot_name}.png"), full_page=True)
    assert tab.outside == []
