"""jsonschema-rs (the fast yes/no check) agrees with jsonschema (which words the problems) on every record.

A record jsonschema-rs passes skips jsonschema, so the two must agree on the committed corpus (the broken
records that parse, the valid cases, the seeds), on hypothesis's mangled records and on the formats the
schema uses; where they could not agree (Python's regular expressions are not ECMA-262's) the outcome
for a contributor is still the same.
"""
from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
import test_hypothesis_records as mangled  # its strategy: a full valid record, mutated
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from generator.check.validate import Record, check_schema, fast_validator, load_schema, load_vocabulary
from generator.read.project import Project
from generator.read.yaml_source import Document, parse, read

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"
FILES = [*sorted((CASES / "invalid").glob("*.yaml")), *sorted((CASES / "valid").glob("*.yaml")),
         *sorted((CASES / "hostile").glob("*.yaml")), *sorted((ROOT / "casestudies").glob("*.yaml"))]
PARSED = [path for path in FILES if read(path, path.name)[0] is not None]
"""The files the reader accepts: only those reach the schema check."""
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def checks() -> tuple[Any, Any, Any]:
    project = Project(ROOT)
    vocabulary, _ = load_vocabulary(project)
    assert vocabulary is not None
    validator = load_schema(project, vocabulary)
    return validator, fast_validator(validator), vocabulary


def document(data: Any) -> Document:
    """``data`` as a build would read it from a file."""
    doc, refused = parse(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "x.yaml")
    assert doc is not None, refused
    return doc


def problems(checks: tuple[Any, Any, Any], doc: Document, fast: bool) -> list[Any]:
    validator, rs, vocabulary = checks
    return check_schema(Record(Path("x.yaml"), "x.yaml", doc), validator, vocabulary, rs if fast else None)


def agree(checks: tuple[Any, Any, Any], doc: Document) -> None:
    validator, rs, _ = checks
    assert rs.is_valid(doc.data) == validator.is_valid(doc.data)
    assert problems(checks, doc, fast=True) == problems(checks, doc, fast=False)


@pytest.mark.parametrize("path", PARSED, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_both_agree_on_the_corpus(checks: tuple[Any, Any, Any], path: Path) -> None:
    doc, _ = read(path, path.name)
    assert doc is not None
    agree(checks, doc)


def test_the_corpus_has_both_answers(checks: tuple[Any, Any, Any]) -> None:
    """The agreement above is tested on records of both kinds, not on valid ones only."""
    answers = [checks[0].is_valid(read(p, p.name)[0].data) for p in PARSED]  # type: ignore[union-attr]
    assert answers.count(False) >= 40 and answers.count(True) >= 10


@pytest.mark.slow  # hypothesis: a few seconds
@SETTINGS
@given(path=st.sampled_from(mangled.PATHS), action=st.sampled_from(["delete", "replace", "add-key", "wrap"]),
       new=mangled.values, key=st.text(min_size=1, max_size=12))
def test_both_agree_on_mangled_records(checks: tuple[Any, Any, Any], path: tuple[Any, ...], action: str, new: Any,
                                       key: str) -> None:
    record = mangled.mutate(copy.deepcopy(mangled.VALID), path, action, new, key)
    doc, _ = parse(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), "x.yaml")  # as a build reads it
    if doc is not None:
        agree(checks, doc)


def formats(schema: Any) -> set[str]:
    if isinstance(schema, dict):
        return {f for k, v in schema.items() for f in ({v} if k == "format" else formats(v))}
    return {f for v in schema for f in formats(v)} if isinstance(schema, list) else set()


def test_the_schema_uses_only_formats_checked_alike(checks: tuple[Any, Any, Any]) -> None:
    """jsonschema checks only the formats it has a library for (no 'uri' here); jsonschema-rs checks them all.
    A new format in the schema needs a test like the next one."""
    assert formats(checks[0].schema) == {"date"}


dates = st.one_of(st.dates().map(str), st.from_regex(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z"),
                  st.from_regex(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}.{0,3}\Z"), st.text(alphabet="0123456789-T:Z ", max_size=12))


@SETTINGS
@given(dates)
def test_dates_are_checked_alike(value: str) -> None:
    """Dates stay strings in our records: both check the text as an RFC 3339 full-date (leap years included).
    The one difference, year 0000 (jsonschema-rs accepts it, Python's calendar has no year 0), is refused by the
    schema's own pattern for 'reviewed' (test below)."""
    assume(not value.startswith("0000"))
    schema = {"format": "date"}
    expected = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER).is_valid(value)
    assert jsonschema_rs.validator_for(schema, validate_formats=True).is_valid(value) == expected


@pytest.mark.parametrize("value", ["2024-02-29", "2023-02-29", "2024-02-30", "2024-13-01", "2024-6-30", "2024-06-30\n",
                                   "0000-01-01"])
def test_leap_days_and_impossible_dates(checks: tuple[Any, Any, Any], value: str) -> None:
    record = copy.deepcopy(mangled.VALID)
    record["reviewed"] = value
    agree(checks, document(record))


def test_a_key_that_is_not_text_goes_to_jsonschema(checks: tuple[Any, Any, Any]) -> None:
    """jsonschema-rs cannot take a mapping with a number as a key. The reader makes every key text, but data
    handed to ``check_schema`` another way still gets jsonschema's problems, not an exception."""
    record = copy.deepcopy(mangled.VALID)
    record[1] = "x"
    with pytest.raises(ValueError):
        checks[1].is_valid(record)
    doc = Document(record, yaml.safe_dump(record, sort_keys=False))
    assert problems(checks, doc, fast=True) == problems(checks, doc, fast=False) != []


@pytest.mark.parametrize("field", ["started", "lesson id"])
def test_a_final_line_break_changes_nothing_a_contributor_sees(checks: tuple[Any, Any, Any], field: str) -> None:
    """Python's '$' matches before a final line break; ECMA-262's, which jsonschema-rs follows, does not. So
    jsonschema-rs refuses such a value where jsonschema passes it: the record goes to jsonschema, and the
    problems are the same (a known difference, in the direction that costs only time)."""
    record = copy.deepcopy(mangled.VALID)
    if field == "started":
        record["started"] = "2019\n"
    else:
        record["lessons"][0]["id"] = "start-small\n"
    doc = document(record)
    assert (checks[1].is_valid(doc.data), checks[0].is_valid(doc.data)) == (False, True)
    assert problems(checks, doc, fast=True) == problems(checks, doc, fast=False) == []


@pytest.mark.parametrize("character", ["\x1c", "\x1d", "\x1e", "\x1f"])
def test_the_reader_refuses_what_only_python_counts_as_space(character: str) -> None:
    """Python's '\\s' holds U+001C to U+001F, ECMA-262's does not: jsonschema-rs would pass a web address
    holding one that jsonschema refuses. The reader refuses every control character first."""
    record = copy.deepcopy(mangled.VALID)
    record["sources"][0]["url"] = f"https://example.org/a{character}b"
    doc, refused = parse(json.dumps(record), "x.yaml")  # JSON is YAML: the character as an escape
    assert doc is None and "control character" in refused[0].message
