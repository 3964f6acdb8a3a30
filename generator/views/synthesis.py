"""Cross-case synthesis as data: where the case studies are, and each case study's links into the synthesis
views (common pitfalls are in pitfalls.py, the map in ukmap.py, the comparison's data in compare.py)."""
from __future__ import annotations

from dataclasses import dataclass

from ..model.entities import NATIONS, Catalogue, CaseStudy
from .matrix import MATRIX_PAGE_SIZE, matrix_page_uri
from .timeline import TIMELINE_PAGE_SIZE, by_start, timeline_page_uri
from .ukmap import canonical_region, where_anchor


@dataclass(frozen=True)
class Region:
    name: str
    anchor: str
    cases: tuple[CaseStudy, ...]

    @property
    def spellings(self) -> tuple[str, ...]:
        """The region as its records write it ("Yorkshire and The Humber", "Yorkshire"): the finder's values."""
        return tuple(sorted({case.region for case in self.cases}))


@dataclass(frozen=True)
class Nation:
    name: str
    cases: tuple[CaseStudy, ...]
    regions: tuple[Region, ...]


def region_name(case: CaseStudy) -> str:
    """The region a case study is listed under: one of England's nine as the map names it, else as recorded."""
    return canonical_region(case) or case.region


def region_anchor(case: CaseStudy) -> str:
    return where_anchor(case.nation, region_name(case))


def where(catalogue: Catalogue) -> tuple[Nation, ...]:
    """Case studies by nation (fixed order) and region (most case studies first, then name)."""
    nations = []
    for name in NATIONS:
        cases = catalogue.case_studies_by_nation.get(name, ())
        by_region: dict[str, list[CaseStudy]] = {}
        for case in cases:
            by_region.setdefault(region_name(case), []).append(case)
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


def case_links(catalogue: Catalogue, page_size: int = MATRIX_PAGE_SIZE,
               timeline_page_size: int = TIMELINE_PAGE_SIZE) -> dict[str, CaseLinks]:
    """Case id -> where that case study appears in the synthesis views, for every case study at once (each case page
    shows its own: worked out per page, it would index the catalogue a thousand times)."""
    on_timeline = {c.id: n for n, c in enumerate(by_start(catalogue))}
    return {case.id: CaseLinks(
        matrix=f"{matrix_page_uri(n // page_size + 1)}#case-{case.id}",
        timeline=f"{timeline_page_uri(on_timeline[case.id] // timeline_page_size + 1)}#case-{case.id}"
        if case.id in on_timeline else f"{timeline_page_uri(1)}#start-not-known",
        where=f"synthesis/where.md#{region_anchor(case)}") for n, case in enumerate(catalogue.case_studies)}
