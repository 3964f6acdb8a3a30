"""The schemas themselves: valid JSON Schema 2020-12, documented, closed, and a sensible theme vocabulary."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from generator.read.project import Project
from generator.check.validate import load_schema, load_vocabulary
from generator.read.yaml_source import read

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"


def load(name: str) -> dict[str, Any]:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


def subschemas(schema: Any, where: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every schema object nested in ``schema``, with a JSON-pointer-like location."""
    if not isinstance(schema, dict):
        return
    yield where, schema
    for key in ("properties", "$defs"):
        for name, sub in schema.get(key, {}).items():
            yield from subschemas(sub, f"{where}/{key}/{name}")
    if isinstance(schema.get("items"), dict):
        yield from subschemas(schema["items"], f"{where}/items")


def properties(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for where, sub in subschemas(schema):
        for name, prop in sub.get("properties", {}).items():
            yield f"{where}/properties/{name}", prop


@pytest.fixture(scope="module", params=["casestudy.schema.json", "themes.schema.json"])
def schema(request: pytest.FixtureRequest) -> dict[str, Any]:
    return load(request.param)


def test_schema_is_valid_2020_12(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_every_property_has_a_description(schema: dict[str, Any]) -> None:
    """Descriptions become the 'add it: ...' hints and editor tooltips, so none may be missing."""
    missing = [where for where, prop in properties(schema)
               if not (isinstance(prop.get("description"), str) and prop["description"].strip())]
    assert missing == []


def test_every_object_refuses_unknown_keys(schema: dict[str, Any]) -> None:
    """additionalProperties is false wherever a schema describes an object, so typos are caught."""
    objects = [(where, sub) for where, sub in subschemas(schema) if sub.get("type") == "object" or "properties" in sub]
    assert len(objects) >= 2
    open_objects = [where for where, sub in objects if sub.get("additionalProperties") is not False]
    assert open_objects == []


def test_every_required_field_is_a_declared_property(schema: dict[str, Any]) -> None:
    undeclared = [f"{where}: {name}" for where, sub in subschemas(schema)
                  for name in sub.get("required", []) if name not in sub.get("properties", {})]
    assert undeclared == []


def test_member_type_titles_match_the_enum() -> None:
    """The catalogue looks up a title for every member type; an enum value without one would crash it."""
    member_type = load("casestudy.schema.json")["properties"]["members"]["items"]["properties"]["type"]
    assert list(member_type["x-enum-titles"]) == member_type["enum"]


def test_themes_yaml_validates_against_its_schema() -> None:
    doc, problems = read(SCHEMAS / "themes.yaml", "schemas/themes.yaml")
    assert problems == [] and doc is not None
    errors = [e.message for e in Draft202012Validator(load("themes.schema.json")).iter_errors(doc.data)]
    assert errors == []


@pytest.fixture(scope="module")
def vocabulary() -> Any:
    vocabulary, problems = load_vocabulary(Project(SCHEMAS.parent))
    assert problems == [] and vocabulary is not None
    return vocabulary


def test_there_are_15_to_25_themes(vocabulary: Any) -> None:
    assert 15 <= len(vocabulary.themes) <= 25


def test_theme_and_group_ids_are_unique(vocabulary: Any) -> None:
    theme_ids = vocabulary.theme_ids
    group_ids = [g["id"] for g in vocabulary.groups]
    assert len(set(theme_ids)) == len(theme_ids)
    assert len(set(group_ids)) == len(group_ids)


def test_every_theme_belongs_to_an_existing_group(vocabulary: Any) -> None:
    groups = {g["id"] for g in vocabulary.groups}
    assert [t["id"] for t in vocabulary.themes if t["group"] not in groups] == []


def test_the_vocabulary_becomes_the_theme_enum(vocabulary: Any) -> None:
    """Items and recommendations both accept exactly the vocabulary's theme ids."""
    validator = load_schema(Project(SCHEMAS.parent), vocabulary)
    for definition in ("item", "recommendation"):
        themes = validator.schema["$defs"][definition]["properties"]["themes"]["items"]
        assert themes["enum"] == vocabulary.theme_ids
