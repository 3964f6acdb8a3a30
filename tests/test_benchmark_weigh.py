"""The benchmark's site breakdown counts every byte once, and splits a case-study page as a reader sees it."""
from __future__ import annotations

from pathlib import Path

from benchmarks.measure import dir_bytes
from benchmarks.weigh import case_page_weight, site_parts

SHELL = '<html><head><title>Bay</title></head><body><nav>menu</nav>{}<footer>footer</footer></body></html>'
ARTICLE = ('<article class="md-content"><h1>Bay &amp; Morecambe</h1>'
           '<script type="application/ld+json">{"name": "hidden"}</script><p>Six partners.</p></article>')


def _site(root: Path) -> Path:
    files = {"casestudies/bay/index.html": SHELL.format(ARTICLE), "themes/procurement/index.html": "<p>theme</p>",
             "data/items.csv": "a,b\n", "data/index.html": "<p>data</p>", "assets/explore-text-0.js": "x=1",
             "pagefind/pagefind.js": "js", "assets/stylesheets/main.css": "body{}", "index.html": "<p>home</p>"}
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def test_every_file_counts_in_exactly_one_part(tmp_path: Path) -> None:
    site = _site(tmp_path)
    parts = site_parts(site)
    assert sum(parts.values()) == dir_bytes(site)
    assert parts["case-study pages"] == len(SHELL.format(ARTICLE))
    assert parts["open data"] == len("a,b\n")  # the Data page itself is one of the other pages
    assert parts["explorer data"] == 3 and parts["search index"] == 2
    assert parts["other pages"] == len("<p>home</p>") + len("<p>data</p>")


def test_a_case_study_page_splits_into_shell_markup_and_text(tmp_path: Path) -> None:
    weight = case_page_weight(_site(tmp_path))
    assert weight["text"] == len("Bay & Morecambe Six partners.")  # no tags, no JSON-LD
    assert weight["shell"] == len(SHELL.format(""))
    assert sum(weight.values()) == len(SHELL.format(ARTICLE))
