"""The golden snapshot of generated pages: every page the generator renders for the seed records and
the test fixtures, as files under ``tests/golden/<set>/``.

A refactor must change no byte of it (``test_golden.py``). When a change to the pages is meant,
refresh the snapshot with ``./run test tests/test_golden.py --update-goldens`` and review the diff.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from generator.views.links import Repository

ROOT = Path(__file__).resolve().parent.parent
GOLDEN_DIR = ROOT / "tests" / "golden"
SETS: dict[str, tuple[Path, str | None, bool]] = {
    # name: (records folder, site_url, directory_urls)
    "seeds": (ROOT / "casestudies", "https://example.org/knowledge-base/", True),
    "seeds-offline": (ROOT / "casestudies", None, False),
    "mini": (ROOT / "tests" / "fixtures" / "mini" / "casestudies", None, True),
    "synthesis": (ROOT / "tests" / "fixtures" / "synthesis", None, True),
    "hostile": (ROOT / "tests" / "cases" / "hostile", None, True),
    "valid": (ROOT / "tests" / "cases" / "valid", None, True),
}


def make_project(records: Path, into: Path) -> Path:
    """A throwaway project holding the real schemas and CONTRIBUTING.md and a copy of ``records``."""
    shutil.copytree(ROOT / "schemas", into / "schemas")
    shutil.copy(ROOT / "CONTRIBUTING.md", into / "CONTRIBUTING.md")
    (into / "casestudies").mkdir()
    for path in sorted(records.glob("*.y*ml")):
        shutil.copy(path, into / "casestudies" / path.name)
    return into


def repository() -> Repository | None:
    """The repository setting of this project's mkdocs.yml, as the MkDocs hook hands it to the generator."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    return Repository.of((config.get("extra") or {}).get("repository"))


def render_set(name: str, workdir: Path) -> dict[str, str]:
    """Every generated page of one golden set, keyed by docs-relative path."""
    from generator.pipeline import load_site
    from generator.render.pages import render_pages

    records, site_url, directory_urls = SETS[name]
    project = make_project(records, workdir / name)
    catalogue = load_site(project)
    return render_pages(catalogue, site_url=site_url, directory_urls=directory_urls, repository=repository())


def write_set(name: str, pages: dict[str, str]) -> None:
    folder = GOLDEN_DIR / name
    shutil.rmtree(folder, ignore_errors=True)
    for uri, text in pages.items():
        path = folder / uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")


def read_set(name: str) -> dict[str, str]:
    folder = GOLDEN_DIR / name
    return {path.relative_to(folder).as_posix(): path.read_bytes().decode("utf-8")
            for path in sorted(folder.rglob("*")) if path.is_file()}
