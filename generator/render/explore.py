"""The finder (``explore.md``, "Find"): every item with its filter facts, and at scale a data script instead.

Below ``SCALE_THRESHOLD`` items the page lists every item in HTML (it works with JavaScript off)
and ``assets/explorer.js`` filters those elements. Above it a page holding every item would pass
1 MB, so the page carries only the filter panel and, for readers without JavaScript, links to each
theme and case study page; the script loads the items from classic scripts (no fetch, so it works
from ``file://`` too): ``assets/explore-data.js`` sets ``window.ALN_EXPLORE_DATA`` to what the filters
need (each item's kind, case study and themes; each case study's facts), and ``assets/explore-text-N.js``
adds the id, title, excerpt and source of items ``N * TEXT_CHUNK`` onwards, loaded only when one of
them is shown. At 1,000 case studies a reader starts with about 1 MB (0.2 MB gzipped) instead of 7 MB,
and the first screen of results usually needs one text script: items are in case-study order, so any
filter's first matches cluster near the start. Words go to the search engine (``assets/search.js``):
its results name each item by its case study and place in it, which is this page's order too.

The state lives in the URL query as repeated keys with stable ids (``assets/aln-common.js``):
``explore.md?q=procurement&kind=workstream&theme=procurement-social-value&status=active``.
Older links with a comma list (``?theme=a,b``) or display titles (the former search page's, which
forwards here) still open the same view.
"""
from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple

from markupsafe import Markup

from ..dates import readable
from ..kinds import KIND_SINGULAR, KIND_TITLES, KINDS
from ..model.entities import NATIONS, SCOPE_TITLES, STATE_TITLES, Catalogue, CaseStudy, Item, Source
from .safe_markdown import PLAIN, inline_text, markdown_to_html
from .renderer import Renderer
from ..views.paging import chunks
from ..views.links import relative
from ..words import count, slug
from .escaping import esc, script_json


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
KIND_FACET_TITLES = {**KIND_SINGULAR, "workstream": KIND_TITLES["workstream"]}
"""The kind filter's options: a workstream is what a case study did."""


@dataclass(frozen=True)
class Option:
    """One value of a facet, e.g. nation ``England``."""

    value: str
    """As it appears in the URL query and in the items' data attributes."""
    title: str
    count: int
    """Items with this value when no filter is chosen."""
    group: tuple[str, str] | None = None
    """A theme's group (id, title): the theme filter lists its options under their groups."""


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
    hint: str = ""
    """A line under the legend saying how to read the options."""


def item_source(item: Item, case: CaseStudy) -> Source | None:
    """The source an item rests on: its own, or the case study's only source (the record came from it)."""
    return item.source or (case.sources[0] if len(case.sources) == 1 else None)


def source_label(source: Source) -> str:
    """'Hackney Council, June 2022': who published it and when, as a result card shows it."""
    return ", ".join(part for part in (source.publisher or source.name, readable(source.date) if source.date else "")
                     if part)


def start_year(case: CaseStudy) -> str:
    """The start year facet's value: the year of ``started`` whatever its precision, or ``unknown``."""
    return case.started.year if case.started.known else "unknown"


def region_ids(catalogue: Catalogue) -> dict[str, str]:
    """Each region's id in the URL and the page: its slug (a region is contributor text, so never an attribute as
    written), made unique, as two spellings may slug alike."""
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for region in sorted({case.region for case in catalogue.case_studies}):
        base = slug(region) or "region"
        n, found = 1, base
        while found in taken:
            n += 1
            found = f"{base}-{n}"
        taken.add(found)
        ids[region] = found
    return ids


class Entry(NamedTuple):
    """An item with the facts the explorer filters on, computed once (a named tuple: at scale there are 20,000,
    and a tuple is made several times faster than a frozen dataclass)."""

    item: Item
    case: CaseStudy
    excerpt: str
    """Plain text: the start of the item's detail, at most ``EXCERPT_CHARS`` characters."""
    region: str
    """The case study's region id (``region_ids``)."""

    @property
    def source(self) -> Source | None:
        return item_source(self.item, self.case)

    @property
    def values(self) -> dict[str, tuple[str, ...]]:
        """Facet key -> this item's values, as in the data attributes."""
        case = self.case
        return {"kind": (self.item.kind,), "theme": tuple(t.id for t in self.item.themes), "status": (case.status.state,),
                "scope": (case.scope,), "nation": (case.nation,), "region": (self.region,), "member": case.member_types,
                "year": (start_year(case),), "case": (case.id,)}


def excerpt(markdown: str, limit: int = EXCERPT_CHARS) -> str:
    """Contributor Markdown as one line of plain text, cut at a word boundary with an ellipsis."""
    # A first paragraph of plain prose longer than the excerpt is all the excerpt shows, and nothing after a blank
    # line changes how Markdown renders a paragraph without brackets, marks or HTML: the rest need not be read.
    # Most items start so (tests/test_explorer_page.py checks this against the whole text).
    head = markdown.partition("\n\n")[0].rstrip("\n")
    if len(head) > limit and PLAIN.fullmatch(head):
        text = " ".join(head.split()) if "  " in head else head.replace("\n", " ")
        if len(text) > limit:
            return _cut(text, limit)
    # markdown_to_html's output is sanitised, so dropping its tags with a pattern is safe (and 10x cheaper than nh3)
    if PLAIN.fullmatch(markdown):  # plain prose: its HTML is only <p>s around the same text, with no entities
        # Its only white space is " " and line breaks, and no line starts or ends with a space: unless two spaces or
        # three breaks come in a row, joining the lines with a space is what splitting and joining the words gives,
        # at a fraction of the cost (the finder has 20,000 items at scale).
        text = markdown.rstrip("\n")
        text = (" ".join(text.split()) if "  " in text or "\n\n\n" in text
                else text.replace("\n\n", "\n").replace("\n", " "))
    else:
        text = " ".join(html.unescape(_TAG.sub("", markdown_to_html(markdown))).split())
    return text if len(text) <= limit else _cut(text, limit)


def _cut(text: str, limit: int) -> str:
    """The text's words that fit in ``limit - 1`` characters, then an ellipsis (a first word too long is cut)."""
    space = text.rfind(" ", 0, limit - 1)
    return f"{text[:space if space >= 0 else limit - 1].rstrip(',;:.-–— ')}…"


def entries(catalogue: Catalogue) -> tuple[Entry, ...]:
    """Every item of every case study, in case-study order then kind order."""
    regions = region_ids(catalogue)
    return tuple(Entry(item, case, excerpt(item.detail or next(iter(item.activities + item.outcomes), "")), regions[case.region])
                 for case in catalogue.case_studies for item in case.items)


def facets(catalogue: Catalogue, rows: tuple[Entry, ...], at_scale: bool = False) -> tuple[Facet, ...]:
    """Every filter, in the panel's order, each listing only values some item has (every kind, theme and status
    always, so that a link to an empty one keeps its filter and says why nothing matches).

    At scale the case-study options come from the data script instead of the page."""
    # Counted per case study, then multiplied by its items: 20,000 rows at scale, 1,000 case studies.
    per_case = Counter(row.case.id for row in rows)
    regions = region_ids(catalogue)
    counts: dict[str, Counter[str]] = {key: Counter() for key in ("status", "scope", "nation", "region", "member", "year")}
    for case in catalogue.case_studies:
        n = per_case.get(case.id, 0)
        if not n:
            continue
        for key, value in (("status", case.status.state), ("scope", case.scope), ("nation", case.nation),
                           ("region", regions[case.region]), ("year", start_year(case))):
            counts[key][value] += n
        for member_type in case.member_types:
            counts["member"][member_type] += n
    counts.update(theme=Counter(t.id for row in rows for t in row.item.themes),
                  kind=Counter(row.item.kind for row in rows), case=per_case)

    def facet(key: str, legend: str, titles: list[tuple[str, str]], keep_empty: bool = False, multi: bool = False,
              hint: str = "") -> Facet:
        found = counts[key]
        return Facet(key, legend, tuple(Option(value, title, found.get(value, 0))
                                        for value, title in titles if keep_empty or value in found), multi, hint=hint)

    nation_order = {nation: n for n, nation in enumerate(NATIONS)}
    in_order = sorted({(c.nation, c.region) for c in catalogue.case_studies}, key=lambda p: (nation_order.get(p[0], 9), p[1]))
    years = sorted(y for y in counts["year"] if y != "unknown")
    return (
        facet("kind", "Kind", [(k, KIND_FACET_TITLES[k]) for k in KINDS], keep_empty=True),
        Facet("theme", "Theme", tuple(Option(t.id, t.title, counts["theme"].get(t.id, 0), (t.group.id, t.group.title))
                                      for t in catalogue.themes), multi=True,
              hint="Grouped by what a network works on: a group's name chooses all its themes."),
        facet("status", "Status", list(STATE_TITLES.items()), keep_empty=True,
              hint="As of each record's latest evidence: each result says when."),
        facet("scope", "What it is", list(SCOPE_TITLES.items())),
        facet("nation", "Nation", [(n, n) for n in NATIONS]),
        facet("region", "Region", [(regions[region], region) for _, region in in_order]),
        facet("member", "Member type", list(catalogue.member_types.items()), multi=True),
        facet("year", "Start year", [(y, y) for y in years] + [("unknown", "Not known")]),
        Facet("case", "Case study", (), from_data=True) if at_scale
        else facet("case", "Case study", [(c.id, c.title) for c in catalogue.case_studies]),
    )


def data_script(catalogue: Catalogue, rows: tuple[Entry, ...], texts: dict[str, str], chunk: int) -> str:
    """What the filters need, as a classic script; pages are docs paths without ``.md``, items compact rows.

    ``texts`` are the text scripts (``text_scripts``) of ``chunk`` items each, named in the data for the page.
    """
    theme_index = {t.id: n for n, t in enumerate(catalogue.themes)}
    case_index = {c.id: n for n, c in enumerate(catalogue.case_studies)}
    regions = region_ids(catalogue)
    data = {
        "themes": [{"id": t.id, "title": t.title, "page": t.page_uri.removesuffix(".md")} for t in catalogue.themes],
        "cases": [{"id": c.id, "title": c.title, "page": c.page_uri.removesuffix(".md"), "nation": c.nation,
                   "region": regions[c.region], "regionTitle": c.region, "members": list(c.member_types),
                   "status": c.status.state, "statusText": c.status.text, "scope": c.scope, "scopeTitle": c.scope_title,
                   "year": start_year(c)}
                  for c in catalogue.case_studies],
        "fields": ["kind", "case", "themes"],
        "items": [[r.item.kind, case_index[r.case.id], [theme_index[t.id] for t in r.item.themes]] for r in rows],
        "text": {"chunk": chunk, "fields": ["id", "title", "excerpt", "source", "sourceUrl"],
                 "scripts": [uri.rsplit("/", 1)[-1] for uri in texts]},
    }
    return f"window.{DATA_GLOBAL} = {script_json(data)};\n"


def text_scripts(rows: tuple[Entry, ...], chunk: int) -> dict[str, str]:
    """Each ``chunk`` items' id, title, excerpt and source (label and address, empty when none), as classic scripts
    that add them to a shared global, in order."""
    cited: dict[int, tuple[str, str]] = {}  # id(source) -> (label, address): most items cite their case study's one source

    def row(r: Entry) -> list[str]:
        source = r.source
        if source is None:
            return [r.item.id, r.item.title, r.excerpt, "", ""]
        label = cited.get(id(source))
        if label is None:  # the rows hold every source, so no id is reused while this runs
            label = cited[id(source)] = (source_label(source), source.url or "")
        return [r.item.id, r.item.title, r.excerpt, *label]
    return {TEXT_URI.format(n): f"(window.{TEXT_GLOBAL} = window.{TEXT_GLOBAL} || {{}})[{n}] = "
            f"{script_json([row(r) for r in part])};\n"
            for n, part in enumerate(chunks(rows, chunk) if rows else ())}


def case_list(catalogue: Catalogue, here: str) -> Markup:
    """The no-JavaScript list of case studies, as Markdown lines: each links its page, with its items and status
    (one line per case study, so joined here rather than in a template loop)."""
    return Markup("".join(f"- [{inline_text(case.title)}]({esc(relative(case.page_uri, here))}) "
                          f"({count(f'{len(case.items):,}', 'item')}) · {esc(case.status.text)}\n"
                          for case in catalogue.case_studies))


def render_explorer(catalogue: Catalogue, renderer: Renderer, threshold: int | None = None) -> dict[str, str]:
    """The explorer page, plus its data and text scripts when there are more than ``threshold`` items."""
    rows = entries(catalogue)
    limit = SCALE_THRESHOLD if threshold is None else threshold
    at_scale = len(rows) > limit or len(catalogue.case_studies) > CASE_THRESHOLD
    page = renderer.render("explore.md.j2", PAGE_URI, site=catalogue, rows=() if at_scale else rows, total=len(rows),
                           facets=facets(catalogue, rows, at_scale), at_scale=at_scale, data_uri=DATA_URI,
                           source_label=source_label, case_list=case_list(catalogue, PAGE_URI))
    pages = {PAGE_URI: page}
    if at_scale:
        texts = text_scripts(rows, TEXT_CHUNK)
        pages[DATA_URI] = data_script(catalogue, rows, texts, TEXT_CHUNK)
        pages.update(texts)
    return pages


def explore_pages(catalogue: Catalogue, renderer: Renderer) -> dict[str, str]:
    """Page function for ``render.PAGE_FUNCTIONS``."""
    return render_explorer(catalogue, renderer)
