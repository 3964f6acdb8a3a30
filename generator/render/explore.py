"""The "Explore lessons" page: every item with its filter facts, and at scale a data script instead.

Below ``SCALE_THRESHOLD`` items the page lists every item in HTML (it works with JavaScript off)
and ``assets/explorer.js`` filters those elements. Above it a page holding every item would pass
1 MB, so the page carries only the filter panel and links to the theme pages (the no-JavaScript
route), and the script loads the items from classic scripts (no fetch, so it works from ``file://``
too): ``assets/explore-data.js`` sets ``window.ALN_EXPLORE_DATA`` to what the filters need (each
item's kind, case study and themes), and ``assets/explore-text-N.js`` adds the id, title and excerpt
of items ``N * TEXT_CHUNK`` onwards, loaded only when one of them is shown. At 1,000 case studies
a reader starts with about 0.9 MB (0.16 MB gzipped) instead of 6 MB, and the first screen of results
usually needs one text script: items are in case-study order, so any filter's first matches cluster near the start.

The filter state lives in the URL query as repeated keys with stable ids, the convention the search page
shares (``assets/aln-common.js``): ``explore.md?theme=senior-sponsorship&theme=shared-strategy&kind=barrier``.
Older links with a comma list (``?theme=a,b``) or display titles still open the same view.
"""
from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass

from ..kinds import KIND_SINGULAR, KINDS
from ..model.entities import NATIONS, Catalogue, CaseStudy, Item
from .safe_markdown import _PLAIN, markdown_to_html
from .renderer import Renderer
from ..views.paging import chunks
from .escaping import script_json


SCALE_THRESHOLD = 500
"""Above this many items the explorer loads its data from a script (see the module docstring).
An item takes about 1.6 kB of HTML, so 500 items and the filters stay well under 1 MB."""
CASE_THRESHOLD = 100
"""Above this many case studies too, as every case study is a filter option."""
EXCERPT_CHARS = 140
PAGE_URI = "explore.md"
DATA_URI = "assets/explore-data.js"
DATA_GLOBAL = "ALN_EXPLORE_DATA"
TEXT_URI = "assets/explore-text-{}.js"
TEXT_GLOBAL = "ALN_EXPLORE_TEXT"
TEXT_CHUNK = 1000
"""Items per text script: about 250 kB of titles and excerpts each."""
_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Option:
    """One value of a facet, e.g. nation ``England``."""

    value: str
    """As it appears in the URL query and in the items' data attributes."""
    title: str
    count: int
    """Items with this value when no filter is chosen."""


@dataclass(frozen=True)
class Facet:
    """A filter: its URL key, its legend, its options in display order."""

    key: str
    legend: str
    options: tuple[Option, ...]
    multi: bool = False
    """True when an item can hold several values (themes, member types): they are space-separated."""
    from_data: bool = False
    """True when the options are too many for the page: the script adds them from the data script."""


@dataclass(frozen=True)
class Entry:
    """An item with the facts the explorer filters on, computed once."""

    item: Item
    case: CaseStudy
    excerpt: str
    """Plain text: the start of the item's detail, at most ``EXCERPT_CHARS`` characters."""

    @property
    def values(self) -> dict[str, tuple[str, ...]]:
        """Facet key -> this item's values, as in the data attributes."""
        return {"theme": tuple(t.id for t in self.item.themes), "kind": (self.item.kind,),
                "nation": (self.case.nation,), "member": self.case.member_types, "case": (self.case.id,)}


def excerpt(markdown: str, limit: int = EXCERPT_CHARS) -> str:
    """Contributor Markdown as one line of plain text, cut at a word boundary with an ellipsis."""
    # markdown_to_html's output is sanitised, so dropping its tags with a pattern is safe (and 10x cheaper than nh3)
    if _PLAIN.fullmatch(markdown):  # plain prose: its HTML is only <p>s around the same text, with no entities
        text = " ".join(markdown.split())
    else:
        text = " ".join(html.unescape(_TAG.sub("", markdown_to_html(markdown))).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.-–— ")
    return f"{cut}…"


def entries(catalogue: Catalogue) -> tuple[Entry, ...]:
    """Every item of every case study, in case-study order then kind order."""
    return tuple(Entry(item, case, excerpt(item.detail or next(iter(item.activities + item.outcomes), "")))
                 for case in catalogue.case_studies for item in case.items)


def facets(catalogue: Catalogue, rows: tuple[Entry, ...], at_scale: bool = False) -> tuple[Facet, ...]:
    """The five filters, each listing only values some item has (every kind and theme always, so that a link to
    an empty one keeps its filter and says why nothing matches).

    At scale the case-study options come from the data script instead of the page."""
    # Counted with Counter over generators (C loops), not per row through ``Entry.values``: 20,000 rows at scale.
    # A case study's nation and member types count once per item of it.
    per_case = Counter(row.case.id for row in rows)
    cases = {row.case.id: row.case for row in rows}
    nations: Counter[str] = Counter()
    members: Counter[str] = Counter()
    for case_id, n in per_case.items():
        nations[cases[case_id].nation] += n
        for member_type in cases[case_id].member_types:
            members[member_type] += n
    counts: dict[str, Counter[str]] = {"theme": Counter(t.id for row in rows for t in row.item.themes),
                                      "kind": Counter(row.item.kind for row in rows),
                                      "nation": nations, "member": members, "case": per_case}

    def facet(key: str, legend: str, titles: list[tuple[str, str]], keep_empty: bool = False, multi: bool = False) -> Facet:
        found = counts[key]
        return Facet(key, legend, tuple(Option(value, title, found.get(value, 0))
                                        for value, title in titles if keep_empty or value in found), multi)

    return (
        facet("theme", "Theme", [(t.id, t.title) for t in catalogue.themes], keep_empty=True, multi=True),
        facet("kind", "Kind", [(k, KIND_SINGULAR[k]) for k in KINDS], keep_empty=True),
        facet("nation", "Nation", [(n, n) for n in NATIONS]),
        facet("member", "Member type", list(catalogue.member_types.items()), multi=True),
        Facet("case", "Case study", (), from_data=True) if at_scale
        else facet("case", "Case study", [(c.id, c.title) for c in catalogue.case_studies]),
    )


def data_script(catalogue: Catalogue, rows: tuple[Entry, ...], texts: dict[str, str], chunk: int) -> str:
    """What the filters need, as a classic script; pages are docs paths without ``.md``, items compact rows.

    ``texts`` are the text scripts (``text_scripts``) of ``chunk`` items each, named in the data for the page.
    """
    theme_index = {t.id: n for n, t in enumerate(catalogue.themes)}
    case_index = {c.id: n for n, c in enumerate(catalogue.case_studies)}
    data = {
        "themes": [{"id": t.id, "title": t.title, "page": t.page_uri.removesuffix(".md")} for t in catalogue.themes],
        "cases": [{"id": c.id, "title": c.title, "page": c.page_uri.removesuffix(".md"), "nation": c.nation,
                   "members": list(c.member_types)} for c in catalogue.case_studies],
        "fields": ["kind", "case", "themes"],
        "items": [[r.item.kind, case_index[r.case.id], [theme_index[t.id] for t in r.item.themes]] for r in rows],
        "text": {"chunk": chunk, "fields": ["id", "title", "excerpt"],
                 "scripts": [uri.rsplit("/", 1)[-1] for uri in texts]},
    }
    return f"window.{DATA_GLOBAL} = {script_json(data)};\n"


def text_scripts(rows: tuple[Entry, ...], chunk: int) -> dict[str, str]:
    """Each ``chunk`` items' id, title and excerpt, as classic scripts that add them to a shared global, in order."""
    return {TEXT_URI.format(n): f"(window.{TEXT_GLOBAL} = window.{TEXT_GLOBAL} || {{}})[{n}] = "
            f"{script_json([[r.item.id, r.item.title, r.excerpt] for r in part])};\n"
            for n, part in enumerate(chunks(rows, chunk) if rows else ())}


def render_explorer(catalogue: Catalogue, renderer: Renderer, threshold: int | None = None) -> dict[str, str]:
    """The explorer page, plus its data and text scripts when there are more than ``threshold`` items."""
    rows = entries(catalogue)
    limit = SCALE_THRESHOLD if threshold is None else threshold
    at_scale = len(rows) > limit or len(catalogue.case_studies) > CASE_THRESHOLD
    page = renderer.render("explore.md.j2", PAGE_URI, site=catalogue, rows=() if at_scale else rows, total=len(rows),
                           facets=facets(catalogue, rows, at_scale), at_scale=at_scale, data_uri=DATA_URI)
    pages = {PAGE_URI: page}
    if at_scale:
        texts = text_scripts(rows, TEXT_CHUNK)
        pages[DATA_URI] = data_script(catalogue, rows, texts, TEXT_CHUNK)
        pages.update(texts)
    return pages


def explore_pages(catalogue: Catalogue, renderer: Renderer) -> dict[str, str]:
    """Page function for ``render.PAGE_FUNCTIONS``."""
    return render_explorer(catalogue, renderer)
