"""The review summary of ``python -m generator changes`` as text for a terminal or Markdown for a pull-request comment.

Every title, value and source name comes from contributors, so the Markdown escapes it: a title stays text, never
markup, a link or an @mention in the comment.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from .changes import KINDS, NOUNS, CaseChange, Changes, ItemChange
from ..words import count

MARKER = "<!-- knowledge-base-changes -->"
"""Starts the Markdown, so the pull-request workflow finds and updates its own comment instead of adding another."""
Line = tuple[str, list[str]]
"""A line of the report and the lines under it."""


def _summary(changes: Changes) -> str:
    counts = {kind: sum(1 for c in changes.cases if c.change == kind) for kind in ("added", "edited", "removed")}
    parts = [f"{n} {kind}" for kind, n in counts.items() if n]
    text = f"Case studies: {', '.join(parts)}." if parts else "No case study changed."
    moved = sum(1 for c in changes.cases for i in c.items if i.change == "moved in")
    return f"{text} {count(moved, 'item')} moved between case studies." if moved else text


def _count_line(case: CaseChange) -> str:
    counts = [(sum(1 for i in case.items if i.kind == kind and i.change != "moved out"), NOUNS[kind]) for kind in KINDS]
    counts.append((len(case.sources_added), "source"))
    return "With " + ", ".join(count(n, noun) for n, noun in counts if n or noun == "lesson")


def _item(item: ItemChange, text: Callable[[str], str], code: Callable[[str], str]) -> Line:
    noun = NOUNS[item.kind].capitalize()
    named = f'{code(item.id)} "{text(item.title)}"'
    if item.change == "moved in":
        head = f"{noun} moved here from {code(item.elsewhere)}: {named}"
    elif item.change == "moved out":
        head = f"{noun} moved to {code(item.elsewhere)}: {named}"
    else:
        edited = f" (changed: {', '.join(item.fields)})" if item.change == "edited" and item.fields else ""
        head = f"{noun} {item.change}: {named}{edited}"
    if item.change in ("removed", "moved out"):
        return head, []
    under = [f"themes: {', '.join(code(t) for t in item.themes) or 'none'}", f"source: {text(item.source)}"]
    under += [f"{field}: {text(old)} → {text(new)}" for field, old, new in item.values]
    return head, under


def _sections(changes: Changes, text: Callable[[str], str], code: Callable[[str], str]) -> list[tuple[str, list[Line]]]:
    """(heading, lines) for each part of the report."""
    sections = []
    for case in changes.cases:
        lines: list[Line] = [(text(w), []) for w in case.words]
        if case.fields:
            lines.append((f"Fields changed: {', '.join(case.fields)}",
                          [f"{field}: {text(old)} → {text(new)}" for field, old, new in case.values]))
        if case.change != "edited":
            lines.append((_count_line(case), []))
        lines += [_item(item, text, code) for item in case.items]
        lines += [(f"Source added: {code(i)} {text(t)}", []) for i, t in case.sources_added]
        sections.append((f"Case study {case.change}: {text(case.title)} ({code(case.id)})", lines))
    if changes.themes_newly_used:
        sections.append(("Themes used for the first time", [(f"{code(i)} {text(t)}", []) for i, t in changes.themes_newly_used]))
    if changes.themes_added:
        sections.append(("Themes added to the vocabulary (schemas/themes.yaml)",
                         [(f"{code(i)} {text(t)}", []) for i, t in changes.themes_added]))
    if changes.unreadable:
        sections.append(("Could not be read (see ./run validate)", [(text(u), []) for u in changes.unreadable]))
    return sections


def _against(changes: Changes, code: Callable[[str], str]) -> str:
    if not changes.against or changes.against == changes.since:
        return code(changes.since)
    return re.sub(r"(?<=with )(\S+) \((\w+)\)$", lambda m: f"{code(m.group(1))} ({code(m.group(2))})", changes.against)


def format_text(changes: Changes) -> str:
    """The report for a terminal."""
    out = [f"Knowledge-base changes since {_against(changes, str)}", _summary(changes)]
    for heading, lines in _sections(changes, str, str):
        out += ["", heading]
        for line, under in lines:
            out += [f"  {line}"] + [f"      {u}" for u in under]
    return "\n".join(out) + "\n"


def markdown_text(value: str) -> str:
    """Contributor text as literal Markdown: one line, markup characters escaped, @mentions and #links defused."""
    value = re.sub(r"([\\`*_\[\]<>|~#!&])", r"\\\1", " ".join(value.split()))
    return value.replace("@", "@\u200b")


def _code(value: str) -> str:
    """An id in a code span; a backtick inside a (broken) id cannot end it early."""
    return f"`{' '.join(value.split()).replace('`', chr(0x2032))}`"


def format_markdown(changes: Changes) -> str:
    """The report as a pull-request comment."""
    out = [MARKER, f"### Knowledge-base changes since {_against(changes, _code)}", "", f"**{_summary(changes)}**"]
    for heading, lines in _sections(changes, markdown_text, _code):
        out += ["", f"#### {heading}", ""]
        for line, under in lines:
            out += [f"- {line}"] + [f"  - {u}" for u in under]
    return "\n".join(out) + "\n"
