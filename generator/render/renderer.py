"""One Jinja environment for every page template; templates only format what the model and views hold."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from ..kinds import KIND_PLURALS, KIND_SINGULAR, KIND_TITLES, KINDS
from ..views.links import Publication, relative, safe_url
from ..views.paging import CASE_LIST_LIMIT, THEME_SUMMARY_LIMIT, theme_indexes
from .cards import item_index, item_summaries, page_links, pager
from .metadata import template_globals
from .rawblocks import marked
from .safe_markdown import html_text, inline_text, markdown_to_html
from ..words import count
from .timeline_svg import timeline_svg
from .ukmap_svg import uk_map_svg

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"


class Renderer:
    """One Jinja environment; ``render(name, **context)`` is all the pages need."""

    def __init__(self, publication: Publication = Publication(), templates_dir: Path = TEMPLATES_DIR) -> None:
        self.publication = publication
        # Compiling the templates takes longer than rendering a tenth of the site: like Python's own .pyc files, Jinja's
        # bytecode cache (a private folder under the system's temporary directory, keyed by each template's checksum
        # and the Jinja and Python versions) keeps the compiled code for the next build or live-preview rebuild.
        self.env = Environment(loader=FileSystemLoader(str(templates_dir)), bytecode_cache=FileSystemBytecodeCache(),
                               autoescape=True, undefined=StrictUndefined,
                               keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
                               finalize=html_text)
        self.env.filters.update(md=markdown_to_html, text=inline_text, rel=relative, url=safe_url,
                                # 20,543: counts in prose, as readers write them
                                num="{:,}".format, count=lambda n, noun, plural=None: count(f"{n:,}", noun, plural))
        self.env.globals.update(KINDS=KINDS, KIND_PLURALS=KIND_PLURALS, KIND_TITLES=KIND_TITLES, KIND_SINGULAR=KIND_SINGULAR,
                                THEME_SUMMARY_LIMIT=THEME_SUMMARY_LIMIT, CASE_LIST_LIMIT=CASE_LIST_LIMIT,
                                linker=publication.linker, item_summaries=item_summaries,
                                item_index=item_index, pager=pager, page_links=page_links,
                                marked=lambda html: Markup(marked(str(html))),
                                theme_indexes=theme_indexes,
                                timeline_svg=timeline_svg, uk_map_svg=uk_map_svg)
        self.env.globals.update(template_globals(publication))

    def render(self, name: str, here: str, **context: Any) -> str:
        return self.env.get_template(name).render(here=here, **context)
