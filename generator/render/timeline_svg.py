"""The timeline chart as SVG, built with string joins: one row per network, 20 template calls a row before."""
from __future__ import annotations

from markupsafe import Markup

from .escaping import esc
from ..views.timeline import Timeline, TimelineRow


def _row(row: TimelineRow, timeline: Timeline) -> str:
    case, y, x0, x1 = row.case, row.y, row.x_start, row.x_end
    title = esc(case.title)
    label_x = x0 if x0 < timeline.width / 2 else timeline.ticks[0][0]
    out = [f'<g class="aln-tl__row aln-tl__row--{esc(row.shape)}" id="case-{esc(case.id)}"><title>{title}: started '
           f"{esc(case.started.text)}. {esc(row.note)}.</title>\n"
           f'<text class="aln-tl__label" x="{label_x}" y="{y + 15}">{title}<tspan class="aln-tl__span" dx="8">'
           f"{esc(row.span)}</tspan></text>\n"]
    if row.shape == "end-unknown":
        out.append(f'<rect class="aln-tl__bar" x="{x0}" y="{y + 22}" width="4" height="14"/><rect class="aln-tl__bar '
                   f'aln-tl__bar--unknown" x="{x0}" y="{y + 22}" width="{x1 - x0}" height="14" rx="3"/><text class="aln-tl__q" '
                   f'x="{x1 + 4}" y="{y + 34}">?</text>\n')
    else:
        out.append(f'<rect class="aln-tl__bar" x="{x0}" y="{y + 22}" width="{x1 - x0}" height="14" rx="3"/>\n')
        if row.shape == "active":
            out.append(f'<path class="aln-tl__arrow" d="M{x1} {y + 20} l9 9 l-9 9 z"/>')
        if row.shape == "ended":
            out.append(f'<rect class="aln-tl__cap" x="{x1 - 1}" y="{y + 20}" width="3" height="18"/>')
        if row.x_tail:
            out.append(f'<line class="aln-tl__tail" x1="{x1 + 2}" y1="{y + 29}" x2="{row.x_tail}" y2="{y + 29}"/>')
    out += _uncertain_edges(row)
    out.append("</g>\n")
    return "".join(out)


FUZZ = 14
"""Width of the hatched edge drawn over a start or end the sources give only roughly ('about', 'by', 'before')."""


def _uncertain_edges(row: TimelineRow) -> list[str]:
    y, out = row.y, []
    width = min(FUZZ, max(row.x_end - row.x_start, 2))
    if row.start_uncertain:
        out.append(f'<rect class="aln-tl__bar aln-tl__bar--unknown" x="{row.x_start}" y="{row.y + 22}" width="{width}" '
                   'height="14"/>')
    if row.end_uncertain:
        out.append(f'<rect class="aln-tl__bar aln-tl__bar--unknown" x="{round(row.x_end - width, 1)}" y="{y + 22}" '
                   f'width="{width}" height="14"/>')
    return out


def timeline_svg(timeline: Timeline) -> Markup:
    """The chart of one timeline page; contributor text escaped by ``esc``."""
    t = timeline
    ticks = "".join(f'<line class="aln-tl__grid" x1="{x}" y1="{t.plot_top}" x2="{x}" y2="{t.plot_bottom}"/><text '
                    f'class="aln-tl__year" x="{x}" y="{t.plot_top - 8}">{year}</text>\n' for x, year in t.ticks)
    return Markup(
        '<div class="aln-timeline" role="region" aria-label="Timeline chart, scrolls sideways" tabindex="0">\n'
        f'<svg class="aln-tl" viewBox="0 0 {t.width} {t.height}" width="{t.width}" height="{t.height}" role="img" '
        'aria-labelledby="tl-title tl-desc">\n'
        f'<title id="tl-title">Timeline of {len(t.rows)} case studies</title>\n'
        '<desc id="tl-desc">One bar per case study, from its start to its end, or to the latest date its evidence speaks '
        "for when it is still active or its end is not recorded. Hatched edges are dates the sources give only roughly. "
        "The table below gives the same dates.</desc>\n"
        '<defs><pattern id="aln-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect class="aln-tl__hatch" width="2" height="6"/></pattern></defs>\n'
        f"{ticks}{''.join(_row(row, t) for row in t.rows)}</svg>\n</div>")  # the template line adds the newline
