"""The synthesis pages: the matrix, Common pitfalls, Compare, Timeline and Where, from the data in views/."""
from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from ..model.entities import Catalogue, CaseStudy
from ..views.links import relative
from ..views.matrix import build_matrix, matrix_page_uri
from ..views.pitfalls import NAMES_LIMIT, pitfalls
from ..views.synthesis import where
from ..views.timeline import build_timeline, undated
from ..views.ukmap import uk_map
from .compare import compare_pages
from .escaping import esc
from .explore import region_ids
from .matrix_html import MatrixHtml
from .pitfalls_html import pitfall_section
from .renderer import Renderer
from .safe_markdown import inline_text
from .timeline_svg import date_table


def where_lines(cases: Sequence[CaseStudy], here: str) -> Markup:
    """A region's case studies on the Where page, as Markdown list lines: its page, area, years and status."""
    return Markup("".join(f"- [{inline_text(case.title)}]({esc(relative(case.page_uri, here))}): {inline_text(case.area)}, "
                          f"{esc(case.years)}, {esc(case.status.title.lower())}\n" for case in cases))


def synthesis_pages(catalogue: Catalogue, renderer: Renderer) -> dict[str, str]:
    """The matrix (one page per MATRIX_PAGE_SIZE case studies), Common pitfalls (and the page that says What recurs
    moved there), Compare and its data scripts, Timeline and Where."""
    matrix = build_matrix(catalogue)
    # every matrix page is in synthesis/, so one linker serves them all
    matrix_html = MatrixHtml(matrix, catalogue.groups, renderer.publication.linker(matrix_page_uri(1)))
    pages = {page.page_uri: renderer.render("synthesis-matrix.md.j2", page.page_uri, site=catalogue, matrix=matrix, page=page,
                                            matrix_html=matrix_html)
             for page in matrix.pages}
    timelines = build_timeline(catalogue)
    pages["synthesis/index.md"] = renderer.render("synthesis-index.md.j2", "synthesis/index.md", site=catalogue, matrix=matrix)
    pages["synthesis/pitfalls.md"] = renderer.render("synthesis-pitfalls.md.j2", "synthesis/pitfalls.md", site=catalogue,
                                                     report=pitfalls(catalogue), names_limit=NAMES_LIMIT,
                                                     pitfall_section=pitfall_section)
    pages["synthesis/recurs.md"] = renderer.render("synthesis-moved.md.j2", "synthesis/recurs.md", site=catalogue)
    not_dated = undated(catalogue)
    for timeline in timelines:
        table = date_table(timeline, renderer.publication.linker(timeline.page_uri))
        pages[timeline.page_uri] = renderer.render("synthesis-timeline.md.j2", timeline.page_uri, site=catalogue,
                                                   timeline=timeline, timelines=timelines, undated=not_dated, date_table=table)
    regions = region_ids(catalogue)  # the finder's: links filter it by region as its own facet does
    pages["synthesis/where.md"] = renderer.render("synthesis-where.md.j2", "synthesis/where.md", site=catalogue,
                                                  nations=where(catalogue), region_ids=regions, where_lines=where_lines,
                                                  ukmap=uk_map(catalogue, region_id=regions.__getitem__))
    pages.update(compare_pages(catalogue, renderer))
    return pages
