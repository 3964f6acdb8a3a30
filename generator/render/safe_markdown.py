"""Contributor text made safe for a page: Markdown rendered and sanitised, plain text escaped."""
from __future__ import annotations

import functools
import html
import re

import markdown
import nh3
from markupsafe import Markup, escape

ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "em", "strong", "b", "i", "a", "code", "pre", "blockquote",
                "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "hr", "sup", "sub", "abbr"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}
# The page is Markdown with attr_list and md_in_html: a "{: onclick=... }" line inside HTML we emit would
# become an attribute. As an entity, "{" still shows as "{" but attr_list cannot read it.
BRACE = "&#123;"
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")  # what Python-Markdown unescapes


# Text Python-Markdown would only wrap in paragraphs: no character with a Markdown or HTML meaning, no
# line that starts with a list or code marker or ends in a hard break. Anything else takes the parser.
# The run of a line's characters is possessive (``*+``): a line only matches when the run reaches its end, so giving
# characters back could never help, and on text with a Markdown mark it would be tried at every position.
PLAIN = re.compile(r"(?:[A-Za-z(\"'‘“][A-Za-z0-9 ,.;:'’‘“”\"?!()%/–—-]*+(?<! )(?:\n+|\Z))*")
_PARAGRAPH_BREAK = re.compile(r"\n{2,}")
# Bold words between spaces or punctuation, the one piece of Markdown most records use. The "**" comes first and
# what precedes it is checked after (a space, "(" or the start): a pattern that starts with fixed text is searched
# for as text, where a look-behind first would be tried at every position.
_BOLD = re.compile(r"\*\*(?<![^\s(]\*\*)([A-Za-z0-9][A-Za-z0-9 ,.;:'’]*(?<! ))\*\*(?=[\s,.;:!?)]|\Z)")
_CONVERTER = markdown.Markdown(extensions=["sane_lists", "tables"], output_format="html")


# One item's text is drawn on its case-study page, on each of its theme pages, in the explorer and in
# the search index: converting it once saves most of the render time. Building a Markdown instance per
# call was half the rest.
@functools.lru_cache(maxsize=1 << 17)
def markdown_to_html(text: str) -> Markup:
    """Contributor Markdown as sanitised HTML: no scripts, handlers, frames or unsafe links survive."""
    fast = fast_html(text)
    return Markup(fast if fast is not None else parsed_html(text))


def parsed_html(text: str) -> str:
    """The plain path: Python-Markdown, then the sanitiser. ``fast_html`` must give exactly this."""
    rendered = _CONVERTER.reset().convert(text)
    cleaned = nh3.clean(rendered, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                        link_rel="noopener noreferrer nofollow", strip_comments=True)
    return cleaned.replace("{", BRACE)


def fast_html(text: str) -> str | None:
    """What ``parsed_html`` gives, without the parser, for plain prose; None for anything else."""
    if PLAIN.fullmatch(text):  # most records are plain prose: skip the parser, which would only add <p>s
        # every line starts and ends with a letter or a mark, so paragraphs need no strip
        body = text.strip("\n")
        # str.replace is cheaper than the pattern, and the same when no break is longer than one blank line
        body = body.replace("\n\n", "</p>\n<p>") if "\n\n\n" not in body else _PARAGRAPH_BREAK.sub("</p>\n<p>", body)
        return "<p>" + body + "</p>" if body else ""
    return _simple_html(text)


def _simple_html(text: str) -> str | None:
    """Prose with bold words and "- " lists, as Python-Markdown would render it; None for anything else.

    The parser takes half a millisecond a text; most of the texts it would get are only this."""
    text = text.strip("\n")
    if not text:  # line breaks only: the parser writes nothing
        return ""
    blocks, after_list = [], False
    for block in _PARAGRAPH_BREAK.split(text):
        # an empty item ("- " alone) is the parser's job: under a line, a "-" underlines it as a heading
        is_list = all(line.startswith("- ") and len(line) > 2 for line in block.split("\n"))
        if is_list:
            if after_list:  # two lists a blank line apart make one "loose" list: the parser's job
                return None
            block = block[2:].replace("\n- ", "\n")
        after_list = is_list
        # a block's lines are checked together: the patterns never cross a line break
        bold = "**" in block
        if not PLAIN.fullmatch(_BOLD.sub("Bold", block) if bold else block):
            return None
        if bold:
            block = _BOLD.sub(r"<strong>\1</strong>", block)
        blocks.append("<ul>\n<li>" + block.replace("\n", "</li>\n<li>") + "</li>\n</ul>" if is_list
                      else "<p>" + block.strip() + "</p>")
    return "\n".join(blocks)


@functools.lru_cache(maxsize=1 << 17)  # titles and names repeat on every page that links to them
def inline_text(text: str) -> Markup:
    """Plain contributor text for a Markdown line (headings, link text): HTML- and Markdown-escaped, one line."""
    one_line = " ".join(str(text).split())
    return Markup(_MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(one_line, quote=True).replace("&#x27;", "'")))


def html_text(value: object) -> object:
    """Jinja ``finalize``: a plain string HTML-escaped, with '{' as an entity (see ``BRACE``); other values as they are.

    Called for every ``{{ }}`` on every page, so the common case is one C-level escape and one Markup."""
    if value.__class__ is str:
        return Markup(html.escape(value).replace("{", BRACE))
    if isinstance(value, str) and not isinstance(value, Markup):
        return Markup(str(escape(value)).replace("{", BRACE))
    return value
