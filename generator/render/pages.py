"""Render the model into Markdown pages: ``{docs-relative path: Markdown}``. Knows nothing of MkDocs."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .cards import CaseIndexPage, ThemeIndex, item_index, item_summaries, pager
from .casepage import case_page
from .contribute import contribute_pages
from .explore import explore_pages
from .feed import feed_pages
from ..perf.collector import without_gc
from ..views.links import relative, safe_url
from ..views.matrix import matrix_row
from ..model.entities import KIND_PLURALS, KINDS, Catalogue, CaseStudy, Theme
from .opendata import Publication, open_data_pages, template_globals
from .rawblocks import marked
from ..read.project import Project, find_root
from .safe_markdown import html_text, inline_text, markdown_to_html
from .synthesis import synthesis_pages
from .timeline_svg import timeline_svg

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
KIND_TITLES = {"lesson": "Lessons", "barrier": "Barriers", "recommendation": "Recommendations"}
THEME_SUMMARY_LIMIT = 20
"""Items per kind a theme page shows in full; past that, a list of every item by case study follows."""
THEME_INDEX_PAGE_SIZE = 1200
"""Items per page of that list (about 150 bytes of HTML each), so no theme page nears 1 MB at any size."""
CASE_INDEX_PAGE_SIZE = 1000
"""Rows per page of the case-study index (about 300 bytes of HTML each): one page up to 1,000 case studies."""
CASE_LIST_LIMIT = 40
"""A theme page names its case studies in its first lines only up to this many; the item list names them all."""


class Renderer:
    """One Jinja environment; ``render(name, **context)`` is all the pages need."""

    def __init__(self, templates_dir: Path = TEMPLATES_DIR, publication: Publication = Publication(),
                 root: Path | None = None) -> None:
        self.publication = publication
        self.project = Project(root or find_root())
        self.env = Environment(loader=FileSystemLoader(str(templates_dir)), autoescape=True, undefined=StrictUndefined,
                               keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
                               finalize=html_text)
        self.env.filters.update(md=markdown_to_html, text=inline_text, rel=relative, url=safe_url,
                                num="{:,}".format)  # 20,543: counts in prose, as readers write them
        self.env.globals.update(KINDS=KINDS, KIND_PLURALS=KIND_PLURALS, KIND_TITLES=KIND_TITLES,
                                THEME_SUMMARY_LIMIT=THEME_SUMMARY_LIMIT, CASE_LIST_LIMIT=CASE_LIST_LIMIT,
                                linker=publication.linker, item_summaries=item_summaries,
                                item_index=item_index, pager=pager, marked=lambda html: Markup(marked(str(html))),
                                matrix_row=matrix_row, theme_indexes=theme_indexes, timeline_svg=timeline_svg)
        self.env.globals.update(template_globals(publication))

    def render(self, name: str, here: str, **context: Any) -> str:
        return self.env.get_template(name).render(here=here, **context)


PageFunction = Callable[[Catalogue, Renderer], dict[str, str]]


def core_pages(catalogue: Catalogue, renderer: Renderer) -> dict[str, str]:
    """Home, the case-study and theme indexes, and one page per case study."""
    pages = {
        "index.md": renderer.render("home.md.j2", "index.md", site=catalogue),
        "themes/index.md": renderer.render("themes-index.md.j2", "themes/index.md", site=catalogue),
    }
    for index in case_index_pages(catalogue):
        pages[index.uri] = renderer.render("casestudies-index.md.j2", index.uri, site=catalogue, index=index)
    for case in catalogue.case_studies:
        pages[case.page_uri] = case_page(catalogue, renderer, case)
    return pages


def theme_pages(catalogue: Catalogue, renderer: Renderer) -> dict[str, str]:
    """One page per theme, and the further pages of its list of every item at scale."""
    return {index.uri: renderer.render("theme.md.j2", index.uri, site=catalogue, theme=theme, index=index)
            for theme in catalogue.themes for index in theme_indexes(catalogue, theme)}


def theme_page_uri(theme: Theme, number: int) -> str:
    return theme.page_uri if number == 1 else f"themes/{theme.id}/page-{number}.md"


def theme_indexes(catalogue: Catalogue, theme: Theme, page_size: int | None = None) -> tuple[ThemeIndex, ...]:
    """A theme's pages: the theme page, then more pages only if its list of every item needs them."""
    page_size = page_size or THEME_INDEX_PAGE_SIZE
    of_kinds = catalogue.items_by_theme_kind[theme.id]
    if all(len(items) <= THEME_SUMMARY_LIMIT for items in of_kinds.values()):  # every item is shown in full
        return (ThemeIndex(1, (theme.page_uri,), ()),)
    items = catalogue.items_by_theme[theme.id]  # already in case-study order, as the list groups them
    chunks = [items[at:at + page_size] for at in range(0, len(items), page_size)]
    uris = tuple(theme_page_uri(theme, n) for n in range(1, len(chunks) + 1))
    return tuple(ThemeIndex(n, uris, chunk) for n, chunk in enumerate(chunks, start=1))


def case_index_pages(catalogue: Catalogue, page_size: int | None = None) -> tuple[CaseIndexPage, ...]:
    """The case-study index, in nation order, split into pages of ``page_size`` rows at scale.

    Later pages live under ``casestudies/list/``, which no case study's own page can take.
    """
    page_size = page_size or CASE_INDEX_PAGE_SIZE
    rows = [(nation, case) for nation, cases in catalogue.case_studies_by_nation.items() for case in cases]
    chunks = [rows[at:at + page_size] for at in range(0, len(rows), page_size)] or [[]]
    uris = ("casestudies/index.md", *(f"casestudies/list/page-{n}.md" for n in range(2, len(chunks) + 1)))
    pages = []
    for number, chunk in enumerate(chunks, start=1):
        by_nation: dict[str, list[CaseStudy]] = {}
        for nation, case in chunk:
            by_nation.setdefault(nation, []).append(case)
        pages.append(CaseIndexPage(number, uris, tuple((n, tuple(c)) for n, c in by_nation.items())))
    return tuple(pages)


PAGE_FUNCTIONS: list[PageFunction] = [core_pages, theme_pages, contribute_pages, explore_pages, synthesis_pages, open_data_pages, feed_pages]


def render_pages(catalogue: Catalogue, renderer: Renderer | None = None, site_url: str | None = None,
                 root: Path | None = None, directory_urls: bool = True) -> dict[str, str]:
    """Every generated page, keyed by docs-relative path, in a stable order; ``site_url`` makes permanent links absolute."""
    renderer = renderer or Renderer(publication=Publication.of(site_url, directory_urls), root=root)
    return _render_all(catalogue, renderer)


def _run(functions: Iterable[PageFunction], catalogue: Catalogue, renderer: Renderer) -> dict[str, str]:
    pages: dict[str, str] = {}
    for function in functions:
        pages.update(function(catalogue, renderer))
    return pages


@without_gc
def _render_all(catalogue: Catalogue, renderer: Renderer) -> dict[str, str]:
    return dict(sorted(_run(PAGE_FUNCTIONS, catalogue, renderer).items()))
