"""The matrix pages' table and phone cards as finished HTML: the column heads, one row per theme, one card per theme.

A matrix page has 15 case-study columns and a row and a card for each of 24 themes: string joins are much cheaper
than a template call per cell. ``MatrixHtml`` is made once per build: what every page repeats (a theme's title,
its links and totals, a cell's counts) is escaped and joined once, and each cell once for its row and its card."""
from __future__ import annotations

from collections.abc import Callable, Sequence

from markupsafe import Markup

from ..model.entities import CaseStudy, ThemeGroup
from ..views.matrix import Cell, Matrix, ThemeTotals
from ..words import count
from .cards import page_links
from .escaping import esc

Link = Callable[[str], str]


def _counts(cell: Cell) -> str:
    """``2L 1W``: each count and its letter kept together, so a narrow cell wraps between counts, never inside one."""
    return " ".join(f'<span class="aln-matrix__c"><b>{n}</b>{letter}</span>'
                    for n, letter in ((cell.lessons, "L"), (cell.barriers, "B"), (cell.recommendations, "R"),
                                      (cell.workstreams, "W")) if n)


def _spoken(cell: Cell) -> str:
    return (f'{count(cell.lessons, "lesson")}, {count(cell.barriers, "barrier")}, '
            f'{count(cell.recommendations, "recommendation")}, {count(cell.workstreams, "workstream")}')


def _all_cell(row: ThemeTotals, explore: str) -> str:
    return (f'<a href="{explore}">{count(row.items, "item")}</a>'
            f'<br>{count(row.networks, "network")}') if row.items else ""


class _ThemeParts:
    """One theme's row head, card head and cell link, the same on every matrix page."""

    __slots__ = ("id", "title", "explore_case", "row_head", "row_tail", "card_head")

    def __init__(self, row: ThemeTotals, link: Link, explore: str) -> None:
        theme = row.theme
        self.id = theme.id
        self.title = esc(theme.title)
        href = esc(link(theme.page_uri))
        theme_explore = f"{explore}?theme={esc(theme.id)}"
        self.explore_case = f"{theme_explore}&amp;case="
        self.row_head = f'<tr><th scope="row"><a href="{href}">{self.title}</a></th>'
        totals = _all_cell(row, theme_explore).replace("<br>", " in ")
        self.card_head = (f'<div class="aln-mcard"><h3 class="aln-mcard__title"><a href="{href}">{self.title}</a></h3>'
                          + (f"<p class=aln-mcard__all>All case studies: {totals}</p>" if totals else ""))
        self.row_tail = f'<td class="aln-matrix__all">{_all_cell(row, theme_explore)}</td></tr>'


class MatrixHtml:
    """The matrix's HTML for one build: ``head``, ``bodies`` and ``cards`` of each page's case studies.

    ``link`` is the matrix pages' linker: they all sit in ``synthesis/``, so one serves every page. Everything
    contributor-written is escaped here (``esc``, '{' as an entity too)."""

    def __init__(self, matrix: Matrix, groups: Sequence[ThemeGroup], link: Link) -> None:
        self.matrix = matrix
        self.link = link
        explore = esc(link("explore.md"))  # a cell's link is the finder's page and a query: the page's link is worked out once
        parts = {row.theme.id: _ThemeParts(row, link, explore) for row in matrix.rows}
        self.groups = tuple((esc(group.title), tuple(parts[row.theme.id] for row in matrix.rows
                                                     if row.theme.group.id == group.id)) for group in groups)
        self._cell_text: dict[Cell, tuple[str, str]] = {}
        self._page_names = [page.name for page in matrix.pages]
        self._page_uris = [page.page_uri for page in matrix.pages]

    def _cell(self, cell: Cell) -> tuple[str, str]:
        """A cell's counts (shown) and their words (for screen readers); cells of equal counts share them."""
        text = self._cell_text.get(cell)
        if text is None:
            text = self._cell_text[cell] = (_counts(cell), _spoken(cell))
        return text

    def pager(self, number: int) -> Markup:
        """Links to every matrix page, page ``number`` (from 1) in bold."""
        return page_links(self._page_names, self._page_uris, number, self.link, "Matrix pages", "Case studies")

    def head(self, cases: Sequence[CaseStudy]) -> Markup:
        """The column heads of a page's case studies."""
        link = self.link
        return Markup("".join(
            f'<th scope="col" class="aln-matrix__case" id="case-{esc(case.id)}"><a href="{esc(link(case.page_uri))}">'
            f'{esc(case.title)}</a>'
            + ("" if case.is_network else f' <small class="aln-scope">({esc(case.scope_title.lower())})</small>')
            + "</th>" for case in cases))

    def tables(self, cases: Sequence[CaseStudy]) -> tuple[Markup, Markup]:
        """A page's table bodies (one ``<tbody>`` per theme group, each line ending in a line break) and its cards
        (a heading per group, then one card a line), built together so each cell is joined once."""
        cells = self.matrix.cells
        titles = [esc(case.title) for case in cases]
        ids = [esc(case.id) for case in cases]
        colspan = len(cases) + 2
        bodies: list[str] = []
        cards: list[str] = []
        for group_title, themes in self.groups:
            bodies.append(f'<tbody>\n<tr class="aln-matrix__group"><th scope="rowgroup" colspan="{colspan}">'
                          f'<span>{group_title}</span></th></tr>\n')
            cards.append(f'<h2 class="aln-matrix-cards__group">{group_title}</h2>\n')
            for theme in themes:
                row = [theme.row_head]
                entries = []
                for case, title, case_id in zip(cases, titles, ids):
                    cell = cells.get((theme.id, case.id))
                    if cell is None:
                        row.append("<td></td>")
                        continue
                    shown, spoken = self._cell(cell)
                    href = theme.explore_case + case_id
                    row.append(f'<td class="aln-heat-{cell.level}"><a href="{href}" title="{title}: {theme.title}">'
                               f'<span class="aln-matrix__n" aria-hidden="true">{shown}</span>'
                               f'<span class="aln-sr">{spoken}</span></a></td>')
                    # a link to the case study's column (#case-x) lands here on phones (aln-common.js, hiddenTarget)
                    entries.append(f'<li class="aln-heat-{cell.level}" data-aln-anchor="case-{case_id}"><a href="{href}">'
                                   f'<span class="aln-mcard__case">{title}</span> '
                                   f'<span class="aln-matrix__n" aria-hidden="true">{shown}</span>'
                                   f'<span class="aln-sr">: {spoken}</span></a></li>')
                row.append(theme.row_tail)
                bodies.append("".join(row))
                bodies.append("\n")
                listed = (f'<ul class="aln-mcard__cases">{"".join(entries)}</ul>' if entries
                          else '<p class="aln-mcard__none">No items from these case studies.</p>')
                cards.append(f"{theme.card_head}{listed}</div>\n")
            bodies.append("</tbody>\n")
        return Markup("".join(bodies)), Markup("".join(cards))
