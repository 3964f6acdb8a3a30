"""Every command takes paths relative to where it is run, and says its counts in agreeing words.

A contributor working inside casestudies/ types ``../run validate leeds.yaml``: the file they mean is the one
beside them, though ``run`` works from the project root. These tests run ``run`` itself in a copy of the
project, from a subfolder, with a stand-in .venv whose python is the one running the tests (so nothing is
installed), and the generator's command line the same way for the commands ``run`` has no task for.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from builds import ROOT, copy_project
from generator.problems import described, position
from generator.words import count, ordinal

RECORD = "bay-anchor-network"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project with ``run`` and a .venv that is set up already (its stamps newer than pyproject.toml)."""
    project = copy_project(tmp_path_factory.mktemp("paths") / "project")
    for name in ("run", "pyproject.toml", "constraints.txt"):
        shutil.copy2(ROOT / name, project / name)
    venv = project / ".venv" / "bin"
    venv.mkdir(parents=True)
    (venv / "python").write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
    (venv / "python").chmod(0o755)
    for stamp in (".installed", ".installed-test"):
        (project / ".venv" / stamp).touch()
    return project


def run(project: Path, where: str, *args: str) -> subprocess.CompletedProcess[str]:
    """``run ARGS`` typed in ``project/where``, as a contributor would (``../run`` from one folder down)."""
    folder = project / where
    folder.mkdir(parents=True, exist_ok=True)
    script = os.path.relpath(project / "run", folder)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    return subprocess.run(["/bin/bash", script, *args], cwd=folder, capture_output=True, text=True, encoding="utf-8",
                          env=env, timeout=120)


def generator(project: Path, where: str, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m generator ARGS`` typed in ``project/where``."""
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=project / where, capture_output=True, text=True,
                          encoding="utf-8", timeout=120)


def test_validate_takes_a_file_named_from_the_records_folder(project: Path) -> None:
    result = run(project, "casestudies", "validate", f"{RECORD}.yaml")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: 1 file, 1 case study, "), result.stdout


def test_validate_reports_a_bad_file_named_from_a_subfolder(project: Path) -> None:
    drafts = project / "drafts"
    drafts.mkdir(exist_ok=True)
    shutil.copy2(ROOT / "tests" / "cases" / "invalid" / "unknown-theme.yaml", drafts / "unknown-theme.yaml")
    result = run(project, "drafts", "validate", "unknown-theme.yaml")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("drafts/unknown-theme.yaml:"), lines
    assert "the first lesson's first theme: unknown theme" in lines[0], lines
    assert lines[-1] == "1 case-study problem in 1 file"


def test_a_missing_file_is_named_as_typed(project: Path) -> None:
    result = run(project, "casestudies", "validate", "no-such-record.yaml")
    assert result.returncode == 2
    assert result.stderr.strip() == "no-such-record.yaml: no such file"


def test_new_writes_into_the_records_folder_from_anywhere(project: Path) -> None:
    result = run(project, "casestudies", "new", "Paths Test Network")
    assert result.returncode == 0, result.stderr
    assert (project / "casestudies" / "paths-test-network.yaml").is_file()
    assert not (project / "casestudies" / "casestudies").exists()
    (project / "casestudies" / "paths-test-network.yaml").unlink()


def test_migrate_takes_a_file_named_from_its_folder(project: Path) -> None:
    old = next((ROOT / "tests" / "fixtures" / "v1" / "corpus").glob("*.yaml"))
    drafts = project / "drafts-v1"
    drafts.mkdir()
    shutil.copy2(old, drafts / old.name)
    result = run(project, "drafts-v1", "migrate", old.name)
    assert f"drafts-v1/{old.name}: migrated to schema version 2." in result.stdout, result.stdout + result.stderr
    assert "schema_version: 2" in (drafts / old.name).read_text(encoding="utf-8")


def test_from_issue_reads_the_form_and_writes_where_told_relative_to_here(project: Path) -> None:
    folder = project / "inbox"
    folder.mkdir()
    shutil.copy2(ROOT / "tests" / "data" / "issue-form-body.md", folder / "issue.md")
    result = generator(project, "inbox", "from-issue", "issue.md", "--output", "out")
    written = list((folder / "out").glob("*.yaml"))
    assert len(written) == 1, result.stdout + result.stderr
    assert result.stdout.startswith(f"Wrote inbox/out/{written[0].name}.")


def test_pytest_paths_from_a_subfolder_reach_the_tests(project: Path) -> None:
    """``run test`` runs pytest from the root: a test file named from casestudies/ is made absolute on the way."""
    (project / "tests").mkdir(exist_ok=True)
    (project / "tests" / "test_one.py").write_text("def test_one() -> None:\n    assert True\n", encoding="utf-8")
    result = run(project, "casestudies", "test", "--collect-only", "-q", "-p", "no:cacheprovider",
                 "../tests/test_one.py::test_one")
    assert "test_one.py::test_one" in result.stdout, result.stdout + result.stderr


# --- words: counts and positions -----------------------------------------------------------------------------------


def test_counts_agree_in_number() -> None:
    assert [count(n, "file") for n in (0, 1, 2)] == ["0 files", "1 file", "2 files"]
    assert count(1, "case study", "case studies") == "1 case study" and count("1,000", "item") == "1,000 items"


def test_ordinals_are_words_up_to_twenty_then_figures() -> None:
    assert [ordinal(n) for n in (1, 2, 3, 4, 12, 20)] == ["first", "second", "third", "fourth", "twelfth", "twentieth"]
    assert [ordinal(n) for n in (21, 22, 23, 24, 111, 112, 113, 1001)] == \
        ["21st", "22nd", "23rd", "24th", "111th", "112th", "113th", "1,001st"]


@pytest.mark.parametrize("field, expected", [
    ("members[2]", "members[2], the third member"),
    ("lessons[0].themes[1]", "lessons[0].themes[1], the first lesson's second theme"),
    ("lessons[3].id", "lessons[3].id, in the fourth lesson"),
    ("workstreams[1].activities[0]", "workstreams[1].activities[0], the second workstream's first activity"),
    ("network.former_names[0]", "network.former_names[0], the first former name"),
    ("recommendations[0].addresses[1]", "recommendations[0].addresses[1], the first recommendation's second barrier addressed"),
    ("sources[20].url", "sources[20].url, in the 21st source"),
    ("title", "title"),
    ("place.nation", "place.nation"),
])
def test_error_paths_keep_their_json_form_and_add_the_position(field: str, expected: str) -> None:
    assert described(field) == expected
    assert position(field) == expected.partition(", ")[2]
