"""Dates as the sources give them: partial dates ('2022', '2022-06', '2022-06-16') and dates with their
precision ('about 2018', 'by 2020', 'before 2020-03', 'unknown'). The one home of these rules."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Precision = Literal["exact", "about", "by", "before", "unknown"]
PARTIAL_DATE = re.compile(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")
WHEN = re.compile(r"^(?:(about|by|before) )?([0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?)$")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


@dataclass(frozen=True)
class When:
    """A start or end as precise as its source: the date, and whether it is exact, approximate or a bound."""

    precision: Precision
    date: str = ""
    """A partial date ('2020', '2020-09', '2020-09-14'); empty when unknown."""

    @property
    def known(self) -> bool:
        return self.precision != "unknown"

    @property
    def exact(self) -> bool:
        return self.precision == "exact"

    @property
    def year(self) -> str:
        return self.date[:4]

    @property
    def text(self) -> str:
        """As written in prose: '2020', 'about 2018', 'by 2020', 'before March 2020', 'not known'."""
        if not self.known:
            return "not known"
        shown = readable(self.date)
        return shown if self.exact else f"{self.precision} {shown}"

    @property
    def short(self) -> str:
        """For tables and bars: the year with its precision, e.g. '2020', 'c. 2018', 'by 2020', 'before 2020', '?'."""
        if not self.known:
            return "?"
        return {"exact": self.year, "about": f"c. {self.year}", "by": f"by {self.year}",
                "before": f"before {self.year}"}[self.precision]


UNKNOWN = When("unknown")


def parse_when(value: str | None) -> When:
    """'about 2018' -> When('about', '2018'); None or 'unknown' -> UNKNOWN. The schema has checked the form."""
    if not value or value == "unknown":
        return UNKNOWN
    found = WHEN.match(value)
    if found is None:
        return UNKNOWN
    return When(found.group(1) or "exact", found.group(2))  # type: ignore[arg-type]


def readable(date: str) -> str:
    """'2022' -> '2022', '2022-06' -> 'June 2022', '2022-06-16' -> '16 June 2022' (GOV.UK style)."""
    parts = date.split("-")
    if len(parts) == 1:
        return date
    month = MONTHS[int(parts[1]) - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"


def is_partial_date(value: object) -> bool:
    return isinstance(value, str) and PARTIAL_DATE.match(value) is not None
