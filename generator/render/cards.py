"""Item cards as finished HTML, built with string joins instead of template calls.

A case study at scale has about 20 cards and a theme page up to 60, so cards are most of the render
time: here each costs a few string joins. They are emitted as raw HTML blocks (no ``markdown``
attribute), which Python-Markdown passes through untouched, so MkDocs does not parse them again.
That is also why links here are final URLs (``Publication.linker``): MkDocs rewrites only Markdown
links. Item headings are raw HTML too, so they keep their ids and permanent links but are left out
of the page's table of contents, which lists the sections instead.

Contributor text is escaped by ``esc`` or comes sanitised from ``markdown_to_html``.
"""
from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from ..kinds import KIND_SINGULAR
from .escaping import esc
from ..views.links import external_href
from ..views.paging import ListPage

from markupsafe import Markup

from ..model.entities import CaseStudy, Item, Source, Theme
from .safe_markdown import markdown_to_html

Link = Callable[[str], str]


def permalink_heading(tag: str, anchor: str, title: str) -> str:
    """A heading with the same id and permanent link Python-Markdown's toc extension would give it."""
    a = esc(anchor)
    return f'<{tag} id="{a}">{esc(title)}<a class="headerlink" href="#{a}" title="Permanent link">&para;</a></{tag}>'


def chips(themes: tuple[Theme, ...], link: Link) -> str:
    return '<span class="aln-chips">' + " ".join([_chip(t.page_uri, t.title, link) for t in themes]) + "</span>"


@functools.lru_cache(maxsize=1 << 14)  # a few dozen themes, drawn from pages at a few depths: link is per depth
def _chip(page_uri: str, title: str, link: Link) -> str:
    return f'<a class="aln-chip" href="{link(page_uri)}">{esc(title)}</a>'


def _cross_links(label: str, ids: tuple[str, ...], case: CaseStudy) -> str:
    if not ids:
        return ""
    targets = [case.item_by_id[i] for i in ids if i in case.item_by_id]
    links = "; ".join(f'<a href="#{esc(t.id)}">{esc(t.title)}</a>' for t in targets)
    return f"<strong>{label}:</strong> {links}\n" if targets else ""


def _bullets(label: str, texts: tuple[str, ...]) -> str:
    if not texts:
        return ""
    entries = "".join(f"<li>{markdown_to_html(t)}</li>" for t in texts)
    return f'<div class="aln-prose"><p class="aln-label">{label}</p><ul>{entries}</ul></div>'


def _body(item: Item) -> list[str]:
    """A statement's detail; a workstream's aim, progress, activities and outcomes (each only if recorded)."""
    if item.kind != "workstream":
        return [f'<div class="aln-item__detail">{markdown_to_html(item.detail)}</div>']
    parts = [f'<div class="aln-item__detail"><p><strong>Aim:</strong> {esc(item.detail)}</p></div>'] if item.detail else []
    if item.progress:
        parts.append(f'<p class="aln-status aln-status--{esc(item.progress)}">Status: {esc(item.progress.capitalize())}</p>')
    return parts + [b for b in (_bullets("Activities", item.activities), _bullets("Outcomes", item.outcomes)) if b]


def source_note(item: Item, source_list: str = "") -> str:
    """'Source: <title> (publisher, date)': the title links out when the source is online, else to the source's
    entry in ``source_list``, the case-study page's list of sources ('' on that page itself)."""
    return "" if item.source is None else _source_note(item.source, source_list)


@functools.lru_cache(maxsize=1 << 14)  # a source backs most of its case study's items, on its page and on theme pages
def _source_note(source: Source, source_list: str) -> str:
    name = esc(source.name)
    href = external_href(source.url)
    if href:
        name = f'<a href="{esc(href)}" rel="noopener">{name}</a>'
    else:
        name = f'<a href="{source_list}#source-{esc(source.id)}">{name}</a>'
    byline = f" ({esc(source.byline)})" if source.byline else ""
    return f' <span class="aln-item__source">Source: {name}{byline}</span>'


def _shared(item: Item, link: Link, titles: Mapping[str, str]) -> str:
    if not item.shared_with:
        return ""
    others = "; ".join(f'<a href="{link(f"casestudies/{other}.md")}">{esc(titles.get(other, other))}</a>'
                       for other in item.shared_with)
    return f"<strong>Reported jointly with:</strong> {others}\n"


def item_card(item: Item, case: CaseStudy, link: Link, titles: Mapping[str, str] | None = None) -> str:
    """An item in full on its case-study page, with its permanent anchor (finished HTML, for ``casepage``)."""
    parts = [f'<div class="aln-item aln-item--{item.kind}">',
             permalink_heading("h3", item.id, item.title),
             f'<p class="aln-item__kind">{KIND_SINGULAR[item.kind]}</p>', *_body(item)]
    if item.quote:
        parts.append(f'<blockquote class="aln-quote"><p>{esc(item.quote.text)}</p>'
                     f'<footer>{esc(item.quote.by)}</footer></blockquote>')
    if item.evidence:
        parts.append(f'<div class="aln-item__evidence"><p class="aln-label">Evidence</p>{markdown_to_html(item.evidence)}</div>')
    meta = _cross_links("Recommended in answer", item.addressed_by, case)
    meta += _cross_links("Answers the barrier" + ("s" if len(item.addresses) > 1 else ""), item.addresses, case)
    meta += _shared(item, link, titles or {}) + chips(item.themes, link) + source_note(item)
    parts.append(f"<p>{meta}</p>\n</div>")
    return "\n".join(parts)


def item_summary(item: Item, link: Link) -> Markup:
    """An item on a theme page: a heading that links to it, where it is from, its detail and themes."""
    return Markup(
        f'<div class="aln-item aln-item--{item.kind} aln-item--summary">\n'
        f'<h4><a href="{link(item.page_uri)}#{esc(item.id)}">{esc(item.title)}</a></h4>\n'
        f'<p class="aln-item__from">{KIND_SINGULAR[item.kind]} from <strong>{esc(item.case_title)}</strong></p>\n'
        + "\n".join(_body(item)) + "\n"
        f"<p>{chips(item.themes, link)}{source_note(item, link(item.page_uri))}</p>\n</div>")


def item_summaries(items: tuple[Item, ...], link: Link) -> Markup:
    """Several items on a theme page, one after another."""
    return Markup("\n\n".join([item_summary(item, link) for item in items]))


def item_index(items: tuple[Item, ...], link: Link) -> Markup:
    """Items as one list entry per case study (items keep their order): the compact route to every item."""
    groups: dict[str, list[Item]] = {}
    for item in items:
        groups.setdefault(item.case_id, []).append(item)
    lines = ['<ul class="aln-index">']
    for group in groups.values():
        page = link(group[0].page_uri)
        entries = "; ".join(f'<a href="{page}#{esc(i.id)}">{esc(i.title)}</a> <span class="aln-index__kind">'
                            f"{i.kind}</span>" for i in group)
        lines.append(f'<li><a class="aln-index__case" href="{page}">{esc(group[0].case_title)}</a>: {entries}</li>')
    lines.append("</ul>")
    return Markup("\n".join(lines))


def pager(index: ListPage, link: Link, label: str = "Pages of the item list") -> Markup:
    """Links to every page of a long list, the current one in bold."""
    names = [str(n) for n in range(1, index.count + 1)]
    return page_links(names, index.page_uris, index.number, link, label)


def page_links(names: list[str], uris: tuple[str, ...] | list[str], current: int, link: Link, label: str,
               intro: str = "Pages") -> Markup:
    """The one pager: every page of a list split over several, named, the current one (from 1) in bold."""
    parts = [f'<strong aria-current="page">{esc(name)}</strong>' if n == current else f'<a href="{link(uri)}">{esc(name)}</a>'
             for n, (name, uri) in enumerate(zip(names, uris), start=1)]
    return Markup(f'<nav class="aln-pager" aria-label="{esc(label)}">{esc(intro)}: {" · ".join(parts)}</nav>')
