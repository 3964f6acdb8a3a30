"""The synthesis pages: the matrix, What recurs, Timeline and Where, from the data in views/."""
from __future__ import annotations

from ..model.entities import Catalogue
from ..views.matrix import build_matrix
from ..views.synthesis import RECUR_LIMIT, recurrence, where
from ..views.timeline import build_timeline, undated
from .renderer import Renderer


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
                                                   timeline=timeline, timelines=timelines, undated=undated(catalogue))
    pages["synthesis/where.md"] = renderer.render("synthesis-where.md.j2", "synthesis/where.md", site=catalogue,
                                                  nations=where(catalogue))
    return pages
