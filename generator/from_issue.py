"""``python -m generator from-issue``: turn the body GitHub writes for the case-study issue form into a record.

GitHub renders each form field as ``### Label`` and the answer, ``_No response_`` when an optional field
was left empty. List fields use the line formats documented in .github/ISSUE_TEMPLATE/case-study.yml.
"""
from __future__ import annotations

import datetime
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .fieldref import load_schema
from .messages import slugify
from .problems import Problem
from .project import Project
from .validate import load_vocabulary, validate

SCHEMA_COMMENT = "# yaml-language-server: $schema=../schemas/casestudy.schema.json\n"
NO_RESPONSE = "_No response_"
# Form label -> record field; the order is the form's order.
LABELS = {
    "Case study title": "title", "Network name": "network.name", "Former names": "network.former_names",
    "Summary": "summary", "Local area": "place.area", "Region": "place.region", "Nation": "place.nation",
    "Map point": "place.coordinates", "Started": "started", "Ended": "ended", "Status": "status",
    "Convening organisation": "convenor", "Members": "members", "Background": "context",
    "Workstreams": "workstreams", "Lessons": "lessons", "Barriers": "barriers",
    "Recommendations": "recommendations", "Sources": "sources", "Short id": "id", "Before you submit": "",
}
REQUIRED = ("Case study title", "Network name", "Summary", "Local area", "Region", "Nation", "Started", "Status",
            "Convening organisation", "Members", "Background", "Lessons", "Sources")
ITEM_LABELS = {"evidence": "Evidence", "quote": "Quote", "quote by": "Quote by", "source": "Source",
               "id": "Id", "addresses": "Addresses"}
WORKSTREAM_LABELS = {"aim": "Aim", "activity": "Activity", "outcome": "Outcome"}
ID_WORDS = 6


@dataclass(frozen=True)
class FormProblem:
    """One missing or malformed answer, named by the form's own label."""

    label: str
    """The form field as the contributor saw it, e.g. ``Lessons``."""
    where: str
    """Which entry or line of the answer, e.g. ``lesson 2``; empty for the whole answer."""
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.label}, {self.where}: {self.message}" if self.where else f"{self.label}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class IssueFormError(Exception):
    """The issue body cannot become a valid record; carries every problem found."""

    def __init__(self, problems: list[FormProblem]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in the issue form")


def sections(body: str) -> dict[str, str]:
    """Form label -> answer text; empty when GitHub wrote ``_No response_``. Unknown headings stay in the answer."""
    answers: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in body.replace("\r\n", "\n").split("\n"):
        heading = re.match(r"^###\s+(.+?)\s*$", line)
        if heading and heading.group(1) in LABELS:
            current = answers.setdefault(heading.group(1), [])
        elif current is not None:
            current.append(line.rstrip())
    return {label: "" if "\n".join(lines).strip() == NO_RESPONSE else "\n".join(lines).strip()
            for label, lines in answers.items()}


def _lines(answer: str) -> list[tuple[int, str]]:
    """Non-empty lines with their 1-based line number, list bullets removed."""
    return [(n, re.sub(r"^[-*]\s+", "", line.strip())) for n, line in enumerate(answer.split("\n"), 1) if line.strip()]


def _blocks(answer: str) -> list[list[str]]:
    """Entries that each start with a ``Title | ...`` line; other paragraphs belong to the entry above."""
    blocks: list[list[str]] = []
    blank = True
    for line in answer.split("\n"):
        if not line.strip():
            blank = True
            if blocks:
                blocks[-1].append("")
        else:
            if blank and ("|" in line or not blocks):
                blocks.append([])
            blocks[-1].append(line.rstrip())
            blank = False
    return blocks


def _split_block(block: list[str], labels: dict[str, str]) -> tuple[str, list[str], list[tuple[str, str]], str]:
    """A block's header line, its free text, its ``Label: value`` lines, and the first text stranded after them."""
    names = "|".join(re.escape(v) for v in sorted(labels.values(), key=len, reverse=True))
    pattern = re.compile(rf"^\s*({names})\s*:\s*(.*)$", re.I)
    free: list[str] = []
    fields: list[tuple[str, str]] = []
    stranded, after_blank = "", False
    for line in block[1:]:
        match = pattern.match(line)
        if match:
            fields.append((match.group(1).lower(), match.group(2).strip()))
        elif not line.strip():
            after_blank = bool(fields)
            if not fields:
                free.append("")
        elif fields and after_blank:
            stranded = stranded or line.strip()
        elif fields:  # a labelled answer that runs over several lines
            fields[-1] = (fields[-1][0], f"{fields[-1][1]} {line.strip()}".strip())
        else:
            free.append(line.rstrip())
    return block[0], free, fields, stranded


@dataclass(frozen=True)
class Lookups:
    """Readable names a contributor may type, mapped to the schema's ids."""

    member_types: dict[str, str]
    themes: dict[str, str]
    source_kinds: dict[str, str]


def lookups(project: Project) -> Lookups:
    schema = load_schema(project)
    titles = schema["properties"]["members"]["items"]["properties"]["type"]["x-enum-titles"]
    vocabulary, _ = load_vocabulary(project)
    themes = vocabulary.themes if vocabulary else []
    kinds = schema["properties"]["sources"]["items"]["properties"]["kind"]["enum"]
    return Lookups(
        member_types={**{slugify(t): k for k, t in titles.items()}, **{k: k for k in titles}},
        themes={**{slugify(t["title"]): t["id"] for t in themes}, **{t["id"]: t["id"] for t in themes}},
        source_kinds={slugify(k): k for k in kinds},
    )


class _Builder:
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
        former = [line for _, line in _lines(a.get("Former names", ""))]
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
        for n, line in _lines(answer):
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
        for i, block in enumerate(_blocks(answer), 1):
            header, free, fields, stranded = _split_block(block, WORKSTREAM_LABELS)
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
        for n, line in _lines(answer):
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
        for i, block in enumerate(_blocks(self.answers.get(label, "")), 1):
            header, free, fields, stranded = _split_block(block, ITEM_LABELS)
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


class _Dumper(yaml.SafeDumper):
    """Lists indented under their key and multi-line text as ``|`` blocks, like the hand-written records."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else ('"' if re.match(r"^[0-9][0-9-]*$", value) else None)  # dates quoted, as in the seeds
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def to_yaml(record: dict[str, Any], note: str = "") -> str:
    """The record as YAML text, starting with the editor's schema comment."""
    body = yaml.dump(record, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return SCHEMA_COMMENT + (f"# {note}\n" if note else "") + body


def _label_of(field: str, where: dict[str, list[str]]) -> tuple[str, str, str]:
    """A validator field such as ``lessons[1].themes[0]`` as (form label, entry, part of the entry)."""
    match = re.match(r"^([a-z_]+(?:\.[a-z_]+)?)(?:\[(\d+)\])?\.?(.*)$", field)
    top, index, rest = (match.group(1), match.group(2), match.group(3)) if match else (field, None, "")
    labels = {path: label for label, path in LABELS.items() if path}
    label = labels.get(top) or labels.get(top.split(".")[0]) or labels.get(field.split("[")[0], field)
    if top == "network.former_names" or index is None:
        return label, f"line {int(index) + 1}" if index is not None else "", rest
    names = where.get(top, [])
    entry = names[int(index)] if int(index) < len(names) else f"entry {int(index) + 1}"
    return label, entry, re.sub(r"\[\d+\]$", "", rest)


def map_problem(problem: Problem, where: dict[str, list[str]]) -> tuple[FormProblem, str]:
    """A validator problem named by the form label the contributor filled in, and the entry's field it is about."""
    label, entry, part = _label_of(problem.field, where)
    if not problem.field:
        label = "Issue form"
    message = f"{part}: {problem.message}" if part else problem.message
    return FormProblem(label, entry, message, problem.hint), re.split(r"[.\[]", part)[0]


def convert(project: Project, body: str, today: datetime.date | None = None) -> dict[str, Any]:
    """The record an issue body describes; raise IssueFormError listing every missing or malformed answer."""
    answers = sections(body)
    if not answers:
        raise IssueFormError([FormProblem("Issue form", "", "no '### ' form headings found",
                                          "pass the body of an issue opened with the case-study form")])
    builder = _Builder(answers, lookups(project), today or datetime.date.today())
    record = builder.record()
    problems = list(builder.problems)
    with tempfile.TemporaryDirectory() as folder:
        name = record["id"] if re.match(r"^[a-z0-9]+(?:-[a-z0-9]+)*$", record["id"]) else "case-study"
        path = Path(folder) / f"{name}.yaml"
        path.write_text(to_yaml(record), encoding="utf-8")
        _, _, found = validate(project, [path])
    for problem in (p for p in found if "does not match the file name" not in p.message):
        mapped, part = map_problem(problem, builder.where)
        # what the form reading already explained (an empty required answer, a missing kind) is not said twice
        if not builder.flagged & {(mapped.label, mapped.where, part), (mapped.label, mapped.where, "")}:
            problems.append(mapped)
    if problems:
        raise IssueFormError(problems)
    return record


def write_record(project: Project, body: str, output: Path | None = None, today: datetime.date | None = None) -> Path:
    """Convert an issue body and write ``<output>/<id>.yaml``; never overwrite an existing file."""
    record = convert(project, body, today)
    folder = output or project.casestudies_dir
    path = folder / f"{record['id']}.yaml"
    if path.exists() or path.with_suffix(".yml").exists():
        raise IssueFormError([FormProblem("Short id", "", f"{project.display(path)} already exists; not overwriting it",
                                          "choose another id in the 'Short id' answer, or edit the existing file")])
    folder.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as out:
        out.write(to_yaml(record, "Converted from a case-study issue form; check it against the sources before merging."))
    return path
