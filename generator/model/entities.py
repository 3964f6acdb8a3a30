"""The model: frozen dataclasses (items: named tuples) built once from validated records, read by templates."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Mapping, NamedTuple

from ..kinds import KIND_PLURALS, KINDS, Kind
from ..dates import When, readable
from ..words import count, year_range

NATIONS = ("England", "Scotland", "Wales", "Northern Ireland")
SCOPE_TITLES = {"network": "Anchor network", "organisation": "Single organisation", "collection": "Collection"}
"""What a case study is about; the schema's x-enum-titles say the same."""


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
    title: str | None
    publisher: str | None
    kind: str
    date: str | None = None
    url: str | None = None
    authors: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """What to call it: its title, else its publisher, else its address."""
        return self.title or self.publisher or self.url or self.id

    @property
    def byline(self) -> str:
        """Publisher and date as readers see them, e.g. 'Hackney Council, 16 June 2022' (empty when neither)."""
        return ", ".join(part for part in (self.publisher if self.title else None,
                                            readable(self.date) if self.date else None) if part)


@dataclass(frozen=True)
class Quote:
    text: str
    by: str


@dataclass(frozen=True)
class Status:
    """Where a case study stood at the date of its evidence."""

    state: str
    """active, paused, wound-down or unknown."""
    as_of: str | None = None
    """Partial date of the evidence."""
    source: Source | None = None

    @property
    def title(self) -> str:
        return STATE_TITLES[self.state]

    @property
    def text(self) -> str:
        """'Active as of June 2022'; 'Active (date of evidence not recorded)'; 'Status unknown'."""
        if self.state == "unknown":
            return self.title
        return f"{self.title} as of {readable(self.as_of)}" if self.as_of else f"{self.title} (date of evidence not recorded)"


STATE_TITLES = {"active": "Active", "paused": "Paused", "wound-down": "Wound down", "unknown": "Status unknown"}


@dataclass(frozen=True)
class MemberTotal:
    at_least: int
    at_most: int | None = None

    @property
    def text(self) -> str:
        return f"{self.at_least}" if not self.at_most or self.at_most == self.at_least else f"{self.at_least}–{self.at_most}"


class Item(NamedTuple):
    """A lesson, barrier, recommendation or workstream of one case study.

    A named tuple rather than a frozen dataclass like the rest of the model: as immutable, and made four times
    faster, which counts for the 20,000 items of a large collection (benchmarks/README.md)."""

    kind: Kind
    id: str
    """Unique within the case study; the permanent anchor on its page."""
    title: str
    """A statement's one line; a workstream's name."""
    detail: str
    """Markdown: a statement's detail; a workstream's aim (may be empty)."""
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
    shared_with: tuple[str, ...] = ()
    """Ids of other case studies that reported the statement jointly: it is credited to each."""
    activities: tuple[str, ...] = ()
    """For a workstream: what it did (Markdown)."""
    outcomes: tuple[str, ...] = ()
    """For a workstream: what it achieved or produced (Markdown)."""
    progress: str | None = None
    """For a workstream: active, completed, paused or stopped, if the sources say."""

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
    scope: str
    """network, organisation or collection."""
    network_name: str
    former_names: tuple[str, ...]
    summary: str
    area: str
    region: str
    nation: str
    coordinates: tuple[float, float] | None
    started: When
    ended: When
    status: Status
    convenor: str | None
    members: tuple[Member, ...]
    member_total: MemberTotal | None
    context: str
    workstreams: tuple[Item, ...]
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
        """Every item, in kind order (``KINDS``)."""
        return self.lessons + self.barriers + self.recommendations + self.workstreams

    def of_kind(self, kind: str) -> tuple[Item, ...]:
        return getattr(self, KIND_PLURALS[kind])  # type: ignore[no-any-return]

    @cached_property
    def item_by_id(self) -> Mapping[str, Item]:
        """Item id -> item, so cards resolve their barrier/recommendation cross-links without a search."""
        return {item.id: item for item in self.items}

    @property
    def scope_title(self) -> str:
        return SCOPE_TITLES[self.scope]

    @property
    def is_network(self) -> bool:
        return self.scope == "network"

    @property
    def years(self) -> str:
        """Start and end as the sources allow: '2020–2023', 'c. 2018–', 'before 2020–?', '?'."""
        start, end = self.started.short, self.ended.short
        if self.ended.known:
            return year_range(start, end) if self.started.known else f"?–{end}"
        if not self.started.known:
            return "?"
        return f"{start}–" if self.status.state == "active" else f"{start}–?"

    @property
    def members_text(self) -> str:
        """'7 partners (2 named)', '3 members', or '' when none is named or counted."""
        named = len(self.members)
        if self.member_total is not None and self.member_total.at_least > named:
            return f"{self.member_total.text} partners ({named} named)" if named else f"{self.member_total.text} partners"
        return count(named, "member") if named else ""

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
    case_studies_by_scope: Mapping[str, tuple[CaseStudy, ...]]
    credited: Mapping[str, tuple[Item, ...]]
    """Case id -> statements written in other records and credited to this case study too (``shared_with``)."""
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

    @cached_property
    def title_of(self) -> Mapping[str, str]:
        """Case id -> title, for links that name another case study (``shared_with``)."""
        return {case.id: case.title for case in self.case_studies}

    def theme(self, theme_id: str) -> Theme:
        return next(t for t in self.themes if t.id == theme_id)

    def case_study(self, case_id: str) -> CaseStudy:
        return next(c for c in self.case_studies if c.id == case_id)

    def themes_in_group(self, group: ThemeGroup) -> tuple[Theme, ...]:
        return tuple(t for t in self.themes if t.group == group)

    def count(self, kind: Kind) -> int:
        return sum(len(getattr(c, KIND_PLURALS[kind])) for c in self.case_studies)
