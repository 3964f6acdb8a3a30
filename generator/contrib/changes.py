"""``python -m generator changes``: what the working tree changes in the knowledge base since a git ref, in plain words."""
from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..dates import readable
from ..read.project import Project
from ..kinds import ITEM_KINDS, KIND_OF_FIELD
from ..read.yaml_source import parse
from ..words import count, slug

ITEM_FIELDS = ("id", "name", "title", "aim", "detail", "activities", "outcomes", "status", "themes", "quote", "source",
               "evidence", "addresses", "shared_with", "editor_notes")
"""Fields of lessons, barriers, recommendations and workstreams, in the order an edit lists them."""
KINDS = (*ITEM_KINDS, "workstreams")
"""Every kind of item a case study holds: lessons, barriers, recommendations, and workstreams."""
NOUNS = {**KIND_OF_FIELD, "workstreams": "workstream"}
WORDED = ("schema_version", "scope", "status")
"""Top-level fields whose change is told in words rather than listed by name."""


class GitError(Exception):
    """git could not answer, e.g. an unknown ref; the message is git's."""


@dataclass(frozen=True)
class ItemChange:
    """One lesson, barrier, recommendation or workstream added, removed or edited."""

    kind: str
    """``lessons``, ``barriers``, ``recommendations`` or ``workstreams``."""
    id: str
    """The item's id; a workstream without one is known by its name as a slug, as its page anchor is."""
    title: str
    """The item's title, or a workstream's name."""
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
    """Top-level fields other than the item lists that differ, e.g. ``summary`` (scope and status are in ``words``)."""
    sources_added: tuple[tuple[str, str], ...] = ()
    """(id, how to name it) of each source new to this case study: its title in quotes, or what it is when untitled."""
    words: tuple[str, ...] = ()
    """Changes told in a sentence: the scope, the status and its date, the schema version."""


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
        raise GitError(f"git knows no commit or branch called '{ref}' here "
                       "(for origin/main, run: git fetch origin main)") from None
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
    return {t for r in records.values() for kind in KINDS for item in _items(r, kind).values()
            for t in (item.get("themes") or []) if isinstance(t, str)}


def _item_id(item: dict[str, Any], kind: str) -> str:
    if kind == "workstreams" and not item.get("id"):
        return slug(str(item.get("name", "")))
    return str(item.get("id"))


def _items(record: dict[str, Any], kind: str) -> dict[str, dict[str, Any]]:
    value = record.get(kind)
    return {_item_id(i, kind): i for i in value if isinstance(i, dict)} if isinstance(value, list) else {}


def _title(item: dict[str, Any]) -> str:
    return str(item.get("title", item.get("name", "")))


def _vocabulary(data: Any) -> dict[str, str]:
    themes = data.get("themes") if isinstance(data, dict) else None
    return {t["id"]: str(t.get("title", "")) for t in themes or [] if isinstance(t, dict) and "id" in t}


def compare_items(old: dict[str, Any], new: dict[str, Any]) -> list[ItemChange]:
    """Items added, removed or edited between two versions of one record, by kind and then id order."""
    changes = []
    for kind in KINDS:
        before, after = _items(old, kind), _items(new, kind)
        for item_id, item in after.items():
            if item_id not in before:
                changes.append(ItemChange(kind, item_id, _title(item), "added"))
            elif item != before[item_id]:
                keys = set(item) | set(before[item_id])
                fields = tuple(sorted((k for k in keys if item.get(k) != before[item_id].get(k)),
                                      key=lambda k: (ITEM_FIELDS.index(k) if k in ITEM_FIELDS else len(ITEM_FIELDS), k)))
                changes.append(ItemChange(kind, item_id, _title(item), "edited", fields))
        changes += [ItemChange(kind, i, _title(item), "removed") for i, item in before.items() if i not in after]
    return changes


def _source_name(source: dict[str, Any]) -> str:
    """A source as a reader would recognise it: its title in quotes, or what it is and who published it."""
    if source.get("title"):
        return f'"{source["title"]}"'
    by = source.get("publisher") or ", ".join(map(str, source.get("authors") or [])) or source.get("url") or "no publisher"
    return f"(untitled {source.get('kind') or 'document'}: {by})"


def _sources(record: dict[str, Any]) -> dict[str, str]:
    value = record.get("sources")
    return {str(s.get("id")): _source_name(s) for s in value if isinstance(s, dict)} if isinstance(value, list) else {}


def _status(value: Any) -> dict[str, Any]:
    """A status as version 2 writes it; version 1's single word is its state, undated."""
    if isinstance(value, dict):
        return value
    return {"state": value} if isinstance(value, str) and value else {}


def _state(state: Any) -> str:
    return str(state).replace("-", " ") if state else "not given"


def status_words(old: Any, new: Any) -> str:
    """'Status changed from active to wound down, as of March 2024 (source: annual-report)'; '' when the same."""
    before, after = _status(old), _status(new)
    if before == after:
        return ""
    if not after:
        return "Status removed"
    if before.get("state") != after.get("state"):
        text = f"Status changed from {_state(before.get('state'))} to {_state(after.get('state'))}" if before \
            else f"Status: {_state(after.get('state'))}"
    else:
        text = f"Status still {_state(after.get('state'))}"
    as_of = after.get("as_of")
    if as_of and as_of != before.get("as_of"):
        text += f", as of {readable(str(as_of))}" if before.get("as_of") or before.get("state") != after.get("state") \
            else f", now dated {readable(str(as_of))}"
    elif before.get("as_of") and not as_of:
        text += ", no longer dated"
    if after.get("source") and after.get("source") != before.get("source"):
        text += f" (source: {after['source']})"
    return text


def case_words(old: dict[str, Any] | None, new: dict[str, Any] | None) -> tuple[str, ...]:
    """The schema version, scope and status changes of one case study, in words."""
    old, new = old or {}, new or {}
    words = []
    if new and old and old.get("schema_version") != new.get("schema_version") and new.get("schema_version"):
        words.append(f"Upgraded to schema version {new['schema_version']}")
    if old.get("scope") != new.get("scope") and new.get("scope"):
        words.append(f"Scope changed from {old['scope']} to {new['scope']}" if old.get("scope")
                     else f"Scope: {new['scope']}")
    status = status_words(old.get("status"), new.get("status")) if new else ""
    return tuple(words + ([status] if status else []))


def compare_case(case_id: str, old: dict[str, Any] | None, new: dict[str, Any] | None) -> CaseChange | None:
    """The change to one case study, or None when it is the same."""
    if old == new:
        return None
    if new is None or old is None:
        record, change = (old, "removed") if new is None else (new, "added")
        items = tuple(ItemChange(k, i, _title(item), change) for k in KINDS for i, item in _items(record or {}, k).items())
        sources = tuple(_sources(new).items()) if new else ()
        return CaseChange(case_id, str((record or {}).get("title", "")), change, items, (), sources, case_words(None, new))
    sources = tuple((i, t) for i, t in _sources(new).items() if i not in _sources(old))
    fields = tuple(k for k in dict.fromkeys([*new, *old]) if k not in KINDS and k not in WORDED and new.get(k) != old.get(k))
    return CaseChange(case_id, str(new.get("title", "")), "edited", tuple(compare_items(old, new)), fields, sources,
                      case_words(old, new))


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
    counts = [(sum(1 for i in case.items if i.kind == kind), NOUNS[kind]) for kind in KINDS]
    counts.append((len(case.sources_added), "source"))
    return "With " + ", ".join(count(n, noun) for n, noun in counts if n or noun == "lesson")


def _sections(changes: Changes, code: str) -> list[tuple[str, list[str]]]:
    """(heading, lines) for each part of the report; ``code`` wraps ids (a backtick in Markdown)."""
    def name(i: str) -> str:
        return f"{code}{i}{code}"

    sections = []
    for case in changes.cases:
        lines = list(case.words)
        lines += [f"Fields changed: {', '.join(case.fields)}"] if case.fields else []
        if case.change != "edited":
            lines.append(_count_line(case))
        for item in case.items:
            edited = f" (changed: {', '.join(item.fields)})" if item.fields else ""
            lines.append(f"{NOUNS[item.kind].capitalize()} {item.change}: {name(item.id)} \"{item.title}\"{edited}")
        lines += [f"Source added: {name(i)} {t}" for i, t in case.sources_added]
        sections.append((f"Case study {case.change}: {case.title} ({name(case.id)})", lines))
    if changes.themes_newly_used:
        sections.append(("Themes used for the first time", [f"{name(i)} {t}" for i, t in changes.themes_newly_used]))
    if changes.themes_added:
        sections.append(("Themes added to the vocabulary (schemas/themes.yaml)",
                         [f"{name(i)} {t}" for i, t in changes.themes_added]))
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
