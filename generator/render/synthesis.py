"""Cross-case synthesis: what recurs, where, each case study's links into the views, and all the synthesis pages.

Pure functions of the model; ``synthesis_pages`` hands their results to templates, which only format.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..views.matrix import MATRIX_PAGE_SIZE, build_matrix, matrix_page_uri
from ..model.entities import NATIONS, Catalogue, CaseStudy, Item, Theme
from ..views.timeline import TIMELINE_PAGE_SIZE, build_timeline, by_start, timeline_page_uri

if TYPE_CHECKING:
    from .pages import Renderer

RECUR_LIMIT = 8
"""Barriers and recommendations listed per theme on "What recurs"; the rest are one explorer link away."""


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
