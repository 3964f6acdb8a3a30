"""The real site built from the seed records: every item reachable by case study, by theme and in the finder."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from generator.model.entities import Catalogue, CaseStudy
from builds import ROOT


@pytest.fixture(scope="module")
def catalogue(site_catalogue: Catalogue) -> Catalogue:
    return site_catalogue


def soup(site: Path, url_path: str) -> BeautifulSoup:
    path = site / url_path
    if url_path.endswith("/") or path.is_dir():
        path = path / "index.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page_path(page_uri: str) -> str:
    """Docs path -> built path with directory URLs: ``casestudies/bay.md`` -> ``casestudies/bay/``."""
    stem = page_uri.removesuffix(".md")
    return "" if stem == "index" else (stem.removesuffix("index") if stem.endswith("/index") else stem + "/")


def resolved_links(page: BeautifulSoup, url_path: str) -> set[str]:
    """Every internal link on a page, as a site-relative path plus fragment."""
    links = set()
    for a in page.select("article a[href]"):
        target = urlsplit(urljoin("http://site/" + url_path, a["href"]))
        if target.netloc == "site":
            links.add(unquote(target.path.lstrip("/")) + (f"#{target.fragment}" if target.fragment else ""))
    return links


def test_every_item_has_its_anchor_on_its_case_study_page(built_site: Path, catalogue: Catalogue) -> None:
    for case in catalogue.case_studies:
        page = soup(built_site, page_path(case.page_uri))
        assert page.h1.get_text(strip=True).removesuffix("¶") == case.title
        for item in case.items:
            heading = page.find(id=item.id)
            assert heading is not None, f"{case.id}#{item.id} missing"
            assert heading.get_text(" ", strip=True).startswith(item.title)


def test_every_item_is_listed_on_each_of_its_theme_pages(built_site: Path, catalogue: Catalogue) -> None:
    for theme in catalogue.themes:
        url_path = page_path(theme.page_uri)
        links = resolved_links(soup(built_site, url_path), url_path)
        expected = {f"{page_path(i.page_uri)}#{i.id}" for i in catalogue.items_by_theme[theme.id]}
        assert expected <= links, f"{theme.id}: missing {expected - links}"


def test_every_item_is_in_the_explorer(built_site: Path, catalogue: Catalogue) -> None:
    links = resolved_links(soup(built_site, "explore/"), "explore/")
    missing = {item.key for item in catalogue.items if f"{page_path(item.page_uri)}#{item.id}" not in links}
    assert not missing


def test_item_theme_chips_link_to_the_theme_pages(built_site: Path, catalogue: Catalogue) -> None:
    case = next(c for c in catalogue.case_studies if c.id == "bay-anchor-network")
    url_path = page_path(case.page_uri)
    page = soup(built_site, url_path)
    for item in case.items:
        card = page.find(id=item.id).find_parent(class_="aln-item")
        chips = {a.get_text(strip=True): a["href"] for a in card.select("a.aln-chip")}
        assert set(chips) == {t.title for t in item.themes}
        for theme in item.themes:
            assert urljoin("http://site/" + url_path, chips[theme.title]) == "http://site/" + page_path(theme.page_uri)


def test_barriers_and_recommendations_link_both_ways(built_site: Path, catalogue: Catalogue) -> None:
    pairs = [(c, r, b) for c in catalogue.case_studies for r in c.recommendations for b in r.addresses]
    assert pairs, "the seed content links recommendations to barriers"
    for case, rec, barrier_id in pairs:
        page = soup(built_site, page_path(case.page_uri))
        barrier_card = page.find(id=barrier_id).find_parent(class_="aln-item")
        rec_card = page.find(id=rec.id).find_parent(class_="aln-item")
        assert f"#{rec.id}" in {a["href"] for a in barrier_card.find_all("a")}
        assert f"#{barrier_id}" in {a["href"] for a in rec_card.find_all("a")}


def test_home_page_figures_match_the_data(built_site: Path, catalogue: Catalogue) -> None:
    figures = {}
    for card in soup(built_site, "").select(".aln-figures li"):
        figures[card.a.get_text(strip=True)] = int(card.strong.get_text(strip=True).replace(",", ""))
    assert figures == {
        "case studies": len(catalogue.case_studies), "lessons": catalogue.count("lesson"),
        "barriers": catalogue.count("barrier"), "recommendations": catalogue.count("recommendation"),
        "workstreams": catalogue.count("workstream"), "themes": len(catalogue.themes),
    }


def expected_related(case: CaseStudy, catalogue: Catalogue) -> list[str]:
    """Other case studies sharing at least one theme: most shared themes first, then by title. A statement reported
    jointly (``shared_with``) counts for every case study it is credited to."""
    def themes(c: CaseStudy) -> set[str]:
        return set(c.theme_ids) | {t.id for item in catalogue.credited[c.id] for t in item.themes}
    others = [(len(themes(case) & themes(o)), o.title.lower(), o.title) for o in catalogue.case_studies if o.id != case.id]
    return [title for shared, _, title in sorted(others, key=lambda o: (-o[0], o[1])) if shared][:5]


def test_related_case_studies_are_ranked_by_shared_themes(built_site: Path, catalogue: Catalogue) -> None:
    for case in catalogue.case_studies:
        page = soup(built_site, page_path(case.page_uri))
        heading = page.find(id="related")
        shown = [li.a.get_text(strip=True) for li in heading.find_next("ul").find_all("li")] if heading else []
        assert shown == expected_related(case, catalogue), case.id


def test_suggest_a_change_opens_the_yaml_record_and_no_reader_page_has_an_edit_pencil(built_site: Path,
                                                                                      catalogue: Catalogue) -> None:
    for case in catalogue.case_studies:
        page = soup(built_site, page_path(case.page_uri))
        hrefs = [a["href"] for a in page.select(".aln-suggest a[href]")]
        assert any(h.endswith(f"/edit/main/{case.source_path}") for h in hrefs), case.id
        assert page.select_one('.aln-facts a[href="#suggest-a-change"]') is not None
    contribute = soup(built_site, "contribute/")
    assert any(a["href"].endswith("/edit/main/CONTRIBUTING.md") for a in contribute.select("article a[href]"))
    for html in built_site.rglob("*.html"):
        assert "md-content__button" not in html.read_text(encoding="utf-8"), html


def test_navigation_is_built_from_the_data_and_stays_compact(built_site: Path, catalogue: Catalogue) -> None:
    tabs = [a.get_text(strip=True) for a in soup(built_site, "").select(".md-tabs__link")]
    for title in ("Home", "Case studies", "Themes", "Find", "About", "Contribute"):
        assert title in tabs
    assert tabs.count("Contribute") == 1  # one entry for contributors; the footer links it too
    sidebar = soup(built_site, page_path(catalogue.case_studies[0].page_uri)).select(".md-nav--primary a")
    assert not any(case.title == a.get_text(strip=True) for a in sidebar for case in catalogue.case_studies)


def test_no_page_loads_anything_from_another_host(built_site: Path) -> None:
    for html in built_site.rglob("*.html"):
        page = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for element in page.find_all(tag, attrs={attribute: True}):
                if tag == "link" and "stylesheet" not in element.get("rel", []) and "preload" not in element.get("rel", []):
                    continue
                assert not urlsplit(element[attribute]).netloc, f"{html}: {element}"


def test_the_site_carries_no_theme_file_a_reader_never_loads(built_site: Path) -> None:
    # Material's Lunr search (replaced by Pagefind) and its script's source map: 2.2 MB of a 5 MB site
    assert not (built_site / "assets" / "javascripts" / "lunr").exists()
    assert not (built_site / "assets" / "javascripts" / "workers").exists()
    assert list(built_site.rglob("*.map")) == []
    # what pages do load is all there
    for html in (built_site / "index.html", built_site / "explore" / "index.html"):
        page = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for element in page.find_all(["script", "link"], attrs={"src": True}) + page.find_all("link", rel="stylesheet"):
            target = urljoin(html.relative_to(built_site).as_posix(), element.get("src") or element["href"])
            assert (built_site / unquote(urlsplit(target).path)).is_file(), f"{html}: {element}"
    assert sum(f.stat().st_size for f in built_site.rglob("*") if f.is_file()) < 4_000_000


def test_contribute_page_holds_the_guide_and_every_schema_field(built_site: Path) -> None:
    text = soup(built_site, "contribute/").get_text(" ")
    guide_title = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8").splitlines()[0].lstrip("# ")
    assert guide_title in text
    for field in ("lessons[].themes", "sources[].kind", "place.nation", "reviewed"):
        assert field in text
    # how to write what the sources leave vague, by either route (issue 17)
    for guidance in ('"about 2018"', '"unknown"', "13-14 | 1", "at_least", "Id: spend-analysis-first"):
        assert guidance in text, guidance
