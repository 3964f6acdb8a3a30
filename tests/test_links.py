"""A link checker over the built site: every internal href, src and #anchor resolves.

Run on the real site and on the site with the hostile corpus (whose odd titles make odd anchors).
External links (other hosts, mailto:) are not fetched: tests run offline.
"""
from __future__ import annotations

import posixpath
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml
from bs4 import BeautifulSoup


ROOT = Path(__file__).resolve().parent.parent
SITE_URL = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\ntheme:")[0])["site_url"]
SITE_PATH = urlsplit(SITE_URL).path  # /knowledge-base/
LINKING = (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("source", "src"), ("iframe", "src"))


@cache
def anchors(page: Path) -> frozenset[str]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return (frozenset(str(e["id"]) for e in soup.find_all(id=True))
            | frozenset(str(e["name"]) for e in soup.find_all("a", attrs={"name": True})))


def target_file(site: Path, page: Path, path: str) -> Path | None:
    """The file a link's path points to, or None when it leaves the site."""
    if path.startswith("/"):
        if not path.startswith(SITE_PATH):
            return None
        resolved = site / path[len(SITE_PATH):]
    else:
        resolved = page.parent / path
    resolved = Path(posixpath.normpath(resolved.as_posix()))
    if resolved.is_dir() or path.endswith("/"):
        resolved = resolved / "index.html"
    return resolved


def links(site: Path) -> Iterator[tuple[Path, str]]:
    for page in sorted(site.rglob("*.html")):
        if page.name == "404.html":  # links from site_url's path: checked through the other pages' identical nav
            continue
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in LINKING:
            for element in soup.find_all(tag, attrs={attribute: True}):
                yield page, str(element[attribute])


def broken_links(site: Path) -> list[str]:
    broken = []
    for page, href in links(site):
        url = urlsplit(href)
        if url.scheme or url.netloc:
            if not href.startswith(SITE_URL):
                continue
            url = urlsplit(href[len(SITE_URL) - len(SITE_PATH):])
        target = page if not url.path else target_file(site, page, unquote(url.path))
        where = f"{page.relative_to(site)}: {href}"
        if target is None:
            continue
        if not target.is_file():
            broken.append(f"{where} (no {target.relative_to(site) if target.is_relative_to(site) else target})")
        elif url.fragment and target.suffix == ".html" and unquote(url.fragment) not in anchors(target):
            broken.append(f"{where} (no #{unquote(url.fragment)})")
    return broken


def test_the_checker_finds_a_broken_link_and_anchor(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/">ok</a><a href="#top">self</a><h1 id="top">T</h1>'
                                         '<a href="b/">gone</a><a href="a/#nowhere">anchor</a>'
                                         f'<a href="{SITE_URL}a/">absolute</a><a href="https://example.org/">out</a>',
                                         encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text("<p>a</p>", encoding="utf-8")
    assert broken_links(tmp_path) == ["index.html: b/ (no b/index.html)", "index.html: a/#nowhere (no #nowhere)"]


def test_no_broken_internal_link_or_anchor(built_site: Path) -> None:
    assert list(links(built_site)), "no links found: is the site empty?"
    assert broken_links(built_site) == []


def test_no_broken_link_with_hostile_records(hostile_site: Path) -> None:
    assert broken_links(hostile_site) == []
