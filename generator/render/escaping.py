"""Escaping for the places contributor text lands in a page: HTML text and attributes, and JSON inside
a ``<script>`` element. The one home of these rules; every page builder uses them."""
from __future__ import annotations

import functools
import html
import json
import re

import orjson

from .safe_markdown import BRACE

_SCRIPT_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("'", "\\u0027"),
                   ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))
"""What could end a script or an attribute early, and the two characters that end a line in older JavaScript.
Replaced one after another (no replacement holds a character another replaces): ``str.replace`` scans are much
faster than one ``str.translate`` with a table on the finder's large scripts (benchmarks/README.md)."""


_SPECIAL = re.compile("[&<>\"'{]")
"""What ``esc`` replaces: most titles, names and ids hold none, and one search says so."""


@functools.lru_cache(maxsize=1 << 17)  # theme titles, names and ids repeat on every card and page
def esc(text: str) -> str:
    """Plain text for HTML content or a quoted attribute; '{' as an entity like everywhere else (see ``BRACE``)."""
    if _SPECIAL.search(text) is None:
        return text
    return html.escape(text, quote=True).replace("{", BRACE)


def attr_escape(text: str) -> str:
    """MarkupSafe's ``|e`` (its entities differ from ``html.escape``'s for quotes), kept for the front matter."""
    return (text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
            .replace("'", "&#39;").replace('"', "&#34;"))


def compact_json(value: object, *, sort_keys: bool = False) -> str:
    """JSON without spaces, UTF-8 kept as is (a third smaller than ``\\u`` escapes; pages declare UTF-8): the same
    text as ``json.dumps(value, ensure_ascii=False, separators=(",", ":"))``, written by orjson, several times faster
    on the open data and the finder's scripts (tests/test_json_text.py compares them)."""
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS if sort_keys else 0).decode()


def script_json(value: object, *, compact: bool = True, sort_keys: bool = False) -> str:
    """JSON that stays inert inside ``<script>`` or an attribute, however it is included.

    Compact JSON is ``compact_json``; otherwise the output is ASCII with Jinja's ``tojson`` spacing, for the page head.
    """
    text = (compact_json(value, sort_keys=sort_keys) if compact
            else json.dumps(value, ensure_ascii=True, sort_keys=sort_keys))
    for character, escaped in _SCRIPT_ESCAPES:
        if character in text:
            text = text.replace(character, escaped)
    return text
