"""Work beside: ``perf.forked.Beside`` gives what the work gives, forked or not, and the repeated-statement rule
finds the same problems in a forked child as in this process."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml

from benchmarks.corpus import write_corpus
from generator.check import validate
from generator.perf import forked
from generator.perf.forked import Beside, fork_available
from generator.read.inputs import read_inputs
from generator.read.project import Project

ROOT = Path(__file__).resolve().parent.parent
needs_fork = pytest.mark.skipif(not fork_available(), reason="needs fork and a second CPU")


@pytest.fixture(params=["forked child", "this process"])
def forking(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    if request.param == "forked child" and not fork_available():
        pytest.skip("needs fork and a second CPU")
    monkeypatch.setattr(forked, "can_fork", lambda: request.param == "forked child")  # whatever threads pytest runs
    return request.param == "forked child"


def test_the_result_is_the_work_s_result(forking: bool) -> None:
    parent = os.getpid()
    beside = Beside(lambda: (os.getpid() != parent, [1, "two", {"three": 3}]))
    ran_elsewhere, value = beside.result()
    assert ran_elsewhere is forking
    assert value == [1, "two", {"three": 3}]


def test_an_exception_in_the_work_is_raised_here(forking: bool) -> None:
    def work() -> None:
        raise ValueError("no such case study")
    with pytest.raises(ValueError, match="no such case study"):
        Beside(work).result()


@needs_fork
def test_a_child_that_dies_leaves_the_work_to_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked, "can_fork", lambda: True)
    parent = os.getpid()

    def work() -> str:
        if os.getpid() != parent:
            os._exit(9)  # killed before it could answer
        return "done here"
    assert Beside(work).result() == "done here"


@pytest.fixture(scope="module")
def crowded(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """Enough synthetic records for the rule to run beside, two of them repeating a statement of a third."""
    root = tmp_path_factory.mktemp("crowded")
    for name in ("schemas",):
        shutil.copytree(ROOT / name, root / name)
    paths = write_corpus(root / "casestudies", root / "schemas", validate.REPEATS_BESIDE_FROM + 10)
    source = yaml.safe_load(paths[0].read_text(encoding="utf-8"))
    for path in paths[1:3]:
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        record["lessons"][0].update(title=source["lessons"][0]["title"], detail=source["lessons"][0]["detail"])
        path.write_text(yaml.safe_dump(record, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return Project(root)


@pytest.mark.slow  # reads and checks two hundred records
def test_repeated_statements_are_found_alike_beside_and_here(crowded: Project, forking: bool) -> None:
    _, _, problems = validate.check(read_inputs(crowded))
    repeats = [str(p) for p in problems if "nearly repeats" in p.message]
    assert len(repeats) == 3, repeats  # each of the three names another: the same however the rule ran
    assert problems == sorted(problems)
