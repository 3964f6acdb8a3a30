"""A theme's row of a matrix page as finished HTML."""
from __future__ import annotations

import html
from collections.abc import Callable

from markupsafe import Markup

from ..model.entities import CaseStudy
from ..views.matrix import Matrix, ThemeTotals
from ..words import count


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
        counts = " ".join(f"<b>{n}</b>{letter}" for n, letter in ((cell.lessons, "L"), (cell.barriers, "B"),
                                                                 (cell.recommendations, "R"), (cell.workstreams, "W")) if n)
        out.append(f'<td class="aln-heat-{cell.level}">'
                   f'<a href="{html.escape(link(f"explore.md?theme={theme.id}&case={case.id}"))}" '
                   f'title="{html.escape(case.title)}: {title}"><span class="aln-matrix__n" aria-hidden="true">{counts}</span>'
                   f'<span class="aln-sr">{count(cell.lessons, "lesson")}, {count(cell.barriers, "barrier")}, '
                   f'{count(cell.recommendations, "recommendation")}, {count(cell.workstreams, "workstream")}</span></a></td>')
    all_cell = (f'<a href="{link(f"explore.md?theme={theme.id}")}">{count(row.items, "item")}</a><br>'
                f'{count(row.networks, "network")}') if row.items else ""
    out.append(f'<td class="aln-matrix__all">{all_cell}</td></tr>')
    return Markup("".join(out).replace("{", "&#123;"))  # '{' as an entity, as everywhere (see safe_markdown.BRACE)
