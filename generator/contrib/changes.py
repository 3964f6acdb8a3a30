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
from ..words import slug

ITEM_FIELDS = ("id", "name", "title", "aim", "detail", "activities", "outcomes", "status", "themes", "quote", "source",
               "evidence", "addresses", "shared_with", "editor_notes")
"""Fields of lessons, barriers, recommendations and workstreams, in the order an edit lists them."""
KINDS = (*ITEM_KINDS, "workstreams")
"""Every kind of item a case study holds: lessons, barriers, recommendations, and workstreams."""
NOUNS = {**KIND_OF_FIELD, "workstreams": "workstream"}
WORDED = ("schema_version", "scope", "status")
"""Top-level fields whose change is told in words rather than listed by name."""
VALUE_CHARS = 80
"""An old or new value is shortened to this many characters, so a long detail does not drown the summary."""
CONTEXT_CHARS = 20
"""Words kept before the first difference when two long values are shown from there."""
DEFAULT_BRANCHES = ("origin/HEAD", "origin/main", "main")
"""Where the default branch is looked for, in order, when no --since is given."""
Moves = dict[tuple[str, str], tuple[str, dict[str, Any]]]
"""(kind, id) of an item new to a case study -> (case id, item as it was there) of the one it left."""


class GitError(Exception):
    """git could not answer, e.g. an unknown ref; the message is git's."""


@dataclass(frozen=True)
class ItemChange:
    """One lesson, barrier, recommendation or workstream added, removed, edited, or moved between case studies."""

    kind: str
    """``lessons``, ``barriers``, ``recommendations`` or ``workstreams``."""
    id: str
    """The item's id; a workstream without one is known by its name as a slug, as its page anchor is."""
    title: str
    """The item's title, or a workstream's name."""
    change: str
    """``added``, ``removed``, ``edited``, ``moved in`` (from another case study) or ``moved out`` (to another)."""
    fields: tuple[str, ...] = ()
    """For an edit or a move: the item's fields that differ, in schema order."""
    themes: tuple[str, ...] = ()
    """For a new, edited or moved-in item: its themes now."""
    source: str = ""
    """For a new, edited or moved-in item: its source as a reviewer finds it, e.g. '"Annual report" (Leeds City Council,
    2023)', or what is wrong with the reference."""
    values: tuple[tuple[str, str, str], ...] = ()
    """(field, old, new) for each field in ``fields``, each value shortened for reading."""
    elsewhere: str = ""
    """For a move: the id of the case study it came from or went to."""


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
    values: tuple[tuple[str, str, str], ...] = ()
    """(field, old, new) for each of ``fields`` but the sources (listed as sources added), shortened for reading."""


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
    against: str = ""
    """What ``since`` is, in words: the ref as given, or 'the merge base with origin/main (1a2b3c4)'."""


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


def shown(value: Any, limit: int = VALUE_CHARS) -> str:
    """A field's value in one short line: text in quotes, lists joined, missing values named; long ones end in '…'."""
    if value is None:
        return "(none)"
    if isinstance(value, dict):
        text = "; ".join(f"{k}: {shown(v, limit)}" for k, v in value.items())
    elif isinstance(value, list):
        text = ", ".join(shown(v, limit) if isinstance(v, (dict, list)) else str(v) for v in value) or "(none)"
    elif isinstance(value, str):
        text = f'"{" ".join(value.split())}"'
    else:
        text = str(value)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def shown_pair(old: Any, new: Any, limit: int = VALUE_CHARS) -> tuple[str, str]:
    """Old and new values as ``shown``; two long texts that differ late are both shown from a little before the first
    difference, so the change itself is in view rather than the words they share."""
    if isinstance(old, str) and isinstance(new, str):
        before, after = " ".join(old.split()), " ".join(new.split())
        same = next((i for i, (a, b) in enumerate(zip(before, after)) if a != b), min(len(before), len(after)))
        start = before.rfind(" ", 0, max(same - CONTEXT_CHARS, 0)) + 1
        if same > limit - CONTEXT_CHARS and start > 0:
            return shown("…" + before[start:], limit), shown("…" + after[start:], limit)
    return shown(old, limit), shown(new, limit)


def _changed_fields(before: dict[str, Any], after: dict[str, Any]) -> tuple[str, ...]:
    keys = set(before) | set(after)
    return tuple(sorted((k for k in keys if after.get(k) != before.get(k)),
                        key=lambda k: (ITEM_FIELDS.index(k) if k in ITEM_FIELDS else len(ITEM_FIELDS), k)))


def _described(kind: str, item_id: str, item: dict[str, Any], change: str, record: dict[str, Any],
               before: dict[str, Any] | None = None, elsewhere: str = "") -> ItemChange:
    """An item change with what a reviewer checks: themes and source, and old and new values of what changed."""
    fields = _changed_fields(before, item) if before is not None else ()
    values = tuple((f, *shown_pair(before.get(f), item.get(f))) for f in fields) if before is not None else ()
    themes = tuple(str(t) for t in item.get("themes") or [] if isinstance(t, str))
    return ItemChange(kind, item_id, _title(item), change, fields, themes, source_detail(record, item.get("source")),
                      values, elsewhere)


def compare_items(old: dict[str, Any], new: dict[str, Any], moved_in: Moves | None = None,
                  moved_out: dict[tuple[str, str], str] | None = None) -> list[ItemChange]:
    """Items added, removed, edited or moved between two versions of one record, by kind and then id order.

    ``moved_in`` maps (kind, id) of an item new here to (case id, item) it left; ``moved_out`` maps (kind, id) of an item
    gone from here to the case id it went to.
    """
    moved_in, moved_out = moved_in or {}, moved_out or {}
    changes = []
    for kind in KINDS:
        before, after = _items(old, kind), _items(new, kind)
        for item_id, item in after.items():
            if item_id in before:
                if item != before[item_id]:
                    changes.append(_described(kind, item_id, item, "edited", new, before[item_id]))
            elif (kind, item_id) in moved_in:
                origin, was = moved_in[(kind, item_id)]
                changes.append(_described(kind, item_id, item, "moved in", new, was, origin))
            else:
                changes.append(_described(kind, item_id, item, "added", new))
        changes += [ItemChange(kind, i, _title(item), "moved out", elsewhere=moved_out[(kind, i)])
                    if (kind, i) in moved_out else ItemChange(kind, i, _title(item), "removed")
                    for i, item in before.items() if i not in after]
    return changes


def _move_keys(kind: str, item_id: str, item: dict[str, Any]) -> list[tuple[str, str, str]]:
    """What makes an item the same one in another record: its id, or its title, or its detail, word for word.

    A workstream's name ('Procurement') is too common to tell one from another, so only a chosen id or its aim counts.
    """
    keys = [("id", kind, item_id)] if kind != "workstreams" or item.get("id") else []
    for field in ("title", "detail", "aim"):
        text = " ".join(str(item.get(field) or "").split()).lower()
        if text:
            keys.append((field, kind, text))
    return keys


def find_moves(old: dict[str, dict[str, Any]],
               new: dict[str, dict[str, Any]]) -> tuple[dict[str, Moves], dict[str, dict[tuple[str, str], str]]]:
    """Items that left one case study and appeared in another: per case id, moves in and moves out."""
    gone: dict[tuple[str, str, str], list[tuple[str, str, dict[str, Any]]]] = {}
    for case_id, record in old.items():
        for kind in KINDS:
            now = _items(new.get(case_id) or {}, kind)
            for item_id, item in _items(record, kind).items():
                if item_id not in now:
                    for key in _move_keys(kind, item_id, item):
                        gone.setdefault(key, []).append((case_id, item_id, item))
    moved_in: dict[str, Moves] = {}
    moved_out: dict[str, dict[tuple[str, str], str]] = {}
    for case_id, record in new.items():
        for kind in KINDS:
            before = _items(old.get(case_id) or {}, kind)
            for item_id, item in _items(record, kind).items():
                if item_id in before:
                    continue
                for key in _move_keys(kind, item_id, item):
                    match = next((g for g in gone.get(key, []) if g[0] != case_id
                                  and (kind, g[1]) not in moved_out.get(g[0], {})), None)
                    if match:
                        moved_in.setdefault(case_id, {})[(kind, item_id)] = (match[0], match[2])
                        moved_out.setdefault(match[0], {})[(kind, match[1])] = case_id
                        break
    return moved_in, moved_out


def _source_name(source: dict[str, Any]) -> str:
    """A source as a reader would recognise it: its title in quotes, or what it is and who published it."""
    if source.get("title"):
        return f'"{source["title"]}"'
    by = source.get("publisher") or ", ".join(map(str, source.get("authors") or [])) or source.get("url") or "no publisher"
    return f"(untitled {source.get('kind') or 'document'}: {by})"


def source_detail(record: dict[str, Any], source_id: Any) -> str:
    """An item's source as a reviewer checks it: its name, publisher and date, or what is wrong with the reference."""
    if not source_id:
        return "no source given"
    found = next((s for s in record.get("sources") or [] if isinstance(s, dict) and s.get("id") == source_id), None)
    if found is None:
        return f"'{source_id}', which is not among the case study's sources"
    name = f'"{found["title"]}"' if found.get("title") else f"untitled {found.get('kind') or 'document'}"
    facts = [str(found.get("publisher") or ", ".join(map(str, found.get("authors") or [])) or ""),
             readable(str(found["date"])) if found.get("date") else "undated"]
    return f"{name} ({', '.join(f for f in facts if f)})"


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


def compare_case(case_id: str, old: dict[str, Any] | None, new: dict[str, Any] | None, moved_in: Moves | None = None,
                 moved_out: dict[tuple[str, str], str] | None = None) -> CaseChange | None:
    """The change to one case study, or None when it is the same."""
    if old == new:
        return None
    items = tuple(compare_items(old or {}, new or {}, moved_in, moved_out))
    if new is None or old is None:
        record, change = (old, "removed") if new is None else (new, "added")
        sources = tuple(_sources(new).items()) if new else ()
        return CaseChange(case_id, str((record or {}).get("title", "")), change, items, (), sources, case_words(None, new))
    sources = tuple((i, t) for i, t in _sources(new).items() if i not in _sources(old))
    fields = tuple(k for k in dict.fromkeys([*new, *old]) if k not in KINDS and k not in WORDED and new.get(k) != old.get(k))
    values = tuple((k, *shown_pair(old.get(k), new.get(k))) for k in fields if k != "sources")
    return CaseChange(case_id, str(new.get("title", "")), "edited", items, fields, sources, case_words(old, new), values)


def default_base(project: Project) -> tuple[str, str]:
    """The merge base of HEAD with the default branch, and how to name it: what a branch changes, committed or not.

    The default branch is the first of origin/HEAD, origin/main and main that exists here.
    """
    for branch in DEFAULT_BRANCHES:
        try:
            _git(project.root, "rev-parse", "--verify", "--quiet", f"{branch}^{{commit}}")
        except GitError:
            continue
        name = _git(project.root, "rev-parse", "--abbrev-ref", branch).strip() if branch == "origin/HEAD" else branch
        base = _git(project.root, "merge-base", branch, "HEAD").strip()
        return base, f"the merge base with {name} ({base[:7]})"
    raise GitError(f"found none of {', '.join(DEFAULT_BRANCHES)} to compare with; name a commit or branch with --since")


def changes_since(project: Project, ref: str | None = None) -> Changes:
    """Compare the working tree's records and vocabulary with those at git ``ref``, or, without one, at the merge base
    with the default branch."""
    _git(project.root, "rev-parse", "--git-dir")  # outside a repository, git's own message is the clearest
    ref, against = (ref, ref) if ref else default_base(project)
    unreadable: list[str] = []
    texts, themes_text = old_texts(project, ref)
    old = _records(texts, unreadable)
    new = _records({project.display(p): p.read_text(encoding="utf-8") for p in project.record_files()}, unreadable)
    moved_in, moved_out = find_moves(old, new)
    cases = [c for c in (compare_case(i, old.get(i), new.get(i), moved_in.get(i), moved_out.get(i))
                         for i in sorted(set(old) | set(new))) if c]
    vocab_old = _vocabulary(_parse(themes_text, f"{ref}:themes", unreadable)) if themes_text else {}
    vocab_new = _vocabulary(_parse(project.themes_path.read_text(encoding="utf-8"), "themes", unreadable))
    used = sorted(_theme_ids_used(new) - _theme_ids_used(old))
    return Changes(
        since=ref, cases=tuple(cases),
        themes_newly_used=tuple((t, vocab_new.get(t, "")) for t in used),
        themes_added=tuple((t, title) for t, title in vocab_new.items() if t not in vocab_old),
        unreadable=tuple(unreadable), against=against,
    )
