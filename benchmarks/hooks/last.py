"""Benchmark-only hook, listed after the project's hooks: marks when each build event ends.

With ``$BENCH_DUMP_DOCS`` set it also writes every generated page there, for the baseline build.
"""
from __future__ import annotations

import json
import os
import resource
import time
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority


def mark(event: str, **extra: Any) -> None:
    with open(os.environ["BENCH_TIMINGS"], "a", encoding="utf-8") as out:
        out.write(json.dumps({"event": event, "edge": "end", "t": time.time(), **extra}) + "\n")


@event_priority(-1000)
def on_config(config: Any) -> None:
    mark("config")


@event_priority(-1000)
def on_pre_build(config: Any) -> None:
    mark("pre_build")


@event_priority(-1000)
def on_files(files: Any, config: Any) -> None:
    mark("files")
    dump = os.environ.get("BENCH_DUMP_DOCS")
    if dump:  # the baseline build gets exactly the pages our hooks generated
        for file in files:
            if file.generated_by is not None:
                target = Path(dump, file.src_uri)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(file.content_bytes)


@event_priority(-1000)
def on_nav(nav: Any, config: Any, files: Any) -> None:
    mark("nav")


@event_priority(-1000)
def on_env(env: Any, config: Any, files: Any) -> None:
    mark("env")


@event_priority(-1000)
def on_post_build(config: Any) -> None:
    # Peak RSS of this MkDocs process and of its largest finished child (Pagefind): both are alive
    # while Pagefind runs, so their sum bounds the build's memory from above.
    kb = {who: resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)}
    mark("post_build", mkdocs_rss_mb=round(kb[resource.RUSAGE_SELF] / 1024),
         child_rss_mb=round(kb[resource.RUSAGE_CHILDREN] / 1024))
