"""The About and method page: who publishes, the editorial policy, how records are checked, what the dates
on a case-study page mean, the licence and how to report an error. Generated, because it quotes counts
from the records and its links follow the repository setting."""
from __future__ import annotations

from ..model.entities import Catalogue
from .metadata import CASE_STUDY_FORM, CORRECTION_FORM
from .renderer import Renderer

ABOUT_PAGE = "about.md"


def about_pages(catalogue: Catalogue, renderer: Renderer) -> dict[str, str]:
    sources = sum(len(case.sources) for case in catalogue.case_studies)
    dated = sum(1 for case in catalogue.case_studies if case.status.as_of)
    return {ABOUT_PAGE: renderer.render("about.md.j2", ABOUT_PAGE, site=catalogue, sources=sources, dated=dated,
                                        repository=renderer.publication.repository,
                                        CORRECTION_FORM=CORRECTION_FORM, CASE_STUDY_FORM=CASE_STUDY_FORM)}
