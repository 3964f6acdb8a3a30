"""The timeline chart as SVG, and the table of the same dates, built with string joins: one row per network,
20 template calls a row before."""
from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup

from .escaping import esc
from ..views.timeline import Timeline, TimelineRow


TITLE_EM, SPAN_EM = 0.62, 0.56
"""Average advance of a character, in ems, of the label's bold 13 px title and its 12 px dates (DejaVu Sans and
Helvetica-like fonts); an estimate, with room to spare, since the page cannot measure text when it is built."""


def label_width(title: str, span: str) -> float:
    """Estimated width of a row's label in SVG user units: the title, the 8-unit gap, the dates."""
    return len(title) * 13 * TITLE_EM + 8 + len(span) * 12 * SPAN_EM


def label_x(row: TimelineRow, timeline: Timeline) -> float:
    """Where a row's label starts: above its bar's start, moved left as far as needed to end inside the chart
    (a late starter's label would run off the right edge), but never left of the first year."""
    left = timeline.ticks[0][0]
    width = label_width(row.case.title, row.span)
    return round(max(left, min(row.x_start, timeline.width - 4 - width)), 1)


def _bar(row: TimelineRow, y: float) -> str:
    """The bar of one row, its top ``y + 22``: the same shapes on the chart and in the phone list."""
    x0, x1, out = row.x_start, row.x_end, []
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
    out += _uncertain_edges(row, y)
    return "".join(out)


def _row(row: TimelineRow, timeline: Timeline) -> str:
    case, y = row.case, row.y
    title = esc(case.title)
    return (f'<g class="aln-tl__row aln-tl__row--{esc(row.shape)}" id="case-{esc(case.id)}"><title>{title}: started '
            f"{esc(case.started.text)}. {esc(row.note)}.</title>\n"
            f'<text class="aln-tl__label" x="{label_x(row, timeline)}" y="{y + 15}">{title}<tspan class="aln-tl__span" dx="8">'
            f"{esc(row.span)}</tspan></text>\n{_bar(row, y)}</g>\n")


FUZZ = 14
"""Width of the hatched edge drawn over a start or end the sources give only roughly ('about', 'by', 'before')."""


def _uncertain_edges(row: TimelineRow, y: float) -> list[str]:
    out = []
    width = min(FUZZ, max(row.x_end - row.x_start, 2))
    if row.start_uncertain:
        out.append(f'<rect class="aln-tl__bar aln-tl__bar--unknown" x="{row.x_start}" y="{y + 22}" width="{width}" '
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
        '<div class="aln-timeline">\n'
        # The hatching both the chart and the phone list use, in an SVG of no size that is always rendered: a pattern
        # inside the chart would not paint while the chart is hidden on phones.
        '<svg class="aln-tl-defs" width="0" height="0" aria-hidden="true" focusable="false"><defs><pattern id="aln-hatch" '
        'width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect class="aln-tl__hatch" '
        'width="2" height="6"/></pattern></defs></svg>\n'
        f'<svg class="aln-tl" viewBox="0 0 {t.width} {t.height}" width="{t.width}" height="{t.height}" role="img" '
        'aria-labelledby="tl-title tl-desc">\n'
        f'<title id="tl-title">Timeline of {len(t.rows)} case studies</title>\n'
        '<desc id="tl-desc">One bar per case study, from its start to its end, or to the latest date its evidence speaks '
        "for when it is still active or its end is not recorded. Hatched edges are dates the sources give only roughly. "
        "The table below gives the same dates.</desc>\n"
        f"{ticks}{''.join(_row(row, t) for row in t.rows)}</svg>\n{_phone_list(t)}</div>")  # the template adds the newline


def _phone_list(t: Timeline) -> str:
    """The chart for phones, where 720 units of SVG text would shrink to half size: one list entry per network, its
    name and dates as text that wraps, and under them its bar, stretched to the screen's width on the same axis
    (years above). Shown instead of the chart below 45em (docs/assets/synthesis.css)."""
    right = t.width
    years = "".join(f'<span style="left:{round(100 * x / right, 2)}%">{year}</span>' for x, year in t.ticks)
    grid = "".join(f'<line class="aln-tl__grid" x1="{x}" y1="0" x2="{x}" y2="20"/>' for x, _ in t.ticks)
    rows = []
    for row in t.rows:
        bar = _bar(row, -20)
        rows.append(f'<li class="aln-tl__row--{esc(row.shape)}" data-aln-anchor="case-{esc(row.case.id)}">'
                    f'<span class="aln-tl-phone__name">{esc(row.case.title)}</span> '
                    f'<span class="aln-tl-phone__span">{esc(row.span)}</span>'
                    f'<svg viewBox="0 0 {right} 20" preserveAspectRatio="none" aria-hidden="true" focusable="false">'
                    f"{grid}{bar}</svg></li>\n")
    return (f'<div class="aln-tl-phone"><div class="aln-tl-phone__years" aria-hidden="true">{years}</div>\n'
            f'<ol class="aln-tl-phone__rows" aria-label="Timeline of {len(t.rows)} case studies">\n{"".join(rows)}</ol></div>\n')


def date_table(timeline: Timeline, link: Callable[[str], str]) -> Markup:
    """The table rows of one timeline page: each network's dates, status and what its bar shows, one line each.
    An end not recorded is said so unless the network is still active."""
    rows = []
    for row in timeline.rows:
        case = row.case
        ended = case.ended.text if case.ended.known else ("not recorded" if case.status.state != "active" else "")
        label = ' data-label="Ended"' if ended else ""
        rows.append(f'<tr><td><a href="{esc(link(case.page_uri))}">{esc(case.title)}</a></td><td data-label="Started">'
                    f'{esc(case.started.text)}</td><td{label}>{esc(ended)}</td>'
                    f'<td data-label="Status">{esc(case.status.text)}</td><td data-label="What the bar shows">{esc(row.note)}'
                    "</td></tr>\n")
    return Markup("".join(rows))
