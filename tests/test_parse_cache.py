"""The parse cache (``perf.parse_cache``): what a build reads from it is what parsing gives, every problem is still
found with its line and column, a changed record is parsed again, and a cache that cannot be used is set aside."""
from __future__ import annotations

import marshal
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.check.validate import check
from generator.perf import parse_cache
from generator.perf.parse_cache import FOLDER, MISSING, NAME, ParseCache
from generator.read import inputs
from generator.read.inputs import read_inputs
from generator.read.project import Project

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def project(make_project: Callable[[Path | None], Path]) -> Path:
    """The seed records, one of them with a theme the vocabulary lacks, plus files that cannot be read or parsed."""
    root = make_project(ROOT / "casestudies")
    records = root / "casestudies"
    bay = records / "bay-anchor-network.yaml"
    bay.write_text(bay.read_text(encoding="utf-8").replace("- land-and-assets\n", "- no-such-theme\n", 1), encoding="utf-8")
    (records / "broken.yaml").write_text("id: broken\ntitle: [unclosed\n", encoding="utf-8")
    (records / "latin1.yaml").write_bytes("title: caf\xe9\n".encode("latin-1"))
    return root


def summary(root: Path) -> dict[str, Any]:
    """Everything a build takes from reading: each record's data and text, and every problem with its position."""
    read = read_inputs(Project(root))
    _, _, problems = check(read)
    return {"records": [(r.display, r.data, r.doc.text) for r in read.records],
            "problems": [str(p) for p in (*read.problems, *problems)]}


def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The records parsed (not taken from the cache) from now on, by display path."""
    parsed: list[str] = []
    real = inputs._parse_text
    monkeypatch.setattr(inputs, "_parse_text", lambda unparsed: (parsed.append(unparsed[1]), real(unparsed))[1])
    return parsed


def test_a_warm_read_gives_what_parsing_gives(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parsed = parses(monkeypatch)
    cold = summary(project)
    assert (project / FOLDER / NAME).is_file() and len(parsed) == 9  # the 8 seeds and the broken file; Latin-1 is refused unread
    assert any("no-such-theme" in p and "bay-anchor-network.yaml:" in p for p in cold["problems"])
    parsed.clear()
    assert summary(project) == cold
    assert parsed == ["casestudies/broken.yaml"], "only text with a problem is parsed again"


def test_a_changed_record_is_parsed_again(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summary(project)
    dorset = project / "casestudies" / "dorset-county-hospital.yaml"
    dorset.write_text(dorset.read_text(encoding="utf-8").replace("\ntitle: Dorset", "\ntitle: Renamed Dorset", 1),
                      encoding="utf-8")
    parsed = parses(monkeypatch)
    warm = summary(project)
    assert sorted(parsed) == ["casestudies/broken.yaml", "casestudies/dorset-county-hospital.yaml"]
    assert next(data for display, data, _ in warm["records"] if display.endswith("dorset-county-hospital.yaml"))[
        "title"].startswith("Renamed ")


@pytest.mark.parametrize("damage", ["garbage", "truncated", "another reader", "not a mapping", "a folder"])
def test_a_cache_that_cannot_be_used_is_set_aside(project: Path, monkeypatch: pytest.MonkeyPatch, damage: str) -> None:
    cold = summary(project)
    cache = project / FOLDER / NAME
    if damage == "garbage":
        cache.write_bytes(b"\x00not marshal at all")
    elif damage == "truncated":
        cache.write_bytes(cache.read_bytes()[:1000])
    elif damage == "another reader":
        _, entries = marshal.loads(cache.read_bytes())
        cache.write_bytes(marshal.dumps(("made by another reader", {key: {"title": "stale"} for key in entries})))
    elif damage == "not a mapping":
        cache.write_bytes(marshal.dumps((parse_cache.reader_fingerprint(), ["stale"])))
    else:
        cache.unlink()
        cache.mkdir()  # so it can be neither read nor written: the build goes on without it
    parse_cache._in_memory.clear()  # as in a new process
    parsed = parses(monkeypatch)
    assert summary(project) == cold and len(parsed) == 9
    if damage != "a folder":
        parsed.clear()
        parse_cache._in_memory.clear()
        assert summary(project) == cold and len(parsed) == 1, "the cache was written again"


def test_a_read_only_project_builds_without_writing_a_cache(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (project / FOLDER).write_text("a file where the cache folder would go", encoding="utf-8")
    parsed = parses(monkeypatch)
    first, second = summary(project), summary(project)
    assert first == second and len(parsed) == 18


def test_entries_of_removed_records_go_and_a_partial_read_keeps_the_rest(project: Path) -> None:
    summary(project)
    cache = project / FOLDER / NAME

    def entries() -> int:
        return len(marshal.loads(cache.read_bytes())[1])

    assert entries() == 8
    (project / "casestudies" / "dorset-county-hospital.yaml").unlink()
    summary(project)
    assert entries() == 7
    read_inputs(Project(project), files=[project / "casestudies" / "bay-anchor-network.yaml"])
    assert entries() == 7


def test_another_build_replacing_the_file_is_seen(tmp_path: Path) -> None:
    """``mkdocs serve`` keeps the file in memory between rebuilds; a build in another process may replace it."""
    first = ParseCache.of(tmp_path)
    first.keep("title: one\n", {"title": "one"})
    first.save()
    other = ParseCache(tmp_path / FOLDER / NAME, parse_cache.reader_fingerprint())  # as another process would
    other.keep("title: two\n", {"title": "two"})
    other.save()
    stamp = os.stat(tmp_path / FOLDER / NAME)
    os.utime(tmp_path / FOLDER / NAME, ns=(stamp.st_atime_ns, stamp.st_mtime_ns + 1))  # whatever the clock's grain
    parse_cache._in_memory.clear()
    parse_cache._remember(tmp_path / FOLDER / NAME, (0, 0), parse_cache.reader_fingerprint(), {})  # an older file
    again = ParseCache.of(tmp_path)
    assert again.get("title: two\n") == {"title": "two"} and again.get("title: one\n") is MISSING
