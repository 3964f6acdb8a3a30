"""Validation: the JSON Schema first, then the rules that span fields and files."""
from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator

from .collection_rules import check_collection
from .messages import did_you_mean, problem_from_error, short
from .record_rules import check_record, duplicates
from ..read.project import Project
from ..problems import Problem
from ..read.inputs import Inputs, Record, read_inputs, read_schema

SCHEMA_VERSION = 2
"""The version records must declare; older ones are upgraded by ``python -m generator migrate``."""


@dataclass(frozen=True)
class Vocabulary:
    """The theme vocabulary as loaded from ``schemas/themes.yaml``."""

    groups: list[dict[str, str]]
    themes: list[dict[str, str]]

    @property
    def theme_ids(self) -> list[str]:
        return [t["id"] for t in self.themes]


def schema_validator(schema: dict[str, Any], vocabulary: Vocabulary) -> Draft202012Validator:
    """The case-study validator, with the theme vocabulary added as an enum."""
    schema = copy.deepcopy(schema)
    for definition in ("item", "recommendation"):
        schema["$defs"][definition]["properties"]["themes"]["items"]["enum"] = vocabulary.theme_ids
    schema["properties"]["workstreams"]["items"]["properties"]["themes"]["items"]["enum"] = vocabulary.theme_ids
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def load_schema(project: Project, vocabulary: Vocabulary) -> Draft202012Validator:
    """``schema_validator`` for a project's schema (for tools that check one record outside a build)."""
    return schema_validator(read_schema(project)[1], vocabulary)


def check_vocabulary(inputs: Inputs) -> tuple[Vocabulary | None, list[Problem]]:
    """The theme vocabulary, checked against its schema and for unknown groups and repeated ids."""
    record = inputs.themes
    if record is None:
        return None, [p for p in inputs.problems if p.path == inputs.project.display(inputs.project.themes_path)]
    errors = Draft202012Validator(inputs.themes_schema).iter_errors(record.data)
    problems = [p for e in errors for p in problem_from_error(e, record.doc, record.display, [])]
    if problems:
        return None, problems
    groups = {g["id"] for g in record.data["groups"]}
    problems += duplicates(record, record.data["groups"], ("groups",), "group id")
    problems += duplicates(record, record.data["themes"], ("themes",), "theme id")
    for i, theme in enumerate(record.data["themes"]):
        if theme["group"] not in groups:
            problems.append(record.problem(("themes", i, "group"), f"unknown group '{theme['group']}'",
                                           did_you_mean(theme["group"], sorted(groups))))
    return (None if problems else Vocabulary(record.data["groups"], record.data["themes"])), problems


def load_vocabulary(project: Project) -> tuple[Vocabulary | None, list[Problem]]:
    """The checked theme vocabulary of a project, for tools that need it outside a build."""
    return check_vocabulary(read_inputs(project, files=[]))


def fast_validator(validator: Draft202012Validator) -> jsonschema_rs.Validator:
    """The same schema in jsonschema-rs, which answers "valid?" many times faster than jsonschema words errors.

    Formats are checked as jsonschema's FORMAT_CHECKER checks them: the schema uses only ``date``, which
    both check the same way (tests/test_schema_rs.py)."""
    return jsonschema_rs.validator_for(validator.schema, validate_formats=True)


def _passes(fast: jsonschema_rs.Validator, data: Any) -> bool:
    try:
        return bool(fast.is_valid(data))
    except ValueError:  # a value JSON cannot hold (a key that is not text): jsonschema words the problem
        return False


def check_schema(record: Record, validator: Draft202012Validator, vocabulary: Vocabulary,
                 fast: jsonschema_rs.Validator | None = None) -> list[Problem]:
    """Schema problems of one record; ``fast`` (see ``fast_validator``) lets a valid record skip ``iter_errors``."""
    if record.data is None:
        return [Problem(record.display, 1, 1, "", "the file holds no fields", "start from a copy of an existing case study")]
    if not isinstance(record.data, dict):
        kind = "a list" if isinstance(record.data, list) else f"a single value ({short(record.data)})"
        return [Problem(record.display, 1, 1, "", f"the top level must be a mapping of fields, not {kind}",
                        "start the file with 'id: ...' on its own line")]
    version = record.data.get("schema_version")
    if version != SCHEMA_VERSION:
        what = "no schema_version" if version is None else f"schema_version {short(version)}"
        return [Problem(record.display, 1, 1, "schema_version", f"the record has {what}; this schema is version {SCHEMA_VERSION}",
                        f"upgrade it with: python -m generator migrate {record.display}")]
    if fast is not None and _passes(fast, record.data):
        return []
    problems = [p for e in validator.iter_errors(record.data)
                for p in problem_from_error(e, record.doc, record.display, vocabulary.theme_ids)]
    return list(dict.fromkeys(problems))  # two keywords can word one mistake the same way


def schema_field_names(schema: dict[str, Any]) -> frozenset[str]:
    """Every property name the schema defines, at any depth."""
    names: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            names.update(node.get("properties", {}))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    walk(schema)
    return frozenset(names)


def check(inputs: Inputs) -> tuple[list[Record], Vocabulary | None, list[Problem]]:
    """Check every record read; return the records, the vocabulary and every problem found."""
    vocabulary, problems = check_vocabulary(inputs)
    if vocabulary is None:
        return [], None, sorted(problems)
    problems += [p for p in inputs.problems if p.path != inputs.project.display(inputs.project.themes_path)]
    validator = schema_validator(inputs.schema, vocabulary)
    fast = fast_validator(validator)
    records = list(inputs.records)
    field_names = schema_field_names(inputs.schema)
    for record in records:
        found = check_schema(record, validator, vocabulary, fast)
        problems += found if any(p.field == "schema_version" for p in found) else found + check_record(record, field_names)
    problems += check_collection(records)
    return records, vocabulary, sorted(problems)


def validate(project: Project, files: list[Path] | None = None) -> tuple[list[Record], Vocabulary | None, list[Problem]]:
    """Read and check a project's records (``files``: only these); see ``check``."""
    return check(read_inputs(project, files))
