"""Rendering a large project's pages in two groups, ``render.pages.BESIDE`` in a forked child (``perf.forked.map_beside``),
gives the pages rendering them all here gives, byte for byte and in the same order, and the same when the child fails.

Each check runs in a fresh interpreter, as tests/test_read_beside.py explains: the test session has threads, and a
fork is only made from a process with none."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.perf import forked
from tests.test_read_beside import ROOT, fresh

pytestmark = pytest.mark.skipif(not forked.fork_available(), reason="needs fork and a second CPU")

RENDER = """
import json, os, sys
from pathlib import Path
from generator.pipeline import load_site
from generator.render import pages

catalogue = load_site(Path(sys.argv[1]))
parent = os.getpid()
rendered_by = {}

def watched(function, fail_in_child):
    def render(catalogue, renderer):
        if fail_in_child and os.getpid() != parent:
            raise RuntimeError("the child cannot render")
        found = function(catalogue, renderer)
        rendered_by[function.__name__] = os.getpid()
        return found
    return render

def run(beside_from, fail_in_child=False):
    pages.RENDER_BESIDE_FROM = beside_from
    originals = list(pages.BESIDE)
    pages.BESIDE[:] = [watched(f, fail_in_child) for f in originals]
    try:
        rendered_by.clear()
        found = pages.render_pages(catalogue, site_url="https://example.org/")
        return list(found.items()), sorted(name for name, pid in rendered_by.items() if pid == parent)
    finally:
        pages.BESIDE[:] = originals

here, here_by_parent = run(10 ** 6)
beside, beside_by_parent = run(1)
failed, failed_by_parent = run(1, fail_in_child=True)
print(json.dumps({"here": here, "beside": beside, "failed": failed, "here_by_parent": here_by_parent,
                  "beside_by_parent": beside_by_parent, "failed_by_parent": failed_by_parent,
                  "beside_names": [f.__name__ for f in pages.BESIDE]}))
"""


def test_pages_rendered_beside_are_those_rendered_here(make_project: Callable[[Path | None], Path]) -> None:
    found = fresh(RENDER, str(make_project(ROOT / "casestudies")))
    child_bytes = sum(len(page) for uri, page in found["here"] if not uri.startswith(("casestudies/", "themes/")))
    assert child_bytes > 1 << 16, "the child's pages are more than a pipe's buffer (64 KiB on Linux) holds"
    assert found["beside"] == found["here"] and len(found["here"]) > 50
    assert found["here_by_parent"] == sorted(found["beside_names"]), "the plain render is all done here"
    assert found["beside_by_parent"] == [], "the child rendered the BESIDE group"
    assert found["failed"] == found["here"], "a child that fails leaves its pages to be rendered here"
    assert found["failed_by_parent"] == sorted(found["beside_names"])
