"""Build a case-study record from the issue form's answers, with a FormProblem for each answer it cannot read."""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from ..read.inputs import read_schema
from ..read.yaml_source import CONTROL_CHARACTER
from .issue_form import REQUIRED, FormProblem, answer_blocks, answer_lines, split_block
from ..check.messages import slugify
from ..read.project import Project
from ..check.validate import load_vocabulary
from ..dates import MONTHS, is_partial_date

ITEM_LABELS = {"evidence": "Evidence", "quote": "Quote", "quote by": "Quote by", "source": "Source",
               "id": "Id", "addresses": "Addresses", "shared with": "Shared with", "editor notes": "Editor notes"}
WORKSTREAM_LABELS = {"aim": "Aim", "activity": "Activity", "outcome": "Outcome", "source": "Source",
                     "editor notes": "Editor notes"}
ID_WORDS = 4
"""Generated ids keep this many words of the title, short words such as 'the' left out: short, readable, permanent."""
SHORT_WORDS = frozenset("a an the of and or so to in on for with by at from as is are was were be been its it their this that"
                        .split())
SCHEMA_VERSION = 2
WHEN_HINT = ("write 2017, 2017-03 or 2017-03-14 when the source states it; 'about 2017' when it gives it roughly; "
             "'by 2017' or 'before 2017-03' when it says only that it had happened by then; "
             "or leave the answer empty when the sources do not say")


@dataclass(frozen=True)
class Lookups:
    """Readable names a contributor may type, mapped to the schema's ids."""

    member_types: dict[str, str]
    themes: dict[str, str]
    source_kinds: dict[str, str]
    scopes: dict[str, str] = field(default_factory=dict)
    states: dict[str, str] = field(default_factory=dict)
    workstream_states: frozenset[str] = frozenset()


def _choices(node: dict[str, Any]) -> dict[str, str]:
    """An enum's ids and titles (as slugs) -> its ids."""
    titles = node.get("x-enum-titles", {})
    return {**{slugify(t): k for k, t in titles.items()}, **{k: k for k in node["enum"]}}


def lookups(project: Project) -> Lookups:
    schema = read_schema(project)[1]
    properties = schema["properties"]
    titles = properties["members"]["items"]["properties"]["type"]["x-enum-titles"]
    vocabulary, _ = load_vocabulary(project)
    themes = vocabulary.themes if vocabulary else []
    kinds = properties["sources"]["items"]["properties"]["kind"]["enum"]
    return Lookups(
        member_types={**{slugify(t): k for k, t in titles.items()}, **{k: k for k in titles}},
        themes={**{slugify(t["title"]): t["id"] for t in themes}, **{t["id"]: t["id"] for t in themes}},
        source_kinds={slugify(k): k for k in kinds},
        scopes={**_choices(properties["scope"]), "organization": "organisation"},
        states={**_choices(properties["status"]["properties"]["state"]), "not-known": "unknown"},
        workstream_states=frozenset(properties["workstreams"]["items"]["properties"]["status"]["enum"]),
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

    def problem(self, label: str, where: str, message: str, hint: str = "", part: str = "", entry: str = "") -> None:
        """Record a problem; ``part`` names the record field it makes invalid, so the validator's echo is dropped.

        ``entry`` is how the validator's echo names the entry (by its title line) when ``where`` points at another line.
        """
        self.problems.append(FormProblem(label, where, message, hint))
        self.flagged.add((label, entry or where, part))

    def record(self) -> dict[str, Any]:
        """The record in the schema's field order; optional fields only when answered."""
        a = self.answers
        for label in REQUIRED:
            if not a.get(label):
                self.problem(label, "", "this answer is required but is empty")
        for label, answer in a.items():
            found = CONTROL_CHARACTER.search(answer)
            if found:
                self.problem(label, "", f"holds the invisible control character U+{ord(found.group()):04X}",
                             "delete it and type the text around it again; it often comes from copying out of a PDF")
                self.flagged.add(("Issue form", "", ""))  # the validator refuses the whole file for it
        sources = self.sources(a.get("Sources", ""))
        source_ids = [s["id"] for s in sources]
        title = " ".join(a.get("Case study title", "").split())
        record: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "id": a.get("Short id") or slugify(title), "title": title,
                                  "scope": self.choice(a.get("Scope", ""), self.names.scopes),
                                  "network": {"name": a.get("Network name", "")}}
        numbered = answer_lines(a.get("Former names", ""))
        former = [line for _, line in numbered]
        self.where["network.former_names"] = [f"line {n}" for n, _ in numbered]
        if former:
            record["network"]["former_names"] = former
        record["summary"] = " ".join(a.get("Summary", "").split())
        record["place"] = {"area": a.get("Local area", ""), "region": a.get("Region", ""), "nation": a.get("Nation", "")}
        if a.get("Map point"):
            record["place"]["coordinates"] = self.coordinates(a["Map point"])
        for key, label in (("started", "Started"), ("ended", "Ended")):
            if a.get(label):
                record[key] = self.when(label, a[label])
        record["status"] = self.status(source_ids)
        if a.get("Convening organisation"):
            record["convenor"] = a["Convening organisation"]
        members = self.members(a.get("Members", ""))
        if members:
            record["members"] = members
        if a.get("Member total"):
            record["member_total"] = self.member_total(a["Member total"], source_ids)
        record["context"] = a.get("Background", "")
        if a.get("Workstreams"):
            record["workstreams"] = self.workstreams(a["Workstreams"], source_ids)
        self.item_ids |= self.chosen_ids()
        lessons = self.items("Lessons", "lessons", "lesson", sources, [])
        barriers = self.items("Barriers", "barriers", "barrier", sources, [])
        recommendations = self.items("Recommendations", "recommendations", "recommendation", sources, [b["id"] for b in barriers])
        for key, items in (("lessons", lessons), ("barriers", barriers), ("recommendations", recommendations)):
            if items:
                record[key] = items
        if not (lessons or barriers or recommendations or record.get("workstreams")):
            self.problem("Lessons", "", "a case study needs at least one lesson, barrier, recommendation or workstream",
                         "add what the sources say was learned, got in the way, is recommended or was done")
            self.flagged.add(("Issue form", "", ""))  # the validator says the same of the whole record
        record["sources"] = sources
        record["reviewed"] = self.today.isoformat()
        if a.get("Editors' notes"):
            record["editor_notes"] = a["Editors' notes"]
        self.checks(a.get("Before you submit", ""))
        return record

    def chosen_ids(self) -> set[str]:
        """Ids given on 'Id:' lines, reserved before any id is made from a title, so a made one never takes them."""
        return {split_block(block, ITEM_LABELS).value("id") for label in ("Lessons", "Barriers", "Recommendations")
                for block in answer_blocks(self.answers.get(label, ""))} - {""}

    def choice(self, answer: str, table: dict[str, str]) -> str:
        """A dropdown answer as the schema's id: 'Wound down' -> 'wound-down', 'Organisation (one ...)' -> 'organisation'."""
        words = answer.split()
        for candidate in (answer, re.split(r"[(:]", answer)[0], words[0] if words else ""):
            if slugify(candidate) in table:
                return table[slugify(candidate)]
        return slugify(answer) if answer.strip() else ""

    def when(self, label: str, answer: str) -> str:
        """A start or end as the record writes it: '2017-03', 'about 2017', 'by 2020', 'before 2020-03' or 'unknown'."""
        value = " ".join(answer.split())
        if value.lower() == "unknown":
            return "unknown"
        found = re.fullmatch(r"(?:(about|by|before)\s+)?([0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?)", value, re.I)
        if found is None:
            self.problem(label, "", f"'{value}' is not a date in a form a record can hold", WHEN_HINT)
            return value
        return f"{found.group(1).lower()} {found.group(2)}" if found.group(1) else found.group(2)

    def status(self, source_ids: list[str]) -> dict[str, str]:
        a = self.answers
        status = {"state": self.choice(a.get("Status", ""), self.names.states)}
        if a.get("Status as of"):
            as_of = a["Status as of"].strip()
            if not is_partial_date(as_of):
                self.problem("Status as of", "", f"'{as_of}' is not a date",
                             "write the year, year and month, or full date of the evidence: 2023, 2023-05 or 2023-05-14")
            status["as_of"] = as_of
        if a.get("Status source"):
            status["source"] = self._pick("Status source", "", a["Status source"], source_ids, "source", "")
        return status

    def member_total(self, answer: str, source_ids: list[str]) -> dict[str, Any]:
        """'13-14 | 1' -> at_least 13, at_most 14, source: the first source's id."""
        text, _, ref = answer.partition("|")
        found = re.fullmatch(r"\s*(\d+)\s*(?:(?:-|–|—|to)\s*(\d+))?\s*(?:members?)?\s*", text.replace(",", ""), re.I)
        if found is None:
            self.problem("Member total", "", f"'{text.strip()}' is not a number or a range of numbers",
                         "write one number, e.g. 12, or a range, e.g. 13-14; leave it empty if the sources give no number")
            return {"at_least": 1}
        total: dict[str, Any] = {"at_least": int(found.group(1))}
        if found.group(2) and int(found.group(2)) != total["at_least"]:
            total["at_most"] = int(found.group(2))
        if ref.strip():
            total["source"] = self._pick("Member total", "", ref, source_ids, "source", "")
        return total

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

    def themes(self, text: str) -> list[str]:
        return [self.names.themes.get(slugify(t), t.strip()) for t in text.split(",") if t.strip()]

    def workstreams(self, answer: str, source_ids: list[str]) -> list[dict[str, Any]]:
        """'Name | theme-id, theme-id | status' blocks; the status, like every labelled line, only when given."""
        streams, where = [], []
        for i, lines in enumerate(answer_blocks(answer), 1):
            block = split_block(lines, WORKSTREAM_LABELS)
            name, *parts = (p.strip() for p in block.header.split("|"))
            named = _entry(block.line, "workstream", i, name)
            themes, status = (parts + ["", ""])[:2]
            if len(parts) == 1 and slugify(themes) in self.names.workstream_states:
                themes, status = "", themes  # the form's first version: 'Name | status'
            if not parts or not themes:
                self.problem("Workstreams", named, "no theme ids after the name",
                             f"write e.g. '{_clip(name) or 'Procurement'} | theme-id, theme-id | active': "
                             "the name, a |, theme ids, and, if the sources say, a | and the status", "themes")
            stream: dict[str, Any] = {"name": name}
            aim = " ".join(v for k, v in block.fields if k == "aim") or " ".join(block.free).strip()
            if aim:
                stream["aim"] = aim
            for key, plural in (("activity", "activities"), ("outcome", "outcomes")):
                if any(k == key for k, _ in block.fields):
                    stream[plural] = [v for k, v in block.fields if k == key]
            if status:
                stream["status"] = slugify(status)
            stream["themes"] = self.themes(themes)
            source = self._pick("Workstreams", _entry(block.line_of("source"), "workstream", i, name),
                                block.value("source"), source_ids, "source", entry=named)
            if source or len(source_ids) == 1:
                stream["source"] = source or source_ids[0]
            if block.value("editor notes"):
                stream["editor_notes"] = block.value("editor notes")
            self._stranded("Workstreams", _entry(block.stranded_line, "workstream", i, name), block.stranded,
                           WORKSTREAM_LABELS, " | theme-id", named)
            streams.append(stream)
            where.append(named)
        self.where["workstreams"] = where
        return streams

    def sources(self, answer: str) -> list[dict[str, Any]]:
        """'title | authors | publisher | kind | date | address' lines; the form's first version had no authors.

        Every part of a line is checked on its own, so a line with two mistakes gets two problems.
        """
        sources: list[dict[str, Any]] = []
        where: list[str] = []
        ids: set[str] = set()
        for n, line in answer_lines(answer):
            parts = [p.strip() for p in line.split("|")]
            here = f"line {n}"
            where.append(here)
            if len(parts) < 3:
                self.problem("Sources", here,
                             "a source needs its parts separated by |: title | authors | publisher | kind | date | web address",
                             "e.g. 'Anchor networks in practice | Jane Smith | The Health Foundation | "
                             "report | 2023 | https://...'; leave a part empty when the document does not give it")
                continue
            kinds = self.names.source_kinds
            first_version = len(parts) == 3 or (len(parts) <= 5 and slugify(parts[2]) in kinds
                                                and slugify(parts[3]) not in kinds)
            if first_version:
                (title, publisher, kind, *rest), authors = parts, ""
            else:
                title, authors, publisher, kind, *rest = parts
            source: dict[str, Any] = {"id": self._unique(_short_id(title or publisher) or "source", ids)}
            if title:
                source["title"] = title
            names = [a.strip() for a in authors.split(";") if a.strip()]
            if names:
                source["authors"] = names
            if publisher:
                source["publisher"] = publisher
            source["kind"] = kinds.get(slugify(kind), kind)
            extras = [p for p in rest if p]
            if len(extras) > 2:
                self.problem("Sources", here, f"{len(parts)} parts, but a source has at most 6",
                             "title | authors | publisher | kind | date | web address; a | inside a title "
                             "cannot be told from a separator, so write it as a dash")
            for extra in extras[:2]:
                self._source_part(source, here, extra)
            sources.append(source)
        self.where["sources"] = where
        return sources

    def _source_part(self, source: dict[str, Any], here: str, part: str) -> None:
        """A source's date or web address, told apart by their look; each malformed one is its own problem."""
        if re.match(r"^https?://", part, re.I):
            source["url"] = part
        elif _bare_address(part):
            self.problem("Sources", here, f"the web address '{part}' has no https:// at the start",
                         f"write https://{part}", "url")
            source["url"] = part
        elif part.lower() == "unknown":
            return  # an honest blank: the record leaves the date out
        elif is_partial_date(part):
            source["date"] = part
        else:
            guess = _iso_date(part)
            self.problem("Sources", here, f"'{part}' is not a date in the form the record needs",
                         (f"write {guess}" if guess else "write the publication date as 2024, 2024-03 or 2024-03-25")
                         + "; leave the part empty when the document gives no date", "date")
            source["date"] = part

    def items(self, label: str, key: str, noun: str, sources: list[dict[str, Any]],
              barrier_ids: list[str]) -> list[dict[str, Any]]:
        items, where = [], []
        source_ids = [s["id"] for s in sources]
        for i, lines in enumerate(answer_blocks(self.answers.get(label, "")), 1):
            block = split_block(lines, ITEM_LABELS)
            title, bar, themes = (p.strip() for p in block.header.partition("|"))
            named = _entry(block.line, noun, i, title)
            if not bar:
                self.problem(label, named, "the first line has no | and themes",
                             "start each entry with its title, a |, then theme ids, "
                             "e.g. 'Share the leadership | shared-ownership'", "themes")
            item: dict[str, Any] = {"id": block.value("id") or self._unique(_short_id(title) or noun, self.item_ids),
                                    "title": title, "detail": "\n".join(block.free).strip(), "themes": self.themes(themes)}
            if block.value("quote") or block.value("quote by"):
                item["quote"] = {"text": block.value("quote").strip('"“” '), "by": block.value("quote by")}
            if block.value("evidence"):
                item["evidence"] = block.value("evidence")
            source = self._pick(label, _entry(block.line_of("source"), noun, i, title), block.value("source"),
                                source_ids, "source", entry=named)
            if source or len(sources) == 1:
                item["source"] = source or source_ids[0]
            if key == "recommendations" and block.value("addresses"):
                item["addresses"] = [self._pick(label, _entry(block.line_of("addresses"), noun, i, title), ref, barrier_ids,
                                                "barrier", entry=named)
                                     for ref in block.value("addresses").split(",") if ref.strip()]
            if block.value("shared with"):
                item["shared_with"] = [slugify(ref) for ref in block.value("shared with").split(",") if ref.strip()]
            if block.value("editor notes"):
                item["editor_notes"] = block.value("editor notes")
            self._stranded(label, _entry(block.stranded_line, noun, i, title), block.stranded, ITEM_LABELS,
                           " | theme-id", named)
            items.append(item)
            where.append(named)
        self.where[key] = where
        return items

    def _pick(self, label: str, where: str, ref: str, ids: list[str], noun: str, part: str | None = None,
              entry: str = "") -> str:
        """A source or barrier referred to by its number in the form (1, 2, ...); a maintainer may also type its id.

        A problem names the answer line of the reference, and says which numbers there are, never the ids made
        from titles (the contributor never saw them).
        """
        ref = ref.strip().lstrip("#")
        if not ref:
            return ""
        if ref.isdigit() and 1 <= int(ref) <= len(ids):
            return ids[int(ref) - 1]
        if ref in ids:
            return ref
        field = {"source": "source", "barrier": "addresses"}[noun]
        listed = {"source": "under Sources", "barrier": "under Barriers"}[noun]
        if not ids:
            message, hint = f"'{ref}' refers to a {noun}, but none is listed {listed}", f"list it {listed} first"
        else:
            message = f"there is no {noun} number {ref}" if ref.isdigit() else f"'{ref}' is not a {noun} number"
            hint = f"use 1: only one {noun} is listed {listed}" if len(ids) == 1 else \
                f"use a {noun} number from 1 to {len(ids)}: the {noun}s {listed} are numbered from 1 in the order written"
        self.problem(label, where, message, hint, part if part is not None else field, entry)
        return ref

    def _stranded(self, label: str, where: str, line: str, labels: dict[str, str], header: str, entry: str) -> None:
        if line:
            after = "/".join(f"{name}:" for name in labels.values())
            self.problem(label, where, f"the paragraph starting '{_clip(line)}' comes after the {after} lines",
                         f"if it starts a new entry, add '{header}' to its first line; if it belongs to this one, move it up",
                         entry=entry)

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


def _entry(line: int, noun: str, index: int, title: str) -> str:
    """How a problem names an entry of a list answer: the answer line first, then which entry it is."""
    return f"line {line} ({noun} {index}, '{_clip(title)}')" if title else f"line {line} ({noun} {index})"


def _bare_address(part: str) -> bool:
    """'news.leeds.gov.uk' or 'www.example.org/page': a web address written without its scheme."""
    return bool(re.fullmatch(r"(?:[a-z0-9-]+\.)+[a-z]{2,}(?::\d+)?(?:[/?#]\S*)?", part, re.I))


def _iso_date(text: str) -> str:
    """'25 March 2024' -> '2024-03-25', 'March 2024' -> '2024-03'; '' when it is not a date in words."""
    months = {m.lower(): i for i, m in enumerate(MONTHS, 1)} | {m[:3].lower(): i for i, m in enumerate(MONTHS, 1)}
    found = re.fullmatch(r"(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?([a-z]+)\.?,?\s+(\d{4})", text.strip(), re.I)
    if not found or found.group(2).lower() not in months:
        return ""
    day, month, year = found.group(1), months[found.group(2).lower()], found.group(3)
    if day and not 1 <= int(day) <= 31:
        return ""
    return f"{year}-{month:02d}-{int(day):02d}" if day else f"{year}-{month:02d}"


def _short_id(title: str) -> str:
    """A few words of the title, short words left out unless nothing else is left."""
    words = slugify(title).split("-") if title.strip() else []
    return "-".join(([w for w in words if w not in SHORT_WORDS] or words)[:ID_WORDS])
