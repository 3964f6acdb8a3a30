"""Search records built from the Catalogue: one per case study, item and theme.

The same records feed both engines, so hosted (Pagefind) and offline search find the same things
with the same facets: ``pagefind_html`` turns a record into the small HTML document Pagefind
indexes, and ``offline_index_js`` writes them all as one classic script for the offline bundle.
"""
from __future__ import annotations

import html
import json
import posixpath
import re
from dataclasses import dataclass
from typing import Mapping

from .model import Catalogue, CaseStudy, Item, Theme
from .render import KIND_SINGULAR
from .safe_markdown import markdown_to_html

FILTERS = {"theme": "Theme", "kind": "Kind", "case": "Case study", "nation": "Nation", "member": "Member type",
           "status": "Status"}
"""Filter key (also the URL parameter) -> heading shown above its values."""
WEIGHTS = {"title": 10.0, "context": 3.0, "body": 1.0}
"""Pagefind weights: titles above the case study, place and themes, both above body text."""
THEME_BOOST = 0.1
"""Theme pages rank below the items they list: a theme's short title names the words of many queries."""
INDEX_GLOBAL = "ALN_SEARCH_INDEX"


@dataclass(frozen=True)
class SearchRecord:
    """One search result: a case study's overview, a workstream, a lesson, barrier or recommendation, or a theme."""

    page_uri: str
    """Docs-relative path of the page, e.g. ``casestudies/bay.md``."""
    anchor: str | None
    """Element id on the page the result opens at, or None for the top of the page."""
    title: str
    context: str
    """Case study, place and themes, weighted between title and body."""
    body: str
    """Plain text."""
    filters: Mapping[str, tuple[str, ...]]
    meta: Mapping[str, str]
    boost: float = 1.0
    """Multiplies every weight of the record."""


def html_text(markup: str) -> str:
    """HTML as one line of plain text."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def plain(markdown: str) -> str:
    """Contributor Markdown as one line of plain text."""
    return html_text(str(markdown_to_html(markdown)))


def _case_filters(case: CaseStudy, kind: str, themes: tuple[Theme, ...]) -> dict[str, tuple[str, ...]]:
    return {"theme": tuple(t.title for t in themes), "kind": (kind,), "case": (case.title,), "nation": (case.nation,),
            "member": tuple(sorted({m.type_title for m in case.members})), "status": (case.status_title,)}


def _case_meta(case: CaseStudy, kind: str) -> dict[str, str]:
    return {"kind": kind, "case": case.title, "place": f"{case.area}, {case.region}", "years": case.years}


def item_record(item: Item, case: CaseStudy) -> SearchRecord:
    kind = KIND_SINGULAR[item.kind]
    parts = [item.detail, item.quote.text if item.quote else "", item.evidence or ""]
    context = " ".join([case.title, case.area, case.region, *(t.title for t in item.themes)])
    return SearchRecord(item.page_uri, item.anchor, item.title, context,
                        " ".join(plain(p) for p in parts if p), _case_filters(case, kind, item.themes),
                        _case_meta(case, kind))


def case_record(case: CaseStudy, catalogue: Catalogue) -> SearchRecord:
    themes = tuple(t for t in catalogue.themes if t.id in case.theme_ids)
    parts = [case.summary, case.network_name, *case.former_names, case.convenor, *(m.name for m in case.members),
             case.context]
    return SearchRecord(case.page_uri, None, case.title, f"{case.area} {case.region} {case.nation}",
                        " ".join(plain(p) for p in parts), _case_filters(case, "Case study", themes),
                        _case_meta(case, "Case study"))


def workstream_records(case: CaseStudy) -> list[SearchRecord]:
    """One per workstream, opening at its heading (``workstream-N``, as the case-study template numbers them)."""
    return [SearchRecord(case.page_uri, f"workstream-{number}", ws.name, f"{case.title} {case.area} {case.region}",
                         " ".join(plain(p) for p in (ws.aim, *ws.activities, *ws.outcomes)),
                         _case_filters(case, "Workstream", ()), _case_meta(case, "Workstream"))
            for number, ws in enumerate(case.workstreams, start=1)]


def theme_record(theme: Theme) -> SearchRecord:
    return SearchRecord(theme.page_uri, None, theme.title, theme.group.title, theme.description,
                        {"theme": (theme.title,), "kind": ("Theme",)}, {"kind": "Theme", "place": theme.group.title},
                        boost=THEME_BOOST)


def search_records(catalogue: Catalogue) -> list[SearchRecord]:
    """Every record: each case study, its workstreams and items, in catalogue order; then the themes."""
    records: list[SearchRecord] = []
    for case in catalogue.case_studies:
        records.append(case_record(case, catalogue))
        records.extend(workstream_records(case))
        records.extend(item_record(item, case) for item in case.items)
    records.extend(theme_record(theme) for theme in catalogue.themes)
    return records


def page_url(page_uri: str, directory_urls: bool) -> str:
    """The built URL of a docs page, relative to the site root, as MkDocs writes it."""
    stem, _ = posixpath.splitext(page_uri)
    if not directory_urls:
        return stem + ".html"
    head, name = posixpath.split(stem)
    return (f"{head}/" if head else "") if name == "index" else f"{stem}/"


def record_url(record: SearchRecord, directory_urls: bool) -> str:
    url = page_url(record.page_uri, directory_urls)
    return f"{url}#{record.anchor}" if record.anchor else url


def pagefind_html(record: SearchRecord, directory_urls: bool) -> str:
    """A small HTML document for Pagefind: weighted title and context, body, filters and metadata.

    The ``url`` metadata is the result's link (page and anchor), whatever file the document is indexed from.
    The ``aln-body`` id lets the search UI take excerpts from the body rather than the title and context.
    """
    e = html.escape
    weight = {field: value * record.boost for field, value in WEIGHTS.items()}
    tags = f'<span data-pagefind-meta="url">{e(record_url(record, directory_urls))}</span>'
    tags += "".join(f'<span data-pagefind-filter="{key}">{e(value)}</span>'
                   for key, values in record.filters.items() for value in values)
    tags += "".join(f'<span data-pagefind-meta="{key}">{e(value)}</span>' for key, value in record.meta.items())
    return (f'<!DOCTYPE html><html lang="en"><head><title>{e(record.title)}</title></head><body>'
            f'<h1 data-pagefind-weight="{weight["title"]}">{e(record.title)}</h1>'
            f'<p id="aln-context" data-pagefind-weight="{weight["context"]}">{e(record.context)}</p>'
            f'<p id="aln-body" data-pagefind-weight="{weight["body"]}">{e(record.body)}</p><div data-pagefind-ignore>{tags}</div></body></html>')


def offline_index(records: list[SearchRecord], directory_urls: bool = False) -> dict[str, object]:
    """The offline index as plain data: filter headings, weights and compact records."""
    return {"filters": FILTERS, "weights": WEIGHTS,
            "records": [{"url": record_url(r, directory_urls), "title": r.title, "context": r.context, "body": r.body,
                         "filters": {k: list(v) for k, v in r.filters.items()}, "meta": dict(r.meta), "boost": r.boost}
                        for r in records]}


def offline_index_js(records: list[SearchRecord], directory_urls: bool = False) -> str:
    """A classic script assigning the index to a global: browsers load it from ``file://``, unlike fetch or modules."""
    data = json.dumps(offline_index(records, directory_urls), ensure_ascii=False, separators=(",", ":"))
    # "</" would end an inline <script>; escaping it keeps the file safe however it is included.
    data = data.replace("</", "<\\/")
    return f"window.{INDEX_GLOBAL} = {data};\n"
