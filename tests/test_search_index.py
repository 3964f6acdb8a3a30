"""Search records from the Catalogue: one per case study (its workstreams and items as sections) and per theme."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.pipeline import load_site
from generator.model.entities import Catalogue
from generator.views.links import page_url
from generator.search.records import (FILTERS, SECTION_HEADINGS, SearchRecord, SearchSection, offline_index_js,
                                    pagefind_html, search_records)


@pytest.fixture(scope="module")
def catalogue(root: Path) -> Catalogue:
    return load_site(root)


@pytest.fixture(scope="module")
def records(catalogue: Catalogue) -> list[SearchRecord]:
    return search_records(catalogue)


@pytest.mark.parametrize(("uri", "directory_urls", "url"), [
    ("index.md", True, ""), ("index.md", False, "index.html"),
    ("casestudies/index.md", True, "casestudies/"), ("casestudies/index.md", False, "casestudies/index.html"),
    ("casestudies/bay.md", True, "casestudies/bay/"), ("casestudies/bay.md", False, "casestudies/bay.html"),
])
def test_page_url_follows_mkdocs(uri: str, directory_urls: bool, url: str) -> None:
    assert page_url(uri, directory_urls) == url


def test_one_record_per_case_study_and_theme(catalogue: Catalogue, records: list[SearchRecord]) -> None:
    assert [r.page_uri for r in records] == [c.page_uri for c in catalogue.case_studies] + [t.page_uri for t in catalogue.themes]


def test_every_item_and_workstream_is_a_section_at_its_anchor(catalogue: Catalogue, records: list[SearchRecord]) -> None:
    by_page = {r.page_uri: r for r in records}
    for case in catalogue.case_studies:
        sections = by_page[case.page_uri].sections
        assert [s.anchor for s in sections] == [item.anchor for item in case.items]
        for item, section in zip(case.items, sections):
            assert section.title == item.title
            assert section.kind == {"lesson": "Lesson", "barrier": "Barrier", "recommendation": "Recommendation",
                                    "workstream": "Workstream"}[item.kind]
            assert section.context == "; ".join(t.title for t in item.themes)


def test_case_studies_carry_page_level_filters(catalogue: Catalogue, records: list[SearchRecord]) -> None:
    by_page = {r.page_uri: r for r in records}
    for case in catalogue.case_studies:
        record = by_page[case.page_uri]
        assert set(record.filters) == set(FILTERS) == {"theme", "nation", "member", "status", "scope"}
        # a case study has the themes of all its items
        assert set(record.filters["theme"]) == {t.title for item in case.items for t in item.themes}
        assert record.filters["nation"] == (case.nation,) and record.filters["status"] == (case.status.title,)
        assert {"kind", "place", "years"} <= set(record.meta) and record.meta["kind"] == "Case study"


def test_records_are_deterministic(catalogue: Catalogue) -> None:
    assert search_records(catalogue) == search_records(catalogue)


def test_pagefind_html_makes_sections_headings_with_the_anchor_as_id() -> None:
    record = SearchRecord("casestudies/a.md", "Tom & <Jerry>", "Leeds Yorkshire", "Body text",
                          {"theme": ("Trust & relationships",)}, {"place": "A, B", "kind": "Case study"},
                          (SearchSection("workstream-1", "Workstream", "Jobs", "", "Aim"),
                           SearchSection("buy-in", "Barrier", "Buy-in", "Trust & relationships; Funding", "Detail")))
    html = pagefind_html(record, True)
    assert '<h1 data-pagefind-weight="10.0">Tom &amp; &lt;Jerry&gt;</h1>' in html
    assert '<p data-pagefind-weight="3.0">Leeds Yorkshire</p>' in html
    assert '<h2 id="workstream-1" data-pagefind-weight="10.0">Jobs</h2>' in html
    # a section: heading, body, then its themes (so an excerpt can start right after the heading), labelled as
    # such, so an excerpt that runs on past the body does not read them as more of the item's text
    assert ('<h4 id="buy-in" data-pagefind-weight="10.0">Buy-in</h4><p data-pagefind-weight="1.0">Detail</p>'
            '<p data-pagefind-weight="3.0">Themes: Trust &amp; relationships; Funding.</p>') in html
    assert '<span data-pagefind-filter="theme">Trust &amp; relationships</span>' in html
    assert '<span data-pagefind-meta="place">A, B</span>' in html  # element form: a comma in a value is safe
    assert '<span data-pagefind-meta="url">casestudies/a/</span>' in html
    assert '<html lang="en">' in html
    # only section headings carry ids: Pagefind copies an element's whole text into the fragment for each id
    assert re.findall(r' id="([^"]+)"', html) == ["workstream-1", "buy-in"]


def test_each_kind_has_its_own_heading_element() -> None:
    assert sorted(SECTION_HEADINGS) == ["Barrier", "Lesson", "Recommendation", "Workstream"]
    assert len(set(SECTION_HEADINGS.values())) == 4 and "h1" not in SECTION_HEADINGS.values()
    script = (Path(__file__).resolve().parents[1] / "docs" / "assets" / "search.js").read_text(encoding="utf-8")
    kinds = dict(re.findall(r'(h\d): "(\w+)"', re.search(r"SECTION_KINDS = \{([^}]*)\}", script).group(1)))
    assert kinds == {tag: kind for kind, tag in SECTION_HEADINGS.items()}


def test_offline_index_is_a_classic_script_assigning_a_global(records: list[SearchRecord]) -> None:
    script = offline_index_js(records)
    prefix = "window.ALN_SEARCH_INDEX = "
    assert script.startswith(prefix) and script.endswith(";\n")
    data = json.loads(script[len(prefix):-2])
    assert data["filters"] == FILTERS
    assert len(data["records"]) == len(records)
    assert all(r["url"].endswith(".html") for r in data["records"])
    sections = [s for r in data["records"] for s in r["sections"]]
    assert sections and all({"anchor", "kind", "title", "context", "body"} == set(s) for s in sections)


def test_offline_index_cannot_end_a_script_element() -> None:
    record = SearchRecord("a.md", "x</script><script>alert(1)", "", "", {}, {})
    assert "</script>" not in offline_index_js([record])


def test_excerpts_read_as_sentences_not_runs_of_names(catalogue: Catalogue, records: list[SearchRecord]) -> None:
    by_page = {r.page_uri: r for r in records}
    for case in catalogue.case_studies:
        body = by_page[case.page_uri].body
        assert f"{case.scope_title}: {case.network_name}" in body
        assert (f"Convened by {case.convenor}." in body) == bool(case.convenor)
        assert ("Members: " + "; ".join(m.name for m in case.members) + "." in body) == bool(case.members)
