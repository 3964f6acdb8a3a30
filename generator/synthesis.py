"""Cross-case synthesis: the theme x case-study matrix, what recurs, the timeline and where.

Pure functions of the model; ``synthesis_pages`` hands their results to templates, which only format.
"""
from __future__ import annotations

import html
import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Mapping

from markupsafe import Markup

from .collector import without_gc
from .model import KINDS, NATIONS, Catalogue, CaseStudy, Item, Theme

if TYPE_CHECKING:
    from .render import Renderer

MATRIX_PAGE_SIZE = 25
"""Case-study columns per matrix page: keeps each page far below 1 MB however many case studies there are."""
TIMELINE_PAGE_SIZE = 100
"""Networks per timeline page: one SVG row each, so a page stays readable and far below 1 MB."""
RECUR_LIMIT = 8
"""Barriers and recommendations listed per theme on "What recurs"; the rest are one explorer link away."""
SHADES = 4


@dataclass(frozen=True)
class Cell:
    """How many lessons, barriers and recommendations one case study has on one theme."""

    lessons: int
    barriers: int
    recommendations: int
    level: int
    """Shade from 0 (empty) to SHADES (the fullest cell of the matrix)."""

    @property
    def total(self) -> int:
        return self.lessons + self.barriers + self.recommendations


@dataclass(frozen=True)
class ThemeTotals:
    theme: Theme
    networks: int
    """Case studies with at least one item on the theme."""
    items: int


@dataclass(frozen=True)
class MatrixPage:
    number: int
    page_uri: str
    cases: tuple[CaseStudy, ...]


@dataclass(frozen=True)
class Matrix:
    """Rows are themes (vocabulary order), columns case studies (title order), split into pages."""

    rows: tuple[ThemeTotals, ...]
    pages: tuple[MatrixPage, ...]
    cells: Mapping[tuple[str, str], Cell]
    """(theme id, case id) -> counts; only non-empty cells are present."""
    max_total: int

    def cell(self, theme_id: str, case_id: str) -> Cell | None:
        return self.cells.get((theme_id, case_id))

    @property
    def legend(self) -> tuple[tuple[int, int, int], ...]:
        """(level, lowest total, highest total) for each shade in use."""
        bounds = ((k, (k - 1) * self.max_total // SHADES + 1, k * self.max_total // SHADES) for k in range(1, SHADES + 1))
        return tuple(b for b in bounds if b[1] <= b[2])


@dataclass(frozen=True)
class Recurrence:
    """One theme on "What recurs": who reports barriers on it and what is recommended."""

    theme: Theme
    networks: tuple[CaseStudy, ...]
    """Case studies reporting at least one barrier on the theme."""
    barriers: tuple[Item, ...]
    recommendations: tuple[Item, ...]
    """Recommendations sharing the theme; those that explicitly answer one of the barriers first."""
    answers: frozenset[str]
    """Keys of the recommendations that explicitly address one of the barriers."""


@dataclass(frozen=True)
class Region:
    name: str
    anchor: str
    cases: tuple[CaseStudy, ...]


@dataclass(frozen=True)
class Nation:
    name: str
    cases: tuple[CaseStudy, ...]
    regions: tuple[Region, ...]


def matrix_page_uri(number: int) -> str:
    return "synthesis/matrix.md" if number == 1 else f"synthesis/matrix-{number}.md"


def build_matrix(catalogue: Catalogue, page_size: int = MATRIX_PAGE_SIZE) -> Matrix:
    """Count every case study's items per theme; an item on two themes counts once in each row."""
    counts: Counter[tuple[str, str, str]] = Counter(
        (theme.id, item.case_id, item.kind) for item in catalogue.items for theme in item.themes)
    keys = sorted({(t, c) for t, c, _ in counts})
    totals = {key: sum(counts[(*key, kind)] for kind in KINDS) for key in keys}
    max_total = max(totals.values(), default=0)
    cells = {key: Cell(*(counts[(*key, kind)] for kind in KINDS), level=shade(totals[key], max_total)) for key in keys}
    rows = tuple(ThemeTotals(t, len(catalogue.case_studies_by_theme[t.id]), len(catalogue.items_by_theme[t.id]))
                 for t in catalogue.themes)
    cases = catalogue.case_studies
    pages = tuple(MatrixPage(n + 1, matrix_page_uri(n + 1), cases[start:start + page_size])
                  for n, start in enumerate(range(0, len(cases), page_size))) or (MatrixPage(1, matrix_page_uri(1), ()),)
    return Matrix(rows, pages, cells, max_total)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def matrix_row(matrix: Matrix, row: ThemeTotals, cases: tuple[CaseStudy, ...], link: Callable[[str], str]) -> Markup:
    """One theme's row of a matrix page as HTML: 25 cells per row and 24 rows per page make string joins
    much cheaper than a template call per cell. Titles are escaped here."""
    theme = row.theme
    title = html.escape(theme.title)
    out = [f'<tr><th scope="row"><a href="{html.escape(link(theme.page_uri))}">{title}</a></th>']
    for case in cases:
        cell = matrix.cells.get((theme.id, case.id))
        if cell is None:
            out.append("<td></td>")
            continue
        counts = "".join(f"<b>{n}</b>{letter}" + (" " if letter != "R" else "")
                         for n, letter in ((cell.lessons, "L"), (cell.barriers, "B"), (cell.recommendations, "R")) if n)
        out.append(f'<td class="aln-heat-{cell.level}"><a href="{html.escape(link(f"explore.md?theme={theme.id}&case={case.id}"))}" '
                   f'title="{html.escape(case.title)}: {title}"><span class="aln-matrix__n" aria-hidden="true">{counts}</span>'
                   f'<span class="aln-sr">{_plural(cell.lessons, "lesson")}, {_plural(cell.barriers, "barrier")}, '
                   f'{_plural(cell.recommendations, "recommendation")}</span></a></td>')
    all_cell = (f'<a href="{link(f"explore.md?theme={theme.id}")}">{_plural(row.items, "item")}</a><br>'
                f'{_plural(row.networks, "network")}') if row.items else ""
    out.append(f'<td class="aln-matrix__all">{all_cell}</td></tr>')
    return Markup("".join(out).replace("{", "&#123;"))  # '{' as an entity, as everywhere (see safe_markdown.BRACE)


def shade(total: int, max_total: int) -> int:
    """0 for an empty cell, else 1..SHADES in proportion to the fullest cell."""
    return 0 if total <= 0 or max_total <= 0 else max(1, math.ceil(SHADES * total / max_total))


def recurrence(catalogue: Catalogue) -> tuple[Recurrence, ...]:
    """Themes with barriers, ranked by how many different networks report barriers on them."""
    ranked = []
    for theme in catalogue.themes:
        items = catalogue.items_by_theme[theme.id]
        barriers = tuple(i for i in items if i.kind == "barrier")
        if not barriers:
            continue
        barrier_keys = {b.key for b in barriers}
        answers = frozenset(i.key for i in items if i.kind == "recommendation"
                            and any(f"{i.case_id}/{a}" in barrier_keys for a in i.addresses))
        recommendations = sorted((i for i in items if i.kind == "recommendation"), key=lambda i: i.key not in answers)
        network_ids = {b.case_id for b in barriers}
        networks = tuple(c for c in catalogue.case_studies if c.id in network_ids)
        ranked.append(Recurrence(theme, networks, barriers, tuple(recommendations), answers))
    order = {t.id: n for n, t in enumerate(catalogue.themes)}
    return tuple(sorted(ranked, key=lambda r: (-len(r.networks), -len(r.barriers), order[r.theme.id])))


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def region_anchor(case: CaseStudy) -> str:
    return f"region-{slug(case.nation)}-{slug(case.region)}"


def where(catalogue: Catalogue) -> tuple[Nation, ...]:
    """Case studies by nation (fixed order) and region (most case studies first, then name)."""
    nations = []
    for name in NATIONS:
        cases = catalogue.case_studies_by_nation.get(name, ())
        by_region: dict[str, list[CaseStudy]] = {}
        for case in cases:
            by_region.setdefault(case.region, []).append(case)
        regions = tuple(Region(r, region_anchor(cs[0]), tuple(cs))
                        for r, cs in sorted(by_region.items(), key=lambda kv: (-len(kv[1]), kv[0].lower())))
        nations.append(Nation(name, cases, regions))
    return tuple(nations)


@dataclass(frozen=True)
class CaseLinks:
    """Where one case study appears in the synthesis views (docs paths with anchors)."""

    matrix: str
    timeline: str
    where: str


_positions: dict[str, tuple[Catalogue, dict[str, int], dict[str, int]]] = {}


def case_links(catalogue: Catalogue, case: CaseStudy, page_size: int = MATRIX_PAGE_SIZE,
               timeline_page_size: int = TIMELINE_PAGE_SIZE) -> CaseLinks:
    cached = _positions.get("last")
    if cached is None or cached[0] is not catalogue:  # every case page asks: index the catalogue once
        cached = (catalogue, {c.id: n for n, c in enumerate(catalogue.case_studies)},
                  {c.id: n for n, c in enumerate(by_start(catalogue))})
        _positions["last"] = cached
    _, in_matrix, on_timeline = cached
    return CaseLinks(matrix=f"{matrix_page_uri(in_matrix[case.id] // page_size + 1)}#case-{case.id}",
                     timeline=f"{timeline_page_uri(on_timeline[case.id] // timeline_page_size + 1)}#case-{case.id}",
                     where=f"synthesis/where.md#{region_anchor(case)}")


@dataclass(frozen=True)
class TimelineRow:
    """One network on the timeline; x values are SVG user units."""

    case: CaseStudy
    y: float
    x_start: float
    x_end: float
    """End of the known span: the end date, or the review date when the end is not recorded."""
    x_tail: float | None
    """For a paused network with a pause date: the review date, drawn dotted after x_end."""
    shape: str
    """``active`` (open end), ``ended``, ``paused`` or ``end-unknown`` (stopped at a date not recorded)."""
    note: str
    """What the bar shows, in words, for the text alternative."""
    span: str
    """Short dates for the bar's label, e.g. ``2020–2023, wound down``."""


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


def _shape(case: CaseStudy) -> tuple[str, str, str]:
    """The bar's shape, what it shows in words, and a short span for its label."""
    start = case.started[:4]
    if case.status == "active":
        return "active", f"Active when the record was reviewed ({case.reviewed})", f"{start} onwards"
    verb = "Paused" if case.status == "paused" else "Wound down"
    if case.ended:
        end = case.ended[:4]
        span = f"{start}–{end}" if end != start else start
        return ("paused" if case.status == "paused" else "ended"), f"{verb} {case.ended}", f"{span}, {verb.lower()}"
    return "end-unknown", f"{verb} by {case.reviewed}; the record does not say when", f"from {start}, {verb.lower()}: end not recorded"


def timeline_page_uri(number: int) -> str:
    return "synthesis/timeline.md" if number == 1 else f"synthesis/timeline-{number}.md"


def by_start(catalogue: Catalogue) -> tuple[CaseStudy, ...]:
    """Case studies in timeline order: start date, then title."""
    return tuple(sorted(catalogue.case_studies, key=lambda c: (year_fraction(c.started), c.title.lower(), c.id)))


def build_timeline(catalogue: Catalogue, page_size: int = TIMELINE_PAGE_SIZE) -> tuple[Timeline, ...]:
    """Bars from each start to its end, or to the record's review date when the end is open or unknown."""
    cases = by_start(catalogue)
    spans = [(year_fraction(c.started), year_fraction(c.ended, end=True) if c.ended else year_fraction(c.reviewed, end=True),
              year_fraction(c.reviewed, end=True)) for c in cases]
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
        rows.append(TimelineRow(case, y, x(start), max(x(end), x(start) + 2), tail, shape, note, span))
    ticks = tuple((x(year), year) for year in range(first, last + 1, step))
    pages = []
    for number, at in enumerate(range(0, max(len(rows), 1), page_size), start=1):
        chunk = tuple(rows[at:at + page_size])
        bottom = TL_TOP + len(chunk) * TL_ROW
        pages.append(Timeline(number, timeline_page_uri(number), chunk, ticks, TL_WIDTH, bottom + 8, TL_TOP - 6, bottom))
    return tuple(pages)


@without_gc
def synthesis_pages(catalogue: Catalogue, renderer: Renderer) -> dict[str, str]:
    """The matrix (one page per MATRIX_PAGE_SIZE case studies), What recurs, Timeline and Where."""
    matrix = build_matrix(catalogue)
    pages = {page.page_uri: renderer.render("synthesis-matrix.md.j2", page.page_uri, site=catalogue, matrix=matrix, page=page)
             for page in matrix.pages}
    timelines = build_timeline(catalogue)
    pages["synthesis/index.md"] = renderer.render("synthesis-index.md.j2", "synthesis/index.md", site=catalogue, matrix=matrix)
    pages["synthesis/recurs.md"] = renderer.render("synthesis-recurs.md.j2", "synthesis/recurs.md", site=catalogue,
                                                   ranking=recurrence(catalogue), limit=RECUR_LIMIT)
    for timeline in timelines:
        pages[timeline.page_uri] = renderer.render("synthesis-timeline.md.j2", timeline.page_uri, site=catalogue,
                                                   timeline=timeline, timelines=timelines)
    pages["synthesis/where.md"] = renderer.render("synthesis-where.md.j2", "synthesis/where.md", site=catalogue,
                                                  nations=where(catalogue))
    return pages
