"""Benchmark-only hook, listed before the project's hooks: marks when each build event starts.

It also counts calls to the corpus-wide steps (validate, model, render) so the benchmark can
check that one build, or one ``serve`` rebuild, does each of them once. Timestamps are appended
as JSON lines to the file named by ``$BENCH_TIMINGS``.
"""
from __future__ import annotations

import functools
import json
import os
import sys
import time
from typing import Any, Callable

from mkdocs.plugins import event_priority

COUNTED = {("generator.check.validate", "check"), ("generator.model.catalogue", "build_catalogue"),
           ("generator.render.pages", "render_pages")}
_seen_page = False


def mark(event: str, edge: str, **extra: Any) -> None:
    with open(os.environ["BENCH_TIMINGS"], "a", encoding="utf-8") as out:
        out.write(json.dumps({"event": event, "edge": edge, "t": time.time(), **extra}) + "\n")


def _counting(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.time()
        try:
            return function(*args, **kwargs)
        finally:
            mark(name, "call", start=start)
    wrapper.bench_counted = True  # type: ignore[attr-defined]
    return wrapper


def _instrument() -> None:
    """Wrap the corpus-wide functions wherever a module imported them by name."""
    originals = {id(getattr(sys.modules[m], f)): f for m, f in COUNTED if m in sys.modules}
    for module in list(sys.modules.values()):
        name = getattr(module, "__name__", "")
        if not (name.startswith(("generator", "hooks")) or name.endswith(".py")):
            continue
        for attr, value in list(vars(module).items()):
            if callable(value) and id(value) in originals:
                setattr(module, attr, _counting(originals[id(value)], value))


@event_priority(1000)
def on_config(config: Any) -> None:
    global _seen_page
    _seen_page = False
    _instrument()
    mark("config", "start")


@event_priority(1000)
def on_pre_build(config: Any) -> None:
    mark("pre_build", "start")


@event_priority(1000)
def on_files(files: Any, config: Any) -> None:
    mark("files", "start")


@event_priority(1000)
def on_pre_page(page: Any, config: Any, files: Any) -> None:
    global _seen_page
    if not _seen_page:
        _seen_page = True
        mark("pages", "start")


@event_priority(1000)
def on_env(env: Any, config: Any, files: Any) -> None:
    mark("env", "start")


@event_priority(1000)
def on_post_build(config: Any) -> None:
    mark("post_build", "start")
