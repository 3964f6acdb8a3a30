"""Pagefind runs alongside the build: a failed index fails the build, and a failed build stops Pagefind.

Where forking is safe, a forked child writes the records and becomes Pagefind; elsewhere (the rebuilds
of ``mkdocs serve``) this process writes them and starts Pagefind. Both ways are tried.
"""
from __future__ import annotations

import importlib.util
import os
import signal
import sys
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from generator.build import load_site
from generator.search_index import search_records

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def hook():  # type: ignore[no-untyped-def]
    """hooks/search.py, loaded from its path as MkDocs loads a hook."""
    spec = importlib.util.spec_from_file_location("aln_search_hook_under_test", ROOT / "hooks" / "search.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(params=["forked child", "this process"])
def search_hook(request: pytest.FixtureRequest, hook, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    if request.param == "this process":
        monkeypatch.setattr(hook, "can_fork", lambda: False)
    elif not hook.can_fork():
        pytest.skip("needs fork and a second CPU")
    return hook


@pytest.fixture(scope="module")
def records():  # type: ignore[no-untyped-def]
    return search_records(load_site(ROOT))


def kill(run) -> None:  # type: ignore[no-untyped-def]
    """As if Pagefind crashed or ran out of memory."""
    if run.process is not None:
        run.process.kill()
    else:
        os.kill(run.pid, signal.SIGKILL)


def test_the_index_moves_into_the_site_when_pagefind_is_done(search_hook, records, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run = search_hook._Pagefind(lambda: records, True)
    folder = Path(run.folder.name)
    seconds = run.finish(tmp_path)
    assert seconds > 0 and (tmp_path / "pagefind" / "pagefind-entry.json").stat().st_size > 0
    assert not folder.exists()  # the records and the log are gone


def test_an_index_pagefind_did_not_finish_fails_the_build(search_hook, records, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run = search_hook._Pagefind(lambda: records * 20, True)
    kill(run)
    with pytest.raises(PluginError, match="Pagefind could not index the site"):
        run.finish(tmp_path)
    assert not (tmp_path / "pagefind").exists() and not Path(run.folder.name).exists()


def test_records_that_cannot_be_made_fail_the_build_with_the_reason(search_hook, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    def broken() -> list:  # type: ignore[type-arg]
        raise ValueError("a record would not render")

    if search_hook.can_fork():
        run = search_hook._Pagefind(broken, True)  # the child reports it through the log
        with pytest.raises(PluginError, match="a record would not render"):
            run.finish(tmp_path)
    else:
        with pytest.raises(ValueError, match="a record would not render"):
            search_hook._Pagefind(broken, True)


def test_a_failed_build_stops_pagefind(search_hook, records) -> None:  # type: ignore[no-untyped-def]
    search_hook.running = run = search_hook._Pagefind(lambda: records * 20, True)
    pid = run.pid or run.process.pid
    search_hook.on_build_error(RuntimeError("a page failed to render"))
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # stopped and reaped, not left indexing for a build that is gone
    assert search_hook.running is None and not Path(run.folder.name).exists()
