"""The pipeline, top to bottom: read -> check -> model -> render.

``load_site`` reads every file once and returns the model; ``render_pages`` (render/pages.py) turns
the model into pages. A caller that needs the model twice (the MkDocs hooks do) keeps the one it got.
"""
from __future__ import annotations

from pathlib import Path

from .check.validate import check
from .model.catalogue import build_catalogue
from .model.entities import Catalogue
from .perf.collector import collector_paused
from .problems import CaseStudyError
from .read.inputs import read_inputs
from .read.project import Project


def load_site(root: Path) -> Catalogue:
    """Read and check every record under ``root`` and build the model; raise CaseStudyError listing every problem."""
    with collector_paused():  # reading, checking and modelling allocate in bursts: one pause (see perf/collector)
        inputs = read_inputs(Project(root))
        records, vocabulary, problems = check(inputs)
        if problems or vocabulary is None:
            raise CaseStudyError(problems)
        return build_catalogue(inputs, records, vocabulary)
