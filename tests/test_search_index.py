"""Search records from the Catalogue: one per case study, workstream, item and theme, same for both engines."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.build import load_site
from generator.model import Catalogue
from generator.search_index import (FILTERS, SearchRecord, offline_index_js, page_url, pagefind_html, record_url,
                                    search_records)


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


def test_every_item_is_its_own_record_at_its_anchor(catalogue: Catalogue, records: list[SearchRecord]) -> None:
    by_url = {record_url(r, True): r for r in records}
    for item in catalogue.items:
        record = by_url[page_url(item.page_uri, True) + "#" + item.anchor]
        assert record.title == item.title
        assert record.filters["kind"] == ({"lesson": "Lesson", "barrier": "Barrier", "recommendation": "Recommendation"}[item.kind],)
        assert set(record.filters["theme"]) == {t.title for t in item.themes}
        assert record.meta["case"] == item.case_title


def test_item_records_carry_every_filter_and_the_result_metadata(records: list[SearchRecord]) -> None:
    items = [r for r in records if r.meta["kind"] in ("Lesson", "Barrier", "Recommendation")]
    assert items
    for record in items:
        assert set(record.filters) == set(FILTERS)
        assert all(record.filters[key] for key in FILTERS), record
        assert {"case", "place", "years"} <= set(record.meta)


def test_records_are_deterministic(catalogue: Catalogue) -> None:
    assert search_records(catalogue) == search_records(catalogue)


def test_pagefind_html_weights_titles_and_escapes() -> None:
    record = SearchRecord("casestudies/a.md", "x", "Tom & <Jerry>", "Case A Leeds", "Body text",
                          {"theme": ("Trust & relationships",), "kind": ("Lesson",)}, {"case": "A, B", "kind": "Lesson"})
    html = pagefind_html(record, True)
    assert '<h1 data-pagefind-weight="10.0">Tom &amp; &lt;Jerry&gt;</h1>' in html
    assert '<p id="aln-context" data-pagefind-weight="3.0">Case A Leeds</p>' in html
    assert '<span data-pagefind-filter="theme">Trust &amp; relationships</span>' in html
    assert '<span data-pagefind-meta="case">A, B</span>' in html  # element form: a comma in a value is safe
    assert '<span data-pagefind-meta="url">casestudies/a/#x</span>' in html
    assert '<html lang="en">' in html


def test_offline_index_is_a_classic_script_assigning_a_global(records: list[SearchRecord]) -> None:
    script = offline_index_js(records)
    prefix = "window.ALN_SEARCH_INDEX = "
    assert script.startswith(prefix) and script.endswith(";\n")
    data = json.loads(script[len(prefix):-2])
    assert data["filters"] == FILTERS
    assert len(data["records"]) == len(records)
    assert all(".html" in r["url"] and "/#" not in r["url"] for r in data["records"])


def test_offline_index_cannot_end_a_script_element() -> None:
    record = SearchRecord("a.md", None, "x</script><script>alert(1)", "", "", {}, {})
    assert "</script>" not in offline_index_js([record])
