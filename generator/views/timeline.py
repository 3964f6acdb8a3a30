"""The timeline model: one bar per network from its start, on an axis every page shares (drawn by timeline_svg)."""
from __future__ import annotations

import math
from dataclasses import dataclass

from ..model.entities import Catalogue, CaseStudy
from ..dates import readable
from ..words import year_range
from .paging import chunks

TIMELINE_PAGE_SIZE = 100
"""Networks per timeline page: one SVG row each, so a page stays readable and far below 1 MB."""


@dataclass(frozen=True)
class TimelineRow:
    """One network on the timeline; x values are SVG user units."""

    case: CaseStudy
    y: float
    x_start: float
    x_end: float
    """End of the known span: the end date, or the review date when the end is not recorded."""
    x_tail: float | None
    """For a paused network with a pause date: the latest evidence date, drawn dotted after x_end."""
    shape: str
    """``active`` (open end), ``ended``, ``paused`` or ``end-unknown`` (stopped at a date not recorded)."""
    note: str
    """What the bar shows, in words, for the text alternative."""
    span: str
    """Short dates for the bar's label, e.g. ``2020–2023, wound down``."""
    start_uncertain: bool = False
    """The start is approximate or only bounded ('about 2018', 'by 2020'): its edge is drawn as uncertain."""
    end_uncertain: bool = False
    """The same for a recorded end."""


@dataclass(frozen=True)
class Timeline:
    """One page of the timeline; every page shares the same axis."""

    number: int
    page_uri: str
    rows: tuple[TimelineRow, ...]
    ticks: tuple[tuple[float, int], ...]
    """(x, year) for each labelled year."""
    width: int
    height: int
    plot_top: int
    plot_bottom: int

    @property
    def years(self) -> str:
        """The start years this page covers, for the pager: ``2015–2017``, or ``2015`` for one year."""
        first, last = self.rows[0].case.started.year, self.rows[-1].case.started.year
        return year_range(first, last)


TL_WIDTH, TL_LEFT, TL_RIGHT, TL_TOP, TL_ROW = 720, 24, 28, 34, 46


def year_fraction(date: str, end: bool = False) -> float:
    """A partial date as a fractional year: its start, or with ``end`` the end of the period it names."""
    parts = [int(p) for p in date.split("-")]
    year, month, day = parts[0], parts[1] if len(parts) > 1 else None, parts[2] if len(parts) > 2 else None
    if month is None:
        return year + (1.0 if end else 0.0)
    if day is None:
        return year + (month if end else month - 1) / 12
    return year + (month - 1) / 12 + (day if end else day - 1) / 365


def known_until(case: CaseStudy) -> str:
    """The latest date the evidence speaks for: the status's date, else the newest dated source, else the start."""
    dates = [s.date for s in case.sources if s.date]
    return case.status.as_of or max(dates, default="") or case.started.date


def _shape(case: CaseStudy) -> tuple[str, str, str]:
    """The bar's shape, what it shows in words, and a short span for its label."""
    start, state = case.started.short, case.status.state
    since = f"from {start}" if case.started.exact else f"started {start}"
    dated = bool(case.status.as_of or any(s.date for s in case.sources))
    until = readable(known_until(case)) if dated else ""
    if case.ended.known:
        verb = "Paused" if state == "paused" else "Ended"
        return ("paused" if state == "paused" else "ended"), f"{verb} {case.ended.text}", \
            f"{year_range(start, case.ended.short)}, {verb.lower()}"
    if state == "active":
        if not dated:
            return "active", "Active; the evidence is not dated", f"{since}, active (evidence not dated)"
        return "active", f"Active as of {until}; nothing recorded after that", f"{since}, active as of {until}"
    if state == "unknown":
        return "end-unknown", "Status not known" + (f" after {until}" if until else ""), f"{since}, status not known"
    verb = "Paused" if state == "paused" else "Wound down"
    by = f"by {until}" if until else "at a date not recorded"
    return "end-unknown", f"{verb} {by}; the record does not say when", f"{since}, {verb.lower()}: end not recorded"


def timeline_page_uri(number: int) -> str:
    return "synthesis/timeline.md" if number == 1 else f"synthesis/timeline-{number}.md"


def by_start(catalogue: Catalogue) -> tuple[CaseStudy, ...]:
    """Case studies with a known start, in timeline order: start date, then title."""
    return tuple(sorted((c for c in catalogue.case_studies if c.started.known),
                        key=lambda c: (year_fraction(c.started.date), c.title.lower(), c.id)))


def undated(catalogue: Catalogue) -> tuple[CaseStudy, ...]:
    """Case studies whose start the sources do not give: listed beside the chart, never drawn."""
    return tuple(c for c in catalogue.case_studies if not c.started.known)


def build_timeline(catalogue: Catalogue, page_size: int = TIMELINE_PAGE_SIZE) -> tuple[Timeline, ...]:
    """Bars from each start to its end, or to the latest date the evidence speaks for: never past what is known."""
    cases = by_start(catalogue)
    spans = [(year_fraction(c.started.date), year_fraction(c.ended.date if c.ended.known else known_until(c), end=True),
              year_fraction(known_until(c), end=True)) for c in cases]
    first = math.floor(min((s for s, _, _ in spans), default=2020))
    last = max(math.ceil(max((max(e, r) for _, e, r in spans), default=first + 1)), first + 4)
    step = 1 if last - first <= 12 else 2 if last - first <= 24 else 5

    def x(year: float) -> float:
        return round(TL_LEFT + (year - first) / (last - first) * (TL_WIDTH - TL_LEFT - TL_RIGHT), 1)

    rows = []
    for n, (case, (start, end, reviewed)) in enumerate(zip(cases, spans)):
        shape, note, span = _shape(case)
        tail = x(reviewed) if shape == "paused" and reviewed > end else None
        y = TL_TOP + (n % page_size) * TL_ROW
        rows.append(TimelineRow(case, y, x(start), max(x(end), x(start) + 2), tail, shape, note, span,
                                not case.started.exact, case.ended.known and not case.ended.exact))
    ticks = tuple((x(year), year) for year in range(first, last + 1, step))
    pages = []
    for number, chunk in enumerate(chunks(rows, page_size), start=1):
        bottom = TL_TOP + len(chunk) * TL_ROW
        pages.append(Timeline(number, timeline_page_uri(number), chunk, ticks, TL_WIDTH, bottom + 8, TL_TOP - 6, bottom))
    return tuple(pages)
