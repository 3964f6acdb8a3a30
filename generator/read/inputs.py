"""Everything a build reads from disk, read once: the schemas, the theme vocabulary, the records and the
contributor guide. Later stages are handed these values and open no file themselves."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..perf.forked import map_beside
from ..perf.parse_cache import MISSING, ParseCache
from ..problems import JsonPath, Problem, field_name
from .project import Project
from .yaml_source import Document, parse_once, read, read_text

GUIDE = "CONTRIBUTING.md"
READ_BESIDE_FROM = 100
"""From this many records to parse, half are parsed in a forked child on the second core (``perf.forked.map_beside``);
fewer take well under a tenth of a second, less than the child would save (benchmarks/README.md)."""


@dataclass(frozen=True)
class Record:
    """One parsed YAML file (a case study, or the theme vocabulary)."""

    path: Path
    display: str
    """The path as a contributor would type it."""
    doc: Document

    @property
    def data(self) -> Any:
        return self.doc.data

    def problem(self, at: JsonPath, message: str, hint: str = "") -> Problem:
        line, col = self.doc.locate(at)
        return Problem(self.display, line, col, field_name(at), message, hint)


@dataclass(frozen=True)
class Inputs:
    """The files of one project as read, with the problems of any that could not be read."""

    project: Project
    schema_text: str
    """``schemas/casestudy.schema.json`` as written: the open data publishes it unchanged."""
    schema: dict[str, Any]
    themes_schema: dict[str, Any]
    themes: Record | None
    """``schemas/themes.yaml``, or None when it cannot be read (its problems are in ``problems``)."""
    records: tuple[Record, ...]
    """Every case-study file that could be parsed, in a stable order."""
    guide: str
    """CONTRIBUTING.md, reviewed project text the Contribute page shows as written ("" when absent)."""
    problems: tuple[Problem, ...]


def read_schema(project: Project) -> tuple[str, dict[str, Any]]:
    text = project.schema_path.read_text(encoding="utf-8")
    return text, json.loads(text)


def read_inputs(project: Project, files: list[Path] | None = None) -> Inputs:
    """Read the project's files once; ``files`` limits the case studies read (default: all of them).

    A record whose text an earlier build parsed is taken from the project's parse cache (``perf.parse_cache``)."""
    schema_text, schema = read_schema(project)
    themes_schema = json.loads((project.schemas_dir / "themes.schema.json").read_text(encoding="utf-8"))
    problems: list[Problem] = []
    themes = _parse(project, project.themes_path, problems)
    paths = files if files is not None else project.record_files()
    records = [_record(*read, problems) for read in _read_records(project, paths, prune_cache=files is None)]
    guide_path = project.root / GUIDE
    guide = guide_path.read_text(encoding="utf-8") if guide_path.is_file() else ""
    return Inputs(project, schema_text, schema, themes_schema, themes,
                  tuple(r for r in records if r is not None), guide, tuple(problems))


Read = tuple[Path, str, Document | None, list[Problem]]
"""A file's path, its path as a contributor would type it, and its document or the problems that stopped it."""


def _read_records(project: Project, paths: list[Path], prune_cache: bool) -> list[Read]:
    """Each file's document, or the problems that stopped it, in order: from the parse cache where an earlier build
    parsed the same text, else parsed here (half of them beside this process when there are many)."""
    texts = []
    for path in paths:
        display = project.display(path)
        texts.append((path, display, *read_text(path, display)))
    cache = ParseCache.of(project.root)
    docs: dict[Path, tuple[Document | None, list[Problem]]] = {}
    unparsed = []
    for path, display, text, _ in texts:
        if text is not None:
            data = cache.get(text)
            if data is MISSING:
                unparsed.append((path, display, text))
            else:
                docs[path] = Document(data, text), []
    for (path, _, text), (doc, found) in zip(unparsed, map_beside(_parse_text, unparsed, at_least=READ_BESIDE_FROM)):
        docs[path] = doc, found
        if doc is not None and not found:
            cache.keep(text, doc.data)
    cache.save(prune=prune_cache)
    return [(path, display, *(docs[path] if text is not None else (None, unread))) for path, display, text, unread in texts]


def _parse(project: Project, path: Path, problems: list[Problem]) -> Record | None:
    return _record(*_read(project, path), problems)


def _read(project: Project, path: Path) -> Read:
    display = project.display(path)
    return (path, display, *read(path, display))


def _parse_text(unparsed: tuple[Path, str, str]) -> tuple[Document | None, list[Problem]]:
    _, display, text = unparsed
    return parse_once(text, display)


def _record(path: Path, display: str, doc: Document | None, found: list[Problem], problems: list[Problem]) -> Record | None:
    problems += found
    return None if doc is None else Record(path, display, doc)
