"""Where each case study's sections start in Pagefind's index: what the finder needs to know which items hold the words.

Why: a Pagefind result gives, with no further download, its page's id and the word positions of its hits
(``words``); which sections those positions fall in is otherwise only known from the page's fragment
(``result.data()``, about 15 KB each). The finder needs it for every matching page, to count every
filter's items exactly, so it read 313 fragments (4.5 MB) for one query at 1,000 case studies.
This map, read once from the fragments after Pagefind has run, gives it for every page at once
(about 40 KB compressed at 1,000).

What: ``pagefind/aln-sections.js``, a classic script (the site's scripts load no JSON), setting
``window.ALN_PAGEFIND_SECTIONS`` to ``{page id: [url, gap, gap, ...]}`` for each page with sections
(workstreams, lessons, barriers, recommendations: the headings of ``SECTION_HEADINGS`` with an id, in
page order): the page's URL, then the word position of its first section and, for each later one, how
many words after the previous one it starts. search.js reads the gaps back into positions. Pages are
in the order of their ids, so the same index gives the same bytes.
"""
from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

from .pagefind_canonical import SIGNATURE
from .records import SECTION_HEADINGS

SECTIONS_FILE = "aln-sections.js"
SECTIONS_GLOBAL = "ALN_PAGEFIND_SECTIONS"
FRAGMENT_SUFFIX = ".pf_fragment"
_HEADINGS = frozenset(SECTION_HEADINGS.values())


def fragment(path: Path) -> dict[str, Any]:
    """A Pagefind fragment file as its JSON: gzip of the signature then the JSON text."""
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path.name} is not a Pagefind fragment")
    loaded: dict[str, Any] = json.loads(data[len(SIGNATURE):])
    return loaded


def section_gaps(page: dict[str, Any]) -> list[int]:
    """The word position of the page's first section, then each later section's distance from the one before."""
    anchors = page.get("anchors") or []
    starts = [a["location"] for a in anchors if isinstance(a, dict) and a.get("element") in _HEADINGS and a.get("id")]
    return [at - before for before, at in zip([0, *starts], starts)]


def section_map(output: Path) -> dict[str, list[object]]:
    """``{page id: [url, gap, ...]}`` for every page of the index in ``output`` that has sections."""
    pages: dict[str, list[object]] = {}
    for path in sorted((output / "fragment").glob(f"*{FRAGMENT_SUFFIX}")):
        page = fragment(path)
        gaps = section_gaps(page)
        meta = page.get("meta")
        url = meta.get("url") if isinstance(meta, dict) else None
        if gaps and url:
            pages[path.name[:-len(FRAGMENT_SUFFIX)]] = [url, *gaps]
    return pages


def write_section_map(output: Path) -> None:
    """Write ``aln-sections.js`` into the Pagefind index folder ``output``."""
    text = json.dumps(section_map(output), ensure_ascii=False, separators=(",", ":"))
    (output / SECTIONS_FILE).write_text(f"window.{SECTIONS_GLOBAL}={text};\n", encoding="utf-8")
