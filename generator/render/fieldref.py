"""The field reference for contributors, generated from the schema and the theme vocabulary so it cannot drift."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator, Mapping

from ..model.entities import Catalogue

THEME_ITEM_DESCRIPTION = "A theme id from schemas/themes.yaml"


@dataclass(frozen=True)
class Field:
    """One field of the case-study schema, flattened for documentation."""

    path: str
    """Dotted path, ``[]`` marking a list entry, e.g. ``lessons[].quote.text``."""
    required: bool
    """Required whenever its parent is present."""
    kind: str
    """Readable type and allowed values, e.g. ``one of: active, paused, wound-down``."""
    description: str


def _resolve(node: Mapping[str, Any], schema: Mapping[str, Any]) -> Mapping[str, Any]:
    """A node with its ``$ref`` merged in; the referring node's own keys (e.g. description) win."""
    if "$ref" not in node:
        return node
    target = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    merged = {**_resolve(target, schema), **node}
    del merged["$ref"]
    return merged


def _kind(node: Mapping[str, Any], schema: Mapping[str, Any]) -> str:
    if "const" in node:
        return f"always `{node['const']}`"
    if "enum" in node:
        return "one of: " + ", ".join(f"`{v}`" for v in node["enum"])
    types = node.get("type", "string")
    types = [t for t in (types if isinstance(types, list) else [types]) if t != "null"]
    kind = types[0] if types else "string"
    if kind == "array":
        items = _resolve(node.get("items", {}), schema)
        if items.get("description", "").startswith(THEME_ITEM_DESCRIPTION):
            return "list of theme ids (see the themes below)"
        if items.get("type") == "object":
            return "list of entries"
        return "list of " + _kind(items, schema).replace("id (", "ids (", 1)
    if kind == "object":
        return "group of fields"
    if kind in ("number", "integer"):
        noun = "whole number" if kind == "integer" else "number"
        return f"{noun} from {node.get('minimum')} to {node.get('maximum')}" if "minimum" in node else noun
    pattern = node.get("pattern", "")
    if pattern.startswith("^(unknown|"):
        return ("date as precise as the sources allow: `2020`, `2020-09` or `2020-09-14`; `about 2018`; "
                "`by 2020` or `before 2020-03`; or `unknown`")
    if node.get("format") == "date":
        return "date (YYYY-MM-DD)"
    if pattern.startswith("^[a-z0-9]+"):
        return "id (lower-case words joined by hyphens)"
    if pattern.startswith("^[0-9]{4}"):
        return "date (YYYY, YYYY-MM or YYYY-MM-DD)"
    if pattern.startswith("^https?"):
        return "web address"
    return f"text (up to {node['maxLength']} characters)" if "maxLength" in node else "text"


def iter_fields(schema: Mapping[str, Any], node: Mapping[str, Any] | None = None, prefix: str = "") -> Iterator[Field]:
    """Every field of the schema, parents before children, in the schema's order."""
    node = _resolve(node if node is not None else schema, schema)
    required = set(node.get("required", ()))
    for name, child in node.get("properties", {}).items():
        child = _resolve(child, schema)
        path = f"{prefix}{name}"
        yield Field(path, name in required, _kind(child, schema), child.get("description", ""))
        items = _resolve(child.get("items", {}), schema)
        if items.get("type") == "object":
            yield from iter_fields(schema, items, f"{path}[].")
        elif child.get("type") == "object":
            yield from iter_fields(schema, child, f"{path}.")


def descriptions(schema: Mapping[str, Any]) -> dict[str, str]:
    """Field path -> the schema's description of it."""
    return {f.path: f.description for f in iter_fields(schema)}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def field_reference(schema: Mapping[str, Any], catalogue: Catalogue, level: int = 2) -> str:
    """Markdown documenting every field of the schema, then the themes by group."""
    h = "#" * level
    version = schema.get("properties", {}).get("schema_version", {}).get("const")
    lines = [f"{h} Fields", "", _cell(schema.get("description", "")), "",
             "Every field of a case-study record" + (f" (schema version {version}). " if version else ". ") +
             "*Required* means required whenever the group or list entry it belongs to is present. "
             "`[]` marks an entry of a list, e.g. `lessons[].title` is the title of each lesson; "
             "a dot marks a field inside a group, e.g. `status.as_of` is the date of the evidence for the status.",
             "", "| Field | Required | Type | Description |", "| --- | --- | --- | --- |"]
    for field in iter_fields(schema):
        lines.append(f"| `{field.path}` | {'yes' if field.required else 'no'} | {_cell(field.kind)} | "
                     f"{_cell(field.description)} |")
    lines += ["", f"{h} Themes", "",
              "Tag every lesson, barrier, recommendation and workstream with one or more of these theme ids "
              "(the list lives in `schemas/themes.yaml`).", ""]
    for group in catalogue.groups:
        lines += [f"{h}# {group.title}", "", group.description, ""]
        lines += [f"- `{t.id}`: **{t.title}**. {t.description}" for t in catalogue.themes_in_group(group)]
        lines.append("")
    return "\n".join(lines)
