"""The kinds of item a case study records, and every name they go by: the one home of these words."""
from __future__ import annotations

from typing import Literal

Kind = Literal["lesson", "barrier", "recommendation"]
KINDS: tuple[Kind, ...] = ("lesson", "barrier", "recommendation")
KIND_PLURALS: dict[str, str] = {kind: f"{kind}s" for kind in KINDS}
"""``lesson`` -> ``lessons``: also the record's list field for that kind."""
KIND_SINGULAR: dict[str, str] = {kind: kind.capitalize() for kind in KINDS}
"""``lesson`` -> ``Lesson``: a label on one item."""
KIND_TITLES: dict[str, str] = {kind: plural.capitalize() for kind, plural in KIND_PLURALS.items()}
"""``lesson`` -> ``Lessons``: a heading over a list."""
ITEM_KINDS: tuple[str, ...] = tuple(KIND_PLURALS.values())
"""The record's list fields, in kind order."""
KIND_OF_FIELD: dict[str, str] = {plural: kind for kind, plural in KIND_PLURALS.items()}
"""``lessons`` -> ``lesson``."""
