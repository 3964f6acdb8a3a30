"""A case study's page, built with string joins: one page per case study makes it most of the render time.

Headings and the short lists stay Markdown (the table of contents is made from the headings); the fact
panel, context, workstream bodies and item cards are finished HTML, marked as such (``rawblocks``) so a
build can skip re-parsing them. Contributor text goes through ``esc`` (HTML, '{' as an entity),
``inline_text`` (Markdown lines: headings, link text) or ``markdown_to_html``.
"""
from __future__ import annotations

import html
import re
from urllib.parse import quote

from collections.abc import Callable, Mapping

from ..dates import readable
from ..words import count
from .cards import item_card, item_summaries
from .escaping import attr_escape, esc, script_json
from ..views.links import Publication, external_href
from ..kinds import KIND_PLURALS, KIND_TITLES, STATEMENT_KINDS
from ..model.entities import Catalogue, CaseStudy, Member, Source
from .metadata import CONTENT_LICENCE, CORRECTION_FORM, PUBLISHER, case_jsonld
from .rawblocks import marked
from .safe_markdown import inline_text, markdown_to_html
from ..views.synthesis import CaseLinks
from .renderer import Renderer

Link = Callable[[str], str]


def tojson(value: object) -> str:
    """Jinja's ``tojson``: sorted keys, and the characters that could end a script or attribute as escapes."""
    return script_json(value, compact=False, sort_keys=True)


def members_by_type(case: CaseStudy, catalogue: Catalogue) -> list[tuple[str, list[Member]]]:
    """(member type title, members) in vocabulary order, types without members left out."""
    by_type: dict[str, list[Member]] = {}
    for member in case.members:
        by_type.setdefault(member.type, []).append(member)
    return [(title, by_type[key]) for key, title in catalogue.member_types.items() if key in by_type]


SCOPE_LABELS = {"network": "Network", "organisation": "Organisation", "collection": "Collection"}


def _facts(case: CaseStudy, catalogue: Catalogue, link: Link) -> str:
    former = f" (formerly {esc(', '.join(case.former_names))})" if case.former_names else ""
    members = "".join(f"<div><dt>{esc(title)}</dt><dd><ul>{''.join(f'<li>{esc(m.name)}</li>' for m in ms)}</ul></dd></div>\n"
                      for title, ms in members_by_type(case, catalogue))
    status = esc(case.status.text)
    if case.status.source is not None:
        status += f' (<a href="#source-{esc(case.status.source.id)}">source</a>)'
    rows = [
        ("What it is", f'<span class="aln-scope aln-scope--{esc(case.scope)}">{esc(case.scope_title)}</span>'),
        (SCOPE_LABELS[case.scope], f"{esc(case.network_name)}{former}"),
        ("Place", f"{esc(case.area)}, {esc(case.region)}"),
        ("Nation", f'<a href="{esc(link("explore.md?nation=" + quote(case.nation, safe="/")))}">{esc(case.nation)}</a>'),
        ("Started", esc(case.started.text)),
        *((("Ended", esc(case.ended.text)),) if case.ended.known else ()),
        ("Status", status),
        *((("Convenor", esc(case.convenor)),) if case.convenor else ()),
        *((("Members", esc(case.members_text)),) if case.members_text else ()),
        ("Record reviewed", f'{esc(case.reviewed)} <small>(<a href="{esc(link("about.md#dates"))}">checked against'
                            " its sources</a>; not a statement about today)</small>"
                            ' · <a href="#suggest-a-change">Suggest a change</a>'),
    ]
    named = (f'<p class="aln-label">Named members</p>\n<dl class="aln-members">\n{members}</dl>\n') if members else ""
    return ('<div class="aln-card">\n<dl class="aln-facts">\n'
            + "".join(f"<div><dt>{dt}</dt><dd>{dd}</dd></div>\n" for dt, dd in rows)
            + f"</dl>\n{named}</div>")


def _items(case: CaseStudy, link: Link, titles: Mapping[str, str]) -> str:
    """What the case study did, then its lessons, barriers and recommendations, each under its heading."""
    out = []
    for kind in ("workstream", *STATEMENT_KINDS):
        items = case.of_kind(kind)
        if items:
            out.append(f"## {KIND_TITLES[kind]} {{ #{KIND_PLURALS[kind]} }}\n\n")
            out.append(marked("\n\n".join([item_card(item, case, link, titles) for item in items])))
    return "".join(out)


def _credited(catalogue: Catalogue, case: CaseStudy, link: Link) -> str:
    """Statements written in another record and credited to this case study too."""
    shared = catalogue.credited.get(case.id, ())
    if not shared:
        return ""
    return ("## Reported jointly { #reported-jointly }\n\n"
            "Statements this case study made together with others, written once where they were reported.\n\n"
            + marked(str(item_summaries(shared, link))) + "\n\n")


def _related(catalogue: Catalogue, case: CaseStudy, link: Link) -> str:
    related = catalogue.related[case.id]
    if not related:
        return ""
    entries = "".join(f'<li><a href="{esc(link(other.page_uri))}">{esc(other.title)}</a>: {count(shared, "shared theme")}, '
                      f"{esc(other.area)} ({esc(other.nation)})</li>"
                      for other, shared in related)
    return ("## Related case studies { #related }\n\n"
            + marked(f"<p>Ranked by the number of themes they share with this one.</p>\n<ul>{entries}</ul>") + "\n\n")


def _source(source: Source) -> str:
    """One entry of the source list: who wrote it, its title (linked when online), publisher, date and kind;
    a missing date or address is said, so a reader knows it was not left off."""
    name = esc(source.name)
    href = external_href(source.url)
    title = f'<a href="{esc(href)}">{name}</a>' if href else f"<em>{name}</em>"
    authors = f"{esc(', '.join(source.authors))}, " if source.authors else ""
    rest = ", ".join(part for part in (esc(source.publisher) if source.publisher and source.title else "",
                                        esc(readable(source.date)) if source.date else "") if part)
    notes = "; ".join((esc(source.kind.replace("-", " ")), *(() if source.date else ("no date given",)),
                       *(() if href else ("not online",))))
    return f'<li><span id="source-{esc(source.id)}"></span>{authors}{title}{", " + rest if rest else ""} ({notes})</li>'


def _suggest_change(case: CaseStudy, pub: Publication, link: Link) -> str:
    """How a reader reports a mistake in this record: the correction form, or an edit of the record itself."""
    method = f'<a href="{esc(link("about.md#how-records-are-checked"))}">how records are checked</a>'
    repository = pub.repository
    if repository is None:
        routes = f'See <a href="{esc(link("about.md#report-an-error"))}">how to report an error</a>.'
    else:
        form = repository.new_issue(CORRECTION_FORM, title=f"Correction: {case.title}",
                                    page=f"{case.title} ({case.source_path})")
        routes = (f'<a href="{esc(form)}">Report it with the correction form</a> (no coding needed), or '
                  f'<a href="{esc(repository.edit(case.source_path))}">edit the record on GitHub</a> '
                  "and open a pull request.")
    return ("## Suggest a change { #suggest-a-change }\n\n"
            + marked(f'<p class="aln-suggest">Spotted a mistake, or know a newer source? {routes} '
                     f"An editor checks every change against its sources before it is published ({method}).</p>")
            + "\n\n")


# From a line break, not ``^`` in multi-line mode: a pattern that starts with fixed text is searched for as text,
# several times faster on pages this long. ``on_this_page`` puts a line break before the first heading.
_SECTION = re.compile(r"\n## (.+?) \{ #([a-z0-9-]+) \}$", re.MULTILINE)


def on_this_page(body: str) -> str:
    """The page's sections as a list of links, made from its own ``## Title { #id }`` headings so that it never
    drifts from them. For phones and tablets, where Material hides the table of contents and the menu lists only
    the site's sections (docs/assets/aln.css shows it below 60em)."""
    links = "".join(f'<li><a href="#{id_}">{html.escape(title)}</a></li>' for title, id_ in _SECTION.findall("\n" + body))
    return f'<nav class="aln-onpage" aria-label="On this page"><p class="aln-label">On this page</p><ul>{links}</ul></nav>'


def case_page(catalogue: Catalogue, renderer: Renderer, case: CaseStudy, links: CaseLinks) -> str:
    """The Markdown of one case study's page; ``links`` says where it appears in the synthesis (``case_links``)."""
    pub = renderer.publication
    here = case.page_uri
    link = pub.linker(here)
    cite_url = pub.url(here) if pub.site_url else link(here)
    cite_text = pub.url(here) if pub.site_url else here
    synthesis = " · ".join(f'<a href="{esc(link(target))}">{words}</a>' for words, target in (
        ("Its column in the theme matrix", links.matrix), ("its row on the timeline", links.timeline),
        (f"other networks in {esc(case.region)}", links.where), ("its items in the finder", f"explore.md?case={case.id}"),
        ("compare it with others", f"synthesis/compare.md?case={case.id}"),
        ("common pitfalls and what helped", "synthesis/pitfalls.md")))
    # Everything but the headings is finished HTML (rawblocks): Python-Markdown then has only the headings to read,
    # which it needs for the table of contents.
    body = "".join((
        "## Context { #context }\n\n", marked(f'<div class="aln-prose">{markdown_to_html(case.context)}</div>'),
        _items(case, link, catalogue.title_of),
        _credited(catalogue, case, link),
        _related(catalogue, case, link),
        "## In the synthesis { #synthesis }\n\n",
        marked(f"<p>{synthesis}</p>\n"
               '<div class="admonition quote">\n<p class="admonition-title">Cite this case study</p>\n'
               f"<p>{esc(PUBLISHER)} ({esc(case.reviewed[:4])}). <em>{esc(case.title)}</em>. Case study, record reviewed "
               f'{esc(case.reviewed)}. <a href="{esc(cite_url)}">{esc(cite_text)}</a>. Licensed {esc(CONTENT_LICENCE[0])}.</p>\n'
               "</div>"), "\n\n",
        *(("## Sources { #sources }\n\n", marked(f'<ul>{"".join(_source(s) for s in case.sources)}</ul>'), "\n\n")
          if case.sources else ()),
        _suggest_change(case, pub, link),
    ))
    return "".join((
        f"---\ntitle: {tojson(attr_escape(case.title))}\ndescription: {tojson(attr_escape(case.summary))}\n"
        "og_type: article\n---\n\n",
        f"# {inline_text(case.title)}\n\n",
        # JSON-LD in the body, where search engines read it as well: in the front matter MkDocs' pure-Python
        # YAML reader would parse it on every build (a quarter of a millisecond a page) only to write it out.
        marked(f'<script type="application/ld+json">{tojson(case_jsonld(pub, case))}</script>\n'
               f'<p class="aln-lede">{esc(case.summary)}</p>\n{on_this_page(body)}\n\n{_facts(case, catalogue, link)}'),
        body,
    ))
