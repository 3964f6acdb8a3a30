"""The case-study issue form as GitHub writes it: its labels, the answers under them, and problems named by them.

GitHub renders each form field as ``### Label`` and the answer, ``_No response_`` when an optional field
was left empty. List fields use the line formats documented in .github/ISSUE_TEMPLATE/case-study.yml.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

NO_RESPONSE = "_No response_"
# Form label -> record field; the order is the form's order.
LABELS = {
    "Case study title": "title", "Scope": "scope", "Network name": "network.name", "Former names": "network.former_names",
    "Summary": "summary", "Local area": "place.area", "Region": "place.region", "Nation": "place.nation",
    "Map point": "place.coordinates", "Started": "started", "Ended": "ended", "Status": "status",
    "Status as of": "status.as_of", "Status source": "status.source", "Convening organisation": "convenor",
    "Members": "members", "Member total": "member_total", "Background": "context", "Workstreams": "workstreams",
    "Lessons": "lessons", "Barriers": "barriers", "Recommendations": "recommendations", "Sources": "sources",
    "Short id": "id", "Editors' notes": "editor_notes", "Before you submit": "",
}
REQUIRED = ("Case study title", "Scope", "Network name", "Summary", "Local area", "Region", "Nation", "Status",
            "Background", "Sources")


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


def answer_lines(answer: str) -> list[tuple[int, str]]:
    """Non-empty lines with their 1-based line number, list bullets removed."""
    return [(n, re.sub(r"^[-*]\s+", "", line.strip())) for n, line in enumerate(answer.split("\n"), 1) if line.strip()]


def answer_blocks(answer: str) -> list[list[tuple[int, str]]]:
    """Entries that each start with a ``Title | ...`` line; other paragraphs belong to the entry above.

    Each line keeps its 1-based number in the answer, so a problem can point at the line the contributor wrote.
    """
    blocks: list[list[tuple[int, str]]] = []
    blank = True
    for n, line in enumerate(answer.split("\n"), 1):
        if not line.strip():
            blank = True
            if blocks:
                blocks[-1].append((n, ""))
        else:
            if blank and ("|" in line or not blocks):
                blocks.append([])
            blocks[-1].append((n, line.rstrip()))
            blank = False
    return blocks


@dataclass
class Block:
    """One entry of a list answer, split into its parts."""

    line: int
    """The answer line of its first (title) line."""
    header: str
    free: list[str]
    """Its free text, paragraph breaks kept as empty strings."""
    fields: list[tuple[str, str]]
    """``Label: value`` lines as (lower-case label, value), in order."""
    field_lines: dict[str, int]
    """Lower-case label -> the answer line where it first appears."""
    stranded: str
    """The first text stranded after the labelled lines, if any."""
    stranded_line: int = 0

    def line_of(self, label: str) -> int:
        return self.field_lines.get(label, self.line)

    def value(self, label: str) -> str:
        """The answer on the last ``Label:`` line of that name, or ''."""
        return dict(self.fields).get(label, "")


def split_block(block: list[tuple[int, str]], labels: dict[str, str]) -> Block:
    """A block's header line, its free text, its ``Label: value`` lines, and the first text stranded after them."""
    names = "|".join(re.escape(v) for v in sorted(labels.values(), key=len, reverse=True))
    pattern = re.compile(rf"^\s*({names})\s*:\s*(.*)$", re.I)
    parsed = Block(block[0][0], block[0][1], [], [], {}, "")
    after_blank = False
    for n, line in block[1:]:
        match = pattern.match(line)
        if match:
            parsed.fields.append((match.group(1).lower(), match.group(2).strip()))
            parsed.field_lines.setdefault(match.group(1).lower(), n)
        elif not line.strip():
            after_blank = bool(parsed.fields)
            if not parsed.fields:
                parsed.free.append("")
        elif parsed.fields and after_blank:
            if not parsed.stranded:
                parsed.stranded, parsed.stranded_line = line.strip(), n
        elif parsed.fields:  # a labelled answer that runs over several lines
            label, value = parsed.fields[-1]
            parsed.fields[-1] = (label, f"{value} {line.strip()}".strip())
        else:
            parsed.free.append(line.rstrip())
    return parsed
