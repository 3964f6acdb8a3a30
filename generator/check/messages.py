"""Turn jsonschema's errors into messages a contributor can act on."""
from __future__ import annotations

import difflib
import re
from typing import Any

from jsonschema.exceptions import ValidationError

from ..problems import Problem, field_name
from ..words import count, slug
from ..read.yaml_source import Document, JsonPath

_TYPE_NAMES = {"string": "text", "array": "a list", "object": "a mapping of fields", "number": "a number",
               "integer": "a whole number", "boolean": "true or false", "null": "nothing (null)"}
SLUG_HINT = "use lower-case letters, digits and single hyphens"
FULL_DATE = "^[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}$"
_JSON_TYPES: dict[type, str] = {str: "string", list: "array", dict: "object"}


def short(value: Any, limit: int = 60) -> str:
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= limit else text[: limit - 4] + "...'"


def json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    return _JSON_TYPES.get(type(value), type(value).__name__)


def _likeness(word: str, choice: str) -> float:
    """How alike two ids are, also matching a word against each hyphenated part."""
    whole = difflib.SequenceMatcher(None, word, choice).ratio()
    parts = max(difflib.SequenceMatcher(None, word, part).ratio() for part in choice.split("-"))
    return max(whole, parts - 0.1)


def did_you_mean(word: str, choices: list[str]) -> str:
    """A hint naming the closest allowed value, or listing them all when none is close."""
    word = str(word).lower()
    scored = sorted(((_likeness(word, c), c) for c in choices), reverse=True)
    if scored and scored[0][0] >= 0.6:
        return f"did you mean '{scored[0][1]}'?"
    return "allowed: " + ", ".join(choices)


def slugify(text: str) -> str:
    """A record or item id made from a title: a slug, at most 80 characters, never empty."""
    return slug(text)[:80] or "my-id"


def problem_from_error(error: ValidationError, doc: Document, display: str, themes: list[str]) -> list[Problem]:
    """One or more problems for one schema error (one per unknown key)."""
    path: JsonPath = tuple(error.absolute_path)
    keyword, value, instance = error.validator, error.validator_value, error.instance

    def make(at: JsonPath, message: str, hint: str = "", key: bool = False) -> Problem:
        line, col = doc.locate(at, key=key)
        return Problem(display, line, col, field_name(at), message, hint)

    if keyword == "required":
        name = re.search(r"'(.+?)' is a required property", error.message)
        missing = name.group(1) if name else str(value)
        description = error.schema.get("properties", {}).get(missing, {}).get("description", "")
        return [make(path + (missing,), f"missing required field '{missing}'", description and f"add it: {description}")]
    if keyword == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extras = sorted(set(instance) - set(allowed)) if isinstance(instance, dict) else []
        return [make(path + (key,), f"unknown field '{key}'", did_you_mean(key, allowed), key=True) for key in extras]
    if keyword == "enum":
        if len(path) >= 2 and path[-2] == "themes":
            return [make(path, f"unknown theme {short(instance)}", did_you_mean(str(instance), themes))]
        return [make(path, f"{short(instance)} is not one of the allowed values",
                     did_you_mean(str(instance), [str(v) for v in value]))]
    if keyword == "type":
        types: list[str] = value if isinstance(value, list) else [value]
        wanted = " or ".join(_TYPE_NAMES.get(t, t) for t in types)
        got = _TYPE_NAMES.get(json_type(instance), json_type(instance))
        return [make(path, f"expected {wanted}, got {got}", _type_hint(wanted, json_type(instance)))]
    return [make(path, *_simple_message(keyword, value, instance))]


def _type_hint(wanted: str, got: str) -> str:
    """How to write a value YAML read as the wrong type."""
    if got == "null":
        return "write a value after the ':'"
    if wanted == "a list":
        return "start each entry on its own line with '- ', or write [a, b]"
    if wanted == "a mapping of fields":
        return "write the fields on the lines below, indented, each as 'name: value'"
    if wanted == "a number":
        return "write a plain decimal number without quotes, e.g. 54.07"
    if "text" not in wanted.split(" or "):
        return ""
    if got == "number":
        return 'put it in quotes so YAML keeps it as text, e.g. "2021"'
    if got == "boolean":
        return "put it in quotes; YAML reads yes, no, on, off, true and false as true or false"
    if got == "array":
        return "write the text on the same line, not as a '- ' list"
    return "put text containing ': ' or ' #' in quotes, or write it on one line"


def _simple_message(keyword: str, value: Any, instance: Any) -> tuple[str, str]:
    if keyword == "minLength":
        return "must not be empty", "write some text or remove the field if it is optional"
    if keyword == "minItems":
        return (("must not be an empty list" if value == 1 else f"must list at least {count(value, 'entry', 'entries')}"),
                "add an entry or remove the field if it is optional")
    if keyword == "maxLength":
        return f"is {count(len(instance), 'character')} long; the limit is {value}", "shorten it"
    if keyword == "maxItems":
        return f"lists {count(len(instance), 'entry', 'entries')}; the limit is {value}", "shorten the list"
    if keyword == "uniqueItems":
        return "lists the same value more than once", "remove the repeated entry"
    if keyword in ("minimum", "maximum"):
        return (f"{instance} is out of range ({'at least' if keyword == 'minimum' else 'at most'} {value})",
                "check the coordinates are in the UK, in decimal degrees")
    if keyword == "format":
        return f"{short(instance)} is not a real date", "write a date as YYYY-MM-DD, e.g. 2024-06-30"
    if keyword == "pattern":
        return _pattern_message(value, instance)
    return f"{short(instance)} is not valid here ({keyword})", ""


def _pattern_message(pattern: str, instance: Any) -> tuple[str, str]:
    if pattern == FULL_DATE:
        return f"{short(instance)} is not a real date", "write a date as YYYY-MM-DD, e.g. 2024-06-30"
    if "https?" in pattern:
        return f"{short(instance)} is not a web address", "use a full address starting with https:// or http://"
    if pattern.startswith("^(unknown|"):
        return (f"{short(instance)} is not a date", "write a year, year and month, or full date (2021, 2021-06, 2021-06-16), "
                "with 'about', 'by' or 'before' in front when the source gives it only roughly, or 'unknown'")
    if "[0-9]{4}" in pattern:
        return f"{short(instance)} is not a date", "write a year, year and month, or full date: 2021, 2021-06 or 2021-06-16"
    if pattern.startswith("^[a-z0-9]+"):
        return f"{short(instance)} is not a valid id", f"{SLUG_HINT}, e.g. '{slugify(str(instance))}'"
    return f"{short(instance)} does not match the expected form", f"pattern: {pattern}"
