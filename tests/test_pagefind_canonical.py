"""Pagefind's filter and metadata indexes rewritten in canonical order (generator/search/pagefind_canonical.py).

The fast tests use a small hand-made index: the same entries in any order give the same bytes, under names
that are hashes of the content, which the metadata and the entry file point at. The last test runs Pagefind
on the seed records: the rewrite keeps every entry and touches no other file, and cbor2 re-encodes
Pagefind's own CBOR byte for byte and names files exactly as Pagefind does.
"""
from __future__ import annotations

import gzip
import json
import random
import shutil
from pathlib import Path

import cbor2
import pytest

from generator.search import pagefind_run
from generator.pipeline import load_site
from generator.search.pagefind_canonical import SIGNATURE, _unique, canonicalise, compressed, pagefind_hash, read_index
from generator.search.pagefind_run import PagefindRun
from generator.search.records import search_records

ROOT = Path(__file__).resolve().parent.parent
FILTERS = {
    "theme": [("Resourcing", [3, 1]), ("Anti-racism", [2]), ("Zero carbon", [0, 4]), ("Équité", [5])],
    "nation": [("Wales", [1]), ("England", [0, 2])],
    "status": [("Active", [0, 1, 2])],
}
META_REST = ["1.5.2", [["en_aaaaaaa", 10], ["en_bbbbbbb", 20]], [["a", "z", "en_ccccccc"]]]


def small_index(folder: Path, shuffle: random.Random | None = None) -> Path:
    """An index as Pagefind lays it out (entry file, metadata, filters), its filter entries in the order ``shuffle`` gives."""
    (folder / "filter").mkdir(parents=True)
    filters = []
    for number, (name, values) in enumerate(FILTERS.items()):
        values = [(value, list(pages)) for value, pages in values]
        if shuffle:
            shuffle.shuffle(values)
        (folder / "filter" / f"en_old{number}.pf_filter").write_bytes(gzip.compress(SIGNATURE + cbor2.dumps([name, values])))
        filters.append([name, f"en_old{number}"])
    if shuffle:
        shuffle.shuffle(filters)
    meta = [*META_REST, filters, [], ["title", "url"]]
    (folder / "pagefind.en_oldmeta.pf_meta").write_bytes(gzip.compress(SIGNATURE + cbor2.dumps(meta)))
    (folder / "pagefind-entry.json").write_text(
        '{"version":"1.5.2","languages":{"en":{"hash":"en_oldmeta","wasm":"en","page_count":2}},"include_characters":["_","‿"]}',
        encoding="utf-8")
    return folder


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def payload(path: Path) -> bytes:
    data = gzip.decompress(path.read_bytes())
    assert data.startswith(SIGNATURE)
    return data[len(SIGNATURE):]


def test_the_same_entries_in_any_order_give_the_same_bytes(tmp_path: Path) -> None:
    trees = []
    for seed in range(6):
        folder = small_index(tmp_path / str(seed), random.Random(seed) if seed else None)
        canonicalise(folder)
        trees.append(tree(folder))
    assert all(t == trees[0] for t in trees[1:])


def test_entries_are_sorted_and_files_named_by_their_content(tmp_path: Path) -> None:
    folder = small_index(tmp_path / "index", random.Random(1))
    canonicalise(folder)
    entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta_name = entry["languages"]["en"]["hash"]
    meta_file = folder / f"pagefind.{meta_name}.pf_meta"
    assert meta_name == "en_" + pagefind_hash(payload(meta_file))[:10]
    meta = read_index(meta_file)
    assert meta[:3] == META_REST and meta[4:] == [[], ["title", "url"]]
    assert [name for name, _ in meta[3]] == ["nation", "status", "theme"]
    for name, file in meta[3]:
        path = folder / "filter" / f"{file}.pf_filter"
        assert file == "en_" + pagefind_hash(payload(path))[:7]
        assert read_index(path) == [name, sorted([value, sorted(pages)] for value, pages in FILTERS[name])]
    # code points, as Rust sorts strings
    assert read_index(folder / "filter" / f"{meta[3][2][1]}.pf_filter")[1][-1][0] == "Équité"
    assert sorted(p.name for p in folder.rglob("*") if p.is_file()) == sorted(
        ["pagefind-entry.json", meta_file.name, *(f"{file}.pf_filter" for _, file in meta[3])])  # the old files are gone
    assert (folder / "pagefind-entry.json").read_text(encoding="utf-8").endswith('"include_characters":["_","‿"]}')


def test_canonicalising_twice_changes_nothing(tmp_path: Path) -> None:
    folder = small_index(tmp_path / "index", random.Random(2))
    canonicalise(folder)
    once = tree(folder)
    canonicalise(folder)
    assert tree(folder) == once


def test_pagefinds_hash_drops_the_zero_padding_of_each_byte() -> None:
    assert pagefind_hash(b"") == "da39a3ee5e6b4bd3255bfef95601890afd879"  # SHA-1 da39a3ee5e6b4b0d...0709


def test_a_colliding_name_is_lengthened() -> None:
    taken: set[str] = set()
    assert _unique("en", "abcdef0123", 7, taken) == "en_abcdef0"
    assert _unique("en", "abcdef0456", 7, taken) == "en_abcdef04"


def test_files_are_gzip_with_pagefinds_header_and_no_date() -> None:
    data = compressed(b"\x82astatus")
    assert data[:10] == b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    assert gzip.decompress(data) == SIGNATURE + b"\x82astatus"


def test_a_file_without_pagefinds_signature_is_refused(tmp_path: Path) -> None:
    (tmp_path / "x.pf_filter").write_bytes(gzip.compress(b"not pagefind"))
    with pytest.raises(ValueError, match="signature"):
        read_index(tmp_path / "x.pf_filter")


def test_a_real_index_keeps_its_entries_and_pagefinds_encoding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    records = search_records(load_site(ROOT))
    monkeypatch.setattr(pagefind_run, "canonicalise", lambda output: None)  # Pagefind's index as it wrote it
    PagefindRun(lambda: records, True).finish(tmp_path / "raw")
    raw = tmp_path / "raw" / "pagefind"
    before = tree(raw)
    for path in raw.rglob("*.pf_*"):
        data = payload(path)
        if path.suffix != ".pf_fragment":  # CBOR; fragments are JSON
            assert cbor2.dumps(cbor2.loads(data)) == data, f"cbor2 re-encodes {path.name} differently"
        length = 10 if path.suffix == ".pf_meta" else 7
        assert path.name.split(".")[-2] == "en_" + pagefind_hash(data)[:length], f"{path.name} is not named as computed"

    shutil.copytree(raw, tmp_path / "canonical")
    canonical = tmp_path / "canonical"
    canonicalise(canonical)
    after = tree(canonical)
    def untouched(files: dict[str, bytes]) -> dict[str, bytes]:
        return {n: b for n, b in files.items()
                if not (n.startswith("filter/") or n.endswith(".pf_meta") or n == "pagefind-entry.json")}

    assert untouched(before) == untouched(after) and len(untouched(before)) > 20

    def filters(folder: Path) -> dict[str, dict[str, list[int]]]:
        meta = read_index(next(folder.glob("*.pf_meta")))
        found = {}
        for name, file in meta[3]:
            filter_name, values = read_index(folder / "filter" / f"{file}.pf_filter")
            assert filter_name == name
            found[name] = {value: sorted(pages) for value, pages in values}
        return found

    assert filters(canonical) == filters(raw) and set(filters(raw)) == {"theme", "nation", "member", "status", "scope"}
    meta_before, meta_after = (read_index(next(f.glob("*.pf_meta"))) for f in (raw, canonical))
    assert meta_before[:3] + meta_before[4:] == meta_after[:3] + meta_after[4:]
    entry_before, entry_after = (json.loads((f / "pagefind-entry.json").read_text(encoding="utf-8")) for f in (raw, canonical))
    entry_before["languages"]["en"].pop("hash")
    entry_after["languages"]["en"].pop("hash")
    assert entry_before == entry_after
