"""The open-data downloads: CSV with one row per item, records that validate, themes, schema copy, Data page."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from generator.pipeline import load_site
from generator.model.entities import Catalogue
from generator.render.metadata import build_date
from generator.render.opendata import ITEM_COLUMNS
from generator.render.pages import render_pages

SITE_URL = "https://example.org/kb/"


@pytest.fixture
def pages(synthesis_catalogue: Catalogue, synthesis_project: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    return render_pages(synthesis_catalogue, site_url=SITE_URL.rstrip("/"))


def test_items_csv_has_one_row_per_item_and_none_missing(pages: dict[str, str], synthesis_catalogue: Catalogue) -> None:
    rows = list(csv.DictReader(io.StringIO(pages["data/items.csv"], newline="")))
    assert list(rows[0]) == [name for name, _ in ITEM_COLUMNS]
    assert len(rows) == len(synthesis_catalogue.items)
    assert sorted((r["case_study_id"], r["kind"], r["item_id"]) for r in rows) == \
        sorted((i.case_id, i.kind, i.id) for i in synthesis_catalogue.items)
    by_key = {f"{r['case_study_id']}/{r['item_id']}": r for r in rows}
    for item in synthesis_catalogue.items:
        row = by_key[item.key]
        case = synthesis_catalogue.case_study(item.case_id)
        assert row["title"] == item.title and row["case_study_title"] == case.title
        assert row["themes"].split(";") == [t.id for t in item.themes]
        assert row["nation"] == case.nation and row["member_types"].split(";") == list(case.member_types)
        assert row["url"] == f"{SITE_URL}casestudies/{item.case_id}/#{item.id}"
    assert by_key["alpha/no-sponsor"]["source"] == "Alpha annual report"
    assert by_key["alpha/no-sponsor"]["source_url"] == "https://example.org/alpha"


def test_casestudies_json_holds_every_record_valid_against_the_schema(pages: dict[str, str], synthesis_project: Path,
                                                                      synthesis_catalogue: Catalogue) -> None:
    document = json.loads(pages["data/casestudies.json"])
    schema = json.loads((synthesis_project / "schemas" / "casestudy.schema.json").read_text(encoding="utf-8"))
    assert document["schema_version"] == schema["x-schema-version"]
    assert document["build_date"] == "2025-02-10"  # the latest review date
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert [r["id"] for r in document["case_studies"]] == sorted(c.id for c in synthesis_catalogue.case_studies)
    for record in document["case_studies"]:
        assert list(validator.iter_errors(record)) == [], record["id"]
        assert record == dict(synthesis_catalogue.case_study(record["id"]).raw)


def test_the_schema_is_published_as_is(pages: dict[str, str], synthesis_project: Path) -> None:
    schema = synthesis_project / "schemas" / "casestudy.schema.json"
    assert pages["data/casestudy.schema.json"] == schema.read_text(encoding="utf-8")


def test_themes_json_counts_agree_with_the_model(pages: dict[str, str], synthesis_catalogue: Catalogue) -> None:
    document = json.loads(pages["data/themes.json"])
    assert [t["id"] for t in document["themes"]] == [t.id for t in synthesis_catalogue.themes]
    for theme in document["themes"]:
        items = synthesis_catalogue.items_by_theme[theme["id"]]
        assert theme["barrier"] == sum(1 for i in items if i.kind == "barrier")
        assert theme["case_studies"] == sorted({i.case_id for i in items})
    assert {g["id"] for g in document["groups"]} == {g.id for g in synthesis_catalogue.groups}


def test_build_date_comes_from_source_date_epoch_or_the_records(synthesis_catalogue: Catalogue) -> None:
    assert build_date(synthesis_catalogue, {"SOURCE_DATE_EPOCH": "1700000000"}) == "2023-11-14"
    assert build_date(synthesis_catalogue, {}) == "2025-02-10"


def test_build_is_reproducible(synthesis_catalogue: Catalogue, synthesis_project: Path) -> None:
    first = render_pages(synthesis_catalogue, site_url=SITE_URL)
    assert render_pages(synthesis_catalogue, site_url=SITE_URL) == first


def test_data_page_documents_every_file_column_and_the_licence(pages: dict[str, str]) -> None:
    page = pages["data/index.md"]
    for name in ("casestudies.json", "items.csv", "themes.json", "casestudy.schema.json"):
        assert f"]({name})" in page
    for column, _ in ITEM_COLUMNS:
        assert f"| `{column}` |" in page
    assert "CC BY 4.0" in page and "MIT" in page


def test_items_csv_cannot_smuggle_a_spreadsheet_formula(synthesis_project: Path) -> None:
    record = synthesis_project / "casestudies" / "alpha.yaml"
    text = record.read_text(encoding="utf-8")
    hostile = {"Alpha Anchor Network": '=HYPERLINK("https://evil.example/","Open")', "Find a sponsor early": "+1+2",
               "No senior sponsor": "-2+3 sponsors", "The sponsor left": "@SUM(A1:A9)", "North West": "=1+1",
               "Alpha annual report": "=cmd|' /C calc'!A0"}
    for plain, formula in hostile.items():
        assert plain in text
        text = text.replace(plain, json.dumps(formula))
    record.write_text(text, encoding="utf-8")
    catalogue = load_site(synthesis_project)
    rows = list(csv.DictReader(io.StringIO(render_pages(catalogue)["data/items.csv"], newline="")))
    alpha = {r["item_id"]: r for r in rows if r["case_study_id"] == "alpha"}
    cells = [cell for r in rows for cell in r.values()]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")], "a cell a spreadsheet would run"
    assert alpha["sponsor-early"]["title"] == "'+1+2"
    assert alpha["no-sponsor"]["title"] == "'-2+3 sponsors"
    assert alpha["no-sponsor"]["case_study_title"] == """'=HYPERLINK("https://evil.example/","Open")"""
    assert alpha["no-sponsor"]["region"] == "'=1+1"
    assert alpha["no-sponsor"]["source"] == "'=cmd|' /C calc'!A0"
    # the JSON download and the pages keep the text exactly as written
    case = catalogue.case_study("alpha")
    assert case.title == hostile["Alpha Anchor Network"] and case.region == "=1+1"
