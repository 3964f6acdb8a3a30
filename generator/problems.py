"""Problems found in the input, reported like a compiler's errors."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .words import count, ordinal

_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")

JsonPath = tuple[str | int, ...]
"""Where a value sits in a record, e.g. ``('lessons', 2, 'themes', 0)``."""


def field_name(path: JsonPath) -> str:
    """``('lessons', 2, 'themes', 0)`` -> ``lessons[2].themes[0]``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


_LIST_STEP = re.compile(r"(?:^|\.)([A-Za-z_]+)((?:\[\d+\])+)")
_INDEX = re.compile(r"\[(\d+)\]")
_ONE_OF = {"activities": "activity", "addresses": "barrier addressed", "shared_with": "id in shared_with"}
"""List fields whose one entry is not named by dropping the final s."""


def _one_of(list_field: str) -> str:
    """``members`` -> ``member``, ``former_names`` -> ``former name``: what one entry of a list field is called."""
    return _ONE_OF.get(list_field) or list_field.removesuffix("s").replace("_", " ")


def position(field: str) -> str:
    """Where a field in a list sits, counted from one as people count (the JSON form counts from 0).

    ``members[2]`` -> ``the third member``; ``lessons[0].themes[1]`` -> ``the first lesson's second theme``;
    ``lessons[3].id`` -> ``in the fourth lesson``; empty when no list is involved.
    """
    steps = list(_LIST_STEP.finditer(field))
    if not steps:
        return ""
    chain = "'s ".join(f"{ordinal(int(index) + 1)} {_one_of(step.group(1))}"
                       for step in steps for index in _INDEX.findall(step.group(2)))
    return f"the {chain}" if steps[-1].end() == len(field) else f"in the {chain}"


def described(field: str) -> str:
    """The field in its JSON form for tools, then its position for people: ``members[2], the third member``."""
    where = position(field)
    return f"{field}, {where}" if where else field


def described_path(path: JsonPath) -> str:
    """``described`` for a path: ``('lessons', 0)`` -> ``lessons[0], the first lesson``."""
    return described(field_name(path))


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file, precise enough to act on."""

    path: str
    """The file, relative to the project root where possible."""
    line: int
    """1-based line of the offending node (0 when the whole file is at fault)."""
    column: int
    """1-based column of the offending node (0 when unknown)."""
    field: str
    """Where in the record in its JSON form, e.g. ``lessons[2].themes[0]``; empty for the whole file (see ``described``)."""
    message: str
    """What is wrong."""
    hint: str = ""
    """How to put it right, e.g. "did you mean 'procurement-social-value'?"."""

    @property
    def location(self) -> str:
        """``casestudies/leeds.yaml:12:5``: the file, and the line and column when known."""
        if not self.line:
            return printable(self.path)
        return printable(f"{self.path}:{self.line}:{self.column}" if self.column else f"{self.path}:{self.line}")

    @property
    def where_in_record(self) -> str:
        """The field with its position for people (``described``), printable; empty for the whole file."""
        return printable(described(self.field))

    def __str__(self) -> str:
        text = f"{self.location}: {self.where_in_record}: {self.message}" if self.field else f"{self.location}: {self.message}"
        return printable(f"{text} ({self.hint})" if self.hint else text)


def printable(text: str) -> str:
    """One problem, one line: a value's line break or escape code must not forge more lines in a CI log or a page."""
    return _UNPRINTABLE.sub(lambda found: repr(found.group())[1:-1], text)


class CaseStudyError(Exception):
    """Raised when the records cannot be built into a site; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(summary_line(self.problems))


def summary_line(problems: list[Problem]) -> str:
    files = len({p.path for p in problems})
    return f"{count(len(problems), 'case-study problem')} in {count(files, 'file')}"
