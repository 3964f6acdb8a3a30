"""Build a case-study record from the issue form's answers, with a FormProblem for each answer it cannot read."""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

from ..read.inputs import read_schema
from .issue_form import REQUIRED, FormProblem, answer_blocks, answer_lines, split_block
from ..check.messages import slugify
from ..read.project import Project
from ..check.validate import load_vocabulary

ITEM_LABELS = {"evidence": "Evidence", "quote": "Quote", "quote by": "Quote by", "source": "Source",
               "id": "Id", "addresses": "Addresses"}
WORKSTREAM_LABELS = {"aim": "Aim", "activity": "Activity", "outcome": "Outcome"}
ID_WORDS = 6


@dataclass(frozen=True)
class Lookups:
    """Readable names a contributor may type, mapped to the schema's ids."""

    member_types: dict[str, str]
    themes: dict[str, str]
    source_kinds: dict[str, str]


def lookups(project: Project) -> Lookups:
    schema = read_schema(project)[1]
    titles = schema["properties"]["members"]["items"]["properties"]["type"]["x-enum-titles"]
    vocabulary, _ = load_vocabulary(project)
    themes = vocabulary.themes if vocabulary else []
    kinds = schema["properties"]["sources"]["items"]["properties"]["kind"]["enum"]
    return Lookups(
        member_types={**{slugify(t): k for k, t in titles.items()}, **{k: k for k in titles}},
        themes={**{slugify(t["title"]): t["id"] for t in themes}, **{t["id"]: t["id"] for t in themes}},
        source_kinds={slugify(k): k for k in kinds},
    )


class RecordBuilder:
    """Builds the record from the answers, collecting a FormProblem for each answer it cannot read."""

    def __init__(self, answers: dict[str, str], names: Lookups, today: datetime.date) -> None:
        self.answers, self.names, self.today = answers, names, today
        self.problems: list[FormProblem] = []
        self.where: dict[str, list[str]] = {}
        """Record list field -> how each entry is named in messages, e.g. ``line 3``."""
        self.item_ids: set[str] = set()
        self.flagged: set[tuple[str, str, str]] = set()

    def problem(self, label: str, where: str, message: str, hint: str = "", part: str = "") -> None:
        """Record a problem; ``part`` names the record field it makes invalid, so the validator's echo is dropped."""
        self.problems.append(FormProblem(label, where, message, hint))
        self.flagged.add((label, where, part))

    def record(self) -> dict[str, Any]:
        a = self.answers
        for label in REQUIRED:
            if not a.get(label):
                self.problem(label, "", "this answer is required but is empty")
        title = " ".join(a.get("Case study title", "").split())
        record: dict[str, Any] = {"id": a.get("Short id") or slugify(title), "title": title,
                                  "network": {"name": a.get("Network name", "")}}
        former = [line for _, line in answer_lines(a.get("Former names", ""))]
        if former:
            record["network"]["former_names"] = former
        record["summary"] = " ".join(a.get("Summary", "").split())
        record["place"] = {"area": a.get("Local area", ""), "region": a.get("Region", ""), "nation": a.get("Nation", "")}
        if a.get("Map point"):
            record["place"]["coordinates"] = self.coordinates(a["Map point"])
        record["started"] = a.get("Started", "")
        if a.get("Ended"):
            record["ended"] = a["Ended"]
        record["status"] = slugify(a["Status"]) if a.get("Status") else ""
        record["convenor"] = a.get("Convening organisation", "")
        record["members"] = self.members(a.get("Members", ""))
        record["context"] = a.get("Background", "")
        if a.get("Workstreams"):
            record["workstreams"] = self.workstreams(a["Workstreams"])
        sources = self.sources(a.get("Sources", ""))
        record["lessons"] = self.items("Lessons", "lessons", "lesson", sources, [])
        barriers = self.items("Barriers", "barriers", "barrier", sources, [])
        recommendations = self.items("Recommendations", "recommendations", "recommendation", sources, [b["id"] for b in barriers])
        for key, items in (("barriers", barriers), ("recommendations", recommendations)):
            if items:
                record[key] = items
        record["sources"] = sources
        record["reviewed"] = self.today.isoformat()
        self.checks(a.get("Before you submit", ""))
        return record

    def coordinates(self, answer: str) -> dict[str, float]:
        numbers = re.findall(r"-?\d+(?:\.\d+)?", answer)
        if len(numbers) != 2:
            self.problem("Map point", "", f"'{answer}' is not a latitude and longitude", "write two numbers, e.g. 54.07, -2.86")
            return {}
        return {"lat": float(numbers[0]), "lon": float(numbers[1])}

    def members(self, answer: str) -> list[dict[str, str]]:
        members, where = [], []
        for n, line in answer_lines(answer):
            name, _, kind = (part.strip() for part in line.rpartition("|")) if "|" in line else (line, "", "")
            if not kind:
                self.problem("Members", f"line {n}", f"'{line}' does not say what kind of organisation it is",
                             "write the name, a |, then its kind, e.g. 'Leeds City Council | local-authority'", "type")
            members.append({"name": name, "type": self.names.member_types.get(slugify(kind), kind)})
            where.append(f"line {n}")
        self.where["members"] = where
        return members

    def workstreams(self, answer: str) -> list[dict[str, Any]]:
        streams, where = [], []
        for i, block in enumerate(answer_blocks(answer), 1):
            header, free, fields, stranded = split_block(block, WORKSTREAM_LABELS)
            name, _, status = (p.strip() for p in header.partition("|"))
            stream: dict[str, Any] = {"name": name, "aim": " ".join(v for k, v in fields if k == "aim") or " ".join(free).strip(),
                                      "status": slugify(status) if status else ""}
            for key, plural in (("activity", "activities"), ("outcome", "outcomes")):
                if any(k == key for k, _ in fields):
                    stream[plural] = [v for k, v in fields if k == key]
            named = f"workstream {i} ('{_clip(name)}')"
            if not status:
                self.problem("Workstreams", named, "no status after a |",
                             "e.g. 'Procurement | active'; the status is active, completed, paused or stopped", "status")
            self._stranded("Workstreams", named, stranded, WORKSTREAM_LABELS, " | status")
            streams.append(stream)
            where.append(named)
        self.where["workstreams"] = where
        return streams

    def sources(self, answer: str) -> list[dict[str, str]]:
        sources, where, ids = [], [], set()
        for n, line in answer_lines(answer):
            parts = [p.strip() for p in line.split("|")]
            if len(parts) < 3:
                self.problem("Sources", f"line {n}", "a source needs at least a title, a publisher and a kind, separated by |",
                             "e.g. 'Anchor networks in practice | The Health Foundation | report | 2023 | https://...'")
                where.append(f"line {n}")
                continue
            title, publisher, kind, *rest = parts + ["", ""]
            source = {"id": self._unique(_short_id(title) or "source", ids), "title": title, "publisher": publisher,
                      "kind": self.names.source_kinds.get(slugify(kind), kind)}
            for extra in (p for p in rest if p):
                source["url" if extra.lower().startswith(("http:", "https:", "www.")) else "date"] = extra
            sources.append(source)
            where.append(f"line {n}")
        self.where["sources"] = where
        return sources

    def items(self, label: str, key: str, noun: str, sources: list[dict[str, str]], barrier_ids: list[str]) -> list[dict[str, Any]]:
        items, where = [], []
        for i, block in enumerate(answer_blocks(self.answers.get(label, "")), 1):
            header, free, fields, stranded = split_block(block, ITEM_LABELS)
            title, bar, themes = (p.strip() for p in header.partition("|"))
            named_as = f"{noun} {i} ('{_clip(title)}')"
            if not bar:
                self.problem(label, named_as, "the first line has no | and themes",
                             "start each entry with its title, a |, then theme ids, e.g. 'Share the leadership | shared-ownership'", "themes")
            named = dict(fields)
            item: dict[str, Any] = {"id": named.get("id") or self._unique(_short_id(title), self.item_ids), "title": title,
                                    "detail": "\n".join(free).strip(),
                                    "themes": [self.names.themes.get(slugify(t), t.strip()) for t in themes.split(",") if t.strip()]}
            self.item_ids.add(item["id"])
            if named.get("quote") or named.get("quote by"):
                item["quote"] = {"text": named.get("quote", "").strip('"“” '), "by": named.get("quote by", "")}
            if named.get("evidence"):
                item["evidence"] = named["evidence"]
            source = self._pick(label, named_as, named.get("source", ""), [s["id"] for s in sources], "source")
            if source or len(sources) == 1:
                item["source"] = source or sources[0]["id"]
            if key == "recommendations" and named.get("addresses"):
                item["addresses"] = [self._pick(label, named_as, ref, barrier_ids, "barrier")
                                     for ref in named["addresses"].split(",") if ref.strip()]
            self._stranded(label, named_as, stranded, ITEM_LABELS, " | theme-id")
            items.append(item)
            where.append(named_as)
        self.where[key] = where
        return items

    def _pick(self, label: str, where: str, ref: str, ids: list[str], noun: str) -> str:
        """A source or barrier named by its number in the form (1, 2, ...) or by its id."""
        ref = ref.strip().lstrip("#")
        if ref.isdigit():
            if 1 <= int(ref) <= len(ids):
                return ids[int(ref) - 1]
            self.problem(label, where, f"there is no {noun} number {ref}", f"the form lists {len(ids)} {noun}{'s' if len(ids) != 1 else ''}",
                         "addresses" if noun == "barrier" else "source")
        return ref

    def _stranded(self, label: str, where: str, line: str, labels: dict[str, str], header: str) -> None:
        if line:
            after = "/".join(f"{name}:" for name in labels.values())
            self.problem(label, where, f"the paragraph starting '{_clip(line)}' comes after the {after} lines",
                         f"if it starts a new entry, add '{header}' to its first line; if it belongs to this one, move it up")

    @staticmethod
    def _unique(base: str, taken: set[str]) -> str:
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        taken.add(candidate)
        return candidate

    def checks(self, answer: str) -> None:
        for line in answer.split("\n"):
            box = re.match(r"^\s*[-*]\s*\[( |x|X)\]\s*(.+)$", line)
            if box and box.group(1) == " ":
                self.problem("Before you submit", "", f"not ticked: '{box.group(2).strip()}'", "tick it once it is true")


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _short_id(title: str) -> str:
    return "-".join(slugify(title).split("-")[:ID_WORDS]) if title.strip() else ""
