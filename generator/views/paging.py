"""Long lists split into pages: theme item lists and the case-study index (the one home of list paging)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from ..model.entities import Catalogue, CaseStudy, Item, Theme

THEME_SUMMARY_LIMIT = 20
"""Items per kind a theme page shows in full; past that, a list of every item by case study follows."""
THEME_INDEX_PAGE_SIZE = 1200
"""Items per page of that list (about 150 bytes of HTML each), so no theme page nears 1 MB at any size."""
CASE_INDEX_PAGE_SIZE = 1000
"""Rows per page of the case-study index (about 300 bytes of HTML each): one page up to 1,000 case studies."""
CASE_LIST_LIMIT = 40
"""A theme page names its case studies in its first lines only up to this many; the item list names them all."""

T = TypeVar("T")


def chunks(items: Sequence[T], size: int) -> list[tuple[T, ...]]:
    """``items`` in runs of ``size`` (the last may be shorter); one empty run for no items, so a list always has a page."""
    return [tuple(items[at:at + size]) for at in range(0, len(items), size)] or [()]


@dataclass(frozen=True)
class ListPage:
    """One page of a long list split over several: its number (from 1) and every page's path."""

    number: int
    page_uris: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.page_uris)

    @property
    def uri(self) -> str:
        return self.page_uris[self.number - 1]


@dataclass(frozen=True)
class ThemeIndex(ListPage):
    """One page of a theme's list of every item: page 1 is the theme page itself."""

    items: tuple[Item, ...]
    """This page's share of the list; empty when the theme page already shows every item in full."""


@dataclass(frozen=True)
class CaseIndexPage(ListPage):
    """One page of the case-study index: its case studies by nation."""

    by_nation: tuple[tuple[str, tuple[CaseStudy, ...]], ...]


def theme_page_uri(theme: Theme, number: int) -> str:
    return theme.page_uri if number == 1 else f"themes/{theme.id}/page-{number}.md"


def theme_indexes(catalogue: Catalogue, theme: Theme, page_size: int | None = None) -> tuple[ThemeIndex, ...]:
    """A theme's pages: the theme page, then more pages only if its list of every item needs them."""
    page_size = page_size or THEME_INDEX_PAGE_SIZE
    of_kinds = catalogue.items_by_theme_kind[theme.id]
    if all(len(items) <= THEME_SUMMARY_LIMIT for items in of_kinds.values()):  # every item is shown in full
        return (ThemeIndex(1, (theme.page_uri,), ()),)
    items = catalogue.items_by_theme[theme.id]  # already in case-study order, as the list groups them
    parts = chunks(items, page_size)
    uris = tuple(theme_page_uri(theme, n) for n in range(1, len(parts) + 1))
    return tuple(ThemeIndex(n, uris, chunk) for n, chunk in enumerate(parts, start=1))


def case_index_pages(catalogue: Catalogue, page_size: int | None = None) -> tuple[CaseIndexPage, ...]:
    """The case-study index, in nation order, split into pages of ``page_size`` rows at scale.

    Later pages live under ``casestudies/list/``, which no case study's own page can take.
    """
    page_size = page_size or CASE_INDEX_PAGE_SIZE
    rows = [(nation, case) for nation, cases in catalogue.case_studies_by_nation.items() for case in cases]
    parts = chunks(rows, page_size)
    uris = ("casestudies/index.md", *(f"casestudies/list/page-{n}.md" for n in range(2, len(parts) + 1)))
    pages = []
    for number, chunk in enumerate(parts, start=1):
        by_nation: dict[str, list[CaseStudy]] = {}
        for nation, case in chunk:
            by_nation.setdefault(nation, []).append(case)
        pages.append(CaseIndexPage(number, uris, tuple((n, tuple(c)) for n, c in by_nation.items())))
    return tuple(pages)
