"""Pause Python's cycle collector around the build's allocation bursts.

Reading, modelling and rendering allocate hundreds of thousands of containers; each burst makes
the collector walk the whole catalogue again, finding nothing: records, the model and pages hold no
reference cycles. Paused once per stage entry, ``pipeline.load_site`` (read, validate, model) and the
render (``render.pages``): a pause inside another does nothing (tests/test_collector.py counts them;
benchmarks/README.md has the figures).
"""
from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from contextlib import contextmanager
from typing import Iterator, TypeVar

F = TypeVar("F", bound=Callable[..., object])


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cycle collector for the block, then restore it as it was.

    Reading and modelling allocate about a million objects and keep most of them, so the collector
    would run thousands of times and rescan the growing corpus, finding nothing: records and the
    model hold no cycles. Nested use is fine: only the outermost block turns it back on.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            _age_survivors()
            gc.enable()


def _age_survivors() -> None:
    """Move every tracked object to the oldest generation without scanning it.

    Otherwise the first young collection after the pause scans everything the block kept (the whole
    corpus), and the middle generation scans it again, only to find
    what the next full collection finds anyway. freeze() then unfreeze() moves objects to the oldest
    generation and changes nothing else; skipped if someone froze objects on purpose, since unfreeze
    would release theirs too.
    """
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()


def without_gc(function: F) -> F:
    """``function`` with the collector paused while it runs (see ``collector_paused``)."""
    @functools.wraps(function)
    def run(*args, **kwargs):  # type: ignore[no-untyped-def]
        with collector_paused():
            return function(*args, **kwargs)
    return run  # type: ignore[return-value]
