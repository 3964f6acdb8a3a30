"""The map of where each case study's sections start in Pagefind's index (generator/search/pagefind_sections.py).

The fast tests use hand-made fragments; the last one runs Pagefind on the seed records and checks, for every
case study, that the map has one start per workstream and item and that each start is the word position of
that section's heading in the page's own indexed text."""
from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from generator.pipeline import load_site
from generator.search.pagefind_canonical import SIGNATURE
from generator.search.pagefind_run import PagefindRun
from generator.search.pagefind_sections import SECTIONS_FILE, SECTIONS_GLOBAL, section_gaps, section_map, write_section_map
from generator.search.records import search_records

ROOT = Path(__file__).resolve().parent.parent


def write_fragment(folder: Path, name: str, page: dict[str, Any]) -> None:
    (folder / "fragment").mkdir(parents=True, exist_ok=True)
    (folder / "fragment" / f"{name}.pf_fragment").write_bytes(gzip.compress(SIGNATURE + json.dumps(page).encode()))


def anchor(element: str, location: int, anchor_id: str | None = "x") -> dict[str, Any]:
    return {"element": element, "location": location, "text": "A title", **({"id": anchor_id} if anchor_id else {})}


def read_map(folder: Path) -> dict[str, list[Any]]:
    text = (folder / SECTIONS_FILE).read_text(encoding="utf-8")
    prefix = f"window.{SECTIONS_GLOBAL}="
    assert text.startswith(prefix) and text.endswith(";\n")
    loaded: dict[str, list[Any]] = json.loads(text[len(prefix):-2])
    return loaded


def test_sections_are_the_headings_with_ids_as_gaps_from_the_one_before() -> None:
    page = {"anchors": [anchor("h1", 0, None), anchor("h2", 12), anchor("h3", 40), anchor("h6", 50),
                        anchor("h4", 55, None), anchor("h4", 61), anchor("h5", 90)]}
    assert section_gaps(page) == [12, 28, 21, 29]
    assert section_gaps({"anchors": []}) == [] and section_gaps({}) == []


def test_pages_without_sections_are_left_out_and_the_order_is_the_ids(tmp_path: Path) -> None:
    write_fragment(tmp_path, "en_b", {"meta": {"url": "casestudies/b/"}, "anchors": [anchor("h3", 7), anchor("h3", 9)]})
    write_fragment(tmp_path, "en_a", {"meta": {"url": "casestudies/a/"}, "anchors": [anchor("h2", 3)]})
    write_fragment(tmp_path, "en_theme", {"meta": {"url": "themes/x/"}, "anchors": [anchor("h1", 0, None)]})
    write_section_map(tmp_path)
    assert read_map(tmp_path) == {"en_a": ["casestudies/a/", 3], "en_b": ["casestudies/b/", 7, 2]}
    assert list(read_map(tmp_path)) == ["en_a", "en_b"]
    first = (tmp_path / SECTIONS_FILE).read_bytes()
    write_section_map(tmp_path)
    assert (tmp_path / SECTIONS_FILE).read_bytes() == first


def test_a_file_that_is_not_a_fragment_is_refused(tmp_path: Path) -> None:
    (tmp_path / "fragment").mkdir()
    (tmp_path / "fragment" / "en_x.pf_fragment").write_bytes(gzip.compress(b'{"meta": {}}'))
    with pytest.raises(ValueError, match="not a Pagefind fragment"):
        section_map(tmp_path)


@pytest.mark.slow
def test_a_real_index_maps_every_section_to_its_headings_word(tmp_path: Path) -> None:
    records = search_records(load_site(ROOT))
    PagefindRun(lambda: records, True).finish(tmp_path)
    folder = tmp_path / "pagefind"
    sections = read_map(folder)
    by_url = {row[0]: (page_id, row[1:]) for page_id, row in sections.items()}
    cases = [r for r in records if r.sections]
    assert len(sections) == len(cases) > 0
    for record in cases:
        url = record.page_uri.removesuffix(".md") + "/"
        page_id, gaps = by_url[url]
        assert len(gaps) == len(record.sections), url
        words = json.loads(gzip.decompress((folder / "fragment" / f"{page_id}.pf_fragment").read_bytes())[len(SIGNATURE):])
        content = words["content"].split()
        at = 0
        for gap, section in zip(gaps, record.sections):
            at += gap
            title = section.title.split()  # Pagefind ends a heading with a full stop in its text
            assert " ".join(content[at:at + len(title)]).rstrip(".") == " ".join(title).rstrip("."), (url, section.anchor)
