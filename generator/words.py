"""Small rules for words every stage writes the same way: slugs, counted nouns, ordinals and year ranges."""
from __future__ import annotations

import re

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """``"North Ayrshire"`` -> ``north-ayrshire``: lower-case letters and digits joined by single hyphens."""
    return _NOT_SLUG.sub("-", text.lower()).strip("-")


def count(n: int | str, noun: str, plural: str | None = None) -> str:
    """``1 file``, ``2 files``: a number (or the number as formatted, e.g. ``1,000``) and its noun agreeing."""
    return f"{n} {noun}" if str(n) == "1" else f"{n} {plural or noun + 's'}"


_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
             "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
             "twentieth")


def ordinal(n: int) -> str:
    """``1`` -> ``first``, ``3`` -> ``third``; past twenty in figures: ``21st``, ``112th``, ``1,000th``."""
    if 1 <= n <= len(_ORDINALS):
        return _ORDINALS[n - 1]
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n:,}{suffix}"


def year_range(first: str, last: str) -> str:
    """``2015–2017``, or ``2015`` when both ends are the same year."""
    return first if first == last else f"{first}–{last}"
