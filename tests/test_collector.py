"""The collector's pause changes nothing but the time taken, and there is one pause per stage entry.

Reading, validating and modelling are paused once, in ``pipeline.load_site``; rendering once, around
``render_pages``'s work. A pause inside another does nothing, so no other function should pause.
"""
from __future__ import annotations

import contextlib
import gc
import re
from pathlib import Path

import pytest

from generator import pipeline
from generator.perf import collector
from generator.render.pages import render_pages

ROOT = Path(__file__).resolve().parent.parent


def build(monkeypatch: pytest.MonkeyPatch, paused: bool) -> dict[str, str]:
    if not paused:
        monkeypatch.setattr(collector, "collector_paused", contextlib.nullcontext)
        monkeypatch.setattr(pipeline, "collector_paused", contextlib.nullcontext)
    seen = []
    real_disable = gc.disable
    monkeypatch.setattr(gc, "disable", lambda: (seen.append(1), real_disable())[1])
    pages = render_pages(pipeline.load_site(ROOT), site_url="https://example.org/kb/")
    assert bool(seen) == paused and gc.isenabled()
    return pages


def test_pages_are_the_same_with_and_without_the_pause(monkeypatch: pytest.MonkeyPatch) -> None:
    with_pause = build(monkeypatch, paused=True)
    monkeypatch.undo()
    assert build(monkeypatch, paused=False) == with_pause


def test_the_collector_is_back_on_after_an_error() -> None:
    with pytest.raises(ValueError), collector.collector_paused():
        assert not gc.isenabled()
        raise ValueError("a record broke the render")
    assert gc.isenabled()


def test_a_nested_pause_leaves_the_collector_off_until_the_outer_one_ends() -> None:
    with collector.collector_paused():
        with collector.collector_paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_one_pause_per_stage_entry() -> None:
    pause = re.compile(r"^\s*(?:with collector_paused\(\)|@without_gc)", re.M)
    uses = {path.relative_to(ROOT).as_posix(): len(pause.findall(path.read_text()))
            for path in sorted((ROOT / "generator").rglob("*.py")) if path.name != "collector.py"}
    assert sum(uses.values()) == 2, {k: v for k, v in uses.items() if v}
