"""Render the model into Markdown pages: ``{docs-relative path: Markdown}``. Knows nothing of MkDocs."""
from __future__ import annotations

import posixpath
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .model import KIND_PLURALS, KINDS, Catalogue
from .safe_markdown import inline_text, markdown_to_html

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
KIND_TITLES = {"lesson": "Lessons", "barrier": "Barriers", "recommendation": "Recommendations"}
KIND_SINGULAR = {"lesson": "Lesson", "barrier": "Barrier", "recommendation": "Recommendation"}


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

    def __init__(self, templates_dir: Path = TEMPLATES_DIR) -> None:
        self.env = Environment(loader=FileSystemLoader(str(templates_dir)), autoescape=True, undefined=StrictUndefined,
                               keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
        self.env.filters.update(md=markdown_to_html, text=inline_text, rel=relative, url=safe_url)
        self.env.globals.update(KINDS=KINDS, KIND_PLURALS=KIND_PLURALS, KIND_TITLES=KIND_TITLES, KIND_SINGULAR=KIND_SINGULAR)

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


PAGE_FUNCTIONS: list[PageFunction] = [core_pages]


def render_pages(catalogue: Catalogue, renderer: Renderer | None = None) -> dict[str, str]:
    """Every generated page, keyed by docs-relative path, in a stable order."""
    renderer = renderer or Renderer()
    pages: dict[str, str] = {}
    for function in PAGE_FUNCTIONS:
        pages.update(function(catalogue, renderer))
    return dict(sorted(pages.items()))
