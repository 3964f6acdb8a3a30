"""Common pitfalls and what helped, as data: every barrier once, under the theme where barriers recur most.

A barrier is one record's statement; what recurs is the theme: barriers on "Senior sponsorship" seen in three
case studies. So the page has one section per theme with barriers, ranked by how many case studies report
barriers on it, and each barrier appears once, in the highest-ranked of its themes. A section also names the
barriers on its theme that appear under another theme (a link, not a copy), so that its count can be checked.

What helped comes from the records only: the recommendations whose ``addresses`` names the barrier (the
record's own link), then, labelled as such, workstreams that merely share a theme with it, and recommendations
that do when no record answers the barrier.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import islice

from ..model.entities import Catalogue, CaseStudy, Item, Theme

PITFALLS_PER_THEME = 5
"""Barrier blocks shown per theme; the rest are one explorer link away (at 1,000 case studies a theme has hundreds)."""
SAME_THEME_LIMIT = 3
"""Workstreams "on the same theme" shown beside a barrier, and recommendations when no record answers it."""
ELSEWHERE_LIMIT = 6
"""Links to barriers on a theme that are shown under another theme."""
NAMES_LIMIT = 12
"""Case studies named in a theme's "seen in" line; the rest are counted ("and 240 more")."""


@dataclass(frozen=True)
class Pitfall:
    """One barrier, with who reports it and what answers it."""

    barrier: Item
    reporters: tuple[CaseStudy, ...]
    """The case study whose record holds it, then those it is credited to (``shared_with``)."""
    answers: tuple[Item, ...]
    """Recommendations that name this barrier in ``addresses``."""
    same_theme_recommendations: tuple[Item, ...]
    """When nothing answers it: recommendations sharing one of its themes, its own case studies' first (at most
    ``SAME_THEME_LIMIT``)."""
    same_theme_actions: tuple[Item, ...]
    """Workstreams sharing one of its themes, its own case studies' first (at most ``SAME_THEME_LIMIT``)."""

    @property
    def anchor(self) -> str:
        return f"pitfall-{self.barrier.case_id}-{self.barrier.id}"


@dataclass(frozen=True)
class PitfallTheme:
    """One theme on the page: the case studies reporting barriers on it and the barriers shown under it."""

    theme: Theme
    reporters: tuple[CaseStudy, ...]
    """Every case study with a barrier on this theme (shown here or elsewhere), in catalogue order."""
    barriers: int
    """Barriers tagged with this theme, wherever they are shown."""
    pitfalls: tuple[Pitfall, ...]
    """Barriers whose home is this theme, at most ``PITFALLS_PER_THEME``."""
    homed: int
    """How many barriers have this theme as their home (``pitfalls`` may show fewer)."""
    elsewhere: tuple[tuple[Item, Theme], ...]
    """Barriers on this theme shown under another theme, with that theme (at most ``ELSEWHERE_LIMIT``)."""


@dataclass(frozen=True)
class Pitfalls:
    cases: int
    """Case studies in the knowledge base: the base every "seen in N of M" counts against."""
    cases_with_barriers: int
    barriers: int
    themes: tuple[PitfallTheme, ...]


def reporters_of(catalogue: Catalogue, item: Item, order: dict[str, int]) -> tuple[CaseStudy, ...]:
    """The case study that wrote ``item`` and those it is credited to, in catalogue order (unknown ids dropped)."""
    ids = sorted({item.case_id, *item.shared_with} & order.keys(), key=order.__getitem__)
    return tuple(catalogue.case_studies[order[i]] for i in ids)


def _same_theme(candidates: list[Item], barrier: Item, reporters: set[str], exclude: set[str]) -> tuple[Item, ...]:
    """Up to ``SAME_THEME_LIMIT`` of ``candidates`` not in ``exclude``: the reporting case studies' first."""
    picked = [i for i in candidates if i.key not in exclude]
    picked.sort(key=lambda i: i.case_id not in reporters)  # stable: theme order within each group
    return tuple(picked[:SAME_THEME_LIMIT])


def _candidates(catalogue: Catalogue, barrier: Item, kind: str, limit: int) -> list[Item]:
    """Items of ``kind`` on the barrier's themes, each once; the barrier's own case study's first, then others,
    at most ``limit`` from the others (enough to fill the block without walking a whole theme at scale)."""
    own: list[Item] = []
    others: list[Item] = []
    seen: set[str] = set()
    for theme in barrier.themes:
        for item in catalogue.items_by_theme_kind[theme.id][kind]:
            if item.key in seen:
                continue
            if item.case_id == barrier.case_id or barrier.case_id in item.shared_with or item.case_id in barrier.shared_with:
                own.append(item)
                seen.add(item.key)
            elif len(others) < limit:
                others.append(item)
                seen.add(item.key)
    return own + others


def pitfalls(catalogue: Catalogue) -> Pitfalls:
    order = {c.id: n for n, c in enumerate(catalogue.case_studies)}
    # each barrier with its key (case-id/item-id), worked out once: the sections look barriers up by it many times
    barriers = [(b.key, b) for case in catalogue.case_studies for b in case.barriers]
    reporters = {key: reporters_of(catalogue, b, order) for key, b in barriers}
    on_theme: dict[str, list[tuple[str, Item]]] = {}
    for key, barrier in barriers:
        for theme in barrier.themes:
            on_theme.setdefault(theme.id, []).append((key, barrier))
    themes_by_id = {t.id: t for t in catalogue.themes}
    theme_order = {t.id: n for n, t in enumerate(catalogue.themes)}
    theme_reporters = {tid: {c.id for key, _ in items for c in reporters[key]} for tid, items in on_theme.items()}
    ranked = sorted(on_theme, key=lambda tid: (-len(theme_reporters[tid]), -len(on_theme[tid]), theme_order[tid]))
    rank = {tid: n for n, tid in enumerate(ranked)}
    home = {key: min((t.id for t in b.themes), key=rank.__getitem__) for key, b in barriers}
    answers: dict[str, list[Item]] = {}
    for case in catalogue.case_studies:
        for recommendation in case.recommendations:
            for barrier_id in recommendation.addresses:
                answers.setdefault(f"{case.id}/{barrier_id}", []).append(recommendation)

    def pitfall(key: str, barrier: Item) -> Pitfall:
        own = {c.id for c in reporters[key]}
        direct = tuple(answers.get(key, ()))
        # Recommendations that merely share a theme only where no record answers the barrier: beside an answer
        # they would double the block for little.
        recs = () if direct else _same_theme(_candidates(catalogue, barrier, "recommendation", SAME_THEME_LIMIT),
                                             barrier, own, set())
        actions = _candidates(catalogue, barrier, "workstream", SAME_THEME_LIMIT)
        return Pitfall(barrier, reporters[key], direct, recs, _same_theme(actions, barrier, own, set()))

    def weight(keyed: tuple[str, Item]) -> tuple[int, bool, int]:
        """Shown first: barriers credited to more case studies, then those a record answers, then catalogue order."""
        key, barrier = keyed
        return (-len(reporters[key]), key not in answers, order[barrier.case_id])

    themes = []
    for tid in ranked:
        items = on_theme[tid]
        homed = sorted(((key, b) for key, b in items if home[key] == tid), key=weight)
        elsewhere = islice(((b, themes_by_id[home[key]]) for key, b in items if home[key] != tid), ELSEWHERE_LIMIT)
        themes.append(PitfallTheme(
            theme=themes_by_id[tid],
            reporters=tuple(catalogue.case_studies[n] for n in sorted(order[c] for c in theme_reporters[tid])),
            barriers=len(items), pitfalls=tuple(pitfall(key, b) for key, b in homed[:PITFALLS_PER_THEME]), homed=len(homed),
            elsewhere=tuple(elsewhere)))
    with_barriers = {c.id for rs in reporters.values() for c in rs}
    return Pitfalls(cases=len(catalogue.case_studies), cases_with_barriers=len(with_barriers), barriers=len(barriers),
                    themes=tuple(themes))
