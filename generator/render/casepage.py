"""A case study's page, built with string joins: one page per case study makes it most of the render time.

Headings and the short lists stay Markdown (the table of contents is made from the headings); the fact
panel, context, workstream bodies and item cards are finished HTML, marked as such (``rawblocks``) so a
build can skip re-parsing them. Contributor text goes through ``esc`` (HTML, '{' as an entity),
``inline_text`` (Markdown lines: headings, link text) or ``markdown_to_html``.
"""
from __future__ import annotations

from urllib.parse import quote

from .cards import item_card
from .escaping import attr_escape, esc, script_json
from ..views.links import relative, safe_url
from ..kinds import KIND_PLURALS, KIND_TITLES, KINDS
from ..model.entities import Catalogue, CaseStudy, Member
from .metadata import CONTENT_LICENCE, PUBLISHER, case_jsonld
from .rawblocks import marked
from .safe_markdown import inline_text, markdown_to_html
from ..views.synthesis import case_links
from .renderer import Renderer




def tojson(value: object) -> str:
    """Jinja's ``tojson``: sorted keys, and the characters that could end a script or attribute as escapes."""
    return script_json(value, compact=False, sort_keys=True)


def members_by_type(case: CaseStudy, catalogue: Catalogue) -> list[tuple[str, list[Member]]]:
    """(member type title, members) in vocabulary order, types without members left out."""
    by_type: dict[str, list[Member]] = {}
    for member in case.members:
        by_type.setdefault(member.type, []).append(member)
    return [(title, by_type[key]) for key, title in catalogue.member_types.items() if key in by_type]


def _facts(case: CaseStudy, catalogue: Catalogue, link) -> str:
    former = f" (formerly {esc(', '.join(case.former_names))})" if case.former_names else ""
    members = "".join(f"<div><dt>{esc(title)}</dt><dd><ul>{''.join(f'<li>{esc(m.name)}</li>' for m in ms)}</ul></dd></div>\n"
                      for title, ms in members_by_type(case, catalogue))
    return (
        '<div class="aln-card">\n<dl class="aln-facts">\n'
        f"<div><dt>Network</dt><dd>{esc(case.network_name)}{former}</dd></div>\n"
        f"<div><dt>Place</dt><dd>{esc(case.area)}, {esc(case.region)}</dd></div>\n"
        f'<div><dt>Nation</dt><dd><a href="{esc(link("explore.md?nation=" + quote(case.nation, safe="/")))}">'
        f"{esc(case.nation)}</a></dd></div>\n"
        f"<div><dt>Years</dt><dd>{esc(case.years)}</dd></div>\n"
        f"<div><dt>Status</dt><dd>{esc(case.status_title)}</dd></div>\n"
        f"<div><dt>Convenor</dt><dd>{esc(case.convenor)}</dd></div>\n"
        f"<div><dt>Record reviewed</dt><dd>{esc(case.reviewed)}</dd></div>\n"
        '</dl>\n<p class="aln-label">Members</p>\n<dl class="aln-members">\n'
        f"{members}</dl>\n</div>")


def _bullets(label: str, texts: tuple[str, ...]) -> str:
    if not texts:
        return ""
    entries = "".join(f"<li>{markdown_to_html(t)}</li>" for t in texts)
    return f'<div class="aln-prose"><p class="aln-label">{label}</p><ul>{entries}</ul></div>\n\n'


def _workstreams(case: CaseStudy) -> str:
    if not case.workstreams:
        return ""
    out = ["## Workstreams { #workstreams }\n\n"]
    for n, ws in enumerate(case.workstreams, start=1):
        out.append(f"### {inline_text(ws.name)} {{ #workstream-{n} }}\n\n" + marked(
                   f'<div class="aln-workstream">\n\n<p><strong>Aim:</strong> {esc(ws.aim)}</p>\n\n'
                   f'<p class="aln-status aln-status--{esc(ws.status)}">Status: {esc(ws.status.capitalize())}</p>\n\n'
                   f"{_bullets('Activities', ws.activities)}{_bullets('Outcomes', ws.outcomes)}</div>"))
    return "".join(out)


def _items(case: CaseStudy, link) -> str:
    out = []
    for kind in KINDS:
        items = getattr(case, KIND_PLURALS[kind])
        if items:
            out.append(f"## {KIND_TITLES[kind]} {{ #{KIND_PLURALS[kind]} }}\n\n")
            out.append(marked("\n\n".join([item_card(item, case, link) for item in items])))
    return "".join(out)


def _related(catalogue: Catalogue, case: CaseStudy, here: str) -> str:
    related = catalogue.related[case.id]
    if not related:
        return ""
    lines = "".join(f"- [{inline_text(other.title)}]({esc(relative(other.page_uri, here))}): {shared} shared theme"
                    f"{'s' if shared != 1 else ''}, {inline_text(other.area)} ({inline_text(other.nation)})\n"
                    for other, shared in related)
    return f"## Related case studies {{ #related }}\n\nRanked by the number of themes they share with this one.\n\n{lines}\n"


def _source(source) -> str:
    title = (f"[{inline_text(source.title)}]({esc(safe_url(source.url))})" if source.url
             else f"*{inline_text(source.title)}*")
    date = f", {esc(source.date)}" if source.date else ""
    return (f'- <span id="source-{esc(source.id)}"></span>{title}, {inline_text(source.publisher)}{date}'
            f" ({esc(source.kind.replace('-', ' '))})\n")


def case_page(catalogue: Catalogue, renderer: Renderer, case: CaseStudy) -> str:
    """The Markdown of one case study's page."""
    pub = renderer.publication
    here = case.page_uri
    link = pub.linker(here)
    links = case_links(catalogue, case)
    cite = (f"<{esc(pub.url(here))}>" if pub.site_url else f"[{esc(here)}]({esc(relative(here, here))})")
    return "".join((
        f"---\ntitle: {tojson(attr_escape(case.title))}\ndescription: {tojson(attr_escape(case.summary))}\n"
        "og_type: article\n---\n\n",
        f"# {inline_text(case.title)}\n\n",
        # JSON-LD in the body, where search engines read it as well: in the front matter MkDocs' pure-Python
        # YAML reader would parse it on every build (a quarter of a millisecond a page) only to write it out.
        marked(f'<script type="application/ld+json">{tojson(case_jsonld(pub, case))}</script>\n'
               f'<p class="aln-lede">{esc(case.summary)}</p>\n\n{_facts(case, catalogue, link)}'),
        "## Context { #context }\n\n", marked(f'<div class="aln-prose">{markdown_to_html(case.context)}</div>'),
        _workstreams(case),
        _items(case, link),
        _related(catalogue, case, here),
        "## In the synthesis { #synthesis }\n\n",
        f"[Its column in the theme matrix]({esc(relative(links.matrix, here))}) · "
        f"[its row on the timeline]({esc(relative(links.timeline, here))}) · "
        f"[other networks in {inline_text(case.region)}]({esc(relative(links.where, here))}) · "
        f"[its items in the explorer]({esc(relative('explore.md', here))}?case={esc(case.id)}) · "
        f"[what recurs across networks]({esc(relative('synthesis/recurs.md', here))})\n\n",
        '!!! quote "Cite this case study"\n\n',
        f"    {esc(PUBLISHER)} ({esc(case.reviewed[:4])}). *{inline_text(case.title)}*. Case study, record reviewed "
        f"{esc(case.reviewed)}. {cite}. Licensed {esc(CONTENT_LICENCE[0])}.\n\n",
        "## Sources { #sources }\n\n",
        "".join(_source(s) for s in case.sources),
    ))
