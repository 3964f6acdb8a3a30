"""At scale, long lists are split into pages, and every case study and item stays reachable without JavaScript.

The real site is built in this process with small page sizes, so a 30-case-study corpus pages
like a 3,000-case-study one does with the real sizes.
"""
from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config

from benchmarks.corpus import write_corpus
from generator.views import paging
from generator.pipeline import load_site
from generator.model.entities import Catalogue

pytestmark = pytest.mark.slow
CASES = 30


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Catalogue]:
    root = Path(__file__).resolve().parent.parent
    project = tmp_path_factory.mktemp("paged")
    for name in ("mkdocs.yml", "docs", "overrides", "hooks", "schemas", "CONTRIBUTING.md", "README.md"):
        (shutil.copytree if (root / name).is_dir() else shutil.copy)(root / name, project / name)
    (project / "generator").symlink_to(root / "generator")  # mkdocs.yml watches it
    write_corpus(project / "casestudies", project / "schemas", CASES)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(paging, "CASE_INDEX_PAGE_SIZE", 7)
        patch.setattr(paging, "THEME_INDEX_PAGE_SIZE", 40)
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site")))
    return project / "site", load_site(project)


def _follow_pager(site: Path, start: str) -> dict[str, BeautifulSoup]:
    """Every page reached from ``start`` through its pager links, by URL path."""
    seen: dict[str, BeautifulSoup] = {}
    todo = [start]
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen[url] = page = BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")
        pagers = page.select("nav.aln-pager")
        assert len(pagers) in (0, 2), url  # above and below the list
        todo += [urlsplit(urljoin("/" + url, a["href"])).path.strip("/") + "/" for a in page.select("nav.aln-pager a")]
    return seen


def test_case_study_index_pages_list_every_case_study_once(paged_site: tuple[Path, Catalogue]) -> None:
    site, catalogue = paged_site
    pages = _follow_pager(site, "casestudies/")
    assert len(pages) == 5  # 30 case studies, 7 per page
    listed = [urlsplit(urljoin("/" + url, a["href"])).path.strip("/").split("/")[-1]
              for url, page in pages.items() for a in page.select(".aln-table td:first-child a")]
    assert sorted(listed) == sorted(case.id for case in catalogue.case_studies)
    first = pages["casestudies/"]
    assert first.select_one("nav.aln-pager strong[aria-current=page]").get_text() == "1"
    assert "(page 3 of 5)" in pages["casestudies/list/page-3/"].h1.get_text()


def test_theme_item_list_pages_reach_every_item_of_the_theme(paged_site: tuple[Path, Catalogue]) -> None:
    site, catalogue = paged_site
    theme = max(catalogue.themes, key=lambda t: len(catalogue.items_by_theme[t.id]))
    items = catalogue.items_by_theme[theme.id]
    assert len(items) > 80, "the corpus should give one theme more than two pages of 40"
    pages = _follow_pager(site, f"themes/{theme.id}/")
    assert len(pages) == -(-len(items) // 40)
    linked = {urlsplit(urljoin("/" + url, a["href"])).fragment
              for url, page in pages.items() for a in page.select("ul.aln-index a:not(.aln-index__case)")}
    assert linked == {item.id for item in items}
    for url, page in pages.items():
        if url != f"themes/{theme.id}/":
            assert theme.title in page.h1.get_text() and "every item" in page.h1.get_text()
