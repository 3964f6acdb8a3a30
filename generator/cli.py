"""Command line: ``python -m generator validate [FILES...]`` and friends."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .problems import summary_line
from .project import Project, find_root
from .validate import ITEM_KINDS, validate


def _validate(args: argparse.Namespace) -> int:
    project = Project(find_root())
    files = [Path(f) for f in args.files] if args.files else None
    if files:
        missing = [f for f in files if not f.is_file()]
        if missing:
            for f in missing:
                print(f"{f}: no such file", file=sys.stderr)
            return 2
    records, _, problems = validate(project, files)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(summary_line(problems), file=sys.stderr)
        return 1
    counts = {kind: sum(len(r.data.get(kind, [])) for r in records) for kind in ITEM_KINDS}
    print(f"OK: {len(records)} files, {len(records)} case studies, {counts['lessons']} lessons, "
          f"{counts['barriers']} barriers, {counts['recommendations']} recommendations")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description="Anchor Learning Network records.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check case-study records and report every problem")
    check.add_argument("files", nargs="*", help="files to check (default: all of casestudies/)")
    check.set_defaults(run=_validate)
    args = parser.parse_args(argv)
    return int(args.run(args))
