"""Validation: the JSON Schema first, then the rules that span fields and files."""
from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator

from .messages import did_you_mean, field_name, problem_from_error, short
from .problems import Problem
from ..read.project import Project
from ..read.yaml_source import Document, JsonPath, read

PARTIAL_DATE = re.compile(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ITEM_KINDS = ("lessons", "barriers", "recommendations")
SECTION_ANCHORS = {"context", "workstreams", "lessons", "barriers", "recommendations", "related", "sources", "cite",
                   "synthesis", "summary"}
RESERVED_PREFIXES = ("source-", "workstream-")
RESERVED_IDS = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10)),
                "index", "themes", "explore", "search", "data", "assets", "pagefind"}


@dataclass(frozen=True)
class Record:
    """One parsed case-study file."""

    path: Path
    display: str
    doc: Document

    @property
    def data(self) -> dict[str, Any]:
        return self.doc.data  # type: ignore[no-any-return]

    def problem(self, at: JsonPath, message: str, hint: str = "") -> Problem:
        line, col = self.doc.locate(at)
        return Problem(self.display, line, col, field_name(at), message, hint)


@dataclass(frozen=True)
class Vocabulary:
    """The theme vocabulary as loaded from ``schemas/themes.yaml``."""

    groups: list[dict[str, str]]
    themes: list[dict[str, str]]

    @property
    def theme_ids(self) -> list[str]:
        return [t["id"] for t in self.themes]


def load_schema(project: Project, vocabulary: Vocabulary) -> Draft202012Validator:
    """The case-study validator, with the theme vocabulary added as an enum."""
    schema = json.loads(project.schema_path.read_text(encoding="utf-8"))
    schema = copy.deepcopy(schema)
    for definition in ("item", "recommendation"):
        schema["$defs"][definition]["properties"]["themes"]["items"]["enum"] = vocabulary.theme_ids
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def load_vocabulary(project: Project) -> tuple[Vocabulary | None, list[Problem]]:
    display = project.display(project.themes_path)
    doc, problems = read(project.themes_path, display)
    if doc is None:
        return None, problems
    schema = json.loads((project.schemas_dir / "themes.schema.json").read_text(encoding="utf-8"))
    errors = Draft202012Validator(schema).iter_errors(doc.data)
    problems = [p for e in errors for p in problem_from_error(e, doc, display, [])]
    if problems:
        return None, problems
    record = Record(project.themes_path, display, doc)
    groups = {g["id"] for g in doc.data["groups"]}
    problems += _duplicates(record, doc.data["groups"], ("groups",), "group id")
    problems += _duplicates(record, doc.data["themes"], ("themes",), "theme id")
    for i, theme in enumerate(doc.data["themes"]):
        if theme["group"] not in groups:
            problems.append(record.problem(("themes", i, "group"), f"unknown group '{theme['group']}'",
                                           did_you_mean(theme["group"], sorted(groups))))
    return (None if problems else Vocabulary(doc.data["groups"], doc.data["themes"])), problems


def _duplicates(record: Record, entries: list[Any], at: JsonPath, what: str) -> list[Problem]:
    seen: dict[str, JsonPath] = {}
    problems = []
    for i, entry in enumerate(entries):
        key = entry.get("id") if isinstance(entry, dict) else None
        if not isinstance(key, str):
            continue
        if key in seen:
            problems.append(record.problem(at + (i, "id"), f"{what} '{key}' is already used by {field_name(seen[key])}",
                                           "give each one its own id"))
        else:
            seen[key] = at + (i,)
    return problems


def fast_validator(validator: Draft202012Validator) -> jsonschema_rs.Validator:
    """The same schema in jsonschema-rs, which answers "valid?" many times faster than jsonschema words errors.

    Formats are checked as jsonschema's FORMAT_CHECKER checks them: the schema uses only ``date``, which
    both check the same way (tests/test_schema_rs.py)."""
    return jsonschema_rs.validator_for(validator.schema, validate_formats=True)


def _passes(fast: jsonschema_rs.Validator, data: Any) -> bool:
    try:
        return fast.is_valid(data)
    except ValueError:  # a value JSON cannot hold (a key that is not text): jsonschema words the problem
        return False


def check_schema(record: Record, validator: Draft202012Validator, vocabulary: Vocabulary,
                 fast: jsonschema_rs.Validator | None = None) -> list[Problem]:
    """Schema problems of one record; ``fast`` (see ``fast_validator``) lets a valid record skip ``iter_errors``."""
    if record.data is None:
        return [Problem(record.display, 1, 1, "", "the file holds no fields", "start from a copy of an existing case study")]
    if not isinstance(record.data, dict):
        kind = "a list" if isinstance(record.data, list) else f"a single value ({short(record.data)})"
        return [Problem(record.display, 1, 1, "", f"the top level must be a mapping of fields, not {kind}",
                        "start the file with 'id: ...' on its own line")]
    if fast is not None and _passes(fast, record.data):
        return []
    problems = [p for e in validator.iter_errors(record.data)
                for p in problem_from_error(e, record.doc, record.display, vocabulary.theme_ids)]
    return list(dict.fromkeys(problems))  # two keywords can word one mistake the same way


def check_record(record: Record) -> list[Problem]:
    """Rules within one record that a JSON Schema cannot express."""
    data = record.data
    if not isinstance(data, dict):
        return []
    problems = []
    record_id = data.get("id")
    if isinstance(record_id, str):
        if record.path.stem != record_id:
            renamable = SLUG.match(record_id) and record_id not in RESERVED_IDS
            rename = f"rename the file to '{record_id}.yaml' or " if renamable else ""
            problems.append(record.problem(("id",), f"id '{record_id}' does not match the file name '{record.path.name}'",
                                           f"{rename}set id: {record.path.stem}"))
        if record_id.lower() in RESERVED_IDS:
            problems.append(record.problem(("id",), f"id '{record_id}' is a reserved name", "choose a more specific id, e.g. the network's name"))
    problems += _check_items(record)
    problems += _check_dates(record)
    return problems


def _list(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key)
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _check_items(record: Record) -> list[Problem]:
    data = record.data
    problems = _duplicates(record, data.get("sources") if isinstance(data.get("sources"), list) else [], ("sources",), "source id")
    sources = sorted(s["id"] for s in _list(data, "sources") if isinstance(s.get("id"), str))
    barriers = sorted(b["id"] for b in _list(data, "barriers") if isinstance(b.get("id"), str))
    seen: dict[str, JsonPath] = {}
    for kind in ITEM_KINDS:
        items = data.get(kind) if isinstance(data.get(kind), list) else []
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            at: JsonPath = (kind, i)
            item_id = item.get("id")
            if isinstance(item_id, str) and item_id:
                if item_id in SECTION_ANCHORS or item_id.startswith(RESERVED_PREFIXES):
                    problems.append(record.problem(at + ("id",), f"item id '{item_id}' is reserved for the page's own anchors",
                                                   f"choose a more specific id, e.g. '{item_id}-{kind[:-1]}'"))
                if item_id in seen:
                    problems.append(record.problem(at + ("id",), f"item id '{item_id}' is already used by {field_name(seen[item_id])}",
                                                   "ids must be unique across lessons, barriers and recommendations"))
                else:
                    seen[item_id] = at
            source = item.get("source")
            if isinstance(source, str) and source not in sources:
                hint = did_you_mean(source, sources) if sources else "add the document to 'sources'"
                problems.append(record.problem(at + ("source",), f"source '{source}' is not in this record's sources", hint))
            addresses = item.get("addresses") if isinstance(item.get("addresses"), list) else []
            for j, barrier in enumerate(addresses):
                if isinstance(barrier, str) and barrier not in barriers:
                    hint = did_you_mean(barrier, barriers) if barriers else "list the barrier under 'barriers' first"
                    problems.append(record.problem(at + ("addresses", j), f"'{barrier}' is not a barrier in this record", hint))
    return problems


def _check_dates(record: Record) -> list[Problem]:
    data = record.data
    started, ended = data.get("started"), data.get("ended")
    problems = []
    dates_valid = all(isinstance(d, str) and PARTIAL_DATE.match(d) for d in (started, ended))
    if dates_valid and ended[: len(started)] < started[: len(ended)]:
        problems.append(record.problem(("ended",), f"ended ({ended}) is before started ({started})",
                                       "check the two dates; they may be swapped"))
    if isinstance(ended, str) and data.get("status") == "active":
        problems.append(record.problem(("status",), f"status is 'active' but the network ended in {ended}",
                                       "set status to 'wound-down' or 'paused', or remove 'ended'"))
    return problems


def check_collection(records: list[Record]) -> list[Problem]:
    """Rules across files: one id per case study."""
    owners: dict[str, Record] = {}
    problems = []
    for record in records:
        record_id = record.data.get("id") if isinstance(record.data, dict) else None
        if not isinstance(record_id, str):
            continue
        if record_id in owners:
            problems.append(record.problem(("id",), f"id '{record_id}' is also used by {owners[record_id].display}",
                                           "each case study needs its own id"))
        else:
            owners[record_id] = record
    return problems


def validate(project: Project, files: list[Path] | None = None) -> tuple[list[Record], Vocabulary | None, list[Problem]]:
    """Read and check every record; return the records, the vocabulary and every problem found."""
    vocabulary, problems = load_vocabulary(project)
    if vocabulary is None:
        return [], None, problems
    validator = load_schema(project, vocabulary)
    fast = fast_validator(validator)
    records = []
    for path in files if files is not None else project.record_files():
        display = project.display(path)
        doc, read_problems = read(path, display)
        problems += read_problems
        if doc is None:
            continue
        record = Record(path, display, doc)
        records.append(record)
        problems += check_schema(record, validator, vocabulary, fast) + check_record(record)
    problems += check_collection(records)
    return records, vocabulary, sorted(problems)
