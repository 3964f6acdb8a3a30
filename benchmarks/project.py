"""A throwaway project holding a synthetic corpus, with the two MkDocs configs the benchmark builds.

``mkdocs.bench.yml`` is the project's own config with the timing hooks around the project's
hooks. ``mkdocs.baseline.yml`` builds exactly the Markdown our hooks generate, written to
``baseline-docs/``, with the same theme and settings and no hooks at all.
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .corpus import write_corpus

COPIED = ("mkdocs.yml", "docs", "overrides", "hooks", "schemas")
HOOKS_DIR = Path(__file__).resolve().parent / "hooks"


@dataclass(frozen=True)
class BenchProject:
    """The folders and configs of one benchmark project."""

    root: Path

    @property
    def config(self) -> Path:
        return self.root / "mkdocs.bench.yml"

    @property
    def baseline_config(self) -> Path:
        return self.root / "mkdocs.baseline.yml"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def baseline_docs(self) -> Path:
        return self.root / "baseline-docs"

    @property
    def baseline_site(self) -> Path:
        return self.root / "baseline-site"


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml even when it holds ``!!python/name:`` or ``!ENV`` tags (their values are not needed)."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def config_list(config: Path, key: str) -> list[str]:
    data: dict[str, Any] = yaml.load(config.read_text(encoding="utf-8"), Loader=_AnyTagLoader) or {}
    return list(data.get(key) or [])


def make_project(source: Path, dest: Path, n: int) -> BenchProject:
    """Copy the project's site files into ``dest`` and write ``n`` synthetic case studies."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for name in [*COPIED, *(p.name for p in source.glob("*.md"))]:  # README/CONTRIBUTING feed generated pages
        if (source / name).is_dir():
            shutil.copytree(source / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif (source / name).is_file():
            shutil.copy2(source / name, dest / name)
    write_corpus(dest / "casestudies", dest / "schemas", n)
    project = BenchProject(dest)
    hooks = [str(HOOKS_DIR / "first.py"), *config_list(dest / "mkdocs.yml", "hooks"), str(HOOKS_DIR / "last.py")]
    # watched folders that were not copied (generator/) are watched where they are
    watch = [w if (dest / w).exists() else str(source / w) for w in config_list(dest / "mkdocs.yml", "watch")]
    project.config.write_text(yaml.safe_dump({"INHERIT": "mkdocs.yml", "site_dir": "site", "hooks": hooks, "watch": watch}),
                              encoding="utf-8")
    project.baseline_config.write_text(yaml.safe_dump({
        "INHERIT": "mkdocs.yml", "docs_dir": "baseline-docs", "site_dir": "baseline-site", "hooks": [], "watch": [],
    }), encoding="utf-8")
    return project


def start_baseline_docs(project: BenchProject) -> Path:
    """A fresh ``baseline-docs/`` holding the hand-written docs; the timing hook adds the generated pages."""
    shutil.rmtree(project.baseline_docs, ignore_errors=True)
    shutil.copytree(project.root / "docs", project.baseline_docs)
    return project.baseline_docs
