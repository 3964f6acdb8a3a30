"""The model: frozen dataclasses built once from validated records, read by templates."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Mapping

from ..kinds import KIND_PLURALS, KINDS, Kind
from ..words import year_range

STATUS_TITLES = {"active": "Active", "paused": "Paused", "wound-down": "Wound down"}
NATIONS = ("England", "Scotland", "Wales", "Northern Ireland")


@dataclass(frozen=True)
class ThemeGroup:
    """A broad anchor lever that themes belong to."""

    id: str
    title: str
    description: str


@dataclass(frozen=True)
class Theme:
    """One entry of the controlled vocabulary."""

    id: str
    title: str
    description: str
    group: ThemeGroup
    page_uri: str
    """Docs-relative path of the theme's page, e.g. ``themes/staff-wellbeing.md``."""


@dataclass(frozen=True)
class Member:
    name: str
    type: str
    """Member type id, e.g. ``nhs-trust``."""
    type_title: str
    """Readable member type, e.g. ``NHS trust``."""


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    kind: str
    date: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Quote:
    text: str
    by: str


@dataclass(frozen=True)
class Workstream:
    name: str
    aim: str
    status: str
    activities: tuple[str, ...] = ()
    outcomes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Item:
    """A lesson, barrier or recommendation of one case study."""

    kind: Kind
    id: str
    """Unique within the case study; the permanent anchor on its page."""
    title: str
    detail: str
    """Markdown."""
    themes: tuple[Theme, ...]
    case_id: str
    case_title: str
    page_uri: str
    """Docs-relative path of the case study page that holds the item."""
    quote: Quote | None = None
    source: Source | None = None
    evidence: str | None = None
    addresses: tuple[str, ...] = ()
    """For a recommendation: ids of the barriers it answers."""
    addressed_by: tuple[str, ...] = ()
    """For a barrier: ids of the recommendations that answer it."""

    @property
    def anchor(self) -> str:
        return self.id

    @property
    def key(self) -> str:
        """Unique across the site: ``case-id/item-id``."""
        return f"{self.case_id}/{self.id}"


@dataclass(frozen=True)
class CaseStudy:
    id: str
    title: str
    network_name: str
    former_names: tuple[str, ...]
    summary: str
    area: str
    region: str
    nation: str
    coordinates: tuple[float, float] | None
    started: str
    ended: str | None
    status: str
    convenor: str
    members: tuple[Member, ...]
    context: str
    workstreams: tuple[Workstream, ...]
    lessons: tuple[Item, ...]
    barriers: tuple[Item, ...]
    recommendations: tuple[Item, ...]
    sources: tuple[Source, ...]
    reviewed: str
    source_path: str
    """Project-relative posix path of the YAML record, e.g. ``casestudies/bay.yaml``."""
    page_uri: str
    """Docs-relative path of the case study's page, e.g. ``casestudies/bay.md``."""
    raw: Mapping[str, object] = field(repr=False, compare=False, hash=False, default_factory=dict)
    """The validated record as loaded, for open data."""

    @property
    def items(self) -> tuple[Item, ...]:
        return self.lessons + self.barriers + self.recommendations

    @cached_property
    def item_by_id(self) -> Mapping[str, Item]:
        """Item id -> item, so cards resolve their barrier/recommendation cross-links without a search."""
        return {item.id: item for item in self.items}

    @property
    def status_title(self) -> str:
        return STATUS_TITLES[self.status]

    @property
    def years(self) -> str:
        start = self.started[:4]
        if self.ended:
            return year_range(start, self.ended[:4])
        return f"{start}–" if self.status == "active" else f"{start}–?"

    @cached_property  # the explorer and the items CSV ask once per item
    def member_types(self) -> tuple[str, ...]:
        return tuple(sorted({m.type for m in self.members}))

    @cached_property
    def theme_ids(self) -> frozenset[str]:
        return frozenset(t.id for item in self.items for t in item.themes)


@dataclass(frozen=True)
class Catalogue:
    """Every case study and theme, and the indexes the site needs; built once, read many times."""

    case_studies: tuple[CaseStudy, ...]
    """Sorted by title, then id."""
    groups: tuple[ThemeGroup, ...]
    themes: tuple[Theme, ...]
    """In vocabulary order."""
    member_types: Mapping[str, str]
    """Member type id -> title, in vocabulary order."""
    items_by_theme: Mapping[str, tuple[Item, ...]]
    case_studies_by_theme: Mapping[str, tuple[CaseStudy, ...]]
    case_studies_by_nation: Mapping[str, tuple[CaseStudy, ...]]
    case_studies_by_member_type: Mapping[str, tuple[CaseStudy, ...]]
    case_studies_by_status: Mapping[str, tuple[CaseStudy, ...]]
    cooccurrence: Mapping[str, tuple[tuple[Theme, int], ...]]
    """Theme id -> themes tagged on the same items, most frequent first."""
    related: Mapping[str, tuple[tuple[CaseStudy, int], ...]]
    """Case id -> other case studies ranked by the number of themes they share."""
    schema: Mapping[str, Any] = field(default_factory=dict)
    """The case-study JSON Schema, for the field reference and the open data."""
    schema_text: str = ""
    """The schema file as written, published unchanged with the open data."""
    guide: str = ""
    """CONTRIBUTING.md, shown on the Contribute page."""

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for case in self.case_studies for item in case.items)

    # cached_property writes the instance __dict__ directly, which a frozen dataclass allows: built on
    # first use, so catalogues made by hand in tests need not pass it.
    @cached_property
    def items_by_theme_kind(self) -> Mapping[str, Mapping[str, tuple[Item, ...]]]:
        """Theme id -> kind -> that theme's items of that kind, in ``items_by_theme`` order."""
        return {theme_id: {kind: tuple(i for i in items if i.kind == kind) for kind in KINDS}
                for theme_id, items in self.items_by_theme.items()}

    @property
    def latest_review(self) -> str:
        """The newest ``reviewed`` date: when the content last changed (1970-01-01 for no case study)."""
        return max((case.reviewed for case in self.case_studies), default="1970-01-01")

    def theme(self, theme_id: str) -> Theme:
        return next(t for t in self.themes if t.id == theme_id)

    def case_study(self, case_id: str) -> CaseStudy:
        return next(c for c in self.case_studies if c.id == case_id)

    def themes_in_group(self, group: ThemeGroup) -> tuple[Theme, ...]:
        return tuple(t for t in self.themes if t.group == group)

    def count(self, kind: Kind) -> int:
        return sum(len(getattr(c, KIND_PLURALS[kind])) for c in self.case_studies)
