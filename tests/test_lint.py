"""The code lints and type-checks clean, as configured in pyproject.toml.

ruff ([tool.ruff]): pyflakes (unused imports, undefined names), pycodestyle errors and warnings, lines of at
most 130 characters, everywhere. mypy ([tool.mypy]): generator/ and hooks/, every function annotated.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_ruff_finds_nothing() -> None:
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise", "."],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow  # several seconds without .mypy_cache/ (a fresh clone, CI); under one with it
def test_mypy_finds_nothing() -> None:
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
