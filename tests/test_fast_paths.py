"""The fast paths change nothing a contributor sees: same data, same problems, same line and column.

``yaml_fast`` reads ordinary records without the strict reader, and ``schema_fast`` lets a valid record
skip jsonschema; both hand anything unusual to the strict code, which words every message.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.read.project import Project
from generator.perf.schema_fast import compile_check
from generator.check.validate import load_schema, load_vocabulary
from generator.read.yaml_source import MAX_DEPTH, _parse_strictly, parse

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

TRICKY = [
    "a: 1\n", "a: 1.5\nb: -2\nc: 0x1F\nd: 1_000\ne: 1:20\n", "a: yes\nb: No\nc: ~\nd:\ne: null\n",
    "a: 2021-06-16\nb: 2021-06-16 10:00:00\n", "a: '12'\nb: \"true\"\nc: |\n  text\n", "a: <<\nb: =\nc: '<<'\n",
    "a: .inf\n", "a: .nan\n", "a: !!int x\n", "a: !!float 1\n", "a: !!str 12\n", "a: ! 12\n", "a: !custom x\n",
    "a: &x 1\nb: *x\n", "&x a: 1\n", "a: &x\n", "<<: {a: 1}\n", "? [a]\n: 1\n", "a: 1\na: 2\n", "a: 1\n---\nb: 2\n",
    "", "# only a comment\n", "just text\n", "- a\n- b: [1, 2]\n", "a: \"\\x1b\"\n", "a: \"tab\\there\"\n",
    "a: b\u0085c\n", "a: \"x\u0085y\"\n", "a: [1, 2\n", "a: {b: 1\n", "a: 'open\n", "a:\n\t- x\n", "a: b: c\n",
    "title: R&D! *really*\n", "'<<': 1\n", "\"a\": 1\n'a': 2\n", "a: 9" + "9" * 5000 + "\n",
    "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n", "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n",
    "a:\n" + "".join("  " * i + "- \n" for i in range(1, MAX_DEPTH + 2)),
    # anchors and tags wherever a token can start, and '&' or '!' where none can (inside a word)
    "a:\n- &x b\n- *x\n", "- !!str 1\n", "[&a x, *a]\n", "{a: &b c}\n", "a: {b:&c d}\n", "a: [x,&y z]\n",
    "a:\n  b: &c d\n", "&a [1]\n", "!!map {a: 1}\n", "&a\n", "!t\n", "a: x!y&z\n", "\u00e9&x: 1\n", "a: 'q'&x\n",
    # plain words that are, or only start like, booleans and nulls
    "a: offset\nb: nullable\nc: Yesterday\nd: FALSE\ne: Off\nf: NULL\ng: trueish\nh: Nope\n",
    "a: [yes, no, on, off, ~, null, Y, n, ON, oN, true., 'off']\n",
]


def strict(text: str) -> tuple[Any, Any]:
    doc, problems = _parse_strictly(text, "x.yaml")
    return (None if doc is None else (json.dumps(doc.data, default=repr), doc.positions, doc.key_positions)), problems


def fast(text: str) -> tuple[Any, Any]:
    doc, problems = parse(text, "x.yaml")
    return (None if doc is None else (json.dumps(doc.data, default=repr), doc.positions, doc.key_positions)), problems


@pytest.mark.parametrize("text", TRICKY)
def test_reading_gives_what_the_strict_reader_gives(text: str) -> None:
    assert fast(text) == strict(text)


yaml_text = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=12),
              st.sampled_from(["yes", "~", "<<", "2021-06-16", "0o17", "1:30", "&a", "*a", "!t", "\\"])),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=10,
).map(lambda value: yaml.safe_dump(value, allow_unicode=True, default_flow_style=None))
splice = st.sampled_from(["&a ", "*a", "!!str ", "!x ", "<<: ", "\u0085", "\\", "\"\\e\"", "\n", ": ", "- ", "#", "'", "\t"])


@SETTINGS
@given(yaml_text, st.lists(st.tuples(st.integers(min_value=0), splice), max_size=3))
def test_any_text_reads_as_the_strict_reader_reads_it(text: str, edits: list[tuple[int, str]]) -> None:
    for at, junk in edits:
        at %= len(text) + 1
        text = text[:at] + junk + text[at:]
    assert fast(text) == strict(text)


@pytest.fixture(scope="module")
def validator() -> Any:
    project = Project(ROOT)
    vocabulary, _ = load_vocabulary(project)
    assert vocabulary is not None
    return load_schema(project, vocabulary)


def test_the_schema_is_checked_fast(validator: Any) -> None:
    """Every keyword the schema uses is known, and the seed records pass the fast check."""
    check = compile_check(validator.schema, validator.format_checker.conforms)
    assert check is not None
    for path in sorted((ROOT / "casestudies").glob("*.yaml")):
        doc, _ = parse(path.read_text(encoding="utf-8-sig"), path.name)
        assert doc is not None and check(doc.data)


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-300, 300), st.floats(allow_nan=False), st.text(max_size=5),
              st.sampled_from(["active", "england", "England", "2021-06", "2021-02-30", "procurement-social-value"])),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3), max_leaves=8)


@pytest.mark.slow  # a few seconds
@SETTINGS
@given(st.data())
def test_the_fast_check_never_passes_what_jsonschema_refuses(validator: Any, data: st.DataObject) -> None:
    check = compile_check(validator.schema, validator.format_checker.conforms)
    doc, _ = parse((ROOT / "casestudies" / "bay-anchor-network.yaml").read_text(encoding="utf-8"), "x")
    record: Any = json.loads(json.dumps(doc.data))
    target = record
    while True:  # walk down to a random value and replace it
        key = data.draw(st.sampled_from(list(target) if isinstance(target, dict) else range(len(target))))
        if not isinstance(target[key], (dict, list)) or not target[key] or data.draw(st.booleans()):
            break
        target = target[key]
    target[key] = data.draw(json_values)
    assert not check(record) or validator.is_valid(record)


def test_file_names_are_shown_as_before(tmp_path: Path) -> None:
    """``display`` resolves each folder once, and still shows a symlinked or outside file as ``resolve()`` would."""
    (tmp_path / "casestudies").mkdir()
    outside = tmp_path.parent / f"{tmp_path.name}-outside.yaml"
    outside.write_text("id: x\n", encoding="utf-8")
    (tmp_path / "casestudies" / "real.yaml").write_text("id: real\n", encoding="utf-8")
    (tmp_path / "casestudies" / "link.yaml").symlink_to(outside)
    (tmp_path / "alias").symlink_to(tmp_path / "casestudies")
    project = Project(tmp_path)
    shown = [project.display(tmp_path / "casestudies" / "real.yaml"), project.display(tmp_path / "alias" / "real.yaml"),
             project.display(tmp_path / "casestudies" / "link.yaml"), project.display(tmp_path / "casestudies" / "..")]
    assert shown == ["casestudies/real.yaml", "casestudies/real.yaml", str(tmp_path / "casestudies" / "link.yaml"), "."]


def test_plain_text_starting_with_a_letter_needs_no_pattern_when_long() -> None:
    """yaml_fast skips the resolver for plain text over five characters that starts with a letter:
    letters start only the boolean and null words, and none is longer than that."""
    from generator.read.yaml_fast import _IMPLICIT, _LETTERS

    assert _LETTERS == {first for first in _IMPLICIT if first.isalpha()}
    for first in _LETTERS:
        for tag, pattern in _IMPLICIT[first]:
            assert tag in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:null")
            words = re.findall(r"[^\s|()?:^$]+", pattern.pattern)
            assert words and max(len(word) for word in words) <= 5, words
