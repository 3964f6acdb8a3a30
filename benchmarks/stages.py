"""Worker run in a fresh process: time validate, model and render on one project, as JSON on stdout.

``python -m benchmarks.stages ROOT [--baseline-docs]``; with ``--baseline-docs`` it also writes the
generated Markdown for the baseline build (after the timings are taken).
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from generator.catalogue import build_catalogue
from generator.project import Project
from generator.render import render_pages
from generator.validate import validate

from .project import BenchProject, write_baseline_docs


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("root", type=Path)
    parser.add_argument("--baseline-docs", action="store_true")
    args = parser.parse_args()
    project = Project(args.root)
    t0 = time.perf_counter()
    records, vocabulary, problems = validate(project)
    t1 = time.perf_counter()
    if problems or vocabulary is None:
        raise SystemExit(f"{len(problems)} problems, first: {problems[:1]}")
    catalogue = build_catalogue(project, records, vocabulary)
    t2 = time.perf_counter()
    pages = render_pages(catalogue)
    t3 = time.perf_counter()
    if args.baseline_docs:
        write_baseline_docs(BenchProject(args.root), pages)
    print(json.dumps({"validate_s": t1 - t0, "model_s": t2 - t1, "render_s": t3 - t2, "generate_s": t3 - t1,
                      "pages": len(pages), "items": sum(len(c.items) for c in catalogue.case_studies),
                      "markdown_mb": sum(len(p.encode()) for p in pages.values()) / 1e6}))


if __name__ == "__main__":
    main()
