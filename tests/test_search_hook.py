"""Pagefind runs alongside the build: a failed index fails the build, and a failed build stops Pagefind."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from generator.build import load_site
from generator.search_index import search_records

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def search_hook():  # type: ignore[no-untyped-def]
    """hooks/search.py, loaded from its path as MkDocs loads a hook."""
    spec = importlib.util.spec_from_file_location("aln_search_hook_under_test", ROOT / "hooks" / "search.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def records():  # type: ignore[no-untyped-def]
    return search_records(load_site(ROOT))


def test_the_index_moves_into_the_site_when_pagefind_is_done(search_hook, records, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run = search_hook._Pagefind(records, True)
    folder = Path(run.folder.name)
    seconds = run.finish(tmp_path)
    assert seconds > 0 and (tmp_path / "pagefind" / "pagefind-entry.json").stat().st_size > 0
    assert not folder.exists()  # the records and the log are gone


def test_an_index_pagefind_did_not_finish_fails_the_build(search_hook, records, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run = search_hook._Pagefind(records, True)
    run.process.kill()  # as if it crashed or ran out of memory
    with pytest.raises(PluginError, match="Pagefind could not index the site"):
        run.finish(tmp_path)
    assert not (tmp_path / "pagefind").exists() and not Path(run.folder.name).exists()


def test_a_failed_build_stops_pagefind(search_hook, records) -> None:  # type: ignore[no-untyped-def]
    search_hook.running = run = search_hook._Pagefind(records * 20, True)
    search_hook.on_build_error(RuntimeError("a page failed to render"))
    assert run.process.poll() is not None  # stopped, not left indexing for a build that is gone
    assert search_hook.running is None and not Path(run.folder.name).exists()
