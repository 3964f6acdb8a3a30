"""Pagefind runs beside the build: a failed index fails the build, and a failed build stops Pagefind.

Where forking is safe, a forked child writes the records and becomes Pagefind; elsewhere (the rebuilds
of ``mkdocs serve``) this process writes them and starts Pagefind. Both ways are tried.
"""
from __future__ import annotations

import importlib.util
import os
import re
import signal
import sys
import threading
from pathlib import Path

import pytest

from generator.search import pagefind_run
from generator.pipeline import load_site
from generator.perf.forked import can_fork, fork_available
from generator.search.pagefind_run import IndexFailed, PagefindRun
from generator.search.records import search_records

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
def forking(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    if request.param == "this process":
        monkeypatch.setattr(pagefind_run, "can_fork", lambda: False)
    elif fork_available():  # as in `mkdocs build`, whatever threads the test session runs
        monkeypatch.setattr(pagefind_run, "can_fork", lambda: True)
    else:
        pytest.skip("needs fork and a second CPU")
    return request.param == "forked child"


@pytest.fixture(scope="module")
def records():  # type: ignore[no-untyped-def]
    return search_records(load_site(ROOT))


def kill(run) -> None:  # type: ignore[no-untyped-def]
    """As if Pagefind crashed or ran out of memory."""
    if run.process is not None:
        run.process.kill()
    else:
        os.kill(run.pid, signal.SIGKILL)


def test_the_index_moves_into_the_site_when_pagefind_is_done(forking, records, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run = PagefindRun(lambda: records, True)
    folder = Path(run.folder.name)
    seconds = run.finish(tmp_path)
    assert seconds > 0 and (tmp_path / "pagefind" / "pagefind-entry.json").stat().st_size > 0
    assert not folder.exists()  # the records and the log are gone


def test_an_index_pagefind_did_not_finish_fails_the_build(forking, records, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run = PagefindRun(lambda: records * 20, True)
    kill(run)
    with pytest.raises(IndexFailed):
        run.finish(tmp_path)
    assert not (tmp_path / "pagefind").exists() and not Path(run.folder.name).exists()


def test_records_that_cannot_be_made_fail_the_build_with_the_reason(forking, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    def broken() -> list:  # type: ignore[type-arg]
        raise ValueError("a record would not render")

    if forking:
        run = PagefindRun(broken, True)  # the child reports it through the log
        with pytest.raises(IndexFailed, match="a record would not render"):
            run.finish(tmp_path)
    else:
        with pytest.raises(ValueError, match="a record would not render"):
            PagefindRun(broken, True)


def test_a_failed_build_stops_pagefind(hook, forking, records) -> None:  # type: ignore[no-untyped-def]
    hook.running = run = PagefindRun(lambda: records * 20, True)
    pid = run.pid or run.process.pid
    hook.on_build_error(RuntimeError("a page failed to render"))
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # stopped and reaped, not left indexing for a build that is gone
    assert hook.running is None and not Path(run.folder.name).exists()


def test_the_build_reports_a_failed_index_as_its_own_error(hook, records, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from types import SimpleNamespace

    from mkdocs.exceptions import PluginError

    hook.running = run = PagefindRun(lambda: records * 20, True)
    kill(run)
    with pytest.raises(PluginError, match="^Pagefind could not index the site"):
        hook.on_post_build(SimpleNamespace(extra={}, site_dir=str(tmp_path), use_directory_urls=True))
    assert hook.running is None and not (tmp_path / "pagefind").exists()


PAGEFIND_UNSTABLE = re.compile(r"^(filter/en_[0-9a-f]+\.pf_filter|pagefind\.en_[0-9a-f]+\.pf_meta|pagefind-entry\.json)$")
"""As in test_deterministic_build: the files Pagefind writes differently from one run to the next."""


def index_files(site: Path) -> dict[str, bytes]:
    folder = site / "pagefind"
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not PAGEFIND_UNSTABLE.match(p.relative_to(folder).as_posix())}


@pytest.mark.skipif(not fork_available(), reason="needs fork and a second CPU")
def test_the_index_made_beside_the_build_is_the_plain_one(records, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """A forked child writing the records beside the build gives the index this process makes on its own."""
    monkeypatch.setattr(pagefind_run, "can_fork", lambda: True)
    PagefindRun(lambda: records, True).finish(tmp_path / "beside")
    monkeypatch.setattr(pagefind_run, "can_fork", lambda: False)
    PagefindRun(lambda: records, True).finish(tmp_path / "plain")
    beside, plain = index_files(tmp_path / "beside"), index_files(tmp_path / "plain")
    assert any(name.startswith("fragment/") for name in plain)
    assert beside == plain


@pytest.mark.skipif(not fork_available(), reason="needs fork and a second CPU")
def test_no_fork_while_other_threads_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(threading, "active_count", lambda: 1)  # as in `mkdocs build`
    assert can_fork()
    monkeypatch.setattr(threading, "active_count", lambda: 3)  # `mkdocs serve` rebuilds with its server threads
    assert not can_fork()
