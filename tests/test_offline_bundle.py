"""The offline bundle: built by `python -m generator offline`, unzipped, and used from file:// with no server."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

from generator.search.offline import BUNDLE_NAME, external_references, write_zip


def test_external_references_finds_scripts_and_styles_from_other_hosts(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text('<script src="https://cdn.example/x.js"></script>'
                                     '<link rel="stylesheet" href="//cdn.example/s.css">'
                                     '<link rel="canonical" href="https://example.org/a/"><script src="assets/ok.js"></script>')
    assert external_references(tmp_path) == ["a.html: https://cdn.example/x.js", "a.html: //cdn.example/s.css"]


def test_zip_holds_one_folder_with_fixed_timestamps(tmp_path: Path) -> None:
    (tmp_path / "site" / "assets").mkdir(parents=True)
    (tmp_path / "site" / "index.html").write_text("home")
    (tmp_path / "site" / "assets" / "a.js").write_text("a")
    assert write_zip(tmp_path / "site", tmp_path / "one.zip") == 2
    write_zip(tmp_path / "site", tmp_path / "two.zip")
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()
    assert zipfile.ZipFile(tmp_path / "one.zip").namelist() == [f"{BUNDLE_NAME}/assets/a.js", f"{BUNDLE_NAME}/index.html"]


@pytest.fixture
def bundle(offline_site: Path) -> Path:
    """The zip built by the documented command, unzipped (conftest.py builds it once per session)."""
    return offline_site


@pytest.mark.slow
def test_bundle_is_self_contained(bundle: Path) -> None:
    assert (bundle / "index.html").is_file() and (bundle / "assets" / "search-index.js").is_file()
    assert not (bundle / "pagefind").exists() and not (bundle / "404.html").exists()
    assert external_references(bundle) == []
    for html in bundle.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert not re.search(r"""(?:href|src)=["']?//""", text), html
        # Every local link opens a file, not a folder (which a browser shows as a listing from disk).
        for link in re.findall(r"""href="(?![a-z][a-z0-9+.-]*:|#)([^"#?]+)""", text):
            assert (html.parent / link).is_file(), f"{html.relative_to(bundle)} links to {link}"


@pytest.mark.slow
@pytest.mark.browser
def test_search_from_disk_groups_items_under_their_case_study_and_lands_on_the_lesson(page: Any, bundle: Path) -> None:
    page.goto((bundle / "index.html").as_uri())
    page.click(".md-search__input")
    page.keyboard.type("senior sponsorship")
    first = page.locator(".md-search-result__item a.aln-result--item").first
    first.wait_for()
    case = first.locator("xpath=ancestor::li[1]").locator("a.aln-result").first.get_attribute("data-url")
    assert re.fullmatch(r"casestudies/[a-z0-9-]+\.html", case), case
    assert first.locator(".aln-result__kind").inner_text() in {"Workstream", "Lesson", "Barrier", "Recommendation"}
    target = first.get_attribute("data-url")
    assert target.startswith(case + "#"), target
    first.click()
    page.wait_for_url(re.compile(re.escape(target) + "$"))
    assert page.locator(f"[id='{target.split('#')[1]}']").is_visible()
    assert page.errors == []


def finder_view(page: Any) -> tuple[list[str], list[str], str]:
    """Once the words are looked up: the items on show, the boxes ticked and the words."""
    page.wait_for_function("/ for “/.test(document.getElementById('aln-explore-status').textContent)")
    return (page.eval_on_selector_all(".aln-explore-item:not([hidden]) h3 > a:not(.headerlink)",
                                      "links => links.map(a => a.getAttribute('href'))"),
            page.eval_on_selector_all(".aln-explore-filters input[type=checkbox]:checked", "boxes => boxes.map(b => b.value)"),
            page.input_value("#aln-find-q"))


@pytest.mark.slow
@pytest.mark.browser
def test_offline_finder_finds_words_filters_and_keeps_the_url_state(page: Any, bundle: Path) -> None:
    """From disk the finder's words come from the offline index (no fetch), and its filters from the page."""
    page.goto((bundle / "explore.html").as_uri() + "?q=procurement")
    before, _, _ = finder_view(page)
    assert before and all(re.search(r"casestudies/[a-z0-9-]+\.html#", href) for href in before)
    page.locator("label.aln-toggle:has(input[name=status][value=active])").click()
    after, ticked, _ = finder_view(page)
    assert 0 < len(after) < len(before) and ticked == ["active"]
    assert page.url.endswith("explore.html?q=procurement&status=active")
    page.reload()
    assert finder_view(page) == (after, ["active"], "procurement")
    assert page.errors == []


@pytest.mark.slow
@pytest.mark.browser
def test_every_page_of_the_bundle_loads_its_scripts_from_disk(page: Any, bundle: Path) -> None:
    """The offline engine on every page, the finder's scripts on its page, none missing (the former search page
    forwards to the finder: tested below)."""
    from test_page_scripts_browser import script_tags, site_pages, use_header_search, watching

    problems = []
    for path in site_pages(bundle):
        if path == "search.html":
            continue
        with watching(page) as scripts:
            page.goto((bundle / path).as_uri(), wait_until="load")
            use_header_search(page)
        tags = [name for name in script_tags(page, "body ") if not name.startswith("bundle.")]
        own = {"explore.html": ["search.js", "explorer.js"], "synthesis/compare.html": ["compare.js"]}.get(path, [])
        if tags != ["aln-common.js", "offline-search.js", *own]:
            problems.append(f"{path}: scripts {tags}")
        problems += [f"{path}: {failed}" for failed in scripts["failed"]]
        problems += [f"{path}: {error}" for error in page.errors]
        page.errors.clear()
    assert problems == []


@pytest.mark.slow
@pytest.mark.browser
def test_an_old_search_link_opens_the_same_view_from_disk(page: Any, bundle: Path) -> None:
    """The former search page forwards to the finder with its query, whose display titles read as stable ids."""
    views = []
    for start in ("explore.html?q=procurement&theme=procurement-social-value&nation=England",
                  "search.html?q=procurement&theme=Procurement+and+social+value&nation=England"):
        page.goto((bundle / start.split("?")[0]).as_uri() + "?" + start.split("?")[1])
        page.wait_for_url(re.compile(r"/explore\.html\?q=procurement&theme="))
        views.append(finder_view(page))
    assert views[0] == views[1] and views[0][0] and views[0][1] == ["procurement-social-value", "England"]
