"""The kinds of item a case study records, and every name they go by: the one home of these words."""
from __future__ import annotations

from typing import Literal

Kind = Literal["lesson", "barrier", "recommendation", "workstream"]
KINDS: tuple[Kind, ...] = ("lesson", "barrier", "recommendation", "workstream")
"""In reading order: what was learned, what got in the way, what is advised, then what was done."""
STATEMENT_KINDS: tuple[Kind, ...] = ("lesson", "barrier", "recommendation")
"""The kinds written as a statement with detail, quote and evidence (a workstream has aim, activities, outcomes)."""
KIND_PLURALS: dict[str, str] = {kind: f"{kind}s" for kind in KINDS}
"""``lesson`` -> ``lessons``: also the record's list field for that kind."""
KIND_SINGULAR: dict[str, str] = {kind: kind.capitalize() for kind in KINDS}
"""``lesson`` -> ``Lesson``: a label on one item."""
KIND_TITLES: dict[str, str] = {**{kind: plural.capitalize() for kind, plural in KIND_PLURALS.items()},
                               "workstream": "What they did"}
"""``lesson`` -> ``Lessons``: a heading over a list; workstreams read as what the case studies did."""
ITEM_KINDS: tuple[str, ...] = tuple(KIND_PLURALS[kind] for kind in STATEMENT_KINDS)
"""The record's list fields of statements, in kind order."""
LIST_FIELDS: tuple[str, ...] = tuple(KIND_PLURALS.values())
"""Every record list field that holds items, workstreams included."""
KIND_OF_FIELD: dict[str, str] = {plural: kind for kind, plural in KIND_PLURALS.items()}
"""``lessons`` -> ``lesson``."""
