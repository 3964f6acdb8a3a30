"""The words of a statement and the runs of words that statements share, for the repeated-statement rule
(``collection_rules``).

A statement's words are what ``[a-z0-9']+`` finds in its lower-cased text; a run is ``length`` words in a row.
Finding the runs that several statements share is the costly part at scale, so it is done on whole arrays: every
run gets a 64-bit fingerprint made from its words, equal runs always get equal fingerprints, and only the runs
whose fingerprint occurs twice or more are read again as words and compared exactly. A fingerprint shared by
chance costs that second look and nothing else: it can neither add a run nor hide one.
"""
from __future__ import annotations

from collections import defaultdict

import numpy as np

Run = tuple[bytes, ...]

_WORD_BYTES = b"abcdefghijklmnopqrstuvwxyz0123456789'"
_SPACED = bytes(c if c in _WORD_BYTES else ord(" ") for c in range(256))
"""``bytes.translate`` table: a word byte stays, any other byte becomes a space."""
_IN_WORD = bytes(c in _WORD_BYTES for c in range(256))
"""``bytes.translate`` table: 1 for a word byte, 0 for any other."""
_FIRST_BYTES = np.array([(1 << 8 * n) - 1 for n in range(9)], np.uint64)
"""``_FIRST_BYTES[n]`` keeps the first n bytes of 8 read little-endian: a word's own bytes, not those after it."""
_MIX = np.uint64(0x9E3779B97F4A7C15)
"""An odd 64-bit multiplier (wrapping) that spreads fingerprints; any odd constant gives the same results."""


def encoded(text: str) -> bytes:
    """The text lower-cased as ``str.lower`` does, then one byte per character: a character beyond ASCII becomes
    '?', which ends a word as it does for ``[a-z0-9']+`` (dropping it instead would join the words around it)."""
    return text.lower().encode("ascii", "replace")


def words(text: str) -> list[bytes]:
    """The statement's words, as ``re.findall(r"[a-z0-9']+", text.lower())`` finds them (encoded)."""
    return encoded(text).translate(_SPACED).split()


def runs(words_: list[bytes], length: int) -> frozenset[Run]:
    """Every run of ``length`` words in a row."""
    return frozenset(zip(*(words_[k:] for k in range(length))))


def shared_runs(texts: list[str], length: int, min_words: int, most: int) -> dict[Run, list[int]]:
    """Each sampled run held by more than one and at most ``most`` of the texts with ``min_words`` words or more,
    with the indices of the texts that hold it, in order.

    A sampled run starts at a word whose length is a multiple of 3: a sample that is the same for the same words,
    so statements that share a passage share its sampled runs too, at a third of the cost of every run.
    """
    if not texts:
        return {}
    joined, sizes = _joined(texts)
    text_starts = np.cumsum(sizes + 1) - sizes
    in_word = np.frombuffer(joined.translate(_IN_WORD), np.bool_)
    edges = np.flatnonzero(in_word[1:] != in_word[:-1])  # spaces at both ends: a start, an end, a start...
    edges += 1
    starts, ends = edges[0::2], edges[1::2]
    word_sizes = ends - starts
    first_words = np.searchsorted(starts, text_starts)
    word_counts = np.diff(first_words, append=len(starts))
    # A run starts at any word of a text with enough words but its last length - 1 words (a text of fewer than
    # ``length`` words has no run).
    counted = word_counts >= max(min_words, length)
    boundary = np.zeros(len(starts) + 1, np.int64)
    boundary[first_words[counted]] += 1
    boundary[(first_words + word_counts - length + 1)[counted]] -= 1
    sampled = np.flatnonzero((np.cumsum(boundary[:-1]) > 0) & (word_sizes % 3 == 0))
    if not len(sampled):
        return {}
    eight_bytes = np.ndarray((len(joined) - 7,), "<u8", joined, 0, (1,))  # the 8 bytes from each offset
    # In place, as below: fresh arrays of a million values each cost more than the arithmetic.
    word_prints = eight_bytes[starts]
    word_prints &= _FIRST_BYTES[np.minimum(word_sizes, 8)]
    word_prints *= _MIX
    word_prints += word_sizes.view(np.uint64)
    prints = word_prints[sampled]
    for k in range(1, length):
        prints *= _MIX
        prints += word_prints[k:][sampled]
    again = sampled[_repeated(prints)]
    holders: dict[Run, list[int]] = defaultdict(list)
    text_words: dict[int, list[bytes]] = {}
    owners = np.searchsorted(first_words, again, side="right") - 1  # a text with no word shares the next one's start
    for owner, k in zip(owners.tolist(), (again - first_words[owners]).tolist()):
        held_words = text_words.get(owner)
        if held_words is None:
            held_words = text_words[owner] = words(texts[owner])
        held = holders[tuple(held_words[k:k + length])]
        if not held or held[-1] != owner:  # ``again`` is in text order: a text holding a run twice counts once
            held.append(owner)
    return {run: held for run, held in holders.items() if 1 < len(held) <= most}


def _joined(texts: list[str]) -> tuple[bytes, np.ndarray]:
    """The texts encoded and joined by spaces, with a space before the first and 8 bytes after the last (to read
    8 bytes from any word), and the length of each text encoded.

    Lower-casing the joined text at once keeps every text's place unless a character lower-cases to more than one
    (only 'İ' does): then each text is lower-cased on its own."""
    sizes = np.fromiter(map(len, texts), np.int64, len(texts))
    whole = " ".join(["", *texts, " " * 7])
    lowered = whole.lower()
    if len(lowered) == len(whole):
        return lowered.encode("ascii", "replace"), sizes
    parts = [encoded(text) for text in texts]
    return b" ".join([b"", *parts, b" " * 7]), np.fromiter(map(len, parts), np.int64, len(parts))


def _repeated(prints: np.ndarray) -> np.ndarray:
    """The positions, in order, of the fingerprints that occur more than once.

    Sorting them all would do, but nearly all occur once: counting them by their top bits, about four slots to a
    fingerprint, leaves the few in a slot reached twice or more, and only those are sorted and compared in full."""
    bits = max(1, (4 * len(prints)).bit_length())
    slots = (prints >> np.uint64(64 - bits)).astype(np.intp)
    crowded = np.flatnonzero(np.bincount(slots, minlength=1 << bits)[slots] > 1)
    crowded_prints = prints[crowded]
    ordered = np.sort(crowded_prints)
    repeated = np.unique(ordered[1:][ordered[1:] == ordered[:-1]])
    if not len(repeated):
        return crowded[:0]
    return crowded[repeated[np.searchsorted(repeated, crowded_prints).clip(max=len(repeated) - 1)] == crowded_prints]
