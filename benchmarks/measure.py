"""Run a command and time it; read the timing hooks' marks; weigh the built site."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

VENV_BIN = Path(sys.executable).parent
MKDOCS = str(VENV_BIN / "mkdocs")


@dataclass(frozen=True)
class Run:
    """One finished process: wall time, peak RSS of it and its children, output."""

    seconds: float
    cpu_seconds: float
    """User plus system time of the process and its children: steadier than wall time on a busy machine."""
    peak_rss_mb: float
    stdout: str
    stderr: str


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run ``command``, reaped with ``os.wait4`` for the peak RSS of that process tree; a failed build raises."""
    start = time.perf_counter()
    with open(os.devnull, "rb") as null_in:
        out_path, err_path = Path(cwd, ".bench-stdout"), Path(cwd, ".bench-stderr")
        with open(out_path, "w") as out, open(err_path, "w") as err:
            process = subprocess.Popen(command, cwd=cwd, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
                                       stdin=null_in, stdout=out, stderr=err)
            _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    stdout, stderr = out_path.read_text(), err_path.read_text()
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}):\n{stderr[-3000:]}")
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, stdout, stderr)


def marks(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def stages(events: list[dict[str, object]], started: float, ended: float) -> dict[str, float]:
    """Seconds per build stage, from the marks of one build (``started``/``ended``: process wall clock)."""
    at = {(str(e["event"]), str(e["edge"])): float(e["t"]) for e in events}  # type: ignore[arg-type]
    calls = [e for e in events if e["edge"] == "call"]
    spans = {
        "startup+config": (started, at[("config", "end")]),
        "pre_build (validate+model)": (at[("pre_build", "start")], at[("pre_build", "end")]),
        "files (render Markdown)": (at[("files", "start")], at[("files", "end")]),
        "nav": (at[("files", "end")], at[("nav", "end")]),
        "pages (Markdown to HTML)": (at[("nav", "end")], at[("env", "start")]),
        "write (themes, copy, anchors)": (at[("env", "end")], at[("post_build", "start")]),
        "post_build (Pagefind)": (at[("post_build", "start")], at[("post_build", "end")]),
        "shutdown (publish)": (at[("post_build", "end")], ended),
    }
    result = {name: b - a for name, (a, b) in spans.items()}
    result["calls"] = {name: sum(1 for c in calls if c["event"] == name) for name in {str(c["event"]) for c in calls}}  # type: ignore[assignment]
    return result


def dir_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def heaviest_html(site: Path) -> tuple[str, int]:
    page = max(site.rglob("*.html"), key=lambda f: f.stat().st_size)
    return page.relative_to(site).as_posix(), page.stat().st_size


NAV_LINK = re.compile(r'class="md-(?:nav|tabs)__link')


def nav_links(site: Path) -> int:
    """Links in the site navigation (tabs and primary sidebar, not the page's own table of contents) on
    one case-study page: must not grow with the corpus."""
    page = min((site / "casestudies").glob("*/index.html"), default=None) or min((site / "casestudies").glob("*.html"))
    return len(NAV_LINK.findall(page.read_text(encoding="utf-8").split("md-nav--secondary")[0]))
