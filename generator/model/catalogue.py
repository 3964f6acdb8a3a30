"""Build the model from validated records: every cross-link resolved before any page is drawn."""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any, Iterable, TypeVar

import numpy as np

from ..kinds import KIND_PLURALS, Kind
from .entities import (NATIONS, SCOPE_TITLES, Catalogue, CaseStudy, Item, Member, MemberTotal, Quote, Source, Status, Theme,
                       ThemeGroup)
from ..check.record_rules import RESERVED_PREFIXES, SECTION_ANCHORS
from ..check.validate import Vocabulary
from ..dates import parse_when
from ..words import slug
from ..read.inputs import Inputs, Record

RELATED_LIMIT = 5
BLOCK = 512  # rows of the shared-themes matrix computed at once
T = TypeVar("T")


def case_page_uri(case_id: str) -> str:
    """The docs path of a case study's page: from its id, which is also its file's name (check/record_rules)."""
    return f"casestudies/{case_id}.md"


def member_type_titles(schema: dict[str, Any]) -> dict[str, str]:
    member_type = schema["properties"]["members"]["items"]["properties"]["type"]
    return {key: member_type["x-enum-titles"][key] for key in member_type["enum"]}


def build_catalogue(inputs: Inputs, records: list[Record], vocabulary: Vocabulary) -> Catalogue:
    """The whole model, from records that passed validation."""
    return _build(inputs, records, vocabulary)


def _build(inputs: Inputs, records: list[Record], vocabulary: Vocabulary) -> Catalogue:
    groups = {g["id"]: ThemeGroup(g["id"], g["title"], g["description"]) for g in vocabulary.groups}
    themes = {t["id"]: Theme(t["id"], t["title"], t["description"], groups[t["group"]], f"themes/{t['id']}.md")
              for t in vocabulary.themes}
    member_types = member_type_titles(inputs.schema)
    cases = sorted((_case_study(r, themes, member_types) for r in records), key=lambda c: (c.title.lower(), c.id))
    items = [item for case in cases for item in case.items]
    credited = _group(((other, item) for item in items for other in item.shared_with), (c.id for c in cases))
    # theme_ids is a property that walks every item: computed once per case study, not per index; a statement
    # reported jointly counts for each case study it is credited to
    case_themes = [(case, sorted(case.theme_ids | {t.id for i in credited[case.id] for t in i.themes})) for case in cases]
    return Catalogue(
        case_studies=tuple(cases),
        groups=tuple(groups.values()),
        themes=tuple(themes.values()),
        member_types=member_types,
        items_by_theme=_group(((t.id, item) for item in items for t in item.themes), themes),
        case_studies_by_theme=_group(((t, c) for c, ids in case_themes for t in ids), themes),
        case_studies_by_nation=_group(((c.nation, c) for c in cases), NATIONS),
        case_studies_by_member_type=_group(((t, c) for c in cases for t in c.member_types), member_types),
        case_studies_by_status=_group(((c.status.state, c) for c in cases), ("active", "paused", "wound-down", "unknown")),
        case_studies_by_scope=_group(((c.scope, c) for c in cases), SCOPE_TITLES),
        credited=credited,
        cooccurrence=_cooccurrence(items, themes),
        related=_related(case_themes),
        schema=inputs.schema,
        schema_text=inputs.schema_text,
        guide=inputs.guide,
    )


def _group(pairs: Iterable[tuple[str, T]], keys: Iterable[str]) -> dict[str, tuple[T, ...]]:
    """Index values by key, every key present (possibly empty), values in first-seen order."""
    index: dict[str, list[T]] = {key: [] for key in keys}
    for key, value in pairs:
        index[key].append(value)
    return {key: tuple(values) for key, values in index.items()}


def _source(s: dict[str, Any]) -> Source:
    return Source(s["id"], s.get("title"), s.get("publisher"), s["kind"], s.get("date"), s.get("url"),
                  tuple(s.get("authors", ())))


def _case_study(record: Record, themes: dict[str, Theme], member_types: dict[str, str]) -> CaseStudy:
    data: dict[str, Any] = record.data
    case_id, page_uri = data["id"], case_page_uri(data["id"])
    sources = tuple(_source(s) for s in data["sources"])
    by_source = {s.id: s for s in sources}
    answers: dict[str, list[str]] = defaultdict(list)
    for rec in data.get("recommendations", []):
        for barrier in rec.get("addresses", []):
            answers[barrier].append(rec["id"])

    def item(kind: Kind, i: dict[str, Any], item_id: str) -> Item:
        statement = kind != "workstream"
        return Item(
            kind=kind, id=item_id, title=i["title"] if statement else i["name"],
            detail=i["detail"] if statement else i.get("aim", ""),
            themes=tuple(themes[t] for t in i["themes"]), case_id=case_id, case_title=data["title"], page_uri=page_uri,
            quote=Quote(i["quote"]["text"], i["quote"]["by"]) if "quote" in i else None,
            source=by_source.get(i.get("source", "")), evidence=i.get("evidence"),
            addresses=tuple(i.get("addresses", ())), addressed_by=tuple(answers.get(item_id, ())),
            shared_with=tuple(i.get("shared_with", ())), activities=tuple(i.get("activities", ())),
            outcomes=tuple(i.get("outcomes", ())), progress=i.get("status"),
        )

    def items(kind: Kind) -> tuple[Item, ...]:
        return tuple(item(kind, i, i["id"]) for i in data.get(KIND_PLURALS[kind], []))

    statement_ids = {i["id"] for kind in ("lessons", "barriers", "recommendations") for i in data.get(kind, [])}
    workstream_ids = _workstream_ids(data.get("workstreams", []), statement_ids)
    place, coords = data["place"], data["place"].get("coordinates")
    rank = {t: n for n, t in enumerate(member_types)}
    status, total = data["status"], data.get("member_total")
    return CaseStudy(
        id=case_id, title=data["title"], scope=data["scope"], network_name=data["network"]["name"],
        former_names=tuple(data["network"].get("former_names", ())), summary=data["summary"],
        area=place["area"], region=place["region"], nation=place["nation"],
        coordinates=(coords["lat"], coords["lon"]) if coords else None,
        started=parse_when(data.get("started")), ended=parse_when(data.get("ended")),
        status=Status(status["state"], status.get("as_of"), by_source.get(status.get("source", ""))),
        convenor=data.get("convenor"),
        members=tuple(sorted((Member(m["name"], m["type"], member_types[m["type"]]) for m in data.get("members", [])),
                             key=lambda m: (rank[m.type], m.name.lower()))),
        member_total=MemberTotal(total["at_least"], total.get("at_most")) if total else None,
        context=data["context"],
        workstreams=tuple(item("workstream", w, ws_id) for w, ws_id in zip(data.get("workstreams", []), workstream_ids)),
        lessons=items("lesson"), barriers=items("barrier"), recommendations=items("recommendation"),
        sources=sources, reviewed=data["reviewed"], source_path=record.display, page_uri=page_uri, raw=data,
    )


def _workstream_ids(workstreams: list[dict[str, Any]], taken: set[str]) -> list[str]:
    """Each workstream's own id, or one made from its name, unique in the record."""
    ids, used = [], set(taken) | {w["id"] for w in workstreams if "id" in w}
    for w in workstreams:
        if "id" in w:
            ids.append(w["id"])
            continue
        base = slug(w["name"])[:60] or "work"
        if base in SECTION_ANCHORS or base.startswith(RESERVED_PREFIXES):  # the page's own anchors: keep clear
            base = f"ws-{base}"
        candidate, n = base, 2
        while candidate in used:
            candidate, n = f"{base}-{n}", n + 1
        used.add(candidate)
        ids.append(candidate)
    return ids


def _cooccurrence(items: list[Item], themes: dict[str, Theme]) -> dict[str, tuple[tuple[Theme, int], ...]]:
    # Items carry one to three themes, so few distinct combinations: count those, then their pairs.
    combinations = Counter(tuple(t.id for t in item.themes) for item in items if len(item.themes) > 1)
    counts: dict[str, Counter[str]] = {t: Counter() for t in themes}
    for ids, n in combinations.items():
        for a in ids:
            for b in ids:
                if b != a:
                    counts[a][b] += n
    rank = {t: n for n, t in enumerate(themes)}
    return {t: tuple((themes[o], n) for o, n in sorted(c.items(), key=lambda kv: (-kv[1], rank[kv[0]])))
            for t, c in counts.items()}


def _related(case_themes: list[tuple[CaseStudy, list[str]]]) -> dict[str, tuple[tuple[CaseStudy, int], ...]]:
    """Each case study's nearest neighbours by shared themes, counted with bit masks over blocks of rows."""
    cases = [case for case, _ in case_themes]
    n, k = len(cases), min(RELATED_LIMIT, len(cases) - 1)
    if k <= 0:
        return {case.id: () for case in cases}
    masks = _theme_masks([ids for _, ids in case_themes])
    # One key per pair: shared themes first, then the lower index (cases are sorted by title, so ties
    # go alphabetically). Keys are unique, so k passes of argmax give exactly the top k in order.
    tiebreak = np.arange(n - 1, -1, -1, dtype=np.int64)
    related = {}
    for start in range(0, n, BLOCK):
        block = masks[start:start + BLOCK]
        shared = sum(np.bitwise_count(block[:, None, w] & masks[None, :, w]) for w in range(masks.shape[1]))
        key = shared.astype(np.int64) * n + tiebreak
        rows = np.arange(len(block))
        key[rows, rows + start] = -1  # a case study is not its own neighbour
        picks, counts = [], []
        for _ in range(k):
            best = key.argmax(axis=1)
            picks.append(best)
            counts.append(key[rows, best] // n)
            key[rows, best] = -1
        for row, js, ns in zip(rows.tolist(), np.stack(picks, 1).tolist(), np.stack(counts, 1).tolist()):
            related[cases[start + row].id] = tuple((cases[j], c) for j, c in zip(js, ns) if c > 0)
    return related


def _theme_masks(theme_ids: list[list[str]]) -> np.ndarray:
    """One row of 64-bit words per case study, a bit per theme it uses."""
    column = {t: j for j, t in enumerate(sorted({t for ids in theme_ids for t in ids}))}
    words = max(1, -(-len(column) // 64))
    masks = np.zeros((len(theme_ids), words), dtype=np.uint64)
    for i, ids in enumerate(theme_ids):
        row = [0] * words
        for t in ids:
            row[column[t] // 64] |= 1 << (column[t] % 64)
        masks[i] = row
    return masks
