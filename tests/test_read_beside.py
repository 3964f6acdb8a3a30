"""Reading a large project's records in two halves, one in a forked child (``perf.forked.map_beside``), gives what
reading them all here gives: the same records in the same order, the same problems, and the same when the child fails."""
from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.perf import forked
from generator.perf.forked import map_beside
from generator.read import inputs
from generator.read.inputs import read_inputs
from generator.read.project import Project

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(not forked.fork_available(), reason="needs fork and a second CPU")


def square_here_only(parent: int) -> Callable[[int], int]:
    """A function that fails in any process but ``parent``: a child that cannot do its work."""
    def square(n: int) -> int:
        if os.getpid() != parent:
            raise RuntimeError("not in the child")
        return n * n
    return square


def test_the_same_list_as_a_comprehension() -> None:
    items = list(range(101))
    assert map_beside(lambda n: (n, os.getpid()), items, at_least=1)[0][1] != os.getpid()  # a child did the first half
    assert [n for n, _ in map_beside(lambda n: (n, os.getpid()), items, at_least=1)] == items


def test_a_failed_child_leaves_its_half_to_this_process() -> None:
    assert map_beside(square_here_only(os.getpid()), list(range(11)), at_least=1) == [n * n for n in range(11)]


def test_nothing_is_forked_below_the_threshold_or_when_unsafe(monkeypatch: pytest.MonkeyPatch) -> None:
    assert {pid for pid in map_beside(lambda n: os.getpid(), list(range(10)), at_least=11)} == {os.getpid()}
    monkeypatch.setattr(forked, "can_fork", lambda: False)
    assert {pid for pid in map_beside(lambda n: os.getpid(), list(range(10)), at_least=1)} == {os.getpid()}


def summary(project: Path) -> tuple[object, ...]:
    read = read_inputs(Project(project))
    return (tuple((r.display, r.data, r.doc.text) for r in read.records), read.problems,
            [r.doc.locate(("title",)) for r in read.records])


def test_records_read_beside_are_those_read_here(make_project: Callable[[Path | None], Path],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Every seed record, a record with an error in each half, an unreadable file and an empty one, many times over."""
    project = make_project(ROOT / "casestudies")
    records = project / "casestudies"
    for n, original in enumerate(sorted(records.glob("*.yaml")) * 3):
        shutil.copy(original, records / f"copy-{n:02d}-{original.name}")
    (records / "aa-broken.yaml").write_text("id: aa-broken\ntitle: [unclosed\n", encoding="utf-8")
    (records / "zz-broken.yaml").write_text("id: zz-broken\n\tsummary: tab\n", encoding="utf-8")
    (records / "mm-latin1.yaml").write_bytes("title: caf\xe9\n".encode("latin-1"))
    (records / "mm-empty.yaml").write_text("", encoding="utf-8")
    monkeypatch.setattr(inputs, "READ_BESIDE_FROM", 10 ** 6)
    here = summary(project)
    monkeypatch.setattr(inputs, "READ_BESIDE_FROM", 2)
    pids: list[int] = []
    real_read = inputs._read
    monkeypatch.setattr(inputs, "_read", lambda p, path: (pids.append(os.getpid()), real_read(p, path))[1])
    beside = summary(project)
    assert beside == here and len(here[1]) >= 3
    files = len(list(records.glob("*.yaml")))
    assert len(pids) == 1 + files - files // 2, "this process read more than the themes and its half: the child read none"
