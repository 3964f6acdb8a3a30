"""Reading a large project's records in two halves, one in a forked child (``perf.forked.map_beside``), gives what
reading them all here gives: the same records in the same order, the same problems, and the same when the child fails.

Each check runs in a fresh interpreter: a fork is only made from a process with no other thread (``can_fork``), and
the test session has some (the browser tests' servers)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.perf import forked
from generator.perf.forked import map_beside

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(not forked.fork_available(), reason="needs fork and a second CPU")


def fresh(code: str, *args: str) -> Any:
    """What ``code`` prints as JSON, run in a new single-threaded interpreter with ``args`` as sys.argv[1:]."""
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


MAP = """
import json, os
from generator.perf.forked import map_beside
parent = os.getpid()

def square_here_only(n):  # fails in any process but this one: a child that cannot do its work
    if os.getpid() != parent:
        raise RuntimeError("not in the child")
    return n * n

beside = map_beside(lambda n: (n, os.getpid()), list(range(101)), at_least=1)
print(json.dumps({"values": [n for n, _ in beside], "by_child": sum(pid != parent for _, pid in beside),
                  "failed_child": map_beside(square_here_only, list(range(11)), at_least=1)}))
"""


def test_the_same_list_as_a_comprehension_and_a_failed_child_leaves_its_half_here() -> None:
    found = fresh(MAP)
    assert found["values"] == list(range(101)) and found["by_child"] == 50  # the first half, made by the child
    assert found["failed_child"] == [n * n for n in range(11)]


def test_nothing_is_forked_below_the_threshold_or_when_unsafe(monkeypatch: pytest.MonkeyPatch) -> None:
    assert {pid for pid in map_beside(lambda n: os.getpid(), list(range(10)), at_least=11)} == {os.getpid()}
    monkeypatch.setattr(forked, "can_fork", lambda: False)
    assert {pid for pid in map_beside(lambda n: os.getpid(), list(range(10)), at_least=1)} == {os.getpid()}


READ = """
import json, os, shutil, sys
from pathlib import Path
from generator.read import inputs
from generator.read.project import Project

def summary():
    shutil.rmtree(Path(sys.argv[1], ".cache"), ignore_errors=True)  # every record parsed, none from the parse cache
    read = inputs.read_inputs(Project(Path(sys.argv[1])))
    return [[[r.display, r.data, r.doc.text, r.doc.locate(("title",))] for r in read.records],
            [str(p) for p in read.problems]]

inputs.READ_BESIDE_FROM = 10 ** 6
here = summary()
inputs.READ_BESIDE_FROM = 2
pids = []
real_parse = inputs._parse_text
inputs._parse_text = lambda unparsed: (pids.append(os.getpid()), real_parse(unparsed))[1]
print(json.dumps({"here": here, "beside": summary(), "parsed_here": pids.count(os.getpid())}, default=str))
"""


def test_records_read_beside_are_those_read_here(make_project: Callable[[Path | None], Path]) -> None:
    """Every seed record, a record with an error in each half, an unreadable file and an empty one, many times over."""
    project = make_project(ROOT / "casestudies")
    records = project / "casestudies"
    for n, original in enumerate(sorted(records.glob("*.yaml")) * 3):
        shutil.copy(original, records / f"copy-{n:02d}-{original.name}")
    (records / "aa-broken.yaml").write_text("id: aa-broken\ntitle: [unclosed\n", encoding="utf-8")
    (records / "zz-broken.yaml").write_text("id: zz-broken\n\tsummary: tab\n", encoding="utf-8")
    (records / "mm-latin1.yaml").write_bytes("title: caf\xe9\n".encode("latin-1"))
    (records / "mm-empty.yaml").write_text("", encoding="utf-8")
    found = fresh(READ, str(project))
    assert found["beside"] == found["here"] and len(found["here"][1]) >= 3
    parsed = len(list(records.glob("*.yaml"))) - 1  # the Latin-1 file is refused before parsing
    assert found["parsed_here"] == parsed - parsed // 2, "this process parsed more than its half"


RAISES_HERE = """
import json, os
from generator.perf.forked import map_beside
parent = os.getpid()

def fails_here(n):  # this process's half raises; the child's half would succeed
    if os.getpid() == parent:
        raise ValueError("here")
    return n

try:
    map_beside(fails_here, list(range(200_000)), at_least=1)
except ValueError:
    pass
try:
    os.waitpid(-1, os.WNOHANG)
    left = True
except ChildProcessError:
    left = False
print(json.dumps({"child_left": left}))
"""


def test_an_error_in_this_half_still_waits_for_the_child() -> None:
    assert fresh(RAISES_HERE) == {"child_left": False}
