"""Search records built from the Catalogue: one per case study and per theme, same for both engines.

A search result is a page. A case study's workstreams, lessons, barriers and recommendations are
its sections: each opens at its own anchor on the case-study page, so a result lists the case study
with its matching items deep-linked underneath. ``pagefind_html`` turns a record into the small
HTML document Pagefind indexes (each section a heading with the item's anchor as ``id``, which
Pagefind reports as a sub-result), and ``offline_index_js`` writes every record as one classic
script for the offline bundle, whose engine groups its results the same way.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Mapping

from ..model.entities import Catalogue, CaseStudy, Item, Theme
from ..kinds import KIND_SINGULAR
from ..render.escaping import script_json
from ..views.links import page_url
from ..render.safe_markdown import markdown_to_html

FILTERS = {"theme": "Theme", "nation": "Nation", "member": "Member type", "status": "Status", "scope": "What it is"}
"""Filter key (also the URL parameter) -> heading shown above its values. Filters apply to whole pages:
a case study carries the themes of all its items, so there is no per-item filter (kind, case study)."""
WEIGHTS = {"title": 10.0, "context": 3.0, "body": 1.0}
"""Pagefind weights: titles (page and section headings) above place and themes, both above body text."""
THEME_BOOST = 0.1
"""Offline search ranks theme pages below the case studies they list (a theme's short title names the words of
many queries). Pagefind scores a word by its weight relative to the page's, so a boost of every weight of a
page changes nothing there: a theme page whose title is the query comes first, as a hub for the theme."""
SECTION_HEADINGS = {"Workstream": "h2", "Lesson": "h3", "Barrier": "h4", "Recommendation": "h5"}
"""The heading element of each kind of section in the Pagefind document. Pagefind reports a sub-result's
heading element, so search.js reads the kind from it (``SECTION_KINDS`` there) at no cost in bytes."""
INDEX_GLOBAL = "ALN_SEARCH_INDEX"


@dataclass(frozen=True)
class SearchSection:
    """A workstream, lesson, barrier or recommendation: a sub-result that opens at its anchor on the page."""

    anchor: str
    """Element id on the case-study page (``workstream-N`` or the item's id)."""
    kind: str
    """A key of ``SECTION_HEADINGS``."""
    title: str
    context: str
    """The item's themes (``; ``-separated), weighted between title and body."""
    body: str
    """Plain text."""


@dataclass(frozen=True)
class SearchRecord:
    """One search result: a case study (with its sections), a theme, or a hand-written page."""

    page_uri: str
    """Docs-relative path of the page, e.g. ``casestudies/bay.md``."""
    title: str
    context: str
    """Place (case study) or theme group, weighted between title and body."""
    body: str
    """Plain text of the page's top part: for a case study, its summary, network, members and context."""
    filters: Mapping[str, tuple[str, ...]]
    meta: Mapping[str, str]
    sections: tuple[SearchSection, ...] = ()
    boost: float = 1.0
    """Multiplies every weight of the record."""


def html_text(markup: str) -> str:
    """HTML as one line of plain text."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def plain(markdown: str) -> str:
    """Contributor Markdown as one line of plain text."""
    return html_text(str(markdown_to_html(markdown)))


def item_section(item: Item) -> SearchSection:
    parts = [item.detail, item.quote.text if item.quote else "", item.evidence or "", *item.activities, *item.outcomes]
    return SearchSection(item.anchor, KIND_SINGULAR[item.kind], item.title, "; ".join(t.title for t in item.themes),
                         " ".join(plain(p) for p in parts if p))


def case_record(case: CaseStudy, catalogue: Catalogue) -> SearchRecord:
    themes = tuple(t.title for t in catalogue.themes if t.id in case.theme_ids)
    # Labelled sentences, not bare names one after another: an excerpt can show any stretch of the body.
    formerly = f" (formerly {'; '.join(case.former_names)})" if case.former_names else ""
    parts = [case.summary, f"{case.scope_title}: {case.network_name}{formerly}.",
             f"Convened by {case.convenor}." if case.convenor else "",
             f"Members: {'; '.join(m.name for m in case.members)}." if case.members else "", case.context]
    filters = {"theme": themes, "nation": (case.nation,), "member": tuple(sorted({m.type_title for m in case.members})),
               "status": (case.status.title,), "scope": (case.scope_title,)}
    meta = {"kind": "Case study", "place": f"{case.area}, {case.region}", "years": case.years}
    return SearchRecord(case.page_uri, case.title, f"{case.area} {case.region} {case.nation}",
                        " ".join(plain(p) for p in parts if p), filters, meta,
                        tuple(item_section(item) for item in case.items))


def theme_record(theme: Theme) -> SearchRecord:
    return SearchRecord(theme.page_uri, theme.title, theme.group.title, theme.description, {"theme": (theme.title,)},
                        {"kind": "Theme", "place": theme.group.title}, boost=THEME_BOOST)


def page_record(page_uri: str, title: str, text: str) -> SearchRecord:
    """A hand-written page: no filters, so any active filter leaves it out."""
    return SearchRecord(page_uri, title, "", text, {}, {"kind": "Page"})


def search_records(catalogue: Catalogue) -> list[SearchRecord]:
    """Every record: each case study with its workstreams and items, in catalogue order; then the themes."""
    return [case_record(case, catalogue) for case in catalogue.case_studies] + [theme_record(t) for t in catalogue.themes]


def pagefind_html(record: SearchRecord, directory_urls: bool) -> str:
    """A small HTML document for Pagefind: one page, its sections as headings with ids, filters and metadata.

    Each part is its title, then body, then context (place or themes), so a part's excerpt can start
    right after its heading. An item's themes read "Themes: A; B." there: Pagefind's excerpt runs on
    from the body into them, and bare titles would read as part of the item's text. The ``url``
    metadata is the result's link, whatever file the document is indexed from; a section's link is
    that URL plus ``#`` and the heading's id.
    """
    e = html.escape
    weight = {field: value * record.boost for field, value in WEIGHTS.items()}

    def part(title_tag: str, title: str, body: str, context: str) -> str:
        tag = title_tag.split()[0]
        return (f'<{title_tag} data-pagefind-weight="{weight["title"]}">{e(title)}</{tag}>'
                + (f'<p data-pagefind-weight="{weight["body"]}">{e(body)}</p>' if body else "")
                + (f'<p data-pagefind-weight="{weight["context"]}">{e(context)}</p>' if context else ""))

    content = part("h1", record.title, record.body, record.context) + "".join(
        part(f'{SECTION_HEADINGS[s.kind]} id="{e(s.anchor)}"', s.title, s.body, f"Themes: {s.context}." if s.context else "")
        for s in record.sections)
    tags = f'<span data-pagefind-meta="url">{e(page_url(record.page_uri, directory_urls))}</span>'
    tags += "".join(f'<span data-pagefind-filter="{key}">{e(value)}</span>'
                    for key, values in record.filters.items() for value in values)
    tags += "".join(f'<span data-pagefind-meta="{key}">{e(value)}</span>' for key, value in record.meta.items())
    return (f'<!DOCTYPE html><html lang="en"><head><title>{e(record.title)}</title></head><body>{content}'
            f'<div data-pagefind-ignore>{tags}</div></body></html>')


def offline_index(records: list[SearchRecord], directory_urls: bool = False) -> dict[str, object]:
    """The offline index as plain data: filter headings, weights and compact records with their sections."""
    return {"filters": FILTERS, "weights": WEIGHTS,
            "records": [{"url": page_url(r.page_uri, directory_urls), "title": r.title, "context": r.context,
                         "body": r.body, "filters": {k: list(v) for k, v in r.filters.items()}, "meta": dict(r.meta),
                         "boost": r.boost,
                         "sections": [{"anchor": s.anchor, "kind": s.kind, "title": s.title, "context": s.context,
                                       "body": s.body} for s in r.sections]}
                        for r in records]}


def offline_index_js(records: list[SearchRecord], directory_urls: bool = False) -> str:
    """A classic script assigning the index to a global: browsers load it from ``file://``, unlike fetch or modules."""
    return f"window.{INDEX_GLOBAL} = {script_json(offline_index(records, directory_urls))};\n"
