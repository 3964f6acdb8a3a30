"""Problems found in the input, reported like a compiler's errors."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .words import count

_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")

JsonPath = tuple[str | int, ...]
"""Where a value sits in a record, e.g. ``('lessons', 2, 'themes', 0)``."""


def field_name(path: JsonPath) -> str:
    """``('lessons', 2, 'themes', 0)`` -> ``lessons[2].themes[0]``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


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
    """Where in the record, e.g. ``lessons[2].themes[0]``; empty for the whole file."""
    message: str
    """What is wrong."""
    hint: str = ""
    """How to put it right, e.g. "did you mean 'procurement-social-value'?"."""

    def __str__(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}:{self.column}" if self.column else f":{self.line}"
        text = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        text = f"{text} ({self.hint})" if self.hint else text
        # One problem, one line: a value's line break or escape code must not forge more lines in a CI log.
        return _UNPRINTABLE.sub(lambda found: repr(found.group())[1:-1], text)


class CaseStudyError(Exception):
    """Raised when the records cannot be built into a site; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(summary_line(self.problems))


def summary_line(problems: list[Problem]) -> str:
    files = len({p.path for p in problems})
    return f"{count(len(problems), 'case-study problem')} in {count(files, 'file')}"
