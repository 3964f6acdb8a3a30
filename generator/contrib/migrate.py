"""``python -m generator migrate``: upgrade version 1 case-study records to schema version 2, in place.

Records are hand-written YAML with comments and folded blocks, so the upgrade edits the text, never
re-dumps the data: every comment, quote style, line end (LF or CRLF) and byte-order mark stays as it was.
The edits are exactly the documented ones (``upgrade``):

- ``schema_version: 2`` is added after the file's leading comments;
- ``scope: network`` is added above ``network`` (the contributor is asked to check it);
- ``status: active`` becomes ``status:`` / ``state: active`` (``as_of`` is left out: no date is invented);
- ``ended: null`` (version 1's "it continues") is commented out, as version 2 leaves the field out;
- workstreams keep every field; version 2 wants ``themes`` on each, which are never invented: the
  workstreams that need them are listed, and the validator then points at each one.

After editing, the new text is read back and must hold exactly ``upgrade(old data)``; otherwise the file
is left as it was and reported. Running migrate again on a migrated file changes nothing.
"""
from __future__ import annotations

import codecs
import copy
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

from ..problems import Problem
from ..read.project import Project
from ..read.yaml_source import parse, read

TARGET_VERSION = 2
DEFAULT_SCOPE = "network"
Outcome = Literal["migrated", "current", "skipped"]
_NULL_ENDED = re.compile(r"^[ \t]*ended[ \t]*:[ \t]*(?:null|Null|NULL|~)?[ \t]*(?:#.*)?$")


@dataclass
class Result:
    """What migrate did to one file."""

    display: str
    outcome: Outcome
    notes: list[str] = field(default_factory=list)
    """For a migrated file: what the contributor should check or add, in plain words."""
    problem: Problem | None = None
    """For a skipped file: why, with the file and line."""


def upgrade(data: dict[str, Any]) -> dict[str, Any]:
    """The version 2 data of a version 1 record: the documented changes and nothing else."""
    new: dict[str, Any] = {"schema_version": TARGET_VERSION}
    for key, value in data.items():
        if key == "schema_version":
            continue
        if key == "network" and "scope" not in data:
            new["scope"] = DEFAULT_SCOPE
        if key == "status" and isinstance(value, str) and value:
            value = {"state": value}
        if key == "ended" and value is None:
            continue
        new[key] = copy.deepcopy(value)
    new.setdefault("scope", DEFAULT_SCOPE)
    return new


class _Text:
    """The file's text and the edits to make to it, applied together at the end."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.newline = "\r\n" if "\r\n" in text else "\n"
        self.lines = text.splitlines(keepends=True)
        self.starts = [0]
        for line in self.lines:
            self.starts.append(self.starts[-1] + len(line))
        self.edits: list[tuple[int, int, str]] = []

    def line_text(self, line: int) -> str:
        return self.lines[line].rstrip("\r\n") if line < len(self.lines) else ""

    def replace(self, start: int, end: int, new: str) -> None:
        self.edits.append((start, end, new))

    def insert_line(self, line: int, content: str) -> None:
        """Insert ``content`` as a whole line before 0-based ``line``."""
        if line >= len(self.lines):  # at the end: make sure the last line is ended first
            tail = "" if not self.text or self.text.endswith(("\n", "\r")) else self.newline
            self.edits.append((len(self.text), len(self.text), tail + content + self.newline))
        else:
            self.edits.append((self.starts[line], self.starts[line], content + self.newline))

    def result(self) -> str:
        text = self.text
        # Later offsets first, so earlier offsets stay right; of two insertions at one offset, the one made
        # second is applied first, so they end up in the order they were made.
        order = sorted(range(len(self.edits)), key=lambda n: (self.edits[n][0], self.edits[n][1], n), reverse=True)
        for start, end, new in (self.edits[n] for n in order):
            text = text[:start] + new + text[end:]
        return text


def _compose(text: str) -> yaml.MappingNode:
    """The node tree with positions (the pure-Python parser: its offsets count characters)."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
    finally:
        loader.dispose()
    assert isinstance(node, yaml.MappingNode)
    return node


def _is_comment(line: str) -> bool:
    return line.lstrip().startswith("#")


def _key_line(text: _Text, keys: list[yaml.ScalarNode], index: int) -> int:
    """Where a new top-level field goes above ``keys[index]``: above the comments written for that field.

    Comments directly above a field (no blank line between) belong to it, unless they run up to the top
    of the file: those are the file's leading comments, and the new field goes after them.
    """
    key = keys[index]
    line = top = key.start_mark.line
    floor = keys[index - 1].start_mark.line + 1 if index else 0

    def indent(n: int) -> int:
        return len(text.line_text(n)) - len(text.line_text(n).lstrip())

    # A comment indented no deeper than the key cannot be the text of the field above (that is indented deeper).
    while top - 1 >= floor and _is_comment(text.line_text(top - 1)) and indent(top - 1) <= key.start_mark.column:
        top -= 1
    if all(text.line_text(n).strip() == "---" or text.line_text(n).startswith("%") for n in range(top)):
        return line
    return top


def _indent_unit(root: yaml.MappingNode) -> int:
    """The record's own indentation step, read from its first nested mapping (2 when there is none)."""
    for key, value in root.value:
        if isinstance(value, yaml.MappingNode) and value.value and value.flow_style is not True:
            step = value.value[0][0].start_mark.column - key.start_mark.column
            if step > 0:
                return step
    return 2


def _workstreams_without_themes(root: yaml.MappingNode) -> list[tuple[int, str]]:
    """(index, name) of each workstream that has no themes."""
    found = []
    for key, value in root.value:
        if key.value == "workstreams" and isinstance(value, yaml.SequenceNode):
            for i, entry in enumerate(value.value):
                if isinstance(entry, yaml.MappingNode):
                    fields = {k.value: v for k, v in entry.value if isinstance(k, yaml.ScalarNode)}
                    if "themes" not in fields:
                        name = fields.get("name")
                        found.append((i, name.value if isinstance(name, yaml.ScalarNode) else ""))
    return found


class _Skip(Exception):
    """The file cannot be migrated safely; carries the problem to report."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem


def migrate_text(text: str, display: str) -> tuple[str, list[str]]:
    """The version 2 text of a version 1 record's text, and the notes for the contributor.

    ``text`` must already have been read as one YAML mapping (see ``migrate_file``).
    """
    root = _compose(text)
    if root.flow_style:
        raise _Skip(Problem(display, root.start_mark.line + 1, root.start_mark.column + 1, "",
                            "the record is written as one {...} flow mapping; migrate edits block-style records only",
                            "write one field per line, as in the other records, then run migrate again"))
    doc = _Text(text)
    keys = [k for k, _ in root.value]
    fields = {k.value: (i, k, v) for i, (k, v) in enumerate(root.value)}
    column = keys[0].start_mark.column if keys else 0
    pad, unit = " " * column, _indent_unit(root)
    notes: list[str] = []

    if "schema_version" in fields:
        _, key, value = fields["schema_version"]
        doc.replace(value.start_mark.index, value.end_mark.index, str(TARGET_VERSION))
    else:
        doc.insert_line(_key_line(doc, keys, 0) if keys else len(doc.lines), f"{pad}schema_version: {TARGET_VERSION}")

    if "scope" not in fields:
        where = _key_line(doc, keys, fields["network"][0]) if "network" in fields else (
            _key_line(doc, keys, 0) if keys else len(doc.lines))
        doc.insert_line(where, f"{pad}scope: {DEFAULT_SCOPE}")
        notes.append(f"scope: set to '{DEFAULT_SCOPE}'. Check it: change it to 'organisation' if the case study is one "
                     "organisation's anchor work, or 'collection' if it is an event or report drawing on several.")

    if "status" in fields:
        _, key, value = fields["status"]
        if isinstance(value, yaml.ScalarNode) and value.tag == "tag:yaml.org,2002:str" and value.value:
            written = text[value.start_mark.index:value.end_mark.index]
            if value.start_mark.line == key.start_mark.line:
                between = text[key.end_mark.index:value.start_mark.index]
                if not re.fullmatch(r"[ \t]*:[ \t]*", between):
                    raise _Skip(Problem(display, key.start_mark.line + 1, key.start_mark.column + 1, "status",
                                        "migrate cannot read how this status is written",
                                        "write it as 'status: active' on one line, then run migrate again"))
                doc.replace(key.end_mark.index, value.end_mark.index,
                            f":{doc.newline}{pad}{' ' * unit}state: {written}")
            else:
                doc.replace(value.start_mark.index, value.end_mark.index, f"state: {written}")
            notes.append(f"status: now 'state: {value.value}', with no date. Add 'as_of:' (the date of the evidence, e.g. "
                         "the source's publication date) and 'source:' (that source's id) under it; migrate never invents them.")
        elif not isinstance(value, yaml.MappingNode):
            notes.append("status: not a single word, so left as it was; version 2 writes it as 'status:' with "
                         "'state:' (active, paused, wound-down or unknown) and, if known, 'as_of:' and 'source:'.")
    else:
        notes.append("status: missing; version 2 needs 'status:' with 'state:' (active, paused, wound-down, or unknown "
                     "when the sources do not say).")

    if "ended" in fields:
        _, key, value = fields["ended"]
        if isinstance(value, yaml.ScalarNode) and value.tag == "tag:yaml.org,2002:null":
            line = key.start_mark.line
            if not _NULL_ENDED.match(doc.line_text(line)):
                raise _Skip(Problem(display, line + 1, key.start_mark.column + 1, "ended",
                                    "migrate cannot read how this empty 'ended' is written",
                                    "delete the line if the network continues, then run migrate again"))
            doc.replace(doc.starts[line] + key.start_mark.column, doc.starts[line] + key.start_mark.column, "# ")
            notes.append("ended: was empty (version 1's way of saying it continues); version 2 leaves it out, so the "
                         "line is now a comment. Delete it once you have read this.")

    return doc.result(), notes


def _themes_note(new_text: str) -> str:
    """Which workstreams need themes, with the line each starts on in the migrated file."""
    missing = _workstreams_without_themes(_compose(new_text))
    if not missing:
        return ""
    lines = {i: line for i, line in _workstream_lines(new_text)}
    names = ", ".join(f"workstreams[{i}]" + (f" '{name}'" if name else "") + f" (line {lines[i]})" for i, name in missing)
    return (f"themes: version 2 tags each workstream with one or more theme ids from schemas/themes.yaml; migrate never "
            f"invents them. Add 'themes:' to {names}.")


def _workstream_lines(text: str) -> list[tuple[int, int]]:
    root = _compose(text)
    for key, value in root.value:
        if key.value == "workstreams" and isinstance(value, yaml.SequenceNode):
            return [(i, entry.start_mark.line + 1) for i, entry in enumerate(value.value)]
    return []


def migrate_file(project: Project, path: Path) -> Result:
    """Upgrade one file in place; a file already at version 2, or one that cannot be read, is left unchanged."""
    display = project.display(path)
    doc, problems = read(path, display)
    if doc is None:
        first = problems[0] if problems else Problem(display, 0, 0, "", "cannot read the file")
        return Result(display, "skipped", problem=first)
    data = doc.data
    if not isinstance(data, dict):
        return Result(display, "skipped", problem=Problem(display, 1, 1, "", "the file is not a case-study record "
                                                          "(its top level is not a mapping of fields)"))
    version = data.get("schema_version")
    if version == TARGET_VERSION:
        return Result(display, "current")
    if version not in (None, 1):
        line, col = doc.locate(("schema_version",))
        return Result(display, "skipped", problem=Problem(
            display, line, col, "schema_version", f"migrate upgrades version 1 records to version 2, not version {version!r}",
            "check the schema_version line"))
    raw = path.read_bytes()
    bom = raw.startswith(codecs.BOM_UTF8)
    text = raw.decode("utf-8-sig")
    try:
        new_text, notes = migrate_text(text, display)
    except _Skip as skip:
        return Result(display, "skipped", problem=skip.problem)
    new_doc, _ = parse(new_text, display)
    if new_doc is None or new_doc.data != upgrade(data):
        # The text edits must give exactly the documented change; if they do not, nothing is written.
        return Result(display, "skipped", problem=Problem(
            display, 1, 1, "", "migrate could not upgrade this file without changing more than version 2 needs",
            "upgrade it by hand as CONTRIBUTING.md describes, and tell the maintainers which file it was"))
    _write(path, (codecs.BOM_UTF8 if bom else b"") + new_text.encode("utf-8"))
    themes = _themes_note(new_text)
    return Result(display, "migrated", notes + ([themes] if themes else []))


def _write(path: Path, content: bytes) -> None:
    """Replace the file in one step, keeping its permissions: an interrupted run never leaves half a record."""
    path = path.resolve()  # a symlinked record is updated where it lives, and stays a symlink
    mode = path.stat().st_mode
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".migrating")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.chmod(temporary, mode & 0o7777)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def migrate(project: Project, files: list[Path] | None = None) -> list[Result]:
    """Upgrade ``files`` (default: every record in casestudies/), one result per file in the order given."""
    return [migrate_file(project, path) for path in (files if files is not None else project.record_files())]


def format_results(results: list[Result], named: bool = False) -> tuple[str, str]:
    """(what to print on standard output, what to print on standard error); ``named``: the files were named."""
    out: list[str] = []
    err: list[str] = []
    for result in results:
        if result.outcome == "migrated":
            out.append(f"{result.display}: migrated to schema version {TARGET_VERSION}.")
            out += [f"  - {note}" for note in result.notes]
        elif result.outcome == "current":
            out.append(f"{result.display}: already schema version {TARGET_VERSION}; left unchanged.")
        elif result.problem is not None:
            err.append(f"{result.problem}; not migrated, the file is unchanged")
    counts = {kind: sum(1 for r in results if r.outcome == kind) for kind in ("migrated", "current", "skipped")}
    summary = (f"{counts['migrated']} migrated, {counts['current']} already version {TARGET_VERSION}, "
               f"{counts['skipped']} not migrated.")
    migrated = [r.display for r in results if r.outcome == "migrated"]
    if migrated:
        files = "".join(f" {name}" for name in migrated) if named else ""
        summary += f" Next: do what the notes above ask, then run: python -m generator validate{files}"
    (err if counts["skipped"] else out).append(summary)
    return "".join(f"{line}\n" for line in out), "".join(f"{line}\n" for line in err)
