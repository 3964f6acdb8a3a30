"""Lossless: every field of every record reaches a reader, on its case-study page or in the open data.

Each leaf of each record (the real ones and the hostile corpus) is looked for on the built case-study
page in the form a reader sees it: plain text verbatim, Markdown as its rendered text, an id as an
anchor, a theme as a link to its page, an enum as its title, a date as written (or its year, where the
page shows years), a URL as a link. A leaf the page does not show must be in data/casestudies.json with
the same value. ``ONLY_IN_OPEN_DATA`` names the fields that are by design on no page.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

from generator.dates import readable
from generator.views.links import safe_url
from generator.render.safe_markdown import markdown_to_html
from builds import HOSTILE

ROOT = Path(__file__).resolve().parent.parent
RECORDS = [*sorted((ROOT / "casestudies").glob("*.yaml")), *HOSTILE]
MARKDOWN = re.compile(r"^(context|workstreams\[\d+\]\.(activities|outcomes)\[\d+\]"
                      r"|(lessons|barriers|recommendations)\[\d+\]\.(detail|evidence))$")
ONLY_IN_OPEN_DATA = {"place.coordinates.lat", "place.coordinates.lon", "started", "ended", "schema_version",
                     "editor_notes", "workstreams[].editor_notes", "lessons[].editor_notes", "barriers[].editor_notes",
                     "recommendations[].editor_notes"}
"""Coordinates feed maps, not text; the page shows the years of 'started' and 'ended', the month and day are data;
editors' notes are never shown to readers, by design; the schema version is for tools."""


def leaves(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for key, child in value.items():
            yield from leaves(child, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from leaves(child, f"{path}[{index}]")
    else:
        yield path, value


def squash(text: str) -> str:
    return " ".join(text.replace("¶", " ").split())


class Page:
    """A built case-study page, and the ways a value can show on it."""

    def __init__(self, html: str) -> None:
        self.soup = BeautifulSoup(html, "html.parser")
        article = self.soup.select_one("article") or self.soup
        self.text = squash(article.get_text(" "))
        self.ids = {str(e["id"]) for e in article.find_all(id=True)}
        self.hrefs = [str(a["href"]) for a in article.find_all("a", href=True)]

    def shows(self, path: str, value: Any, record: dict[str, Any], titles: dict[str, str]) -> bool:
        key = re.sub(r"\[\d+\]", "[]", path).split(".")[-1]
        text = str(value)
        if MARKDOWN.match(path):
            return squash(BeautifulSoup(str(markdown_to_html(text)), "html.parser").get_text(" ")) in self.text
        if path.endswith("].id") and path.startswith(("lessons", "barriers", "recommendations", "workstreams")):
            return text in self.ids
        if path.startswith("sources[") and key == "id":
            return f"source-{text}" in self.ids
        if key == "source":
            url = next((s.get("url") for s in record.get("sources", []) if s.get("id") == text), None)
            return f"#source-{text}" in self.hrefs or (url is not None and safe_url(url) in self.hrefs)
        if key == "shared_with[]":
            return any(h.rstrip("/").endswith(f"casestudies/{text}") for h in self.hrefs)
        if key == "as_of" or (key == "date" and path.startswith("sources[")):
            return readable(text) in self.text
        if key == "addresses[]":
            return f"#{text}" in self.hrefs
        if key == "themes[]":
            return any(h.rstrip("/").endswith(f"themes/{text}") for h in self.hrefs)
        if key == "url":
            return safe_url(text) in self.hrefs
        if path == "id":
            canonical = self.soup.find("link", rel="canonical")
            return canonical is not None and f"/casestudies/{text}/" in canonical["href"]
        if key in ("type", "status", "kind", "state", "scope") or path == "status":
            return squash(titles.get(text, text.replace("-", " "))).lower() in self.text.lower()
        if path in ("started", "ended"):
            return text[:4] in self.text
        return squash(text) in self.text


@pytest.fixture(scope="module")
def titles() -> dict[str, str]:
    schema = json.loads((ROOT / "schemas" / "casestudy.schema.json").read_text(encoding="utf-8"))
    member_types = schema["properties"]["members"]["items"]["properties"]["type"]["x-enum-titles"]
    return {**member_types, "wound-down": "Wound down"}


@pytest.fixture(scope="module")
def open_data(hostile_site: Path) -> dict[str, Any] | None:
    path = hostile_site / "data" / "casestudies.json"
    if not path.exists():
        return None
    return {case["id"]: case for case in json.loads(path.read_text(encoding="utf-8"))["case_studies"]}


@pytest.mark.parametrize("record_path", RECORDS, ids=lambda p: p.stem)
def test_no_field_is_dropped(record_path: Path, hostile_site: Path, titles: dict[str, str],
                             open_data: dict[str, Any] | None) -> None:
    record = yaml.safe_load(record_path.read_text(encoding="utf-8"))
    page = Page((hostile_site / "casestudies" / record["id"] / "index.html").read_text(encoding="utf-8"))
    published = open_data.get(record["id"]) if open_data is not None else None
    published_leaves = dict(leaves(published)) if published is not None else {}
    not_on_page = [path for path, value in leaves(record) if not page.shows(path, value, record, titles)]
    dropped = [path for path in not_on_page if published_leaves.get(path) != _as_json(record, path)]
    assert dropped == [], f"{record_path.name}: on no page and not in data/casestudies.json"
    unexpected = {re.sub(r"\[\d+\]", "[]", p) for p in not_on_page} - ONLY_IN_OPEN_DATA
    assert unexpected == set(), f"{record_path.name}: now shown only in open data (update ONLY_IN_OPEN_DATA if meant)"


def _as_json(record: dict[str, Any], path: str) -> Any:
    return dict(leaves(json.loads(json.dumps(record))))[path]


def test_open_data_holds_every_record_exactly(hostile_site: Path, open_data: dict[str, Any] | None) -> None:
    if open_data is None:
        pytest.skip("data/casestudies.json is not built yet: every field must then be on the page")
    for record_path in RECORDS:
        record = json.loads(json.dumps(yaml.safe_load(record_path.read_text(encoding="utf-8"))))
        assert open_data[record["id"]] == record, record_path.name
