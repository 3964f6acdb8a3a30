"""The comparison of two to four case studies, as data: what the page script needs for each case study.

The page lists every case study (its no-JavaScript form) and says which data script holds each one's items.
The data scripts are classic scripts, not JSON to fetch, so the comparison works opened from disk (file://):
``assets/compare/compare-N.js`` holds case studies ``N * COMPARE_CHUNK`` onwards, in catalogue order, so a
reader comparing four case studies loads at most four small scripts, whatever the size of the knowledge base.
Items are compact rows (kind, id, title, theme indexes); the themes themselves are in the page, once.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..kinds import KINDS
from ..model.entities import Catalogue, CaseStudy
from .paging import chunks

PAGE_URI = "synthesis/compare.md"
COMPARE_CHUNK = 25
"""Case studies per data script: about 60 kB each at the benchmark's 20 items per case study."""
DATA_URI = "assets/compare/compare-{}.js"
"""Docs path of the Nth data script; the page script loads it relative to the assets folder."""
DATA_GLOBAL = "ALN_COMPARE"
MIN_CASES, MAX_CASES = 2, 4


@dataclass(frozen=True)
class CompareChoice:
    """One case study in the chooser, with the data script that holds it."""

    case: CaseStudy
    chunk: int


def choices(catalogue: Catalogue, chunk: int = COMPARE_CHUNK) -> tuple[CompareChoice, ...]:
    return tuple(CompareChoice(case, n // chunk) for n, case in enumerate(catalogue.case_studies))


def place_text(case: CaseStudy) -> str:
    """``Morecambe Bay, North West, England``: each part once (an area may be named like its region)."""
    return ", ".join(dict.fromkeys(p for p in (case.area, case.region, case.nation) if p))


def case_data(case: CaseStudy, theme_index: dict[str, int]) -> dict[str, Any]:
    """One case study's facts and items; an item is ``[kind index, id, title, [theme index, ...]]``."""
    facts = [["What it is", case.scope_title], ["Where", place_text(case)], ["Years", case.years],
             ["Status", case.status.text]]
    if case.members_text:
        facts.append(["Members", case.members_text])
    return {"facts": facts,
            "items": [[KINDS.index(i.kind), i.id, i.title, [theme_index[t.id] for t in i.themes]] for i in case.items]}


def data_chunks(catalogue: Catalogue, chunk: int = COMPARE_CHUNK) -> dict[int, dict[str, dict[str, Any]]]:
    """Chunk number -> {case id: its data}, for every ``chunk`` case studies in catalogue order."""
    theme_index = {t.id: n for n, t in enumerate(catalogue.themes)}
    return {n: {case.id: case_data(case, theme_index) for case in part}
            for n, part in enumerate(chunks(catalogue.case_studies, chunk))}
