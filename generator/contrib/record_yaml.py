"""Write a case-study record as YAML laid out like the hand-written records."""
from __future__ import annotations

import re
from typing import Any

import yaml

SCHEMA_COMMENT = "# yaml-language-server: $schema=../schemas/casestudy.schema.json\n"


class _Dumper(yaml.SafeDumper):
    """Lists indented under their key and multi-line text as ``|`` blocks, like the hand-written records."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if re.search("[\x85\u2028\u2029]", value):
        style: str | None = '"'  # in a | block YAML would read these as line breaks; escaped, they stay what they are
    else:
        style = "|" if "\n" in value else ('"' if re.match(r"^[0-9][0-9-]*$", value) else None)  # dates quoted, as in the seeds
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def to_yaml(record: dict[str, Any], note: str = "") -> str:
    """The record as YAML text, starting with the editor's schema comment."""
    body = yaml.dump(record, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return SCHEMA_COMMENT + (f"# {note}\n" if note else "") + body
