"""Rules across records: one id per case study, shared statements credited to real case studies, and no
statement written twice (a statement reported jointly is written once and credited with ``shared_with``)."""
from __future__ import annotations

from typing import Any

from ..kinds import ITEM_KINDS
from ..problems import JsonPath, Problem, described_path
from ..read.inputs import Record
from .messages import did_you_mean
from .record_rules import entries
from .word_runs import runs, shared_runs, words

SHINGLE = 5
"""Words per shingle when comparing statements."""
NEAR_REPEAT = 0.8
"""Share of the shorter statement's shingles found in the other that makes it a repeat."""
MIN_WORDS = 12
"""Statements shorter than this are too short to call repeats (titles alone can match by chance)."""
COMMON_RUN = 8
"""A sampled run found in more statements than this is a stock phrase, not a sign of a repeat."""


def check_collection(records: list[Record]) -> list[Problem]:
    """Every problem that needs more than one record to see."""
    owners = _owners(records)
    return _duplicate_ids(records) + _shared_with(records, owners) + _repeated_statements(records)


def _record_id(record: Record) -> str | None:
    value = record.data.get("id") if isinstance(record.data, dict) else None
    return value if isinstance(value, str) else None


def _owners(records: list[Record]) -> dict[str, Record]:
    owners: dict[str, Record] = {}
    for record in records:
        record_id = _record_id(record)
        if record_id is not None:
            owners.setdefault(record_id, record)
    return owners


def _duplicate_ids(records: list[Record]) -> list[Problem]:
    owners: dict[str, Record] = {}
    problems = []
    for record in records:
        record_id = _record_id(record)
        if record_id is None:
            continue
        if record_id in owners:
            problems.append(record.problem(("id",), f"id '{record_id}' is also used by {owners[record_id].display}",
                                           "each case study needs its own id"))
        else:
            owners[record_id] = record
    return problems


def _items(record: Record) -> list[tuple[JsonPath, dict[str, Any]]]:
    data = record.data if isinstance(record.data, dict) else {}
    return [((kind, i), item) for kind in ITEM_KINDS for i, item in entries(data, kind)]


def _shared_with(records: list[Record], owners: dict[str, Record]) -> list[Problem]:
    problems = []
    for record in records:
        for at, item in _items(record):
            shared = item.get("shared_with")
            for j, other in enumerate(shared if isinstance(shared, list) else []):
                if not isinstance(other, str):
                    continue
                if other == _record_id(record):
                    problems.append(record.problem(at + ("shared_with", j),
                                                   "a statement cannot be shared with its own case study",
                                                   "list only the other case studies that reported it"))
                elif other not in owners:
                    problems.append(record.problem(at + ("shared_with", j), f"there is no case study '{other}'",
                                                   did_you_mean(other, sorted(owners))
                                                   or "use the id of another record in casestudies/"))
    return problems


def _text(item: dict[str, Any]) -> str:
    return f"{item.get('title') or ''} {item.get('detail') or ''}"


def _repeated_statements(records: list[Record]) -> list[Problem]:
    """A statement whose words nearly repeat one in another record: candidates share sampled 5-word runs, then
    the full runs decide (a run common to many statements, like a stock phrase, says nothing and is skipped)."""
    statements = [(record, at, _text(item)) for record in records for at, item in _items(record)]
    shared = shared_runs([text for _, _, text in statements], SHINGLE, MIN_WORDS, COMMON_RUN)
    pairs: set[tuple[int, int]] = set()
    for postings in shared.values():
        pairs.update((a, b) for a in postings for b in postings if a < b and statements[a][0] is not statements[b][0])
    problems = []
    for a, b in sorted(pairs):
        (record, at, text), (other, other_at, other_text) = statements[a], statements[b]
        own, theirs = runs(words(text), SHINGLE), runs(words(other_text), SHINGLE)
        if len(own & theirs) >= NEAR_REPEAT * min(len(own), len(theirs)):
            line, _ = other.doc.locate(other_at)
            problems.append(record.problem(at, f"nearly repeats {other.display}:{line} ({described_path(other_at)})",
                                           "write a statement reported jointly once and credit the others with 'shared_with'"))
    return problems
