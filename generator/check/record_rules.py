"""Rules within one record that a JSON Schema cannot express: ids, references between fields, dates in
order, at least one item, and no editors' words in reader-facing prose."""
from __future__ import annotations

import re
from typing import Any

from ..dates import parse_when
from ..kinds import LIST_FIELDS
from ..problems import JsonPath, Problem, described_path
from ..read.inputs import Record
from .messages import did_you_mean

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SECTION_ANCHORS = {"context", "workstreams", "lessons", "barriers", "recommendations", "related", "sources", "cite",
                   "synthesis", "summary", "on-this-page"}
RESERVED_PREFIXES = ("source-", "workstream-")
RESERVED_IDS = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10)),
                "index", "themes", "explore", "search", "data", "assets", "pagefind"}
PROSE_FIELDS = ("summary", "context")
"""Record fields readers see as prose (besides every item's and workstream's text)."""


def check_record(record: Record, field_names: frozenset[str] = frozenset()) -> list[Problem]:
    """Every within-record problem; ``field_names`` are the schema's, which reader prose must not name."""
    data = record.data
    if not isinstance(data, dict):
        return []
    return (_check_id(record, data) + _check_items(record, data) + _check_references(record, data)
            + _check_dates(record, data) + _check_prose(record, data, field_names))


def entries(data: dict[str, Any], key: str) -> list[tuple[int, dict[str, Any]]]:
    value = data.get(key)
    return [(i, v) for i, v in enumerate(value) if isinstance(v, dict)] if isinstance(value, list) else []


def _check_id(record: Record, data: dict[str, Any]) -> list[Problem]:
    record_id, problems = data.get("id"), []
    if isinstance(record_id, str):
        if record.path.stem != record_id:
            renamable = SLUG.match(record_id) and record_id not in RESERVED_IDS
            rename = f"rename the file to '{record_id}.yaml' or " if renamable else ""
            problems.append(record.problem(("id",), f"id '{record_id}' does not match the file name '{record.path.name}'",
                                           f"{rename}set id: {record.path.stem}"))
        if record_id.lower() in RESERVED_IDS:
            problems.append(record.problem(("id",), f"id '{record_id}' is a reserved name",
                                           "choose a more specific id, e.g. the network's name"))
    return problems


def _check_items(record: Record, data: dict[str, Any]) -> list[Problem]:
    problems = duplicates(record, data.get("sources"), ("sources",), "source id")
    if not any(isinstance(data.get(kind), list) and data[kind] for kind in LIST_FIELDS):
        problems.append(record.problem((), "the record has no lesson, barrier, recommendation or workstream",
                                       "add at least one of them, as the sources state it"))
    barriers = sorted(b["id"] for _, b in entries(data, "barriers") if isinstance(b.get("id"), str))
    seen: dict[str, JsonPath] = {}
    for kind in LIST_FIELDS:
        for i, item in entries(data, kind):
            at: JsonPath = (kind, i)
            item_id = item.get("id")
            if isinstance(item_id, str) and item_id:
                if item_id in SECTION_ANCHORS or item_id.startswith(RESERVED_PREFIXES):
                    problems.append(record.problem(at + ("id",), f"item id '{item_id}' is reserved for the page's own anchors",
                                                   f"choose a more specific id, e.g. '{item_id}-{kind[:-1]}'"))
                if item_id in seen:
                    problems.append(record.problem(
                        at + ("id",), f"item id '{item_id}' is already used by {described_path(seen[item_id])}",
                        "ids must be unique across workstreams, lessons, barriers and recommendations"))
                else:
                    seen[item_id] = at
            addresses = item.get("addresses")
            for j, barrier in enumerate(addresses if isinstance(addresses, list) else []):
                if isinstance(barrier, str) and barrier not in barriers:
                    hint = did_you_mean(barrier, barriers) if barriers else "list the barrier under 'barriers' first"
                    problems.append(record.problem(at + ("addresses", j), f"'{barrier}' is not a barrier in this record", hint))
    return problems


def _check_references(record: Record, data: dict[str, Any]) -> list[Problem]:
    """Every ``source`` names one of the record's sources; a source gives a title, publisher or address."""
    sources = sorted(s["id"] for _, s in entries(data, "sources") if isinstance(s.get("id"), str))
    problems = []
    for i, entry in entries(data, "sources"):
        if not any(entry.get(key) for key in ("title", "publisher", "url")):
            problems.append(record.problem(("sources", i), "the source has no title, publisher or url",
                                           "give at least one, so a reader can find the document"))
    places: list[tuple[str, int, str] | tuple[str, str]] = [(kind, i, "source") for kind in LIST_FIELDS
                                                            for i, _ in entries(data, kind)]
    places += [("status", "source"), ("member_total", "source")]
    for at in places:
        owner = data.get(at[0]) if len(at) == 2 else data[at[0]][at[1]]
        source = owner.get(at[-1]) if isinstance(owner, dict) else None
        if isinstance(source, str) and source not in sources:
            hint = did_you_mean(source, sources) if sources else "add the document to 'sources'"
            problems.append(record.problem(at, f"source '{source}' is not in this record's sources", hint))
    total = data.get("member_total")
    if isinstance(total, dict) and isinstance(total.get("at_most"), int) and isinstance(total.get("at_least"), int) \
            and total["at_most"] < total["at_least"]:
        problems.append(record.problem(("member_total", "at_most"),
                                       f"at_most ({total['at_most']}) is below at_least ({total['at_least']})",
                                       "check the two numbers; they may be swapped"))
    return problems


def _check_dates(record: Record, data: dict[str, Any]) -> list[Problem]:
    started, ended = (parse_when(data.get(k)) if isinstance(data.get(k), str) else None for k in ("started", "ended"))
    problems = []
    if started and ended and started.known and ended.known:
        a, b = started.date, ended.date
        if b[: len(a)] < a[: len(b)]:
            problems.append(record.problem(("ended",), f"ended ({data['ended']}) is before started ({data['started']})",
                                           "check the two dates; they may be swapped"))
    status = data.get("status")
    state = status.get("state") if isinstance(status, dict) else None
    if ended is not None and ended.known and state == "active":
        problems.append(record.problem(("status", "state"),
                                       f"the state is 'active' but the record says it ended ({data['ended']})",
                                       "set the state to 'wound-down' or 'paused', or remove 'ended'"))
    return problems


def _check_prose(record: Record, data: dict[str, Any], field_names: frozenset[str]) -> list[Problem]:
    """Editors' words in reader prose: a schema field named in backticks, e.g. "so `started` records 2020"."""
    if not field_names or not _may_hold_backtick(record.doc.text):
        return []
    texts: list[tuple[JsonPath, Any]] = [((key,), data.get(key)) for key in PROSE_FIELDS]
    for kind in LIST_FIELDS:
        for i, item in entries(data, kind):
            texts += [((kind, i, key), item.get(key)) for key in ("title", "detail", "evidence", "aim", "name")]
            for key in ("activities", "outcomes"):
                listed = item.get(key)
                texts += [((kind, i, key, j), text) for j, text in enumerate(listed)] if isinstance(listed, list) else []
    problems = []
    for at, text in texts:
        if not isinstance(text, str) or "`" not in text:  # most prose has no backtick: skip the pattern
            continue
        named = sorted({m for m in re.findall(r"`([a-z_]+)`", text) if m in field_names})
        if named:
            problems.append(record.problem(at, f"names the record field '{named[0]}': readers see this text",
                                           "move notes for editors to 'editor_notes', which no reader page shows"))
    return problems


def _may_hold_backtick(source: str) -> bool:
    """Whether any text read from this YAML source can hold a backtick: only a backtick written in it, or an escape
    in a double-quoted string (which starts with a backslash), can put one there. Most records have neither, and
    then none of their prose needs reading (an empty source says nothing, so everything is read)."""
    return not source or "`" in source or "\\" in source


def duplicates(record: Record, entries_: Any, at: JsonPath, what: str) -> list[Problem]:
    seen: dict[str, JsonPath] = {}
    problems = []
    for i, entry in enumerate(entries_ if isinstance(entries_, list) else []):
        key = entry.get("id") if isinstance(entry, dict) else None
        if not isinstance(key, str):
            continue
        if key in seen:
            problems.append(record.problem(at + (i, "id"), f"{what} '{key}' is already used by {described_path(seen[key])}",
                                           "give each one its own id"))
        else:
            seen[key] = at + (i,)
    return problems
