"""Each speed trick on and off, on one corpus, every run in a fresh process: ``python -m benchmarks.tricks ROOT``.

ROOT is a project with a synthetic corpus (``python -m benchmarks.corpus --write ROOT -n 1000`` plus copies
of ``schemas/``, ``README.md``, ``CONTRIBUTING.md``, ``mkdocs.yml``, ``docs/``, ``overrides/``, ``hooks/``).
Variants are interleaved (on, off, off, on, ...) ``--repeat`` times and medians reported, because the
machine's neighbours make one run differ from the next. The results feed the table in benchmarks/README.md.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

TRICKS = ("gc-pause", "jsonschema-rs", "yaml-fast", "markdown-fast-path", "rawblocks", "pagefind-beside", "read-beside",
          "render-beside", "parse-cache")
RAWBLOCK_PAGES = 200
"""Case-study pages converted per rawblocks run: the whole corpus without the trick would take minutes."""


def _timed(work: Callable[[], Any]) -> tuple[Any, dict[str, float]]:
    """Wall seconds, this process's CPU seconds, and the CPU seconds of forked children it waited for."""
    t0, c0, k0 = time.perf_counter(), time.process_time(), _children_cpu()
    result = work()
    return result, {"seconds": time.perf_counter() - t0, "cpu_s": time.process_time() - c0,
                    "children_cpu_s": _children_cpu() - k0}


def _children_cpu() -> float:
    times = os.times()
    return times.children_user + times.children_system


def _switch_off(trick: str) -> None:
    """Put the plain version in place of the trick, in this process only."""
    from generator import pipeline
    from generator.check import validate
    from generator.perf import collector, parse_cache
    from generator.read import inputs, yaml_source
    from generator.render import pages, safe_markdown

    if trick == "gc-pause":
        collector.collector_paused = pipeline.collector_paused = contextlib.nullcontext  # type: ignore[assignment]
    elif trick == "jsonschema-rs":
        validate.fast_validator = lambda validator: None  # type: ignore[assignment,return-value]
    elif trick == "yaml-fast":
        def strict_only(*args: Any) -> Any:
            raise yaml_source.Unusual
        yaml_source.load = strict_only  # type: ignore[assignment]
    elif trick == "markdown-fast-path":
        safe_markdown.fast_html = lambda text: None  # type: ignore[assignment]
    elif trick == "read-beside":
        inputs.READ_BESIDE_FROM = sys.maxsize
    elif trick == "render-beside":
        pages.RENDER_BESIDE_FROM = sys.maxsize
    elif trick == "parse-cache":
        parse_cache.ParseCache.of = classmethod(lambda cls, root: cls(None))  # type: ignore[method-assign,assignment]


def _mkdocs_markdown(root: Path) -> Any:
    import markdown
    import yaml

    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    entries = [next(iter(e.items())) if isinstance(e, dict) else (e, {}) for e in config["markdown_extensions"]]
    return markdown.Markdown(extensions=[n for n, _ in entries], extension_configs={n: o or {} for n, o in entries})


def worker(trick: str, on: bool, root: Path) -> dict[str, float]:
    """Time the stage the trick speeds up, with the trick on or off."""
    from generator.pipeline import load_site
    from generator.read.project import Project
    from generator.read.yaml_source import read
    from generator.render.pages import render_pages
    from generator.check.validate import validate

    if not on:
        _switch_off(trick)
    if trick == "yaml-fast":
        project = Project(root)
        _, figures = _timed(lambda: [read(path, project.display(path)) for path in project.record_files()])
        return figures
    if trick == "jsonschema-rs":
        (_, _, problems), figures = _timed(lambda: validate(Project(root)))
        assert not problems
        return figures
    if trick == "pagefind-beside":
        return _pagefind(on, root)
    if trick in ("read-beside", "parse-cache"):
        from generator.perf import parse_cache
        from generator.perf.collector import collector_paused
        from generator.read.inputs import read_inputs

        with collector_paused():  # as load_site reads
            if trick == "read-beside":  # every record parsed, on and off
                _switch_off("parse-cache")
            else:
                read_inputs(Project(root))  # as a first build leaves the cache
                parse_cache._in_memory.clear()  # and a second build, in another process, finds it
            _, figures = _timed(lambda: read_inputs(Project(root)))
        return figures
    catalogue, loading = _timed(lambda: load_site(root))
    pages, rendering = _timed(lambda: render_pages(catalogue, site_url="https://example.org/"))
    if trick == "gc-pause":
        return {key: loading[key] + rendering[key] for key in loading}
    if trick in ("markdown-fast-path", "render-beside"):
        return rendering
    return _rawblocks(on, root, [page for uri, page in pages.items() if uri.startswith("casestudies/")
                                 and not uri.startswith("casestudies/list/") and uri != "casestudies/index.md"])


def _rawblocks(on: bool, root: Path, pages: list[str]) -> dict[str, float]:
    from generator.render.rawblocks import lift, restore

    converter = _mkdocs_markdown(root)

    def convert(page: str) -> str:
        if not on:
            return converter.reset().convert(page)
        lifted = lift(page, "alnbench")
        return restore(converter.reset().convert(lifted.markdown), lifted)

    _, figures = _timed(lambda: [convert(page) for page in pages[:RAWBLOCK_PAGES]])
    return {"ms_per_page": figures["seconds"] * 1000 / RAWBLOCK_PAGES, **figures}


def _pagefind(on: bool, root: Path) -> dict[str, float]:
    """On: a whole build, and how long it waited for Pagefind at the end. Off: what Pagefind run after the
    build would add, its records made and indexed in this process."""
    if on:
        config = root / "mkdocs.tricks.yml"  # the project's config, less the watched folders not copied
        config.write_text('INHERIT: mkdocs.yml\nwatch: []\n', encoding="utf-8")
        with tempfile.TemporaryDirectory(prefix="aln-tricks-") as site:
            run, build = _timed(lambda: subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", site],
                capture_output=True, text=True, check=False, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}))
        found = re.search(r"indexed into pagefind/ in ([\d.]+) s.*waited ([\d.]+) s", run.stderr)
        if run.returncode or not found:
            raise SystemExit(run.stderr[-2000:])
        return {"seconds": float(found.group(2)), "pagefind_run_s": float(found.group(1)), "build_s": build["seconds"]}
    from generator.pipeline import load_site
    from generator.search import pagefind_run
    from generator.search.records import search_records

    catalogue = load_site(root)
    pagefind_run.can_fork = lambda: False  # type: ignore[assignment]
    with tempfile.TemporaryDirectory(prefix="aln-tricks-") as site:
        _, figures = _timed(lambda: pagefind_run.PagefindRun(lambda: search_records(catalogue), True).finish(Path(site)))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--tricks", default=",".join(TRICKS))
    parser.add_argument("--worker", nargs=2, metavar=("TRICK", "on|off"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker[0], args.worker[1] == "on", args.root.resolve())))
        return
    results: dict[tuple[str, str], list[dict[str, float]]] = {}
    for number in range(args.repeat):
        for trick in args.tricks.split(","):
            for variant in (("on", "off") if number % 2 == 0 else ("off", "on")):
                out = subprocess.run([sys.executable, "-m", "benchmarks.tricks", str(args.root), "--worker", trick, variant],
                                     capture_output=True, text=True, check=True).stdout
                results.setdefault((trick, variant), []).append(json.loads(out.splitlines()[-1]))
                print(trick, variant, out.strip(), flush=True)
    for (trick, variant), runs in results.items():
        medians = {key: round(statistics.median(run[key] for run in runs), 3) for key in runs[0]}
        print("RESULT", json.dumps({"trick": trick, "variant": variant, "runs": len(runs), **medians}))


if __name__ == "__main__":
    main()
