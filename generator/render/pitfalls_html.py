"""A theme's section of the Common pitfalls page as finished HTML (the data is views/pitfalls.py).

At scale a section holds five barrier blocks, each naming case studies and linking items: joined here, as the
template's macro calls per name and link cost more than the rest of the page."""
from __future__ import annotations

from collections.abc import Callable, Sequence

from markupsafe import Markup

from ..model.entities import CaseStudy, Item
from ..views.pitfalls import Pitfall, PitfallTheme
from ..words import count
from .escaping import esc

Link = Callable[[str], str]


def _names(cases: Sequence[CaseStudy], limit: int, link: Link) -> str:
    """``A, B and C``, or the first ``limit`` and ``and 240 others``; each a link, its scope said unless a network."""
    more = len(cases) - limit
    shown = cases[:limit]
    out = []
    for n, case in enumerate(shown, start=1):
        out.append(f'<a href="{esc(link(case.page_uri))}">{esc(case.title)}</a>')
        if not case.is_network:
            out.append(f' <span class="aln-scope">({esc(case.scope_title.lower())})</span>')
        if n == len(shown) - 1 and more <= 0:
            out.append(" and ")
        elif n < len(shown):
            out.append(", ")
    if more > 0:
        out.append(f" and {count(f'{more:,}', 'other')}")
    return "".join(out)


def _item_link(item: Item, link: Link, with_case: bool = True) -> str:
    case = f' <span class="aln-pitfall__case">({esc(item.case_title)})</span>' if with_case else ""
    return f'<a href="{esc(link(f"{item.page_uri}#{item.id}"))}">{esc(item.title)}</a>{case}'


def _links(items: Sequence[Item], link: Link, same_case_as: str | None = None) -> str:
    """A list of item links, naming each item's case study (unless it is ``same_case_as``'s)."""
    return "<ul>\n" + "".join(f"<li>{_item_link(i, link, i.case_id != same_case_as)}</li>\n" for i in items) + "</ul>\n"


def _pitfall(p: Pitfall, cases: int, limit: int, link: Link) -> str:
    barrier = p.barrier
    who = (f"Seen in {len(p.reporters)} of {cases:,} case studies, in one joint statement: " if len(p.reporters) > 1
           else "Reported by ")
    quote = (f'<blockquote class="aln-pitfall__quote"><p>“{esc(barrier.quote.text)}”</p><footer>{esc(barrier.quote.by)}'
             "</footer></blockquote>\n" if barrier.quote else "")
    answers = (_links(p.answers, link, barrier.case_id) if p.answers
               else '<p class="aln-pitfall__none">No recommendation in the records is linked to this barrier.</p>\n')
    if p.same_theme_recommendations:
        answers += '<p class="aln-pitfall__sub">Recommended on the same theme:</p>\n' + _links(p.same_theme_recommendations, link)
    actions = (_links(p.same_theme_actions, link) if p.same_theme_actions
               else '<p class="aln-pitfall__none">No workstream in the records shares a theme with it.</p>\n')
    anchor = esc(p.anchor)
    return (f'<section class="aln-pitfall" id="{anchor}">\n'
            f'<h3 class="aln-pitfall__title" id="{anchor}-title"><a href="{esc(link(f"{barrier.page_uri}#{barrier.id}"))}">'
            f"{esc(barrier.title)}</a></h3>\n"
            f'<p class="aln-pitfall__who">{who}{_names(p.reporters, limit, link)}.</p>\n'
            f"{quote}"
            '<div class="aln-pitfall__help">\n<div class="aln-pitfall__col aln-pitfall__col--answer">\n'
            f'<p class="aln-label">What they recommend for it</p>\n{answers}</div>\n'
            '<div class="aln-pitfall__col aln-pitfall__col--action">\n'
            f'<p class="aln-label">What was done on the same theme</p>\n{actions}</div>\n</div>\n</section>\n')


def pitfall_section(t: PitfallTheme, cases: int, limit: int, link: Link) -> Markup:
    """One theme's section: who reports barriers on it, its barrier blocks, then links to the rest.

    ``cases`` is the number of case studies in the knowledge base, ``limit`` how many case studies a line names."""
    theme = t.theme
    title = esc(theme.title)
    finder = esc(link(f"explore.md?theme={theme.id}&kind=barrier"))
    out = [f'<p class="aln-pitfalls__seen">Seen in <strong>{len(t.reporters):,} of '
           f'{count(f"{cases:,}", "case study", "case studies")}</strong>: {_names(t.reporters, limit, link)}. '
           f'{count(f"{t.barriers:,}", "barrier")} on this theme.</p>\n']
    out += [_pitfall(p, cases, limit, link) for p in t.pitfalls]
    if t.homed > len(t.pitfalls):
        out.append(f'<p><a href="{finder}">All {t.barriers:,} barriers on {title} in the finder</a></p>\n')
    if t.elsewhere:
        others = "; ".join(f'{_item_link(item, link, False)} <span class="aln-pitfall__case">({esc(item.case_title)}; under '
                           f'<a href="#{esc(home.id)}">{esc(home.title)}</a>)</span>' for item, home in t.elsewhere)
        rest = (f'; <a href="{finder}">all of them in the finder</a>' if t.barriers - t.homed > len(t.elsewhere) else "")
        out.append(f'<p class="aln-pitfalls__elsewhere">Also on this theme, shown under another theme: {others}{rest}.</p>\n')
    out.append(f'<p><a href="{esc(link(theme.page_uri))}">Everything on {title}</a></p>\n')
    return Markup("".join(out))
