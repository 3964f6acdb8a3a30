"""The theme x case-study matrix: counts per theme and case study, shaded and split into pages of columns."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Mapping, NamedTuple

from ..kinds import KINDS
from .paging import chunks
from ..model.entities import Catalogue, CaseStudy, Theme

MATRIX_PAGE_SIZE = 15
"""Case-study columns per matrix page: as many as fit, with the counts readable, across a laptop screen (the page
hides both sidebars), so the table needs no scrollbar of its own; it also keeps each page far below 1 MB."""
SHADES = 3
"""Shades of a non-empty cell. Three, so that each differs from the next by 3:1 in contrast in both colour
schemes, with readable text on each (docs/assets/synthesis.css; tests/test_layout_colours.py): a fourth would
need more contrast than black and white have."""


class Cell(NamedTuple):
    """How many lessons, barriers, recommendations and workstreams one case study has on one theme (``KINDS`` order).

    A named tuple: a matrix at scale has thousands of cells, and a tuple is made several times faster than a frozen
    dataclass."""

    lessons: int
    barriers: int
    recommendations: int
    workstreams: int
    level: int
    """Shade from 0 (empty) to SHADES (the fullest cell of the matrix)."""

    @property
    def total(self) -> int:
        return self.lessons + self.barriers + self.recommendations + self.workstreams


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
    first: int
    """The position of its first case study in title order, from 1."""

    @property
    def name(self) -> str:
        """The case studies it covers, for the pager: ``26–50``."""
        return f"{self.first}–{self.first + len(self.cases) - 1}"


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


def matrix_page_uri(number: int) -> str:
    return "synthesis/matrix.md" if number == 1 else f"synthesis/matrix-{number}.md"


def build_matrix(catalogue: Catalogue, page_size: int = MATRIX_PAGE_SIZE) -> Matrix:
    """Count every case study's items per theme; an item on two themes counts once in each row."""
    position = {kind: n for n, kind in enumerate(KINDS)}
    counts: dict[tuple[str, str], list[int]] = {}  # (theme id, case id) -> a count per kind, in KINDS order
    for case in catalogue.case_studies:
        for item in case.items:
            n = position[item.kind]
            for theme in item.themes:
                key = (theme.id, item.case_id)
                tally = counts.get(key)
                if tally is None:
                    tally = counts[key] = [0] * len(KINDS)
                tally[n] += 1
    max_total = max((sum(tally) for tally in counts.values()), default=0)
    cells = {}
    for key in sorted(counts):
        lessons, barriers, recommendations, workstreams = counts[key]
        cells[key] = Cell(lessons, barriers, recommendations, workstreams, shade(sum(counts[key]), max_total))
    rows = tuple(ThemeTotals(t, len(catalogue.case_studies_by_theme[t.id]), len(catalogue.items_by_theme[t.id]))
                 for t in catalogue.themes)
    cases = catalogue.case_studies
    pages = tuple(MatrixPage(n, matrix_page_uri(n), chunk, (n - 1) * page_size + 1)
                  for n, chunk in enumerate(chunks(cases, page_size), start=1))
    return Matrix(rows, pages, cells, max_total)


def shade(total: int, max_total: int) -> int:
    """0 for an empty cell, else 1..SHADES in proportion to the fullest cell."""
    return 0 if total <= 0 or max_total <= 0 else max(1, math.ceil(SHADES * total / max_total))
