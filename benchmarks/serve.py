"""The ``mkdocs serve`` rebuild after one record is saved: time, and how often each corpus-wide step ran."""
from __future__ import annotations

import os
import queue
import socket
import subprocess
import threading
import time

from .measure import MKDOCS, marks
from .project import BenchProject

READY, BUILT = "Serving on", "Documentation built in"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(lines: "queue.Queue[str]", text: str, timeout: float) -> tuple[float, str]:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            line = lines.get(timeout=max(0.01, deadline - time.time()))
        except queue.Empty:
            break
        if text in line:
            return time.time(), line
    raise TimeoutError(f"no '{text}' within {timeout:.0f} s")


def serve_rebuild(project: BenchProject, timeout: float = 600) -> dict[str, object]:
    """Start ``mkdocs serve``, change one record's summary, time until the rebuild is logged."""
    timings = project.root / ".bench-serve.jsonl"
    timings.unlink(missing_ok=True)
    command = [MKDOCS, "serve", "-f", str(project.config), "-a", f"127.0.0.1:{_free_port()}"]
    process = subprocess.Popen(command, cwd=project.root,
                               env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "BENCH_TIMINGS": str(timings)},
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stderr or ()], daemon=True).start()
    try:
        _wait_for(lines, READY, timeout)
        first = len(marks(timings))
        record = sorted((project.root / "casestudies").glob("*.yaml"))[0]
        text = record.read_text(encoding="utf-8")
        saved = time.time()
        record.write_text(text.replace("\nsummary: ", "\nsummary: Updated. ", 1), encoding="utf-8")
        done, line = _wait_for(lines, BUILT, timeout)
        time.sleep(3)  # a second rebuild for the same save would show up here
        extra = sum(BUILT in lines.get_nowait() for _ in range(lines.qsize()))
    finally:
        process.terminate()
        process.wait(timeout=30)
    events = marks(timings)[first:]
    calls = {}
    for event in events:
        if event["edge"] == "call":
            calls[str(event["event"])] = calls.get(str(event["event"]), 0) + 1
    return {"serve_rebuild_s": done - saved, "serve_reported_s": float(line.split(BUILT)[1].split()[0]),
            "serve_extra_rebuilds": extra, "serve_calls": calls}
