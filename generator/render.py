"""Render the model into Markdown pages: ``{docs-relative path: Markdown}``. Knows nothing of MkDocs."""
from __future__ import annotations

import functools
import posixpath
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .contribute import contribute_pages
from .explore import explore_pages
from .feed import feed_pages
from .model import KIND_PLURALS, KINDS, Catalogue
from .opendata import Publication, open_data_pages, template_globals
from .project import Project, find_root
from .safe_markdown import html_text, inline_text, markdown_to_html
from .synthesis import synthesis_pages

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
KIND_TITLES = {"lesson": "Lessons", "barrier": "Barriers", "recommendation": "Recommendations"}
KIND_SINGULAR = {"lesson": "Lesson", "barrier": "Barrier", "recommendation": "Recommendation"}
THEME_SUMMARY_LIMIT = 20
"""Items per kind a theme page shows in full; the rest are listed as links, so the page stays under 1 MB at scale."""


@functools.lru_cache(maxsize=1 << 16)  # every chip and card link asks again for the same few pairs
def relative(target: str, here: str) -> str:
    """A link from the page at ``here`` to the docs path ``target`` (both docs-relative, posix)."""
    path, _, fragment = target.partition("#")
    link = posixpath.relpath(path, posixpath.dirname(here) or ".") if path else ""
    return f"{link}#{fragment}" if fragment else link


def safe_url(url: str) -> str:
    """An http(s) URL that cannot break out of a Markdown link."""
    return quote(url, safe=":/?#[]@!$&'*+,;=%~-._")


class Renderer:
    """One Jinja environment; ``render(name, **context)`` is all the pages need."""

    def __init__(self, templates_dir: Path = TEMPLATES_DIR, publication: Publication = Publication(),
                 root: Path | None = None) -> None:
        self.publication = publication
        self.project = Project(root or find_root())
        self.env = Environment(loader=FileSystemLoader(str(templates_dir)), autoescape=True, undefined=StrictUndefined,
                               keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
                               finalize=html_text)
        self.env.filters.update(md=markdown_to_html, text=inline_text, rel=relative, url=safe_url)
        self.env.globals.update(KINDS=KINDS, KIND_PLURALS=KIND_PLURALS, KIND_TITLES=KIND_TITLES, KIND_SINGULAR=KIND_SINGULAR,
                                THEME_SUMMARY_LIMIT=THEME_SUMMARY_LIMIT)
        self.env.globals.update(template_globals(publication))

    def render(self, name: str, here: str, **context: Any) -> str:
        return self.env.get_template(name).render(here=here, **context)


PageFunction = Callable[[Catalogue, Renderer], dict[str, str]]


def core_pages(catalogue: Catalogue, renderer: Renderer) -> dict[str, str]:
    """Home, the case-study and theme indexes, and one page per case study and per theme."""
    pages = {
        "index.md": renderer.render("home.md.j2", "index.md", site=catalogue),
        "casestudies/index.md": renderer.render("casestudies-index.md.j2", "casestudies/index.md", site=catalogue),
        "themes/index.md": renderer.render("themes-index.md.j2", "themes/index.md", site=catalogue),
    }
    for case in catalogue.case_studies:
        pages[case.page_uri] = renderer.render("casestudy.md.j2", case.page_uri, site=catalogue, case=case)
    for theme in catalogue.themes:
        pages[theme.page_uri] = renderer.render("theme.md.j2", theme.page_uri, site=catalogue, theme=theme)
    return pages


PAGE_FUNCTIONS: list[PageFunction] = [core_pages, contribute_pages, explore_pages, synthesis_pages, open_data_pages, feed_pages]


def render_pages(catalogue: Catalogue, renderer: Renderer | None = None, site_url: str | None = None,
                 root: Path | None = None, directory_urls: bool = True) -> dict[str, str]:
    """Every generated page, keyed by docs-relative path, in a stable order; ``site_url`` makes permanent links absolute."""
    renderer = renderer or Renderer(publication=Publication.of(site_url, directory_urls), root=root)
    pages: dict[str, str] = {}
    for function in PAGE_FUNCTIONS:
        pages.update(function(catalogue, renderer))
    return dict(sorted(pages.items()))
