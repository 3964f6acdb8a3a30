"""At 1,000 synthetic case studies shaped like the real ones (benchmarks/corpus.py), no synthesis page passes 1 MB,
nor what the Compare page loads for the most it can show (four case studies, each from its own data script)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from benchmarks.corpus import write_corpus
from generator.pipeline import load_site
from generator.render.pages import render_pages
from generator.views.compare import DATA_URI

pytestmark = pytest.mark.slow
MB = 1_000_000


def test_synthesis_pages_and_compare_data_stay_small_at_1000_case_studies(root: Path, tmp_path: Path) -> None:
    shutil.copytree(root / "schemas", tmp_path / "schemas")
    shutil.copy(root / "CONTRIBUTING.md", tmp_path / "CONTRIBUTING.md")
    write_corpus(tmp_path / "casestudies", tmp_path / "schemas", 1000)
    catalogue = load_site(tmp_path)
    pages = render_pages(catalogue)
    sizes = {uri: len(text.encode()) for uri, text in pages.items()
             if uri.startswith(("synthesis/", "assets/compare/"))}
    heaviest = sorted(sizes.items(), key=lambda kv: -kv[1])[:5]
    print("heaviest synthesis pages and compare scripts at 1,000:", heaviest)
    assert max(sizes.values()) < MB, heaviest
    for uri in ("synthesis/pitfalls.md", "synthesis/compare.md", "synthesis/where.md"):
        assert sizes[uri] < MB / 2, (uri, sizes[uri])
    # the most a comparison loads: the page and four data scripts, each case study in a different one
    scripts = sorted((s for u, s in sizes.items() if u.startswith("assets/compare/")), reverse=True)[:4]
    assert sizes["synthesis/compare.md"] + sum(scripts) < MB, (sizes["synthesis/compare.md"], scripts)
    assert DATA_URI.format(0) in pages
