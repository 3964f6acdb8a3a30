"""Contributor text made safe for a page: Markdown rendered and sanitised, plain text escaped."""
from __future__ import annotations

import html
import re

import markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "em", "strong", "b", "i", "a", "code", "pre", "blockquote",
                "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "hr", "sup", "sub", "abbr"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")  # what Python-Markdown unescapes


def markdown_to_html(text: str) -> Markup:
    """Contributor Markdown as sanitised HTML: no scripts, handlers, frames or unsafe links survive."""
    rendered = markdown.markdown(text, extensions=["sane_lists", "tables"], output_format="html")
    cleaned = nh3.clean(rendered, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                        link_rel="noopener noreferrer nofollow", strip_comments=True)
    return Markup(cleaned)


def inline_text(text: str) -> Markup:
    """Plain contributor text for a Markdown line (headings, link text): HTML- and Markdown-escaped, one line."""
    one_line = " ".join(str(text).split())
    return Markup(_MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(one_line, quote=True).replace("&#x27;", "'")))
