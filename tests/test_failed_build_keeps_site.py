"""A broken record fails the build with the validator's own lines, no traceback, and the last good site untouched.

For a few representative cases of tests/cases/invalid/ (``THROUGH_MKDOCS``: one per stage of the check), and the
two-files-one-id pair, a 20 MB file made here and several bad files at once, a copy of the project whose site/
holds the last good build gets the bad file in casestudies/ and runs ``mkdocs build``. The validator's lines for
every case are tested in process in test_records_corpus.py (and the same cases through the real CLI); this
module proves the same lines reach a contributor through MkDocs and that nothing published is lost.
The resource limits are also measured in-process: time and peak memory.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from generator.read.yaml_source import MAX_BYTES, MAX_DEPTH, read
from builds import built, copy_project, mkdocs_build, tree_hash

CASES = Path(__file__).resolve().parent / "cases"
INVALID = sorted((CASES / "invalid").glob("*.yaml"))
THROUGH_MKDOCS = ["non-utf8-latin1", "syntax-unclosed-quote", "bad-url-javascript", "item-id-repeated"]
"""Bytes, YAML syntax, the schema, and a rule across fields: each stage of the check once through a real build."""


@pytest.fixture(scope="session")
def good_project(tmp_path_factory: pytest.TempPathFactory, built_site: Path) -> Path:
    """The project with site/ from a good build (the session's); each test works on its own copy."""
    project = copy_project(tmp_path_factory.mktemp("good") / "project")
    shutil.copytree(built_site, project / "site")
    return project


@pytest.fixture
def project(good_project: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "project"
    shutil.copytree(good_project, copy, symlinks=True)
    return copy


def expected_lines(case: Path, display: str) -> list[str]:
    text = case.with_suffix(".expected").read_text(encoding="utf-8")
    return [line.replace("{file}", display) for line in text.splitlines() if line]


def assert_refused(project: Path, lines: list[str], before: str) -> str:
    """The build exits non-zero, logs each line as an ERROR, no traceback, and leaves site/ byte-for-byte as it was."""
    result = mkdocs_build(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    logged = [line.removeprefix("ERROR   -  ") for line in result.stderr.splitlines() if line.startswith("ERROR")]
    for line in lines:
        assert line in logged, f"not logged: {line}\n{result.stderr[-3000:]}"
    assert "the site was not built and the previous one is unchanged" in result.stderr
    assert tree_hash(project / "site") == before
    assert not (project / "site.staging").exists() and not list(project.glob("site.old*"))
    return result.stderr




def test_a_good_build_replaces_the_site_and_the_old_one_goes(project: Path) -> None:
    record = project / "casestudies" / "bay-anchor-network.yaml"  # a plain, unquoted title
    text = record.read_text(encoding="utf-8")
    assert "\ntitle: " in text
    record.write_text(text.replace("\ntitle: ", "\ntitle: Rebuilt ", 1), encoding="utf-8")
    built(project)
    page = project / "site" / "casestudies" / record.stem / "index.html"
    assert "<h1" in page.read_text(encoding="utf-8") and "Rebuilt " in page.read_text(encoding="utf-8")
    assert not (project / "site.staging").exists()
    deadline = time.monotonic() + 30  # the previous site is deleted after the build returns
    while list(project.glob("site.old*")) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not list(project.glob("site.old*"))


@pytest.mark.parametrize("name", THROUGH_MKDOCS)
def test_a_bad_record_fails_the_build_and_keeps_the_site(project: Path, name: str) -> None:
    case = CASES / "invalid" / f"{name}.yaml"
    before = tree_hash(project / "site")
    shutil.copy2(case, project / "casestudies" / case.name)
    lines = expected_lines(case, f"casestudies/{case.name}")
    assert_refused(project, lines, before)


@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.stem)
def test_every_problem_names_file_and_line_and_gives_a_hint(case: Path) -> None:
    """The field too, once the file parses as YAML; a hint in parentheses always."""
    for line in expected_lines(case, f"casestudies/{case.name}"):
        location, _, rest = line.partition(": ")
        assert re.fullmatch(rf"casestudies/{re.escape(case.name)}:\d+(:\d+)?", location), line
        assert rest.endswith(")") and " (" in rest, line


def test_two_files_with_one_id(project: Path) -> None:
    before = tree_hash(project / "site")
    for name in ("shared-id.yaml", "shared-id.yml"):
        shutil.copy2(CASES / "collection" / name, project / "casestudies" / name)
    assert_refused(project, ["casestudies/shared-id.yml:3:5: id: id 'shared-id' is also used by "
                             "casestudies/shared-id.yaml (each case study needs its own id)"], before)


def test_a_20_mb_record_fails_the_build_and_keeps_the_site(project: Path) -> None:
    before = tree_hash(project / "site")
    write_huge(project / "casestudies" / "huge.yaml")
    assert_refused(project, ["casestudies/huge.yaml: the file is 20.0 MB; the limit is 1 MB "
                             "(a case study should be a few kilobytes; split or shorten it)"], before)


def test_every_problem_is_reported_not_just_the_first(project: Path) -> None:
    """Several bad files at once: one build names them all."""
    before = tree_hash(project / "site")
    chosen = [CASES / "invalid" / f"{name}.yaml" for name in ("alias-bomb", "unknown-theme", "bad-url-javascript")]
    for case in chosen:
        shutil.copy2(case, project / "casestudies" / case.name)
    lines = [line for case in chosen for line in expected_lines(case, f"casestudies/{case.name}")]
    stderr = assert_refused(project, lines, before)
    assert f"{len(lines)} case-study problems in 3 files" in stderr


# --- resource limits: refused quickly, in bounded memory --------------------------------------------------------------


def write_huge(path: Path) -> None:
    with path.open("wb") as out:
        out.write(b"id: huge\ncontext: |\n")
        out.write((b"  " + b"x" * 97 + b"\n") * 200_000)


def measure(path: Path) -> tuple[list[str], float, int]:
    """The problems from reading ``path``, the seconds taken and the peak bytes allocated."""
    tracemalloc.start()
    started = time.perf_counter()
    _, problems = read(path, path.name)
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return [str(p) for p in problems], seconds, peak


def test_the_huge_file_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    write_huge(path)
    assert path.stat().st_size > 20 * MAX_BYTES
    problems, seconds, peak = measure(path)
    assert problems == ["huge.yaml: the file is 20.0 MB; the limit is 1 MB "
                        "(a case study should be a few kilobytes; split or shorten it)"]
    assert seconds < 0.5 and peak < 100_000


@pytest.mark.parametrize("name", ["alias-bomb", "deep-nesting-10000"])
def test_the_bomb_and_the_deep_nesting_are_refused_in_bounded_memory(name: str) -> None:
    problems, seconds, peak = measure(CASES / "invalid" / f"{name}.yaml")
    assert len(problems) == 1
    assert "anchor '&a' is not allowed" in problems[0] if name == "alias-bomb" else f"limit of {MAX_DEPTH} levels" in problems[0]
    assert seconds < 1.0 and peak < 5_000_000


def test_a_file_just_under_the_size_limit_is_read_in_bounded_time(tmp_path: Path) -> None:
    """The cap is what bounds memory: the largest file allowed is parsed in well under a few seconds."""
    path = tmp_path / "big.yaml"
    body = "id: big\ncontext: |\n" + ("  " + "x" * 97 + "\n") * ((MAX_BYTES - 100) // 100)
    path.write_text(body, encoding="utf-8")
    assert path.stat().st_size <= MAX_BYTES
    problems, seconds, peak = measure(path)
    assert seconds < 3.0 and peak < 40 * MAX_BYTES


def test_an_interrupted_build_publishes_nothing(project: Path) -> None:
    """Ctrl+C mid-build: MkDocs skips on_build_error for KeyboardInterrupt, so publishing must see the exception itself."""
    before = tree_hash(project / "site")
    (project / "hooks" / "interrupt.py").write_text(
        "def on_post_build(config):\n    raise KeyboardInterrupt\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("hooks:\n", "hooks:\n  - hooks/interrupt.py\n", 1),
                      encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert tree_hash(project / "site") == before
    assert not (project / "site.staging").exists()


def test_a_good_build_ends_with_its_log_complete(project: Path) -> None:
    """A successful `mkdocs build` ends as soon as the site is published (hooks/casestudies.py, ``_exit_now``):
    exit status 0, MkDocs' closing line written, and nothing of the build left behind."""
    result = mkdocs_build(project, "--strict")
    assert result.returncode == 0, result.stderr[-3000:]
    assert re.search(r"INFO\s+-\s+Documentation built in [\d.]+ seconds", result.stderr)
    assert (project / "site" / "index.html").is_file() and not (project / "site.staging").exists()


def test_no_other_hook_or_plugin_waits_for_shutdown() -> None:
    """hooks/casestudies.py ends a successful build in on_shutdown, so no other hook or plugin may need that event."""
    import yaml

    root = Path(__file__).resolve().parent.parent
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert config["plugins"] in ([], "[]", None, ""), "a plugin's on_shutdown would be skipped by the early exit"
    hooks = [root / hook for hook in config["hooks"]]
    assert hooks[0].name == "casestudies.py"
    assert [hook.name for hook in hooks if "def on_shutdown" in hook.read_text(encoding="utf-8")] == ["casestudies.py"]


def test_a_good_build_still_runs_what_was_registered_for_exit(project: Path) -> None:
    """The early end of a build runs atexit functions first, as a normal exit does (coverage tools rely on them)."""
    script = ("import atexit, sys\n"
              "atexit.register(lambda: print('exit functions ran', file=sys.stderr))\n"
              "from mkdocs.__main__ import cli\n"
              "cli(['build'], prog_name='mkdocs')\n")
    result = subprocess.run([sys.executable, "-c", script], cwd=project, capture_output=True, text=True, encoding="utf-8",
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stderr.rstrip().endswith("exit functions ran")
