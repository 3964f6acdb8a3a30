"""At scale a build renders on two cores: the pages are exactly those of a one-core render, and a fork that
fails or dies changes nothing but the time taken."""
from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

from benchmarks.corpus import write_corpus
from generator.render import pages as render
from generator.model.catalogue import build_catalogue
from generator.read.inputs import read_inputs
from generator.perf.forked import Beside, can_fork, fork_available
from generator.read.project import Project
from generator.check.validate import validate

pytestmark = pytest.mark.skipif(not fork_available(), reason="needs fork and a second CPU")


@pytest.fixture(autouse=True)
def as_a_build(monkeypatch: pytest.MonkeyPatch) -> None:
    """One thread, as in ``mkdocs build``: the test session's own threads (a local web server, the browser
    driver) would otherwise keep the render on one core."""
    monkeypatch.setattr(threading, "active_count", lambda: 1)


@pytest.fixture(scope="module")
def corpus_catalogue(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    root = Path(__file__).resolve().parent.parent
    project_root = tmp_path_factory.mktemp("forked")
    shutil.copytree(root / "schemas", project_root / "schemas")
    for page in ("CONTRIBUTING.md", "README.md"):  # the contribute pages are made from them
        shutil.copy(root / page, project_root / page)
    write_corpus(project_root / "casestudies", project_root / "schemas", 12)
    project = Project(project_root)
    records, vocabulary, problems = validate(project)
    assert not problems and vocabulary is not None
    return project_root, build_catalogue(read_inputs(project), records, vocabulary)


def _render(corpus_catalogue, monkeypatch: pytest.MonkeyPatch, fork_from: int) -> dict[str, str]:  # type: ignore[no-untyped-def]
    root, catalogue = corpus_catalogue
    monkeypatch.setattr(render, "FORK_MIN_CASE_STUDIES", fork_from)
    return render.render_pages(catalogue, site_url="https://example.org/kb/")


def test_two_core_render_gives_the_same_pages(corpus_catalogue, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    started = []
    real_init = Beside.__init__
    monkeypatch.setattr(Beside, "__init__", lambda self, work: (started.append(1), real_init(self, work))[1])
    forked = _render(corpus_catalogue, monkeypatch, fork_from=1)
    assert started, "the render did not fork"
    one_core = _render(corpus_catalogue, monkeypatch, fork_from=10**9)
    assert len(started) == 1
    assert list(forked) == list(one_core)  # same pages, same order
    assert forked == one_core
    # the forked share is really there: theme pages, the explorer and the open data
    assert {"themes/procurement-social-value.md", "explore.md", "data/casestudies.json"} <= set(forked)


def test_an_error_in_the_forked_work_is_raised_here() -> None:
    def work() -> str:
        raise ValueError("theme 'x' has no title")

    with pytest.raises(ValueError, match="theme 'x' has no title"):
        Beside(work).result()


def test_an_error_that_cannot_be_sent_back_keeps_its_message() -> None:
    class Unpicklable(Exception):
        def __reduce__(self):  # type: ignore[no-untyped-def]
            raise TypeError("no pickling")

    def work() -> str:
        raise Unpicklable("a record broke the render")

    with pytest.raises(Exception, match="a record broke the render"):
        Beside(work).result()


def test_a_child_that_dies_means_the_work_runs_here() -> None:
    parent = os.getpid()

    def work() -> str:
        if os.getpid() != parent:
            os._exit(9)  # killed mid-render, as the out-of-memory killer would
        return "rendered here"

    assert Beside(work).result() == "rendered here"


def test_no_fork_while_other_threads_run(monkeypatch: pytest.MonkeyPatch) -> None:
    assert can_fork()
    monkeypatch.setattr(threading, "active_count", lambda: 3)  # `mkdocs serve` rebuilds with its server threads
    assert not can_fork()


def test_a_fork_that_cannot_start_means_the_work_runs_here(monkeypatch: pytest.MonkeyPatch) -> None:
    from multiprocessing.context import ForkProcess

    def refuse(self) -> None:  # type: ignore[no-untyped-def]
        raise OSError(11, "Resource temporarily unavailable")  # EAGAIN: the process limit is reached

    monkeypatch.setattr(ForkProcess, "start", refuse)
    assert Beside(lambda: os.getpid()).result() == os.getpid()
