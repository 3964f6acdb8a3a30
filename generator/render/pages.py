"""Render the model into Markdown pages: ``{docs-relative path: Markdown}``. Knows nothing of MkDocs."""
from __future__ import annotations

from collections.abc import Callable
from functools import partial

from ..model.entities import Catalogue
from ..perf.collector import without_gc
from ..perf.forked import map_beside
from ..views.links import Publication, Repository
from ..views.paging import case_index_pages, theme_indexes
from ..views.synthesis import case_links
from .about import about_pages
from .casepage import case_page
from .contribute import contribute_pages
from .explore import explore_pages
from .feed import feed_pages
from .opendata import open_data_pages
from .renderer import Renderer
from .synthesis import synthesis_pages

PageFunction = Callable[[Catalogue, Renderer], dict[str, str]]


def home_pages(catalogue: Catalogue, renderer: Renderer) -> dict[str, str]:
    """Home, and the case-study and theme indexes."""
    pages = {
        "index.md": renderer.render("home.md.j2", "index.md", site=catalogue),
        "themes/index.md": renderer.render("themes-index.md.j2", "themes/index.md", site=catalogue),
    }
    for index in case_index_pages(catalogue):
        pages[index.uri] = renderer.render("casestudies-index.md.j2", index.uri, site=catalogue, index=index)
    return pages


def case_study_pages(catalogue: Catalogue, renderer: Renderer) -> dict[str, str]:
    """One page per case study."""
    links = case_links(catalogue)
    return {case.page_uri: case_page(catalogue, renderer, case, links[case.id]) for case in catalogue.case_studies}


def theme_pages(catalogue: Catalogue, renderer: Renderer) -> dict[str, str]:
    """One page per theme, and the further pages of its list of every item at scale."""
    return {index.uri: renderer.render("theme.md.j2", index.uri, site=catalogue, theme=theme, index=index)
            for theme in catalogue.themes for index in theme_indexes(catalogue, theme)}


HERE: list[PageFunction] = [case_study_pages, theme_pages]
BESIDE: list[PageFunction] = [home_pages, about_pages, contribute_pages, explore_pages, synthesis_pages, open_data_pages,
                              feed_pages]
"""Rendered in a forked child on the second core while this process renders ``HERE``, from ``RENDER_BESIDE_FROM``
case studies: at 1,000 the two take about as long, the child's pages pickled back included (benchmarks/README.md)."""
PAGE_FUNCTIONS: list[PageFunction] = HERE + BESIDE
RENDER_BESIDE_FROM = 100


def render_pages(catalogue: Catalogue, renderer: Renderer | None = None, site_url: str | None = None,
                 directory_urls: bool = True, repository: Repository | None = None) -> dict[str, str]:
    """Every generated page, keyed by docs-relative path, in a stable order; ``site_url`` makes permanent links absolute,
    ``repository`` gives the links for suggesting a change and reporting an error."""
    renderer = renderer or Renderer(publication=Publication.of(site_url, directory_urls, repository))
    return _render_all(catalogue, renderer)


@without_gc  # rendering allocates in bursts: one pause for all of it (see perf/collector)
def _render_all(catalogue: Catalogue, renderer: Renderer) -> dict[str, str]:
    render = partial(_render_group, catalogue, renderer)
    groups = [BESIDE, HERE]
    parts = (map_beside(render, groups, at_least=len(groups)) if len(catalogue.case_studies) >= RENDER_BESIDE_FROM
             else [render(group) for group in groups])
    pages = {uri: page for part in parts for uri, page in part.items()}
    return dict(sorted(pages.items()))


def _render_group(catalogue: Catalogue, renderer: Renderer, functions: list[PageFunction]) -> dict[str, str]:
    return {uri: page for function in functions for uri, page in function(catalogue, renderer).items()}
