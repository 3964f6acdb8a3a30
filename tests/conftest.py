"""Shared fixtures: the project root, the validate CLI, and throwaway projects."""
from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING
from pathlib import Path

import pytest

if TYPE_CHECKING:
    from generator.model.entities import Catalogue

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def root() -> Path:
    """The real project root: it holds schemas/ and casestudies/."""
    return ROOT


@pytest.fixture(scope="session")
def cli() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run ``python -m generator validate ARGS`` from the project root, as a contributor would."""

    def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "generator", "validate", *map(str, args)]
        return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, encoding="utf-8")

    return run


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[[Path | None], Path]:
    """A throwaway project: a copy of the real schemas/ and CONTRIBUTING.md (the Contribute page renders it),
    and casestudies/ copied from ``source`` (or empty)."""

    def make(source: Path | None = None) -> Path:
        project = tmp_path / "project"
        shutil.copytree(ROOT / "schemas", project / "schemas")
        shutil.copy(ROOT / "CONTRIBUTING.md", project / "CONTRIBUTING.md")
        if source is None:
            (project / "casestudies").mkdir()
        else:
            shutil.copytree(source, project / "casestudies")
        return project

    return make


SYNTHESIS_FIXTURES = ROOT / "tests" / "fixtures" / "synthesis"


@pytest.fixture
def synthesis_project(make_project: Callable[[Path | None], Path]) -> Path:
    """The synthesis fixture records (tests/fixtures/synthesis/) in a throwaway project."""
    return make_project(SYNTHESIS_FIXTURES)


@pytest.fixture
def synthesis_catalogue(synthesis_project: Path) -> "Catalogue":
    """The model of the synthesis fixture records."""
    from generator.pipeline import load_site

    return load_site(synthesis_project)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true",
                     help="rewrite tests/golden/ from the generator's current output (then review the diff)")
