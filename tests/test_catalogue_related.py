"""The related-case-studies index against a plain reading of its rule, on random theme sets."""
from __future__ import annotations

import random
from types import SimpleNamespace
from typing import Any

import pytest

from generator.model.catalogue import BLOCK, RELATED_LIMIT, _related


def reference(case_themes: list[tuple[Any, list[str]]]) -> dict[str, list[tuple[str, int]]]:
    """Most shared themes first, ties by position (title order), at least one theme shared, at most five."""
    sets = [set(ids) for _, ids in case_themes]
    result = {}
    for i, (case, _) in enumerate(case_themes):
        shared = [(len(sets[i] & sets[j]), j) for j in range(len(sets)) if j != i]
        ranked = sorted((s for s in shared if s[0] > 0), key=lambda s: (-s[0], s[1]))[:RELATED_LIMIT]
        result[case.id] = [(case_themes[j][0].id, n) for n, j in ranked]
    return result


@pytest.mark.parametrize("cases, themes, seed", [(0, 5, 0), (1, 5, 1), (2, 3, 2), (7, 4, 3), (60, 6, 4), (BLOCK + 37, 19, 5),
                                                 (90, 150, 6)])
def test_related_matches_the_rule(cases: int, themes: int, seed: int) -> None:
    rng = random.Random(seed)
    vocabulary = [f"t{n}" for n in range(themes)]
    case_themes = [(SimpleNamespace(id=f"c{i}"), sorted(set(rng.sample(vocabulary, rng.randint(0, min(4, themes))))))
                   for i in range(cases)]
    got = {case_id: [(case.id, n) for case, n in ranked] for case_id, ranked in _related(case_themes).items()}
    assert got == reference(case_themes)
