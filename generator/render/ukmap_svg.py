"""The map of case studies by nation and region as inline SVG: our own outlines (views/ukmap.py), no tiles.

Each area with case studies links to its section of the Where page; the count sits on the area. Shades are
set in synthesis.css from the theme's colours, so they follow light and dark. The page shows a table with
the same counts beside it, for screen readers and for anyone who prefers numbers.
"""
from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup

from ..views.ukmap import UKMap
from ..words import count
from .escaping import esc


def _level(n: int, most: int) -> int:
    """0 for none, else 1-4: the share of the busiest area's count, in quarters."""
    return 0 if n == 0 else min(4, 1 + (4 * (n - 1)) // max(most, 1))


def uk_map_svg(ukmap: UKMap, link: Callable[[str], str]) -> Markup:
    counts = "; ".join(f"{a.name} {len(a.cases)}" for a in ukmap.areas)
    out = [f'<svg class="aln-ukmap" viewBox="0 0 {ukmap.width} {ukmap.height}" width="{ukmap.width}" '
           f'height="{ukmap.height}" aria-labelledby="ukmap-title ukmap-desc">',
           '<title id="ukmap-title">Map of the case studies by UK nation and English region</title>',
           f'<desc id="ukmap-desc">Case studies per area: {esc(counts)}. The table after the map gives the same '
           'counts with links.</desc>']
    for area in ukmap.areas:
        n = len(area.cases)
        shape = "".join(f'<path class="aln-ukmap__area aln-ukmap__area--{_level(n, ukmap.max_count)}" d="{d}"/>'
                        for d in area.paths)
        x, y = area.label
        badge = (f'<g class="aln-ukmap__badge" aria-hidden="true"><circle cx="{x:g}" cy="{y:g}" r="11"/>'
                 f'<text x="{x:g}" y="{y:g}" dy=".35em">{n}</text></g>')
        if n:
            label = esc(f"{area.name}: {count(n, 'case study', 'case studies')}")
            out.append(f'<a class="aln-ukmap__link" href="{esc(link(area.where))}" aria-label="{label}">'
                       f'<title>{label}</title>{shape}{badge}</a>')
        else:
            out.append(f'<g class="aln-ukmap__empty">{shape}{badge}</g>')
    out.append("</svg>")
    return Markup("".join(out))
