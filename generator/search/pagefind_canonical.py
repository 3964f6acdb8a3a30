"""Pagefind's filter and metadata indexes rewritten in one canonical order, so two builds give the same bytes.

Why: Pagefind 1.5.2 gathers filters in hash maps seeded at random on every run (hashbrown with ahash's
runtime RNG; no environment variable fixes the seed), so each run writes a filter's values, and the
metadata index's list of filters, in a different order. The files are named by a hash of their content
and pagefind-entry.json names the metadata file, so the names change too
(https://github.com/Pagefind/pagefind/issues/638). Measured on the seeds and on 1,000 synthetic case
studies, nothing else differs: the fragments, word indexes and scripts are already stable, and the
differing files hold the same entries in another order.

What: after Pagefind has finished, each filter file's values are sorted by value (each value's pages in
ascending order) and the metadata's filters by name -- the order Pagefind's later source sorts them into
-- then re-encoded, compressed and named as Pagefind names them, and pagefind-entry.json is pointed at the
new metadata file. Search is unchanged: the same entries, found by the names the metadata gives.

How Pagefind names and writes them (pagefind/src/index/mod.rs, output/mod.rs, utils.rs in 1.5.2): the
file is gzip of ``pagefind_dcd`` followed by CBOR; the name is the SHA-1 of that CBOR, each byte in hex
without zero padding (Rust's ``{:x?}``). A filter is ``<language>_`` and 7 of those characters (more on a
collision); the metadata is ``<language>_`` and len(language) + 8 of them. pagefind.js only looks the
names up and verifies no hash, but keeping the content-hash names keeps long-lived caching safe.
CBOR goes through cbor2, whose encoding of these lists, strings and integers is byte-for-byte what
Pagefind's minicbor writes (tests/test_pagefind_canonical.py checks it on a real index).
"""
from __future__ import annotations

import gzip
import hashlib
import json
import struct
import zlib
from pathlib import Path
from typing import Any

import cbor2

SIGNATURE = b"pagefind_dcd"
GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
"""The header Pagefind's gzip files carry: deflate, no name, no mtime, best compression, unknown OS.
Written by hand because Python's own varies (``gzip.compress(mtime=0)`` takes zlib's, whose OS byte
depends on the platform)."""
FILTERS = 3
"""The metadata index's fields are [version, pages, index chunks, filters, sorts, meta fields]."""


def pagefind_hash(data: bytes) -> str:
    """Pagefind's ``full_hash``: SHA-1 in hex, each byte without zero padding (so not ``hexdigest()``)."""
    return "".join(format(byte, "x") for byte in hashlib.sha1(data).digest())


def read_index(path: Path) -> Any:
    """The CBOR value of a compressed Pagefind index file."""
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path.name} is not a Pagefind index file (no {SIGNATURE.decode()} signature)")
    return cbor2.loads(data[len(SIGNATURE):])


def compressed(cbor: bytes) -> bytes:
    """An index file's bytes as Pagefind writes them: a fixed gzip header, deflate at level 9, CRC and size."""
    payload = SIGNATURE + cbor
    deflate = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    body = deflate.compress(payload) + deflate.flush()
    return GZIP_HEADER + body + struct.pack("<II", zlib.crc32(payload), len(payload) & 0xFFFFFFFF)


def canonical_filter(index: list[Any]) -> list[Any]:
    """A filter index ``[name, [[value, [page, ...]], ...]]`` with its values sorted and each value's pages ascending."""
    name, values = index
    return [name, sorted(([value, sorted(pages)] for value, pages in values), key=lambda pair: pair[0])]


def _unique(language: str, digest: str, length: int, taken: set[str]) -> str:
    """``<language>_`` and the first ``length`` characters of ``digest``, lengthened until no other file has it."""
    while (name := f"{language}_{digest[:length]}") in taken and length < len(digest):
        length += 1
    taken.add(name)
    return name


def canonicalise(output: Path) -> None:
    """Rewrite the filter and metadata indexes of the Pagefind index in ``output`` in canonical order, in place."""
    entry_path = output / "pagefind-entry.json"
    entry_text = entry_path.read_text(encoding="utf-8")
    for language, info in json.loads(entry_text)["languages"].items():
        old_meta = output / f"pagefind.{info['hash']}.pf_meta"
        meta = read_index(old_meta)
        old_filters = [output / "filter" / f"{file}.pf_filter" for _, file in meta[FILTERS]]
        encoded = sorted((name, cbor2.dumps(canonical_filter(read_index(path))))
                         for (name, _), path in zip(meta[FILTERS], old_filters))
        for path in old_filters:  # every old file goes first: a new name may be an old one
            path.unlink()
        taken: set[str] = set()
        meta[FILTERS] = []
        for name, cbor in encoded:
            file = _unique(language, pagefind_hash(cbor), 7, taken)
            (output / "filter" / f"{file}.pf_filter").write_bytes(compressed(cbor))
            meta[FILTERS].append([name, file])
        cbor = cbor2.dumps(meta)
        meta_hash = f"{language}_{pagefind_hash(cbor)[:len(language) + 8]}"
        old_meta.unlink()
        (output / f"pagefind.{meta_hash}.pf_meta").write_bytes(compressed(cbor))
        # A replace rather than json.dumps, so the rest of the entry file stays as Pagefind wrote it.
        old = f'"hash":{json.dumps(info["hash"])}'
        if entry_text.count(old) != 1:
            raise ValueError(f"pagefind-entry.json does not name {info['hash']} exactly once")
        entry_text = entry_text.replace(old, f'"hash":{json.dumps(meta_hash)}')
    entry_path.write_text(entry_text, encoding="utf-8")
