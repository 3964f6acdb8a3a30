"""``python -m generator from-issue``: turn the body GitHub writes for the case-study issue form into a record.

Reading the form is issue_form.py, building the record form_record.py and writing it record_yaml.py;
this module validates the record and names each problem by the form label the contributor filled in.
"""
from __future__ import annotations

import datetime
import re
import tempfile
from pathlib import Path
from typing import Any

from .form_record import ID_WORDS, ITEM_LABELS, WORKSTREAM_LABELS, Lookups, RecordBuilder, lookups
from .issue_form import LABELS, NO_RESPONSE, REQUIRED, FormProblem, IssueFormError, sections
from ..problems import Problem
from ..read.project import Project
from .record_yaml import SCHEMA_COMMENT, to_yaml
from ..check.validate import validate

__all__ = ["ID_WORDS", "ITEM_LABELS", "LABELS", "NO_RESPONSE", "REQUIRED", "SCHEMA_COMMENT", "WORKSTREAM_LABELS",
           "FormProblem", "IssueFormError", "Lookups", "convert", "lookups", "map_problem", "sections", "to_yaml",
           "write_record"]


def _label_of(field: str, where: dict[str, list[str]]) -> tuple[str, str, str]:
    """A validator field such as ``lessons[1].themes[0]`` as (form label, entry, part of the entry)."""
    match = re.match(r"^([a-z_]+(?:\.[a-z_]+)?)(?:\[(\d+)\])?\.?(.*)$", field)
    top, index, rest = (match.group(1), match.group(2), match.group(3)) if match else (field, None, "")
    labels = {path: label for label, path in LABELS.items() if path}
    label = labels.get(top) or labels.get(top.split(".")[0]) or labels.get(field.split("[")[0], field)
    if index is None:
        return label, "", rest
    names = where.get(top, [])
    entry = names[int(index)] if int(index) < len(names) else f"entry {int(index) + 1}"
    return label, entry, re.sub(r"\[\d+\]$", "", rest)


def map_problem(problem: Problem, where: dict[str, list[str]]) -> tuple[FormProblem, str]:
    """A validator problem named by the form label the contributor filled in, and the entry's field it is about."""
    label, entry, part = _label_of(problem.field, where)
    if not problem.field:
        label = "Issue form"
    message = f"{part}: {problem.message}" if part else problem.message
    hint = problem.hint.replace("'shared_with'", "a 'Shared with:' line")  # the form's word for the field
    return FormProblem(label, entry, message, hint), re.split(r"[.\[]", part)[0]


def convert(project: Project, body: str, today: datetime.date | None = None) -> dict[str, Any]:
    """The record an issue body describes; raise IssueFormError listing every missing or malformed answer."""
    answers = sections(body)
    if not answers:
        raise IssueFormError([FormProblem("Issue form", "", "no '### ' form headings found",
                                          "pass the body of an issue opened with the case-study form")])
    builder = RecordBuilder(answers, lookups(project), today or datetime.date.today())
    record = builder.record()
    problems = list(builder.problems)
    with tempfile.TemporaryDirectory() as folder:
        name = record["id"] if re.match(r"^[a-z0-9]+(?:-[a-z0-9]+)*$", record["id"]) else "case-study"
        path = Path(folder) / f"{name}.yaml"
        path.write_text(to_yaml(record), encoding="utf-8")
        # Checked beside the existing records, so 'Shared with' can name them and a repeated statement is caught;
        # a record with the same file name is left out (write_record refuses to overwrite it, in the form's words).
        others = [p for p in project.record_files() if p.stem != name]
        _, _, found = validate(project, [path, *others])
    display = project.display(path)
    for problem in (p for p in found if p.path == display and "does not match the file name" not in p.message):
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
