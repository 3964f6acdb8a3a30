"""The site's scripts in headless Chromium: each page loads only the scripts it uses, no page asks for a
script that is not there, and filter links in either former convention open the view the one URL
convention names (aln-common.js: repeated keys, stable ids).

aln-common.js is on every page; search.js and explorer.js on the finder (explore/) only, and search.js on any
other page once the header search box is used; offline-search.js in the offline bundle only
(tests/test_offline_bundle.py checks the bundle). The former search page only forwards to the finder."""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from builds import serve

from generator.model.entities import Catalogue

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SITE_SCRIPTS = ("aln-common.js", "explorer.js", "search.js", "offline-search.js", "search-index.js", "explore-data.js",
                "compare.js")
CASE_STUDY = "casestudies/city-and-hackney-anchor-collaborative/"


@contextmanager
def watching(page: Any) -> Iterator[dict[str, list[str]]]:
    """The site's own scripts (``assets/*.js``) the page asks for while in the block, and those that failed."""
    seen: dict[str, list[str]] = {"requested": [], "failed": []}

    def own(url: str) -> str | None:
        path = url.split("?")[0].split("#")[0]
        return path.rsplit("/", 1)[-1] if "/assets/" in path and path.endswith(".js") and "/javascripts/" not in path else None

    def on_request(request: Any) -> None:
        if name := own(request.url):
            seen["requested"].append(name)

    def on_failed(request: Any) -> None:
        if own(request.url):
            seen["failed"].append(f"{request.url} ({request.failure})")

    def on_response(response: Any) -> None:
        if own(response.url) and response.status >= 400:
            seen["failed"].append(f"{response.url} ({response.status})")

    page.on("request", on_request)
    page.on("requestfailed", on_failed)
    page.on("response", on_response)
    try:
        yield seen
    finally:
        page.remove_listener("request", on_request)
        page.remove_listener("requestfailed", on_failed)
        page.remove_listener("response", on_response)


def use_header_search(page: Any) -> None:
    """Click into the header search box, which loads search.js on pages without it."""
    page.click(".md-search__input")
    page.wait_for_function("window.ALNSearch !== undefined")
    page.wait_for_load_state("networkidle")


def script_tags(page: Any, where: str = "") -> list[str]:
    """File names of the page's script elements: ``where="body "`` for the page's own (scripts loaded later go in the head)."""
    return page.eval_on_selector_all(where + "script[src]", "scripts => scripts.map(s => s.getAttribute('src').split('/').pop())")


def test_a_case_study_page_loads_the_shared_script_only(page: Any, served_site: str) -> None:
    with watching(page) as scripts:
        page.goto(served_site + CASE_STUDY, wait_until="networkidle")
    assert scripts["requested"] == ["aln-common.js"]
    assert "explorer.js" not in script_tags(page) and "search.js" not in script_tags(page)
    assert page.evaluate("typeof window.ALN") == "object"
    assert page.evaluate("typeof window.ALNSearch") == "undefined"
    # the header box still searches: its script loads the first time it is used
    with watching(page) as scripts:
        use_header_search(page)
        page.keyboard.type("senior sponsorship")
        page.locator(".md-search-result__item a.aln-result").first.wait_for()
    assert scripts["requested"] == ["search.js"] and scripts["failed"] == []
    assert page.errors == []


def test_on_a_phone_the_search_button_opens_the_box_and_loads_its_script(page: Any, served_site: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(served_site + CASE_STUDY, wait_until="networkidle")
    with watching(page) as scripts:
        page.locator("label.md-header__button[for=__search]").click()
        page.wait_for_function("document.activeElement && document.activeElement.matches('.md-search__input')")
        page.keyboard.type("procurement")
        page.locator(".md-search-result__item a.aln-result").first.wait_for()
    assert scripts["requested"] == ["search.js"] and scripts["failed"] == []
    assert page.locator(".md-search-result__item").first.is_visible()
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")
    assert page.errors == []


def test_the_finder_loads_its_scripts_and_the_old_search_page_forwards_to_it(page: Any, served_site: str) -> None:
    with watching(page) as scripts:
        page.goto(served_site + "explore/", wait_until="networkidle")
    assert scripts["requested"] == ["aln-common.js", "search.js", "explorer.js"]
    assert scripts["failed"] == [] and page.errors == []
    with watching(page) as scripts:
        page.goto(served_site + "search/?q=procurement#x", wait_until="networkidle")
    assert page.url == served_site + "explore/?q=procurement#x"
    assert scripts["failed"] == [] and page.errors == []


def site_pages(site: Path) -> list[str]:
    """Every page of a build but the 404 page, as paths relative to the site."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.name != "404.html")


@pytest.mark.parametrize("how", ["http", "file"])
def test_no_page_asks_for_a_script_that_is_not_there(page: Any, how: str, built_site: Path, file_site: Path) -> None:
    """Every page, over HTTP and from disk (``use_directory_urls: false``), with the header search box used."""
    site = built_site if how == "http" else file_site
    base = serve(site) if how == "http" else site.resolve().as_uri() + "/"
    problems, loaded = [], set()
    for path in site_pages(site):
        url = base + quote(path.removesuffix("index.html") if how == "http" else path)
        with watching(page) as scripts:
            page.goto(url, wait_until="load")
            use_header_search(page)
        loaded.update(scripts["requested"])
        problems += [f"{path}: {failed}" for failed in scripts["failed"]]
        problems += [f"{path}: {error}" for error in page.errors]
        page.errors.clear()
        unknown = [name for name in script_tags(page) if name not in SITE_SCRIPTS and not name.startswith("bundle.")]
        problems += [f"{path}: script {name}" for name in unknown]
    assert problems == []
    assert {"aln-common.js", "explorer.js", "search.js"} <= loaded and "offline-search.js" not in loaded


def test_the_404_page_loads_its_scripts_from_the_site_root(page: Any, built_site: Path, tmp_path: Path) -> None:
    """The 404 page links its assets from site_url's path (/knowledge-base/): served there, nothing is missing."""
    os.symlink(built_site.resolve(), tmp_path / "knowledge-base")
    with watching(page) as scripts:
        page.goto(serve(tmp_path) + "knowledge-base/404.html", wait_until="networkidle")
        use_header_search(page)
    assert scripts["requested"] == ["aln-common.js", "search.js"] and scripts["failed"] == []
    assert page.errors == []


# Filter links: the one convention, and the two it replaced, open the same view.

def explorer_view(page: Any) -> tuple[list[str], list[str], str]:
    """The items on show, the options ticked, and the status line."""
    page.wait_for_selector(".aln-explorer--ready")
    items = page.eval_on_selector_all(".aln-explore-item:not([hidden]) h3 > a:not(.headerlink)",
                                      "links => links.map(a => a.getAttribute('href'))")
    ticked = page.eval_on_selector_all(".aln-explore-filters input[type=checkbox]:checked",
                                       "boxes => boxes.map(b => b.name + '=' + b.value)")
    return items, ticked, page.locator("#aln-explore-status").text_content()


def two_themes(catalogue: Catalogue, kind: str) -> list[Any]:
    themes = [t for t in catalogue.themes if any(i.kind == kind for i in catalogue.items_by_theme[t.id])]
    assert len(themes) >= 2, "the seed content should hold two themes with such items"
    return themes[:2]


def test_old_explorer_links_open_the_same_view(page: Any, served_site: str, site_catalogue: Catalogue) -> None:
    a, b = two_themes(site_catalogue, "barrier")
    expected = sorted({i.key for t in (a, b) for i in site_catalogue.items_by_theme[t.id] if i.kind == "barrier"})
    new = f"?theme={a.id}&theme={b.id}&kind=barrier&nation=England"
    old = {
        "comma list of ids (the explorer's former links)": f"?theme={a.id},{b.id}&kind=barrier&nation=England",
        "titles in repeated keys (the search page's former links)":
            f"?theme={quote(a.title)}&theme={quote(b.title)}&kind=Barrier&nation=england",
    }
    page.goto(served_site + "explore/" + new)
    view = explorer_view(page)
    assert view[1] == ["kind=barrier", f"theme={a.id}", f"theme={b.id}", "nation=England"]  # the panel's order
    assert 0 < len(view[0]) <= len(expected)
    for name, query in old.items():
        page.goto(served_site + "explore/" + query)
        assert explorer_view(page) == view, name
        assert page.url.endswith(query)  # left as it came until a filter changes
    page.locator("label.aln-toggle:has(input[name=nation][value=England])").click()
    assert page.url.endswith(f"/explore/?kind=barrier&theme={a.id}&theme={b.id}")  # then written in the one convention
    assert page.errors == []


def test_a_link_from_a_generated_page_still_filters_the_explorer(page: Any, served_site: str, site_catalogue: Catalogue) -> None:
    """Generated pages link the explorer with one value per key (``?theme=ID&kind=KIND``, ``?nation=Northern%20Ireland``):
    the one convention already, so they are unchanged."""
    # a nation with a space in its name, when the content has one ("Northern Ireland")
    case = sorted(site_catalogue.case_studies, key=lambda c: " " not in c.nation)[0]
    page.goto(served_site + CASE_STUDY.replace("city-and-hackney-anchor-collaborative", case.id))
    page.locator("dd a[href*='explore/?nation=']").first.click()
    items, ticked, _ = explorer_view(page)
    assert ticked == [f"nation={case.nation}"]
    assert len(items) == sum(len(c.items) for c in site_catalogue.case_studies if c.nation == case.nation)


@pytest.mark.parametrize("path", ["explore/", "search/?q=procurement&"])
def test_a_query_naming_object_properties_filters_nothing(page: Any, served_site: str, path: str) -> None:
    """Values are looked up in tables without a prototype: "constructor" or "__proto__" is no option's id or title."""
    query = "theme=constructor&theme=__proto__,toString&nation=hasOwnProperty&kind=valueOf&status=constructor"
    page.goto(served_site + path + ("?" if "?" not in path else "") + query, wait_until="networkidle")
    items, ticked, status = explorer_view(page)
    assert ticked == [] and (status.startswith("Showing all") or "procurement" in status)
    assert page.errors == []
