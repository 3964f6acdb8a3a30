"""The engine off-ramp: the site builds unchanged with ProperDocs, the maintained fork of MkDocs 1.6.

Material for MkDocs is in maintenance mode and MkDocs 2 will not run it (README, "Maintenance notes").
ProperDocs is pinned in the test extra and installs beside MkDocs in the same venv: its module is
``properdocs``, its command ``properdocs``, and while it runs it answers every ``mkdocs.*`` import (the
hooks' and Material's) with its own modules, so the two never mix. This module builds the seed site with
``properdocs build --strict`` and holds it to the MkDocs build byte for byte, apart from:

- the ``<meta name="generator">`` tag on every page, which names the engine (``mkdocs-ProperDocs 1.6.7``);
- Pagefind's filter and metadata indexes and the entry file naming them, which no two builds share
  (see test_deterministic_build.py): held to the same count per kind.

It also checks that the ProperDocs build read no file of the installed mkdocs package (so it really is
ProperDocs that built the site) and that a bad record still stops a ProperDocs build with the validator's lines.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from builds import ROOT
from builds import copy_project

pytestmark = pytest.mark.slow

# `properdocs ARGS`, with an audit hook that counts the files the process opens and names any inside the
# mkdocs package. The package is located before ProperDocs aliases the name `mkdocs` to itself.
PROPERDOCS = """\
import atexit, importlib.util, os, sys
spec = importlib.util.find_spec("mkdocs")
package = os.path.join(spec.submodule_search_locations[0], "") if spec else None
opened, from_mkdocs = [0], set()
def audit(event, args):
    if event == "open" and isinstance(args[0], (str, os.PathLike)):
        opened[0] += 1
        path = os.fspath(args[0])
        if package and isinstance(path, str) and path.startswith(package):
            from_mkdocs.add(path)
sys.addaudithook(audit)
atexit.register(lambda: print(f"files opened: {opened[0]}; from the mkdocs package: {sorted(from_mkdocs)}", file=sys.stderr))
from properdocs.__main__ import cli
cli(prog_name="properdocs")
"""
OPENED = re.compile(r"^files opened: (\d+); from the mkdocs package: (.*)$", re.M)
GENERATOR = re.compile(rb'<meta name="generator" content="([^"]*)">')
INVALID = ROOT / "tests" / "cases" / "invalid" / "addresses-unknown-barrier.yaml"


def properdocs(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``properdocs build --strict -f mkdocs.yml ARGS`` in ``project`` (``-f``: ProperDocs looks for properdocs.yml first)."""
    command = [sys.executable, "-c", PROPERDOCS, "build", "--strict", "-f", str(project / "mkdocs.yml"), *args]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(command, cwd=project, capture_output=True, text=True, encoding="utf-8", env=env)


@pytest.fixture(scope="module")
def properdocs_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The seed site built by ProperDocs, and the build's log."""
    site = tmp_path_factory.mktemp("properdocs") / "site"
    result = properdocs(ROOT, "-d", str(site))
    if result.returncode != 0 or "Traceback" in result.stderr:
        pytest.fail(f"properdocs build failed:\n{result.stderr[-4000:]}", pytrace=False)
    return site, result.stderr


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_properdocs_not_mkdocs_built_it(properdocs_build: tuple[Path, str]) -> None:
    site, log = properdocs_build
    opened = OPENED.search(log)
    assert opened, log[-2000:]
    assert int(opened.group(1)) > 100, "the audit hook saw no files: the check below would prove nothing"
    assert opened.group(2) == "[]", f"the ProperDocs build read files of the mkdocs package: {opened.group(2)}"
    expected = f"mkdocs-ProperDocs {version('properdocs')}, mkdocs-material-{version('mkdocs-material')}".encode()
    assert GENERATOR.search((site / "index.html").read_bytes()).group(1) == expected


def test_properdocs_builds_the_same_site_as_mkdocs(properdocs_build: tuple[Path, str], built_site: Path) -> None:  # noqa: F811
    mine, theirs = files(properdocs_build[0]), files(built_site)
    stable = sorted(theirs)  # every file, Pagefind's included: builds are byte-identical (test_deterministic_build)
    assert stable == sorted(mine)
    assert sum(name.endswith(".html") for name in stable) > 30

    def same(name: str) -> bool:
        if not name.endswith(".html"):
            return mine[name] == theirs[name]
        return GENERATOR.sub(b"", mine[name]) == GENERATOR.sub(b"", theirs[name])

    assert [name for name in stable if not same(name)] == []
    # The one known difference is really there: every page names its engine.
    assert all(len(GENERATOR.findall(mine[name])) == 1 for name in stable if name.endswith(".html"))


def test_a_bad_record_stops_a_properdocs_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", [INVALID])
    result = properdocs(project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    logged = [line.removeprefix("ERROR   -  ") for line in result.stderr.splitlines() if line.startswith("ERROR")]
    display = f"casestudies/{INVALID.name}"
    for line in filter(None, INVALID.with_suffix(".expected").read_text(encoding="utf-8").splitlines()):
        assert line.replace("{file}", display) in logged, result.stderr[-3000:]
    assert "the site was not built and the previous one is unchanged" in result.stderr
    assert not (project / "site").exists()
