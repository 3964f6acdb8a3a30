"""Two builds of the same input, in two folders, give byte-identical sites, search index included; no date comes from the clock.

Known sources of difference, and why none is left:
- sitemap.xml ``<lastmod>`` and the gzip header (mtime) of sitemap.xml.gz hold the build date. MkDocs takes
  it from SOURCE_DATE_EPOCH, which hooks/reproducible.py sets to the newest ``reviewed`` date when the
  caller has not set it. (The gzip header also holds the file name, always ``sitemap.xml``.)
- Absolute paths: the two projects live in different folders, so a path leaking into a page would show.
- Pagefind's filter and metadata indexes (pagefind/filter/*.pf_filter, pagefind/pagefind.*.pf_meta) and
  pagefind-entry.json, which names the metadata file by hash: the Pagefind binary writes their entries from
  randomly seeded hash maps, in a different order on every run (https://github.com/Pagefind/pagefind/issues/638).
  generator/pagefind_canonical.py rewrites them in sorted order and renames them by content hash as Pagefind
  does, once Pagefind has finished (tests/test_pagefind_canonical.py). Pagefind's other files are stable.
"""
from __future__ import annotations

import gzip
import re
import struct
from pathlib import Path

import pytest
import yaml

from builds import HOSTILE, built, copy_project

pytestmark = pytest.mark.slow  # full mkdocs builds
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    try:
        first = built(copy_project(tmp_path_factory.mktemp("first") / "a", HOSTILE))
        second = built(copy_project(tmp_path_factory.mktemp("second") / "somewhere" / "else", HOSTILE))
    finally:
        monkeypatch.undo()
    return first, second


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(two_builds: tuple[Path, Path]) -> None:
    first, second = (files(site) for site in two_builds)
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_the_identical_builds_include_pagefinds_whole_index(two_builds: tuple[Path, Path]) -> None:
    names = files(two_builds[0])
    for kind in (r"pagefind/pagefind-entry\.json", r"pagefind/pagefind\.en_[0-9a-f]+\.pf_meta",
                 r"pagefind/filter/en_[0-9a-f]+\.pf_filter",
                 r"pagefind/index/en_[0-9a-f]+\.pf_index", r"pagefind/fragment/en_[0-9a-f]+\.pf_fragment"):
        assert any(re.fullmatch(kind, name) for name in names), f"no {kind} in the build"


def test_no_build_folder_leaks_into_the_site(two_builds: tuple[Path, Path]) -> None:
    for site in two_builds:
        folder = str(site.parent).encode()
        assert [name for name, data in files(site).items() if folder in data] == []


def newest_review() -> str:
    records = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in (*sorted((ROOT / "casestudies").glob("*.yaml")), *HOSTILE)]
    return max(str(r["reviewed"]) for r in records)


def test_the_sitemap_dates_are_the_newest_review_not_today(two_builds: tuple[Path, Path]) -> None:
    site = two_builds[0]
    dates = set(re.findall(r"<lastmod>([^<]+)</lastmod>", (site / "sitemap.xml").read_text(encoding="utf-8")))
    assert dates == {newest_review()}
    compressed = (site / "sitemap.xml.gz").read_bytes()
    mtime = struct.unpack("<I", compressed[4:8])[0]
    assert mtime % 86400 == 0  # midnight UTC of a date, not the clock
    assert gzip.decompress(compressed) == (site / "sitemap.xml").read_bytes()


def test_an_explicit_source_date_epoch_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "946684800")  # 2000-01-01
    site = built(copy_project(tmp_path / "project"))
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", (site / "sitemap.xml").read_text(encoding="utf-8"))) == {"2000-01-01"}
