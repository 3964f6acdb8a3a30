"""The benchmark's synthetic corpus stays valid and deterministic, so the benchmark cannot rot (not timed)."""
from __future__ import annotations

import shutil
from pathlib import Path

from benchmarks.corpus import write_corpus
from generator.read.project import Project
from generator.check.validate import validate


def _corpus(root: Path, project_root: Path, n: int = 20, seed: int = 7) -> Project:
    shutil.copytree(root / "schemas", project_root / "schemas")
    write_corpus(project_root / "casestudies", project_root / "schemas", n, seed=seed)
    return Project(project_root)


def test_synthetic_corpus_validates(root: Path, tmp_path: Path) -> None:
    project = _corpus(root, tmp_path / "a")
    records, vocabulary, problems = validate(project)
    assert [str(p) for p in problems] == []
    assert vocabulary is not None and len(records) == 20
    items = sum(len(r.data.get(k, [])) for r in records for k in ("lessons", "barriers", "recommendations"))
    assert 10 * len(records) <= items <= 30 * len(records)  # about 20 items per case study


def test_synthetic_corpus_is_deterministic(root: Path, tmp_path: Path) -> None:
    first, second = _corpus(root, tmp_path / "a"), _corpus(root, tmp_path / "b")
    names = sorted(p.name for p in first.record_files())
    assert names == sorted(p.name for p in second.record_files())
    assert all((first.casestudies_dir / n).read_bytes() == (second.casestudies_dir / n).read_bytes() for n in names)
    other = _corpus(root, tmp_path / "c", seed=8)
    assert sorted(p.name for p in other.record_files()) != names
