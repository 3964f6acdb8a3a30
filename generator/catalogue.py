"""Build the model from validated records: every cross-link resolved before any page is drawn."""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from typing import Any, Iterable, TypeVar

import numpy as np

from .model import KIND_PLURALS, NATIONS, Catalogue, CaseStudy, Item, Kind, Member, Quote, Source, Theme, ThemeGroup, Workstream
from .project import Project
from .validate import Record, Vocabulary

RELATED_LIMIT = 5
T = TypeVar("T")


def member_type_titles(project: Project) -> dict[str, str]:
    schema = json.loads(project.schema_path.read_text(encoding="utf-8"))
    member_type = schema["properties"]["members"]["items"]["properties"]["type"]
    return {key: member_type["x-enum-titles"][key] for key in member_type["enum"]}


def build_catalogue(project: Project, records: list[Record], vocabulary: Vocabulary) -> Catalogue:
    """The whole model, from records that passed validation."""
    groups = {g["id"]: ThemeGroup(g["id"], g["title"], g["description"]) for g in vocabulary.groups}
    themes = {t["id"]: Theme(t["id"], t["title"], t["description"], groups[t["group"]], f"themes/{t['id']}.md")
              for t in vocabulary.themes}
    member_types = member_type_titles(project)
    cases = sorted((_case_study(r, themes, member_types) for r in records), key=lambda c: (c.title.lower(), c.id))
    items = [item for case in cases for item in case.items]
    items_by_theme = _group(((t.id, item) for item in items for t in item.themes), themes)
    return Catalogue(
        case_studies=tuple(cases),
        groups=tuple(groups.values()),
        themes=tuple(themes.values()),
        member_types=member_types,
        items_by_theme=items_by_theme,
        case_studies_by_theme=_group(((t, c) for c in cases for t in sorted(c.theme_ids)), themes),
        case_studies_by_nation=_group(((c.nation, c) for c in cases), NATIONS),
        case_studies_by_member_type=_group(((t, c) for c in cases for t in c.member_types), member_types),
        case_studies_by_status=_group(((c.status, c) for c in cases), ("active", "paused", "wound-down")),
        cooccurrence=_cooccurrence(items, themes),
        related=_related(cases),
    )


def _group(pairs: Iterable[tuple[str, T]], keys: Iterable[str]) -> dict[str, tuple[T, ...]]:
    """Index values by key, every key present (possibly empty), values in first-seen order."""
    index: dict[str, list[T]] = {key: [] for key in keys}
    for key, value in pairs:
        index[key].append(value)
    return {key: tuple(values) for key, values in index.items()}


def _case_study(record: Record, themes: dict[str, Theme], member_types: dict[str, str]) -> CaseStudy:
    data: dict[str, Any] = record.data
    case_id, page_uri = data["id"], f"casestudies/{data['id']}.md"
    sources = tuple(Source(s["id"], s["title"], s["publisher"], s["kind"], s.get("date"), s.get("url")) for s in data["sources"])
    by_source = {s.id: s for s in sources}
    answers: dict[str, list[str]] = defaultdict(list)
    for rec in data.get("recommendations", []):
        for barrier in rec.get("addresses", []):
            answers[barrier].append(rec["id"])

    def items(kind: Kind) -> tuple[Item, ...]:
        return tuple(Item(
            kind=kind, id=i["id"], title=i["title"], detail=i["detail"],
            themes=tuple(themes[t] for t in i["themes"]), case_id=case_id, case_title=data["title"], page_uri=page_uri,
            quote=Quote(i["quote"]["text"], i["quote"]["by"]) if "quote" in i else None,
            source=by_source.get(i.get("source", "")), evidence=i.get("evidence"),
            addresses=tuple(i.get("addresses", ())), addressed_by=tuple(answers.get(i["id"], ())),
        ) for i in data.get(KIND_PLURALS[kind], []))

    place, coords = data["place"], data["place"].get("coordinates")
    return CaseStudy(
        id=case_id, title=data["title"], network_name=data["network"]["name"],
        former_names=tuple(data["network"].get("former_names", ())), summary=data["summary"],
        area=place["area"], region=place["region"], nation=place["nation"],
        coordinates=(coords["lat"], coords["lon"]) if coords else None,
        started=data["started"], ended=data.get("ended"), status=data["status"], convenor=data["convenor"],
        members=tuple(sorted((Member(m["name"], m["type"], member_types[m["type"]]) for m in data["members"]),
                             key=lambda m: (list(member_types).index(m.type), m.name.lower()))),
        context=data["context"],
        workstreams=tuple(Workstream(w["name"], w["aim"], w["status"], tuple(w.get("activities", ())), tuple(w.get("outcomes", ())))
                          for w in data.get("workstreams", [])),
        lessons=items("lesson"), barriers=items("barrier"), recommendations=items("recommendation"),
        sources=sources, reviewed=data["reviewed"], source_path=record.display, page_uri=page_uri, raw=data,
    )


def _cooccurrence(items: list[Item], themes: dict[str, Theme]) -> dict[str, tuple[tuple[Theme, int], ...]]:
    counts: dict[str, Counter[str]] = {t: Counter() for t in themes}
    for item in items:
        ids = [t.id for t in item.themes]
        for a in ids:
            counts[a].update(b for b in ids if b != a)
    order = list(themes)
    return {t: tuple((themes[o], n) for o, n in sorted(c.items(), key=lambda kv: (-kv[1], order.index(kv[0]))))
            for t, c in counts.items()}


def _related(cases: list[CaseStudy]) -> dict[str, tuple[tuple[CaseStudy, int], ...]]:
    """Each case study's nearest neighbours by shared themes: one matrix product, not a loop over pairs."""
    if not cases:
        return {}
    theme_ids = sorted({t for c in cases for t in c.theme_ids})
    column = {t: j for j, t in enumerate(theme_ids)}
    incidence = np.zeros((len(cases), len(theme_ids)), dtype=np.float32)
    for i, case in enumerate(cases):
        incidence[i, [column[t] for t in case.theme_ids]] = 1
    shared = (incidence @ incidence.T).astype(np.int32)
    np.fill_diagonal(shared, -1)
    related = {}
    for i, case in enumerate(cases):
        row = shared[i]
        k = min(RELATED_LIMIT, len(cases) - 1)
        if k <= 0:
            related[case.id] = ()
            continue
        threshold = max(int(np.partition(row, -k)[-k]), 1)
        # cases are sorted by title, so the index breaks ties alphabetically
        ranked = sorted(np.nonzero(row >= threshold)[0].tolist(), key=lambda j: (-row[j], j))[:k]
        related[case.id] = tuple((cases[j], int(row[j])) for j in ranked)
    return related
