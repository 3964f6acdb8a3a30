"""Trust in a real build: change the one repository setting and every link follows; an item's source link and
"Suggest a change" as a reader sees them at 1280 and 390 px, light and dark (screenshots in $ALN_SHOTS if set)."""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from builds import ROOT, copy_project, mkdocs_build, serve

pytestmark = pytest.mark.slow  # every test here builds a site

NEW_URL = "https://github.com/example-org/example-kb"
OLD_URL = "https://github.com/anchor-learning-network/knowledge-base"
ALPHA = ROOT / "tests" / "fixtures" / "synthesis" / "alpha.yaml"  # a record whose source is online
SOURCE_URL = "https://example.org/alpha"
OTHER_PROJECTS = ("https://github.com/dequelabs/axe-core",)  # tools the accessibility statement names


def with_repository(project: Path, setting: str) -> Path:
    """The project with ``extra.repository`` replaced by ``setting`` (YAML lines under the key), nothing else changed."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text, replaced = re.subn(r"(?m)^  repository:\n(    .*\n)+", "  repository:\n" + setting, text)
    assert replaced == 1, "mkdocs.yml has no extra.repository block"
    config.write_text(text, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def moved_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real records plus one with an online source, built with the repository moved to another address and branch."""
    project = with_repository(copy_project(tmp_path_factory.mktemp("moved") / "project", [ALPHA]),
                              f"    url: {NEW_URL}\n    branch: trunk\n")
    result = mkdocs_build(project, "--strict")
    assert result.returncode == 0, result.stderr[-3000:]
    return project / "site"


def pages(site: Path) -> list[tuple[Path, BeautifulSoup]]:
    return [(path, BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")) for path in sorted(site.rglob("*.html"))]


def test_every_link_into_the_repository_follows_the_one_setting(moved_site: Path) -> None:
    links = 0
    for path, page in pages(moved_site):
        assert OLD_URL not in str(page), path
        for a in page.select("a[href*='github.com']"):
            if a["href"] in OTHER_PROJECTS:
                continue
            assert a["href"] == NEW_URL or a["href"].startswith(NEW_URL + "/"), (path, a["href"])
            links += 1
        footer = [a["href"] for a in page.select(".md-footer .aln-footer-links a")]
        if path.name != "404.html":
            assert NEW_URL in footer, path
    assert links > 0
    case = BeautifulSoup((moved_site / "casestudies" / "alpha" / "index.html").read_text(encoding="utf-8"), "html.parser")
    suggest = [a["href"] for a in case.select(".aln-suggest a")]
    assert f"{NEW_URL}/edit/trunk/casestudies/alpha.yaml" in suggest
    assert any(h.startswith(f"{NEW_URL}/issues/new?template=correction.yml&title=Correction") for h in suggest)
    contribute = [a["href"] for a in pages_of(moved_site, "contribute")]
    for link in (NEW_URL, f"{NEW_URL}/issues/new?template=case-study.yml", f"{NEW_URL}/issues/new?template=correction.yml",
                 f"{NEW_URL}/edit/trunk/CONTRIBUTING.md"):
        assert link in contribute, link
    about = [a["href"] for a in pages_of(moved_site, "about")]
    assert f"{NEW_URL}/issues/new?template=correction.yml" in about and f"{NEW_URL}/issues" in about


def pages_of(site: Path, name: str) -> list[Any]:
    return BeautifulSoup((site / name / "index.html").read_text(encoding="utf-8"), "html.parser").select("article a[href]")


@pytest.mark.parametrize("setting,message", [
    ("    url: https://gitlab.com/example/kb\n", "must look like https://github.com/owner/name"),
    ("    url: https://github.com/example/kb\n    branch: ../main\n", "is not a branch name"),
])
def test_a_wrong_repository_setting_stops_the_build_naming_it(tmp_path: Path, setting: str, message: str) -> None:
    project = with_repository(copy_project(tmp_path / "project"), setting)
    result = mkdocs_build(project)
    assert result.returncode != 0 and "extra.repository" in result.stderr and message in result.stderr


# --- as a reader sees it ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_an_items_source_link_and_suggest_a_change_are_visible(moved_site: Path, browser: Any, width: int,
                                                              scheme: str) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    base = serve(moved_site)
    shots = Path(os.environ.get("ALN_SHOTS", "")) if os.environ.get("ALN_SHOTS") else None
    try:
        tab.goto(base + "casestudies/alpha/", wait_until="load")
        source = tab.locator(f".aln-item__source a[href='{SOURCE_URL}']").first
        source.scroll_into_view_if_needed()
        assert source.is_visible() and "Alpha annual report" in source.inner_text()
        assert "(Alpha)" in tab.locator(".aln-item__source").first.inner_text()
        box = source.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
        if shots:
            tab.screenshot(path=str(shots / f"item-source-{width}-{scheme}.png"))
        facts_link = tab.locator('.aln-facts a[href="#suggest-a-change"]')
        assert facts_link.is_visible() and facts_link.inner_text() == "Suggest a change"
        facts_link.click()
        tab.wait_for_timeout(200)
        edit = tab.locator(".aln-suggest a", has_text="edit the record on GitHub")
        form = tab.locator(".aln-suggest a", has_text="Report it with the correction form")
        assert edit.is_visible() and form.is_visible() and edit.is_enabled()
        assert edit.get_attribute("href") == f"{NEW_URL}/edit/trunk/casestudies/alpha.yaml"
        assert tab.evaluate("document.getElementById('suggest-a-change').getBoundingClientRect().top") < 900
        assert tab.locator(".md-content__button").count() == 0  # no edit pencil
        if shots:
            tab.screenshot(path=str(shots / f"suggest-{width}-{scheme}.png"))
        tab.goto(base + "about/", wait_until="load")
        assert tab.locator("h1").inner_text().startswith("About and method")
        footer = tab.locator(".aln-footer-links a", has_text="About and method")
        footer.scroll_into_view_if_needed()
        assert footer.is_visible()
        assert tab.evaluate("document.documentElement.scrollWidth") <= width
        if shots:
            tab.screenshot(path=str(shots / f"about-{width}-{scheme}.png"), full_page=True)
        assert errors == []
    finally:
        context.close()
