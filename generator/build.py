"""The pipeline, top to bottom: load -> validate -> model -> render."""
from __future__ import annotations

from pathlib import Path

from .catalogue import build_catalogue
from .model import Catalogue
from .problems import CaseStudyError
from .project import Project
from .validate import validate


def load_site(root: Path) -> Catalogue:
    """Validate every record under ``root`` and build the model; raise CaseStudyError listing every problem."""
    project = Project(root)
    records, vocabulary, problems = validate(project)
    if problems or vocabulary is None:
        raise CaseStudyError(problems)
    return build_catalogue(project, records, vocabulary)
