"""Worker run in a fresh process: time validate, model and render on one project, as JSON on stdout.

``python -m benchmarks.stages ROOT [--cold]``: the same calls the MkDocs hook makes, without MkDocs. ``--cold`` first
removes the project's parse cache (``generator.perf.parse_cache``), as on a fresh clone; otherwise whatever the last
build left there is used, as by a contributor's second build.
"""
from __future__ import annotations

import argparse
import json
import shutil
import time
from pathlib import Path

from generator.model.catalogue import build_catalogue
from generator.perf.collector import collector_paused
from generator.perf.parse_cache import FOLDER
from generator.read.project import Project
from generator.render.pages import render_pages
from generator.check.validate import check
from generator.read.inputs import read_inputs


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("root", type=Path)
    parser.add_argument("--cold", action="store_true", help="remove the parse cache first")
    args = parser.parse_args()
    if args.cold:
        shutil.rmtree(args.root / FOLDER, ignore_errors=True)
    project = Project(args.root)
    t0, c0 = time.perf_counter(), time.process_time()
    with collector_paused():  # as pipeline.load_site pauses it
        inputs = read_inputs(project)
        records, vocabulary, problems = check(inputs)
        t1, c1 = time.perf_counter(), time.process_time()
        if problems or vocabulary is None:
            raise SystemExit(f"{len(problems)} problems, first: {problems[:1]}")
        catalogue = build_catalogue(inputs, records, vocabulary)
        t2 = time.perf_counter()
    pages = render_pages(catalogue, site_url="https://example.org/")
    t3, c3 = time.perf_counter(), time.process_time()
    print(json.dumps({"validate_s": t1 - t0, "model_s": t2 - t1, "render_s": t3 - t2, "generate_s": t3 - t1,
                      "validate_cpu_s": c1 - c0, "generate_cpu_s": c3 - c1,
                      "pages": len(pages), "items": sum(len(c.items) for c in catalogue.case_studies),
                      "markdown_mb": sum(len(p.encode()) for p in pages.values()) / 1e6}))


if __name__ == "__main__":
    main()
