"""The finder's page in its at-scale mode, written to a folder with the site's own scripts, for browser tests that
need the at-scale mode on a small catalogue."""
from __future__ import annotations

import shutil
from pathlib import Path

import markdown

from generator.model.entities import Catalogue
from generator.render.explore import render_explorer
from generator.render.renderer import Renderer

SCRIPTS = ("aln-common.js", "explorer.js", "search.js", "explorer.css")


def write_scale_finder(catalogue: Catalogue, built_site: Path, folder: Path) -> Path:
    """``explore.html`` in ``folder``: the page rendered as at scale (items from explore-data.js, at most 10 listed),
    with its data scripts and the built site's aln-common.js, explorer.js, search.js and explorer.css."""
    pages = render_explorer(catalogue, Renderer(), threshold=10)
    (folder / "assets").mkdir(exist_ok=True)
    for name in SCRIPTS:
        shutil.copy(built_site / "assets" / name, folder / "assets" / name)
    for uri, text in pages.items():
        if uri.startswith("assets/"):
            (folder / uri).write_text(text, encoding="utf-8")
    body = markdown.markdown(pages["explore.md"].split("---\n", 2)[2], extensions=["attr_list", "md_in_html", "toc"])
    (folder / "explore.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="stylesheet" href="assets/explorer.css">'
        f'</head><body><article class="md-typeset">{body}</article><script src="assets/aln-common.js"></script>'
        '<script src="assets/explorer.js"></script></body></html>', encoding="utf-8")
    assert "data-source" in (folder / "explore.html").read_text(encoding="utf-8")  # the at-scale mode
    return folder / "explore.html"
