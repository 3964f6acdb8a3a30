"""Parsed records kept between builds, as Python keeps ``.pyc`` files: a record whose text has not changed is not
parsed again.

One file, ``.cache/aln-parsed-records.marshal`` in the project (``.cache/`` is git-ignored), maps a digest of each
record's text to the data the reader made of it. The file also names the reader it came from (its source, PyYAML's
and Python's versions): a change to any of them sets the whole cache aside. Only text that read without a problem
is kept, so every problem is still found and worded by the reader itself, and a record's positions are found from
its text when a problem needs one, as for any record read by the fast path.

marshal, not pickle: loading it can build data but never run code. Any failure to read or write the file (absent,
damaged, a read-only checkout) only means parsing as if there were no cache. Deleting the folder is always safe.
"""
from __future__ import annotations

import functools
import hashlib
import marshal
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

FOLDER = ".cache"
NAME = "aln-parsed-records.marshal"
READER_FILES = ("yaml_source.py", "yaml_fast.py", "scalars.py")
"""The reader's own modules (in ``read/``): their source is part of what the cache's data was made by."""
MISSING = object()

_in_memory: dict[Path, tuple[tuple[int, int], str, dict[bytes, Any]]] = {}
"""The file this process last read or wrote, with its time and size: ``mkdocs serve`` rebuilds in one process and
need not load it again while no other build has replaced it."""


@functools.cache  # once per process: the reader's source as it was when this process loaded it, not as edited since
def reader_fingerprint() -> str:
    """What the cached data depends on besides each record's text."""
    digest = hashlib.blake2b(f"{sys.version}|{yaml.__version__}|{marshal.version}".encode(), digest_size=16)
    read_dir = Path(__file__).resolve().parent.parent / "read"
    for name in READER_FILES:
        digest.update((read_dir / name).read_bytes())
    return digest.hexdigest()


def _stamp(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_mtime_ns, status.st_size


def _remember(path: Path, stamp: tuple[int, int], fingerprint: str, entries: dict[bytes, Any]) -> None:
    _in_memory.clear()  # one project's at a time: a test session builds hundreds
    _in_memory[path] = stamp, fingerprint, entries


def _key(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


class ParseCache:
    """The parsed records of one project: ``get`` what an earlier build parsed, ``keep`` what this one did, ``save``."""

    def __init__(self, path: Path | None, fingerprint: str = "", entries: dict[bytes, Any] | None = None) -> None:
        self.path, self.fingerprint = path, fingerprint
        self._old = entries or {}
        self._now: dict[bytes, Any] = {}
        self._changed = False

    @classmethod
    def of(cls, root: Path) -> ParseCache:
        """The project's cache as the last build left it (empty when there is none, or it cannot be used)."""
        path = root / FOLDER / NAME
        fingerprint = reader_fingerprint()
        try:
            stamp = _stamp(path)
            if path in _in_memory and _in_memory[path][0] == stamp:
                found, entries = _in_memory[path][1:]
            else:
                found, entries = marshal.loads(path.read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            return cls(path, fingerprint)
        if found != fingerprint or not isinstance(entries, dict):
            return cls(path, fingerprint)
        _remember(path, stamp, found, entries)
        return cls(path, fingerprint, entries)

    def get(self, text: str) -> Any:
        """The data read from ``text`` before, or ``MISSING``; what is found is kept for ``save``."""
        key = _key(text)
        data = self._old.get(key, MISSING)
        if data is not MISSING:
            self._now[key] = data
        return data

    def keep(self, text: str, data: Any) -> None:
        """Remember the data read from ``text`` (text that read without a problem)."""
        self._now[_key(text)] = data
        self._changed = True

    def save(self, prune: bool = True) -> None:
        """Write the entries this build used (and, unless ``prune``, the others too: a build that read only some
        records) when any is new or, pruning, any old one went unused; never fails the build."""
        entries = self._now if prune else {**self._old, **self._now}
        if self.path is None or not (self._changed or entries.keys() != self._old.keys()):
            return
        try:
            self.path.parent.mkdir(exist_ok=True)
            # Written aside and then renamed, so a build reading it at the same moment sees the old file or the new one.
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=NAME, suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as out:
                    marshal.dump((self.fingerprint, entries), out)
                os.replace(temporary, self.path)
                _remember(self.path, _stamp(self.path), self.fingerprint, entries)
            except BaseException:
                os.unlink(temporary)
                raise
        except (OSError, ValueError):  # a read-only checkout, a full disk, data marshal cannot write
            pass
