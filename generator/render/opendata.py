"""Open data built with the site (records as JSON, one CSV row per item, themes, the schema) and page metadata."""
from __future__ import annotations

import csv
import io
from typing import Any, Mapping

from ..model.entities import Catalogue
from ..views.links import Publication
from .metadata import CONTENT_LICENCE, build_date
from .escaping import compact_json
from .renderer import Renderer

DATA_FILES = ("data/casestudies.json", "data/items.csv", "data/themes.json", "data/casestudy.schema.json")

ITEM_COLUMNS: tuple[tuple[str, str], ...] = (
    ("case_study_id", "The case study's permanent id (its file name)."),
    ("case_study_title", "The case study's title."),
    ("kind", "`lesson`, `barrier`, `recommendation` or `workstream` (what the case study did)."),
    ("item_id", "The item's id, unique within its case study and the anchor of its permanent URL."),
    ("title", "The item's one-line statement, or the workstream's name."),
    ("themes", "Theme ids, separated by `;` (see `themes.json`)."),
    ("nation", "The case study's UK nation."),
    ("region", "The case study's region."),
    ("member_types", "Member type ids of the network's members, separated by `;`."),
    ("source", "The source the item is drawn from: its title, else its publisher, if the record names one."),
    ("source_publisher", "Who published that source, if the record says."),
    ("source_date", "When that source was published (a year, year-month or full date), if the record says."),
    ("source_url", "Web address of that source, if it is online."),
    ("scope", "What the case study is about: `network`, `organisation` or `collection`."),
    ("url", "Permanent URL of the item on this site."),
)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A spreadsheet reads a cell starting with one of these as a formula, which could run on opening the file."""


def as_text_cell(text: str) -> str:
    """Contributor text for a CSV cell: a leading apostrophe makes a would-be formula plain text (OWASP's advice)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def item_rows(catalogue: Catalogue, pub: Publication) -> list[list[str]]:
    """One row per lesson, barrier and recommendation, in case-study then kind order (``ITEM_COLUMNS`` order)."""
    rows: list[list[str]] = []
    pages: dict[str, str] = {}  # page URLs repeat for every item of a case study: the fragment is the item's id
    for case in catalogue.case_studies:
        head, tail = (case.id, as_text_cell(case.title)), (case.nation, as_text_cell(case.region), ";".join(case.member_types))
        for item in case.items:
            source, page = item.source, pages.get(item.page_uri)
            if page is None:
                page = pages[item.page_uri] = pub.url(item.page_uri)
            # ids, theme ids, nations and member types are slugs or fixed words, and URLs start with a scheme
            rows.append([*head, item.kind, item.id, as_text_cell(item.title), ";".join([t.id for t in item.themes]), *tail,
                         as_text_cell(source.name) if source else "", as_text_cell(source.publisher or "") if source else "",
                         (source.date or "") if source else "", (source.url or "") if source else "", case.scope,
                         f"{page}#{item.id}"])
    return rows


def items_csv(catalogue: Catalogue, pub: Publication) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([name for name, _ in ITEM_COLUMNS])
    commas = len(ITEM_COLUMNS) - 1
    for row in item_rows(catalogue, pub):
        # A row that no field needs quoting in is its fields joined: checked on the line, 4x cheaper than the writer.
        line = ",".join(row)
        if line.count(",") == commas and '"' not in line and "\n" not in line and "\r" not in line:
            out.write(line + "\r\n")
        else:
            writer.writerow(row)
    return out.getvalue()


def casestudies_json(catalogue: Catalogue, schema: Mapping[str, Any], date: str) -> str:
    """Every record exactly as validated, with the schema version and build date."""
    document = {
        "schema_version": schema.get("x-schema-version"), "schema": "casestudy.schema.json", "build_date": date,
        "licence": {"name": CONTENT_LICENCE[0], "url": CONTENT_LICENCE[1]},
        "case_studies": [dict(case.raw) for case in sorted(catalogue.case_studies, key=lambda c: c.id)],
    }
    return compact_json(document) + "\n"


def themes_json(catalogue: Catalogue, schema: Mapping[str, Any], pub: Publication, date: str) -> str:
    """The theme vocabulary with each theme's page and how much is filed under it."""
    themes = [{
        "id": t.id, "title": t.title, "description": t.description, "group": t.group.id,
        "url": pub.url(t.page_uri),
        "case_studies": sorted({i.case_id for i in catalogue.items_by_theme[t.id]}),
        **{kind: len(items) for kind, items in catalogue.items_by_theme_kind[t.id].items()},
    } for t in catalogue.themes]
    groups = [{"id": g.id, "title": g.title, "description": g.description} for g in catalogue.groups]
    document = {"schema_version": schema.get("x-schema-version"), "build_date": date, "groups": groups, "themes": themes}
    return compact_json(document) + "\n"


def open_data_pages(catalogue: Catalogue, renderer: Renderer) -> dict[str, str]:
    """The downloads under data/ and the Data page that documents them."""
    schema_text, schema = catalogue.schema_text, catalogue.schema
    date = build_date(catalogue)
    return {
        "data/casestudies.json": casestudies_json(catalogue, schema, date),
        "data/items.csv": items_csv(catalogue, renderer.publication),
        "data/themes.json": themes_json(catalogue, schema, renderer.publication, date),
        "data/casestudy.schema.json": schema_text,
        "data/index.md": renderer.render("data.md.j2", "data/index.md", site=catalogue, columns=ITEM_COLUMNS, date=date,
                                         schema_version=schema.get("x-schema-version"), item_count=len(catalogue.items)),
    }

