"""The pipeline, top to bottom: load -> validate -> model -> render."""
from __future__ import annotations

import hashlib
from pathlib import Path

from .model.catalogue import build_catalogue
from .model.entities import Catalogue
from .check.problems import CaseStudyError, Problem
from .read.project import Project
from .check.validate import validate
from .perf.collector import collector_paused

_last: tuple[bytes, Catalogue | list[Problem]] | None = None
"""The last result and the digest of the files it was built from (see ``load_site``)."""


def _digest(project: Project) -> bytes:
    inputs = hashlib.blake2b(str(project.root.resolve()).encode())
    for path in [*project.record_files(), *sorted(project.schemas_dir.glob("*"))]:
        if path.is_file():
            inputs.update(path.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return inputs.digest()


def load_site(root: Path) -> Catalogue:
    """Validate every record under ``root`` and build the model; raise CaseStudyError listing every problem.

    Several hooks need the model in one build (pages, then search): while no record or schema has
    changed, the model built last time is returned, so the corpus is validated once per build.
    """
    global _last
    project = Project(root)
    key = _digest(project)
    if _last is None or _last[0] != key:
        with collector_paused():  # reading, validating and modelling: one pause (see collector)
            records, vocabulary, problems = validate(project)
            _last = (key, problems if problems or vocabulary is None else build_catalogue(project, records, vocabulary))
    if isinstance(_last[1], list):
        raise CaseStudyError(_last[1])
    return _last[1]
