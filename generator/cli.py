"""Command line: ``python -m generator validate [FILES...]`` and friends; one function per subcommand.

Paths on the command line are relative to where the command is run, as in any command; the project is the
nearest folder at or above it holding ``schemas/``, or ``--root`` (``./run`` passes it, so that its tasks work
from any folder of the project).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .contrib.changes import GitError, changes_since
from .contrib.changes_report import format_markdown, format_text
from .contrib.from_issue import IssueFormError, write_record
from .contrib.migrate import format_results, migrate
from .search.offline import DEFAULT_OUTPUT, OfflineError, build_offline
from .problems import CaseStudyError, summary_line
from .read.project import Project, find_root
from .contrib.scaffold import ScaffoldError, new_case_study, next_steps
from .check.validate import validate
from .kinds import ITEM_KINDS, KIND_OF_FIELD
from .words import count


def _files(names: list[str]) -> tuple[list[Path] | None, bool]:
    """The files named on the command line (None: every record), and whether all exist (each missing one reported)."""
    files = [Path(name) for name in names] if names else None
    missing = [f for f in files or [] if not f.is_file()]
    for f in missing:
        print(f"{f}: no such file", file=sys.stderr)
    return files, not missing


def _project(args: argparse.Namespace) -> Project:
    return Project(args.root.resolve() if args.root else find_root())


def _validate(args: argparse.Namespace) -> int:
    project = _project(args)
    files, found = _files(args.files)
    if not found:
        return 2
    records, _, problems = validate(project, files)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(summary_line(problems), file=sys.stderr)
        return 1
    counts = {kind: sum(len(r.data.get(kind, [])) for r in records) for kind in ITEM_KINDS}
    print(f"OK: {count(len(records), 'file')}, {count(len(records), 'case study', 'case studies')}, "
          + ", ".join(count(counts[kind], KIND_OF_FIELD[kind]) for kind in ITEM_KINDS))
    return 0


def _new(args: argparse.Namespace) -> int:
    project = _project(args)
    try:
        path = new_case_study(project, args.title, args.id)
    except (ScaffoldError, CaseStudyError) as error:
        print(f"Not created: {error}", file=sys.stderr)
        return 1
    print(next_steps(project, path))
    return 0


def _from_issue(args: argparse.Namespace) -> int:
    project = _project(args)
    try:
        body = sys.stdin.read() if args.file == "-" else Path(args.file).read_text(encoding="utf-8")
    except OSError as error:
        print(f"{args.file}: cannot read it ({error.strerror})", file=sys.stderr)
        return 2
    try:
        path = write_record(project, body, Path(args.output) if args.output else None)
    except IssueFormError as error:
        print(f"Not converted: {error}. In the form's words:", file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(f"Wrote {project.display(path)}. Check it against the sources, run ./run validate, and open a pull request.")
    return 0


def _migrate(args: argparse.Namespace) -> int:
    project = _project(args)
    files, found = _files(args.files)
    if not found:
        return 2
    results = migrate(project, files)
    out, err = format_results(results, named=bool(files))
    print(out, end="")
    print(err, end="", file=sys.stderr)
    return 1 if any(r.outcome == "skipped" for r in results) else 0


def _changes(args: argparse.Namespace) -> int:
    try:
        changes = changes_since(_project(args), args.since)
    except GitError as error:
        print(f"Cannot compare with '{args.since or 'the default branch'}': {error}", file=sys.stderr)
        return 2
    print(format_markdown(changes) if args.format == "markdown" else format_text(changes), end="")
    return 0


def _offline(args: argparse.Namespace) -> int:
    project = _project(args)
    output = Path(args.output).resolve() if args.output else project.root / DEFAULT_OUTPUT
    try:
        files = build_offline(project.root, output, strict=not args.no_strict)
    except OfflineError as error:
        print(f"Offline bundle not built: {error}", file=sys.stderr)
        return 1
    print(f"Wrote {args.output or project.display(output)} ({count(files, 'file')}, {output.stat().st_size / 1e6:.1f} MB). "
          "Unzip it and open "
          "anchor-learning-network/index.html in a browser: no server or network needed.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The parser with every subcommand; tests read it to check that workflows call real subcommands."""
    parser = argparse.ArgumentParser(prog="python -m generator", description="Anchor Learning Network records.")
    parser.add_argument("--root", type=Path, help="the project folder (default: the nearest one at or above the current "
                        "folder holding schemas/); paths given to a command stay relative to the current folder")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check case-study records and report every problem")
    check.add_argument("files", nargs="*", help="files to check (default: all of casestudies/)")
    check.set_defaults(run=_validate)
    new = commands.add_parser("new", help="start a case study from a commented template")
    new.add_argument("title", help='the case study\'s title, e.g. "Leeds Anchors Network"')
    new.add_argument("--id", help="the record id and file name (default: made from the title)")
    new.set_defaults(run=_new)
    issue = commands.add_parser("from-issue", help="turn a case-study issue form's body into a record")
    issue.add_argument("file", help="a file holding the issue body, or - to read it from standard input")
    issue.add_argument("--output", help="folder to write the record to (default: casestudies/)")
    issue.set_defaults(run=_from_issue)
    upgrade = commands.add_parser("migrate", help="upgrade version 1 case-study records to schema version 2, in place")
    upgrade.add_argument("files", nargs="*", help="files to upgrade, e.g. from a pull request (default: all of casestudies/)")
    upgrade.set_defaults(run=_migrate)
    diff = commands.add_parser("changes", help="say what the working tree changes in the knowledge base since a git ref")
    diff.add_argument("--since", help="git ref to compare with, e.g. origin/main (default: the merge base with the default "
                      "branch, origin/HEAD, origin/main or main, so committed changes on a branch still show)")
    diff.add_argument("--format", choices=("text", "markdown"), default="text", help="markdown for a pull-request comment")
    diff.set_defaults(run=_changes)
    offline = commands.add_parser("offline", help="build the whole site as a zip that works from disk, search included")
    offline.add_argument("--output", help=f"zip file to write (default: {DEFAULT_OUTPUT} in the project folder)")
    offline.add_argument("--no-strict", action="store_true", help="build even if MkDocs warns")
    offline.set_defaults(run=_offline)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.run(args))
