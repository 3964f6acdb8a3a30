"""The Compare page and its data scripts (see views/compare.py); ``assets/compare.js`` draws the comparison."""
from __future__ import annotations

from collections.abc import Callable, Sequence

from markupsafe import Markup

from ..kinds import KIND_TITLES, KINDS
from ..model.entities import Catalogue
from ..views.compare import DATA_GLOBAL, DATA_URI, MAX_CASES, MIN_CASES, PAGE_URI, CompareChoice, choices, data_chunks
from .escaping import esc, script_json
from .renderer import Renderer


def case_list(options: Sequence[CompareChoice], link: Callable[[str], str]) -> Markup:
    """Every case study, the page's no-JavaScript form, each naming its data script: one line each, joined here
    rather than in a template loop, as there is one per case study."""
    return Markup("".join(
        f'<li data-case="{esc(c.case.id)}" data-chunk="{c.chunk}"><a href="{esc(link(c.case.page_uri))}">{esc(c.case.title)}'
        f'</a> <span class="aln-compare__about">{esc(c.case.scope_title)}, {esc(c.case.area)}, {esc(c.case.years)}</span></li>\n'
        for c in options))


def compare_pages(catalogue: Catalogue, renderer: Renderer) -> dict[str, str]:
    link = renderer.publication.linker(PAGE_URI)
    meta = {"themes": [[t.id, t.title, link(t.page_uri)] for t in catalogue.themes],
            "kinds": [[k, KIND_TITLES[k]] for k in KINDS], "min": MIN_CASES, "max": MAX_CASES,
            "script": DATA_URI.removeprefix("assets/"), "global": DATA_GLOBAL}
    options = choices(catalogue)
    pages = {PAGE_URI: renderer.render("synthesis-compare.md.j2", PAGE_URI, site=catalogue, cases=len(options),
                                       case_list=case_list(options, link), meta=script_json(meta))}
    for n, data in data_chunks(catalogue).items():
        pages[DATA_URI.format(n)] = f"Object.assign(window.{DATA_GLOBAL} = window.{DATA_GLOBAL} || {{}}, {script_json(data)});\n"
    return pages
