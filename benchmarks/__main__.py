"""``python -m benchmarks --sizes 100,1000,3000 [--repeat N]``: the performance benchmark (see README.md)."""
from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from .measure import MKDOCS, dir_bytes, heaviest_html, marks, nav_links, run, stages
from .project import BenchProject, make_project, start_baseline_docs
from .query import query_bytes
from .serve import serve_rebuild
from .weigh import case_page_weight, site_parts

ROOT = Path(__file__).resolve().parent.parent
COLUMNS = [("n", "{:d}"), ("items", "{:d}"), ("validate_s", "{:.2f}"), ("generate_s", "{:.2f}"), ("validate_cold_s", "{:.2f}"),
           ("generate_cold_s", "{:.2f}"), ("build_s", "{:.1f}"),
           ("full_s", "{:.1f}"), ("baseline_build_s", "{:.1f}"), ("overhead_ratio", "{:.2f}"), ("pagefind_s", "{:.1f}"),
           ("pagefind_run_s", "{:.1f}"), ("index_kb", "{:.0f}"),
           ("query_kb", "{:.0f}"), ("query_kb_gzip", "{:.0f}"), ("next_query_kb_gzip", "{:.0f}"), ("site_mb", "{:.1f}"),
           ("max_page_kb", "{:.0f}"), ("peak_rss_mb", "{:.0f}")]


def build_once(project: BenchProject, label: str, dump_docs: bool = False) -> dict[str, Any]:
    """One full build with the timing hooks: wall time, stage spans, corpus-wide calls, peak RSS."""
    timings = project.root / f".bench-{label}.jsonl"
    timings.unlink(missing_ok=True)
    env = {"BENCH_TIMINGS": str(timings), **({"BENCH_DUMP_DOCS": str(start_baseline_docs(project))} if dump_docs else {})}
    started = time.time()
    result = run([MKDOCS, "build", "-f", str(project.config)], project.root, env)
    events = marks(timings)
    spans = stages(events, started, time.time())
    memory = next((e for e in events if e["event"] == "post_build" and e["edge"] == "end"), {})
    if not (project.site / "pagefind" / "pagefind-entry.json").exists():  # the project does not index: time Pagefind alone
        pagefind = run([sys.executable, "-m", "pagefind", "--site", str(project.site)], project.root)
        spans["post_build (Pagefind)"] = pagefind.seconds
        return {"full_s": result.seconds + pagefind.seconds, "cpu_s": result.cpu_seconds + pagefind.cpu_seconds, "spans": spans,
                "rss": max(result.peak_rss_mb, pagefind.peak_rss_mb)}
    # Pagefind runs alongside MkDocs (hooks/search.py); the build waits for it only in post_build. Its own
    # run time, from its start to the wait's end, is in the hook's log line.
    ran = re.search(r"Pagefind: the site indexed into pagefind/ in ([\d.]+) s", result.stderr)
    return {"full_s": result.seconds, "cpu_s": result.cpu_seconds, "spans": spans, "rss": result.peak_rss_mb,
            "mkdocs_rss": memory.get("mkdocs_rss_mb", 0), "pagefind_rss": memory.get("child_rss_mb", 0),
            "broken_index": broken_index(project.site), "pagefind_run_s": float(ran.group(1)) if ran else 0.0}


def broken_index(site: Path) -> int:
    """Zero-byte files Pagefind left behind (its backend can be stopped before it has flushed every file)."""
    return sum(1 for f in (site / "pagefind").rglob("*") if f.is_file() and f.stat().st_size == 0)


def measure_size(n: int, repeat: int, workdir: Path, serve: bool) -> dict[str, Any]:
    """Every figure for one corpus size; times are medians of ``repeat`` runs."""
    project = make_project(ROOT, workdir / f"n{n}", n)
    runs: list[dict[str, Any]] = []
    for r in range(repeat):
        # First as on a fresh clone, then as a contributor's next build, with the parse cache the first one left.
        cold_worker = run([sys.executable, "-m", "benchmarks.stages", str(project.root), "--cold"], ROOT)
        cold = json.loads(cold_worker.stdout.strip().splitlines()[-1])
        worker = run([sys.executable, "-m", "benchmarks.stages", str(project.root)], ROOT)
        gen = {**json.loads(worker.stdout.strip().splitlines()[-1]),
               "validate_cold_s": cold["validate_s"], "generate_cold_s": cold["generate_s"]}
        full = build_once(project, f"build-{r}", dump_docs=r == 0)
        baseline = run([MKDOCS, "build", "-f", str(project.baseline_config)], project.root)
        pagefind_s = full["spans"]["post_build (Pagefind)"]
        runs.append({**gen, "build_s": full["full_s"] - pagefind_s, "full_s": full["full_s"], "pagefind_s": pagefind_s,
                     "pagefind_run_s": full.get("pagefind_run_s", pagefind_s),
                     "baseline_build_s": baseline.seconds, "spans": full["spans"],
                     "full_cpu_s": full["cpu_s"], "baseline_cpu_s": baseline.cpu_seconds,
                     "rss": max(full["rss"], worker.peak_rss_mb, cold_worker.peak_rss_mb, baseline.peak_rss_mb),
                     "broken_index": full.get("broken_index", 0),
                     "mkdocs_rss": full.get("mkdocs_rss", 0), "pagefind_rss": full.get("pagefind_rss", 0)})
        print(f"  n={n} run {r + 1}/{repeat}: validate {gen['validate_s']:.2f} s, generate {gen['generate_s']:.2f} s "
              f"(cold: {cold['validate_s']:.2f} s, {cold['generate_s']:.2f} s), "
              f"build {runs[-1]['build_s']:.1f} s + waiting for Pagefind {pagefind_s:.1f} s "
              f"(it ran {runs[-1]['pagefind_run_s']:.1f} s alongside), baseline {baseline.seconds:.1f} s", flush=True)
    for _ in range(3):  # the query needs an intact index; see broken_index
        if not broken_index(project.site):
            break
        build_once(project, "rebuild")
    result = _summary(n, runs, project)
    if serve:
        result.update(serve_rebuild(project))
    return result


def _median(runs: list[dict[str, Any]], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def _summary(n: int, runs: list[dict[str, Any]], project: BenchProject) -> dict[str, Any]:
    page, page_bytes = heaviest_html(project.site)
    span_names = [k for k in runs[0]["spans"] if k != "calls"]
    result: dict[str, Any] = {"n": n, "items": runs[0]["items"]}
    for key in ("validate_s", "generate_s", "validate_cold_s", "generate_cold_s", "build_s", "baseline_build_s", "pagefind_s",
                "pagefind_run_s", "full_s", "validate_cpu_s", "generate_cpu_s", "full_cpu_s", "baseline_cpu_s"):
        result[key] = round(_median(runs, key), 3)
    result["overhead_ratio"] = round(result["build_s"] / result["baseline_build_s"], 3)
    result.update(index_kb=round(dir_bytes(project.site / "pagefind") / 1024, 1), site_mb=round(dir_bytes(project.site) / 1e6, 2),
                  baseline_site_mb=round(dir_bytes(project.baseline_site) / 1e6, 2),
                  max_page_kb=round(page_bytes / 1024, 1), max_page=page, peak_rss_mb=round(max(r["rss"] for r in runs)),
                  mkdocs_rss_mb=max(r["mkdocs_rss"] for r in runs), pagefind_rss_mb=max(r["pagefind_rss"] for r in runs),
                  build_rss_sum_mb=max(r["mkdocs_rss"] + r["pagefind_rss"] for r in runs),
                  nav_links=nav_links(project.site), markdown_mb=round(runs[0]["markdown_mb"], 2),
                  stages_s={name: round(statistics.median(r["spans"][name] for r in runs), 3) for name in span_names},
                  calls_per_build=runs[-1]["spans"]["calls"], builds_with_broken_index=sum(bool(r["broken_index"]) for r in runs))
    result["site_parts_mb"] = {name: round(size / 1e6, 2) for name, size in site_parts(project.site).items()}
    result.update({f"case_{part}_mb": round(size / 1e6, 2) for part, size in case_page_weight(project.site).items()})
    result.update({k: round(v, 1) if isinstance(v, float) else v for k, v in query_bytes(project.site).items()})
    return result


def report(results: list[dict[str, Any]]) -> None:
    """The table, the stage shares, then one ``RESULT {json}`` line per size."""
    print("\n" + " | ".join(name for name, _ in COLUMNS))
    for r in results:
        print(" | ".join(fmt.format(r[name]) for name, fmt in COLUMNS))
    print("\nShare of the full build (with Pagefind), median seconds:")
    for r in results:
        shares = ", ".join(f"{name} {s:.2f} s ({s / r['full_s']:.0%})" for name, s in r["stages_s"].items())
        print(f"  n={r['n']}: {shares}")
    print("\nWhere the site's megabytes go (case-study pages: theme shell + article markup + text a reader sees):")
    for r in results:
        parts = ", ".join(f"{name} {mb:.1f}" for name, mb in r["site_parts_mb"].items())
        print(f"  n={r['n']}: {parts}; case-study pages = "
              f"{r['case_shell_mb']:.1f} + {r['case_markup_mb']:.1f} + {r['case_text_mb']:.1f}")
    for r in results:
        if "serve_rebuild_s" in r:
            print(f"\nmkdocs serve at n={r['n']}: rebuild {r['serve_rebuild_s']:.1f} s after saving one record "
                  f"(MkDocs reports {r['serve_reported_s']:.1f} s); corpus-wide calls {r['serve_calls']}; "
                  f"extra rebuilds {r['serve_extra_rebuilds']}")
    print()
    for r in results:
        print("RESULT " + json.dumps(r, sort_keys=False))


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--sizes", default="100,1000,3000", help="comma-separated corpus sizes (case studies)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size; medians are reported")
    parser.add_argument("--serve-size", type=int, default=1000, help="size at which to time the `mkdocs serve` rebuild (0: skip)")
    parser.add_argument("--workdir", type=Path, help="where the temporary projects go (kept); default a temp folder, removed")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="aln-bench-"))
    try:
        results = []
        for n in sizes:  # each size's line as soon as it is known: a 3,000 run takes a while
            results.append(measure_size(n, args.repeat, workdir, serve=n == args.serve_size))
            print("RESULT " + json.dumps(results[-1]), flush=True)
            if args.json:
                args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    report(results)


if __name__ == "__main__":
    main()
