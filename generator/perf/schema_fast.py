"""A fast yes/no check for the JSON Schema subset our schemas use; jsonschema stays the source of truth.

``compile_check(schema)`` writes the schema out as plain Python functions (one per subschema holding
mappings or lists, simple values checked inline) that answer "is this instance valid?" many times
faster than ``iter_errors``. It is used only to skip ``iter_errors`` for records that pass: any record
it rejects goes through jsonschema, which words every message. If the schema uses a keyword this module
does not know, ``compile_check`` returns None and every record takes the jsonschema route, so the fast
path can never accept what jsonschema would refuse.
"""
from __future__ import annotations

import re
from typing import Any, Callable

Check = Callable[[Any], bool]
ANNOTATIONS = {"$schema", "$id", "$comment", "title", "description", "examples", "default", "markdownDescription",
               "deprecated", "readOnly", "writeOnly"}
# Each type as an expression over a variable; bool is an int to Python but not a number to JSON Schema.
TYPES = {
    "object": "isinstance({v}, dict)", "array": "isinstance({v}, list)", "string": "isinstance({v}, str)",
    "null": "{v} is None", "boolean": "isinstance({v}, bool)",
    "number": "(isinstance({v}, (int, float)) and not isinstance({v}, bool))",
    "integer": "((isinstance({v}, int) and not isinstance({v}, bool)) or (isinstance({v}, float) and {v}.is_integer()))",
}
_GUARDS = {"object": "dict", "array": "list", "string": "str"}
_MISSING = object()


class Unsupported(Exception):
    """The schema uses a keyword the fast check does not implement."""


def compile_check(schema: dict[str, Any], formats: Callable[[Any, str], bool]) -> Check | None:
    """A validity check for ``schema`` (``formats(value, name)`` checks ``format``), or None if unsupported."""
    try:
        writer = _Writer(schema)
        entry = writer.function(schema)
    except Unsupported:
        return None
    namespace: dict[str, Any] = {"_MISSING": _MISSING, "_formats": formats, "_search": _search, **writer.constants}
    exec(compile("\n".join(writer.lines), "<schema_fast>", "exec"), namespace)  # noqa: S102 - our own source
    return namespace[entry]  # type: ignore[no-any-return]


class _Writer:
    """Writes Python source: each function returns False at the first keyword that fails."""

    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root
        self.lines: list[str] = []
        self.constants: dict[str, Any] = {}
        self.refs: dict[str, str] = {}
        self.names = 0

    def name(self, prefix: str) -> str:
        self.names += 1
        return f"{prefix}{self.names}"

    def constant(self, value: Any) -> str:
        name = self.name("_c")
        self.constants[name] = value
        return name

    def ref(self, ref: str) -> str:
        if not ref.startswith("#/$defs/") or "/" in ref[8:] or ref[8:] not in self.root.get("$defs", {}):
            raise Unsupported(ref)
        if ref not in self.refs:  # named before it is written, so a recursive definition calls itself
            self.refs[ref] = self.name("_ref")
            self.function(self.root["$defs"][ref[8:]], self.refs[ref])
        return self.refs[ref]

    def function(self, schema: Any, name: str | None = None) -> str:
        name = name or self.name("_check")
        body = self.checks(schema, "v", 1)
        self.lines += [f"def {name}(v):", *body, "    return True", ""]
        return name

    def checks(self, schema: Any, v: str, depth: int) -> list[str]:
        """Statements that return False when ``v`` does not match ``schema``."""
        if schema is True:
            return []
        if not isinstance(schema, dict):
            raise Unsupported(schema)
        pad = "    " * depth
        kinds = schema.get("type")
        kinds = [kinds] if isinstance(kinds, str) else kinds
        known = _GUARDS.get(kinds[0]) if kinds and len(kinds) == 1 else None  # later keywords need no guard
        lines = []
        for key, value in sorted(schema.items(), key=lambda item: item[0] != "type"):
            if key in ANNOTATIONS or key.startswith("x-") or key == "$defs":
                continue
            if key in ("properties", "items"):
                lines += self.nested(key, value, v, depth, known)
                continue
            test = self.keyword(key, value, v, schema)
            if test is None:
                continue
            guard = _keyword_type(key)
            if guard and guard != known:
                test = f"not isinstance({v}, {guard}) or ({test})"
            lines.append(f"{pad}if not ({test}): return False")
        return lines

    def nested(self, key: str, value: Any, v: str, depth: int, known: str | None) -> list[str]:
        """The loop over a list's items, or the check of each present property, written in place."""
        guard = "list" if key == "items" else "dict"
        inner = depth + (guard != known)
        pad = "    " * inner
        lines = []
        if key == "items":
            item = self.name("x")
            body = self.checks(value, item, inner + 1)
            lines = [f"{pad}for {item} in {v}:", *body] if body else []
        elif isinstance(value, dict):
            for prop, subschema in value.items():
                item = self.name("x")
                body = self.checks(subschema, item, inner + 1)
                if body:
                    lines += [f"{pad}{item} = {v}.get({prop!r}, _MISSING)", f"{pad}if {item} is not _MISSING:", *body]
        else:
            raise Unsupported(key)
        if lines and guard != known:
            lines.insert(0, f"{'    ' * depth}if isinstance({v}, {guard}):")
        return lines

    def keyword(self, key: str, value: Any, v: str, schema: dict[str, Any]) -> str | None:  # noqa: C901 - one case per keyword
        """A boolean expression for one keyword (its type guard is added by the caller)."""
        if key == "$ref":
            return f"{self.ref(value)}({v})"
        if key == "type":
            return " or ".join(TYPES[t].format(v=v) for t in ([value] if isinstance(value, str) else value))
        if key == "enum":
            if all(type(a) is str for a in value):
                return f"type({v}) is str and {v} in {self.constant(frozenset(value))}"
            return f"any({v} == a and type({v}) is type(a) for a in {self.constant(tuple(value))})"
        if key == "required":
            return " and ".join(f"{k!r} in {v}" for k in value) or "True"
        if key == "additionalProperties":
            if value is not False or "patternProperties" in schema:
                raise Unsupported(key)
            return f"{self.constant(frozenset(schema.get('properties', {})))}.issuperset({v})"
        if key == "uniqueItems":  # only lists of strings are checked fast; anything else goes to jsonschema
            return f"all(isinstance(x, str) for x in {v}) and len(set({v})) == len({v})" if value else None
        if key in ("minItems", "minLength"):
            return f"len({v}) >= {int(value)}"
        if key in ("maxItems", "maxLength"):
            return f"len({v}) <= {int(value)}"
        if key == "pattern":  # the same ids and slugs recur thousands of times: remember those that match
            matched = self.constant(set())
            return f"({v} in {matched} or _search({self.constant(re.compile(value))}, {matched}, {v}))"
        if key in ("minimum", "maximum"):
            op = ">=" if key == "minimum" else "<="
            return f"not {TYPES['number'].format(v=v)} or {v} {op} {self.constant(value)}"
        if key == "format":
            return f"_formats({v}, {value!r})"
        raise Unsupported(key)


def _search(pattern: re.Pattern[str], matched: set[str], value: str) -> bool:
    """``pattern.search(value)``, adding a matching value to ``matched`` so it is searched once."""
    if pattern.search(value) is None:
        return False
    matched.add(value)
    return True


def _keyword_type(key: str) -> str | None:
    """The Python type a keyword applies to; other values pass it."""
    if key in ("required", "additionalProperties"):
        return "dict"
    if key in ("minItems", "maxItems", "uniqueItems"):
        return "list"
    if key in ("minLength", "maxLength", "pattern"):
        return "str"
    return None
