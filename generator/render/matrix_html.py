"""A theme's row of a matrix page, and its card for phones, as finished HTML."""
from __future__ import annotations

import html
from collections.abc import Callable

from markupsafe import Markup

from ..model.entities import CaseStudy
from ..views.matrix import Cell, Matrix, ThemeTotals
from ..words import count

Link = Callable[[str], str]


def _counts(cell: Cell) -> str:
    """``2L 1W``: each count and its letter kept together, so a narrow cell wraps between counts, never inside one."""
    return " ".join(f'<span class="aln-matrix__c"><b>{n}</b>{letter}</span>'
                    for n, letter in ((cell.lessons, "L"), (cell.barriers, "B"), (cell.recommendations, "R"),
                                      (cell.workstreams, "W")) if n)


def _spoken(cell: Cell) -> str:
    return (f'{count(cell.lessons, "lesson")}, {count(cell.barriers, "barrier")}, '
            f'{count(cell.recommendations, "recommendation")}, {count(cell.workstreams, "workstream")}')


def _all_cell(row: ThemeTotals, link: Link) -> str:
    theme = row.theme
    return (f'<a href="{html.escape(link(f"explore.md?theme={theme.id}"))}">{count(row.items, "item")}</a>'
            f'<br>{count(row.networks, "network")}') if row.items else ""


def matrix_row(matrix: Matrix, row: ThemeTotals, cases: tuple[CaseStudy, ...], link: Link) -> Markup:
    """One theme's row of a matrix page as HTML: 15 cells per row and 24 rows per page make string joins
    much cheaper than a template call per cell. Titles are escaped here."""
    theme = row.theme
    title = html.escape(theme.title)
    out = [f'<tr><th scope="row"><a href="{html.escape(link(theme.page_uri))}">{title}</a></th>']
    for case in cases:
        cell = matrix.cells.get((theme.id, case.id))
        if cell is None:
            out.append("<td></td>")
            continue
        out.append(f'<td class="aln-heat-{cell.level}">'
                   f'<a href="{html.escape(link(f"explore.md?theme={theme.id}&case={case.id}"))}" '
                   f'title="{html.escape(case.title)}: {title}"><span class="aln-matrix__n" aria-hidden="true">{_counts(cell)}'
                   f'</span><span class="aln-sr">{_spoken(cell)}</span></a></td>')
    out.append(f'<td class="aln-matrix__all">{_all_cell(row, link)}</td></tr>')
    return Markup("".join(out).replace("{", "&#123;"))  # '{' as an entity, as everywhere (see safe_markdown.BRACE)


def matrix_card(matrix: Matrix, row: ThemeTotals, cases: tuple[CaseStudy, ...], link: Link) -> Markup:
    """The same row as a card, for phones, where a table of 15 columns cannot fit: the theme, its totals, and the
    case studies of this page with items on it, each with its counts in its cell's shade."""
    theme = row.theme
    title = html.escape(theme.title)
    entries = []
    for case in cases:
        cell = matrix.cells.get((theme.id, case.id))
        if cell is not None:
            entries.append(f'<li class="aln-heat-{cell.level}"><a href="'
                           f'{html.escape(link(f"explore.md?theme={theme.id}&case={case.id}"))}">'
                           f'<span class="aln-mcard__case">{html.escape(case.title)}</span> '
                           f'<span class="aln-matrix__n" aria-hidden="true">{_counts(cell)}</span>'
                           f'<span class="aln-sr">: {_spoken(cell)}</span></a></li>')
    listed = (f'<ul class="aln-mcard__cases">{"".join(entries)}</ul>' if entries
              else '<p class="aln-mcard__none">No items from these case studies.</p>')
    totals = _all_cell(row, link).replace("<br>", " in ")
    return Markup((f'<div class="aln-mcard"><h3 class="aln-mcard__title"><a href="{html.escape(link(theme.page_uri))}">'
                   f'{title}</a></h3>{f"<p class=aln-mcard__all>All case studies: {totals}</p>" if totals else ""}'
                   f'{listed}</div>').replace("{", "&#123;"))
