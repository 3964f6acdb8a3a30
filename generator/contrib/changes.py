"""``python -m generator changes``: what the working tree changes in the knowledge base since a git ref, in plain words."""
from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..read.project import Project
from ..kinds import ITEM_KINDS, KIND_OF_FIELD
from ..read.yaml_source import parse

ITEM_FIELDS = ("id", "title", "detail", "themes", "quote", "source", "evidence", "addresses")


class GitError(Exception):
    """git could not answer, e.g. an unknown ref; the message is git's."""


@dataclass(frozen=True)
class ItemChange:
    """One lesson, barrier or recommendation added, removed or edited."""

    kind: str
    """``lessons``, ``barriers`` or ``recommendations``."""
    id: str
    title: str
    change: str
    """``added``, ``removed`` or ``edited``."""
    fields: tuple[str, ...] = ()
    """For an edit: the item's fields that differ, in schema order."""


@dataclass(frozen=True)
class CaseChange:
    """What changed in one case study."""

    id: str
    title: str
    change: str
    """``added``, ``removed`` or ``edited``."""
    items: tuple[ItemChange, ...] = ()
    fields: tuple[str, ...] = ()
    """Top-level fields other than the item lists that differ, e.g. ``summary``."""
    sources_added: tuple[tuple[str, str], ...] = ()
    """(id, title) of each source new to this case study."""


@dataclass(frozen=True)
class Changes:
    since: str
    cases: tuple[CaseChange, ...]
    themes_newly_used: tuple[tuple[str, str], ...]
    """(id, title) of themes tagged on some item now but on none at ``since``."""
    themes_added: tuple[tuple[str, str], ...]
    """(id, title) of themes new to schemas/themes.yaml."""
    unreadable: tuple[str, ...]
    """Files that could not be parsed on either side, with the reason."""


def _git(root: Path, *args: str) -> str:
    result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, encoding="utf-8")
    if result.returncode:
        raise GitError(result.stderr.strip() or f"git {' '.join(args)} failed")
    return result.stdout


def _parse(text: str, name: str, unreadable: list[str]) -> Any:
    doc, problems = parse(text, name)
    if doc is None:
        unreadable.append(str(problems[0]))
        return None
    return doc.data


def _records(texts: dict[str, str], unreadable: list[str]) -> dict[str, dict[str, Any]]:
    """Case id -> record; a file that is not a mapping is skipped and reported."""
    records = {}
    for name, text in sorted(texts.items()):
        data = _parse(text, name, unreadable)
        if isinstance(data, dict):
            records[str(data.get("id") or Path(name).stem)] = data
        elif data is not None:
            unreadable.append(f"{name}: not a case-study record")
    return records


def old_texts(project: Project, ref: str) -> tuple[dict[str, str], str]:
    """The case-study files and the themes file at ``ref``, read with git."""
    _git(project.root, "rev-parse", "--git-dir")  # outside a repository, git's own message is the clearest
    try:
        _git(project.root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except GitError:
        raise GitError(f"git knows no commit or branch called '{ref}' here (for origin/main, run: git fetch origin main)") from None
    folder = project.display(project.casestudies_dir)
    names = [n for n in _git(project.root, "ls-tree", "-r", "--name-only", ref, "--", f"{folder}/").splitlines()
             if n.endswith((".yaml", ".yml"))]
    texts = {name: _git(project.root, "show", f"{ref}:./{name}") for name in names}
    try:
        themes = _git(project.root, "show", f"{ref}:./{project.display(project.themes_path)}")
    except GitError:
        themes = ""
    return texts, themes


def _theme_ids_used(records: dict[str, dict[str, Any]]) -> set[str]:
    return {t for r in records.values() for kind in ITEM_KINDS for item in _items(r, kind).values()
            for t in (item.get("themes") or []) if isinstance(t, str)}


def _items(record: dict[str, Any], kind: str) -> dict[str, dict[str, Any]]:
    value = record.get(kind)
    return {str(i.get("id")): i for i in value if isinstance(i, dict)} if isinstance(value, list) else {}


def _vocabulary(data: Any) -> dict[str, str]:
    themes = data.get("themes") if isinstance(data, dict) else None
    return {t["id"]: str(t.get("title", "")) for t in themes or [] if isinstance(t, dict) and "id" in t}


def compare_items(old: dict[str, Any], new: dict[str, Any]) -> list[ItemChange]:
    """Items added, removed or edited between two versions of one record, by kind and then id order."""
    changes = []
    for kind in ITEM_KINDS:
        before, after = _items(old, kind), _items(new, kind)
        for item_id, item in after.items():
            if item_id not in before:
                changes.append(ItemChange(kind, item_id, str(item.get("title", "")), "added"))
            elif item != before[item_id]:
                keys = set(item) | set(before[item_id])
                fields = tuple(sorted((k for k in keys if item.get(k) != before[item_id].get(k)),
                                      key=lambda k: (ITEM_FIELDS.index(k) if k in ITEM_FIELDS else len(ITEM_FIELDS), k)))
                changes.append(ItemChange(kind, item_id, str(item.get("title", "")), "edited", fields))
        changes += [ItemChange(kind, i, str(item.get("title", "")), "removed") for i, item in before.items() if i not in after]
    return changes


def _sources(record: dict[str, Any]) -> dict[str, str]:
    value = record.get("sources")
    return {str(s.get("id")): str(s.get("title", "")) for s in value if isinstance(s, dict)} if isinstance(value, list) else {}


def compare_case(case_id: str, old: dict[str, Any] | None, new: dict[str, Any] | None) -> CaseChange | None:
    """The change to one case study, or None when it is the same."""
    if old == new:
        return None
    if new is None or old is None:
        record, change = (old, "removed") if new is None else (new, "added")
        items = tuple(ItemChange(k, i, str(item.get("title", "")), change) for k in ITEM_KINDS for i, item in _items(record or {}, k).items())
        sources = tuple(_sources(new).items()) if new else ()
        return CaseChange(case_id, str((record or {}).get("title", "")), change, items, (), sources)
    sources = tuple((i, t) for i, t in _sources(new).items() if i not in _sources(old))
    fields = tuple(k for k in dict.fromkeys([*new, *old]) if k not in ITEM_KINDS and new.get(k) != old.get(k))
    return CaseChange(case_id, str(new.get("title", "")), "edited", tuple(compare_items(old, new)), fields, sources)


def changes_since(project: Project, ref: str) -> Changes:
    """Compare the working tree's records and vocabulary with those at git ``ref``."""
    unreadable: list[str] = []
    texts, themes_text = old_texts(project, ref)
    old = _records(texts, unreadable)
    new = _records({project.display(p): p.read_text(encoding="utf-8") for p in project.record_files()}, unreadable)
    cases = [c for c in (compare_case(i, old.get(i), new.get(i)) for i in sorted(set(old) | set(new))) if c]
    vocab_old = _vocabulary(_parse(themes_text, f"{ref}:themes", unreadable)) if themes_text else {}
    vocab_new = _vocabulary(_parse(project.themes_path.read_text(encoding="utf-8"), "themes", unreadable))
    used = sorted(_theme_ids_used(new) - _theme_ids_used(old))
    return Changes(
        since=ref, cases=tuple(cases),
        themes_newly_used=tuple((t, vocab_new.get(t, "")) for t in used),
        themes_added=tuple((t, title) for t, title in vocab_new.items() if t not in vocab_old),
        unreadable=tuple(unreadable),
    )


def _summary(changes: Changes) -> str:
    counts = {kind: sum(1 for c in changes.cases if c.change == kind) for kind in ("added", "edited", "removed")}
    parts = [f"{n} {kind}" for kind, n in counts.items() if n]
    return f"Case studies: {', '.join(parts)}." if parts else "No case study changed."


def _count_line(case: CaseChange) -> str:
    counts = [(sum(1 for i in case.items if i.kind == kind), KIND_OF_FIELD[kind]) for kind in ITEM_KINDS]
    counts.append((len(case.sources_added), "source"))
    return "With " + ", ".join(f"{n} {noun}{'s' if n != 1 else ''}" for n, noun in counts if n or noun == "lesson")


def _sections(changes: Changes, code: str) -> list[tuple[str, list[str]]]:
    """(heading, lines) for each part of the report; ``code`` wraps ids (a backtick in Markdown)."""
    def name(i: str) -> str:
        return f"{code}{i}{code}"

    sections = []
    for case in changes.cases:
        lines = [f"Fields changed: {', '.join(case.fields)}"] if case.fields else []
        if case.change != "edited":
            lines.append(_count_line(case))
        for item in case.items:
            edited = f" (changed: {', '.join(item.fields)})" if item.fields else ""
            lines.append(f"{KIND_OF_FIELD[item.kind].capitalize()} {item.change}: {name(item.id)} \"{item.title}\"{edited}")
        lines += [f"Source added: {name(i)} \"{t}\"" for i, t in case.sources_added]
        sections.append((f"Case study {case.change}: {case.title} ({name(case.id)})", lines))
    if changes.themes_newly_used:
        sections.append(("Themes used for the first time", [f"{name(i)} {t}" for i, t in changes.themes_newly_used]))
    if changes.themes_added:
        sections.append(("Themes added to the vocabulary (schemas/themes.yaml)", [f"{name(i)} {t}" for i, t in changes.themes_added]))
    if changes.unreadable:
        sections.append(("Could not be read (see ./run validate)", list(changes.unreadable)))
    return sections


def format_text(changes: Changes) -> str:
    """The report for a terminal."""
    out = [f"Knowledge-base changes since {changes.since}", _summary(changes)]
    for heading, lines in _sections(changes, ""):
        out += ["", heading] + [f"  {line}" for line in lines]
    return "\n".join(out) + "\n"


def format_markdown(changes: Changes) -> str:
    """The report as a pull-request comment."""
    out = [f"### Knowledge-base changes since `{changes.since}`", "", f"**{_summary(changes)}**"]
    for heading, lines in _sections(changes, "`"):
        out += ["", f"#### {heading}", ""] + [f"- {line}" for line in lines]
    return "\n".join(out) + "\n"
