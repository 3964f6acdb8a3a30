"""The Compare page and its data scripts (see views/compare.py); ``assets/compare.js`` draws the comparison."""
from __future__ import annotations

from ..kinds import KIND_TITLES, KINDS
from ..model.entities import Catalogue
from ..views.compare import DATA_GLOBAL, DATA_URI, MAX_CASES, MIN_CASES, PAGE_URI, choices, data_chunks
from .escaping import script_json
from .renderer import Renderer


def compare_pages(catalogue: Catalogue, renderer: Renderer) -> dict[str, str]:
    link = renderer.publication.linker(PAGE_URI)
    meta = {"themes": [[t.id, t.title, link(t.page_uri)] for t in catalogue.themes],
            "kinds": [[k, KIND_TITLES[k]] for k in KINDS], "min": MIN_CASES, "max": MAX_CASES,
            "script": DATA_URI.removeprefix("assets/"), "global": DATA_GLOBAL}
    pages = {PAGE_URI: renderer.render("synthesis-compare.md.j2", PAGE_URI, site=catalogue, choices=choices(catalogue),
                                       meta=script_json(meta))}
    for n, data in data_chunks(catalogue).items():
        pages[DATA_URI.format(n)] = f"Object.assign(window.{DATA_GLOBAL} = window.{DATA_GLOBAL} || {{}}, {script_json(data)});\n"
    return pages
