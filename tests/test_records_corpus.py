"""The records layer as a contributor meets it: `python -m generator validate FILE` on a corpus of real files.

tests/cases/invalid/<name>.yaml is a broken record; <name>.expected holds the exact problem lines the
validator must print for it, with the file's path written as {file}. tests/cases/valid/ holds records that
must be accepted and read back exactly (BOM, CRLF, diacritics, right-to-left text, emoji).

The ``cli`` fixture runs the command's ``main()`` in this process (exit code, stdout and stderr as printed), so
that the whole corpus takes a second; ``THROUGH_CLI`` and a few more go through the real ``python -m generator``.
"""
from __future__ import annotations

import json
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.model.catalogue import build_catalogue
from generator.read.inputs import read_inputs
from generator.read.project import Project
from generator.check.validate import validate
from generator.read.yaml_source import MAX_DEPTH, parse

CASES = Path(__file__).resolve().parent / "cases"
ROOT = CASES.parent.parent
INVALID = sorted((CASES / "invalid").glob("*.yaml"))
VALID = sorted((CASES / "valid").glob("*.yaml"))


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def summary(count: int, files: int = 1) -> str:
    return f"{count} case-study problem{'s' if count != 1 else ''} in {files} file{'s' if files != 1 else ''}"


def expected_lines(case: Path, display: str) -> list[str]:
    text = case.with_suffix(".expected").read_text(encoding="utf-8")
    return [line.replace("{file}", display) for line in text.splitlines() if line]


def strings(value: Any) -> list[str]:
    """Every string in a loaded record, keys included."""
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in [k, *strings(v)]]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return [value] if isinstance(value, str) else []


# --- the committed corpus ---------------------------------------------------------------------------------------


def test_the_corpus_is_complete() -> None:
    """At least 40 broken records, each with its .expected file, and no stray .expected files."""
    assert len(INVALID) >= 40
    expected = sorted((CASES / "invalid").glob("*.expected"))
    assert [p.stem for p in expected] == [p.stem for p in INVALID]


def assert_prints_exactly_the_expected_problems(case: Path, result: subprocess.CompletedProcess[str]) -> None:
    """Exit 1, the expected lines on stderr then the summary, nothing on stdout, never a traceback."""
    assert "Traceback" not in result.stdout + result.stderr
    expected = expected_lines(case, rel(case))
    assert expected, f"{case.name}: the .expected file is empty"
    assert result.stderr.splitlines() == expected + [summary(len(expected))]
    assert result.stdout == ""
    assert result.returncode == 1


@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.stem)
def test_invalid_record_prints_exactly_the_expected_problems(case: Path, cli) -> None:
    assert_prints_exactly_the_expected_problems(case, cli(rel(case)))


THROUGH_CLI = ["non-utf8-latin1", "syntax-unclosed-quote", "bad-url-javascript", "item-id-repeated"]
"""Bytes, YAML syntax, the schema, and a rule across fields: each stage of the check once through the real command."""


@pytest.mark.parametrize("name", THROUGH_CLI)
def test_invalid_record_through_the_real_command(name: str, cli_process) -> None:
    case = CASES / "invalid" / f"{name}.yaml"
    assert_prints_exactly_the_expected_problems(case, cli_process(rel(case)))


@pytest.mark.parametrize("case", VALID, ids=lambda p: p.stem)
def test_valid_record_is_accepted(case: Path, cli) -> None:
    result = cli(rel(case))
    assert result.stderr == ""
    assert result.stdout == "OK: 1 file, 1 case study, 1 lesson, 0 barriers, 0 recommendations\n"
    assert result.returncode == 0


def test_all_valid_records_together(cli_process) -> None:
    """Through the real command: the OK line on stdout, exit 0."""
    result = cli_process(*map(rel, VALID))
    assert (result.returncode, result.stderr) == (0, "")
    n = len(VALID)
    assert result.stdout.startswith(f"OK: {n} files, {n} case studies, ")


def test_two_files_sharing_one_id(cli) -> None:
    """shared-id.yaml and shared-id.yml: both match their file name, but one id names one case study."""
    first, second = CASES / "collection" / "shared-id.yaml", CASES / "collection" / "shared-id.yml"
    result = cli(rel(first), rel(second))
    assert result.stderr.splitlines() == [
        f"{rel(second)}:3:5: id: id 'shared-id' is also used by {rel(first)} (each case study needs its own id)",
        summary(1),
    ]
    assert result.returncode == 1


def test_two_files_sharing_one_id_in_a_project(make_project) -> None:
    """The same clash found by validate() when it discovers the files itself."""
    project = Project(make_project(CASES / "collection"))
    _, _, problems = validate(project)
    assert [str(p) for p in problems] == [
        "casestudies/shared-id.yml:3:5: id: id 'shared-id' is also used by casestudies/shared-id.yaml"
        " (each case study needs its own id)"
    ]


# --- valid records read back exactly ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def valid_cases() -> dict[str, Any]:
    """The valid corpus built into the model, by case-study id."""
    project = Project(ROOT)
    records, vocabulary, problems = validate(project, VALID)
    assert problems == [] and vocabulary is not None
    return {c.id: c for c in build_catalogue(read_inputs(project), records, vocabulary).case_studies}


def test_byte_order_mark_is_not_part_of_the_record(valid_cases) -> None:
    assert (CASES / "valid" / "utf8-bom.yaml").read_bytes().startswith(b"\xef\xbb\xbf")
    case = valid_cases["utf8-bom"]
    assert case.title == "Café Quarter Anchor Network"
    assert not any("\ufeff" in s for s in strings(dict(case.raw)))


def test_crlf_line_ends_leave_no_carriage_returns(valid_cases) -> None:
    raw = (CASES / "valid" / "crlf-line-ends.yaml").read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n"), "the file lost its CRLF line ends (check .gitattributes)"
    case = valid_cases["crlf-line-ends"]
    assert case.context == "First paragraph.\n\nSecond paragraph,\nover two lines.\n"
    assert not any("\r" in s for s in strings(dict(case.raw)))


def test_welsh_and_gaelic_diacritics_survive(valid_cases) -> None:
    case = valid_cases["welsh-and-gaelic-diacritics"]
    assert case.title == "Rhwydwaith Angor Gŵyr a Tŷ Ddewi"
    assert case.area == "Abertawe â Sir Benfro"
    assert case.nation == "Wales"
    assert "Comhairle nan Eilean Siar (Bòrd Slàinte, Sgìre nan Eilean)" in [m.name for m in case.members]
    assert case.lessons[0].detail.endswith("Tòisichibh le aon rud: à, è, ì, ò, ù.")
    assert all(unicodedata.is_normalized("NFC", s) for s in strings(dict(case.raw)))


def test_right_to_left_quote_survives(valid_cases) -> None:
    quote = valid_cases["right-to-left-quote"].lessons[0].quote
    assert quote is not None
    assert quote.text == "نبدأ بخطوة واحدة — אנחנו מתחילים בצעד אחד"
    assert quote.by == "مشارك واحد / משתתף אחד"


def test_emoji_survive(valid_cases) -> None:
    case = valid_cases["emoji"]
    assert case.title == "Green Anchors \U0001F331"
    wales_flag = "\U0001F3F4\U000E0067\U000E0062\U000E0077\U000E006C\U000E0073\U000E007F"
    nurse = "\U0001F469\u200D\u2695\uFE0F"
    farmer = "\U0001F9D1\U0001F3FD\u200D\U0001F33E"
    assert case.summary == f"Nurses {nurse} and growers {farmer} working together in Wales {wales_flag}."


def test_line_numbers_are_right_in_a_crlf_file(tmp_path: Path, cli) -> None:
    """A mistake in a CRLF file is reported on the line an editor shows."""
    text = (CASES / "valid" / "crlf-line-ends.yaml").read_bytes().replace(b"- specific-action", b"- procurment")
    path = tmp_path / "crlf-line-ends.yaml"
    path.write_bytes(text)
    result = cli(path)
    assert result.stderr.splitlines() == [
        f"{path}:30:9: lessons[0].themes[0], the first lesson's first theme: unknown theme 'procurment' "
        "(did you mean 'procurement-social-value'?)",
        summary(1),
    ]


def test_columns_are_right_after_a_byte_order_mark(tmp_path: Path, cli) -> None:
    """The BOM is not counted as a column on line 1."""
    raw = (CASES / "valid" / "utf8-bom.yaml").read_bytes()
    raw = raw.replace(b"# Saved with a UTF-8 byte-order mark, as some Windows editors do.\n", b"")
    path = tmp_path / "utf8-bom.yaml"
    path.write_bytes(raw.replace(b"id: utf8-bom", b"id: Utf8 Bom"))
    result = cli(path)
    assert result.stderr.splitlines()[0] == (
        f"{path}:2:5: id: 'Utf8 Bom' is not a valid id (use lower-case letters, digits and single hyphens, e.g. 'utf8-bom')")


# --- each required field missing in turn -------------------------------------------------------------------------

SCHEMA = json.loads((ROOT / "schemas" / "casestudy.schema.json").read_text(encoding="utf-8"))
MINIMAL = CASES / "valid" / "minimal-record.yaml"


def minimal_without(*path: str | int) -> dict[str, Any]:
    """The minimal valid record with the key at ``path`` removed (and no source reference left dangling)."""
    record = yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))
    if path in (("sources",), ("sources", 0, "id")):
        del record["lessons"][0]["source"]
    parent = record
    for part in path[:-1]:
        parent = parent[part]
    del parent[path[-1]]
    return record


@pytest.mark.parametrize("field", [f for f in SCHEMA["required"] if f != "schema_version"])  # its own test below
def test_each_required_top_level_field_missing(field: str, tmp_path: Path, cli) -> None:
    path = tmp_path / "minimal-record.yaml"
    path.write_text(yaml.safe_dump(minimal_without(field), sort_keys=False, allow_unicode=True), encoding="utf-8")
    description = SCHEMA["properties"][field]["description"]
    result = cli(path)
    assert result.stderr.splitlines() == [
        f"{path}:1:1: {field}: missing required field '{field}' (add it: {description})",
        summary(1),
    ]


NESTED = [
    ("network", "name"), ("place", "area"), ("place", "region"), ("place", "nation"),
    ("members", 0, "name"), ("members", 0, "type"),
    ("lessons", 0, "id"), ("lessons", 0, "title"), ("lessons", 0, "detail"), ("lessons", 0, "themes"),
    ("sources", 0, "id"), ("sources", 0, "kind"),
]


@pytest.mark.parametrize("path", NESTED, ids=lambda p: ".".join(map(str, p)))
def test_each_required_nested_field_missing(path: tuple[str | int, ...], tmp_path: Path, cli) -> None:
    file = tmp_path / "minimal-record.yaml"
    file.write_text(yaml.safe_dump(minimal_without(*path), sort_keys=False, allow_unicode=True), encoding="utf-8")
    field = f"{path[0]}[0].{path[-1]}, in the first {str(path[0])[:-1]}" if len(path) == 3 else f"{path[0]}.{path[-1]}"
    result = cli(file)
    lines = result.stderr.splitlines()
    assert len(lines) == 2 and lines[1] == summary(1)
    where, _, message = lines[0].partition(f": {field}: ")
    assert message.startswith(f"missing required field '{path[-1]}' (add it: ")
    assert where.startswith(f"{file}:")


# --- hostile files made at test time ----------------------------------------------------------------------------


def test_a_20_mb_file_is_refused_by_its_size(tmp_path: Path, cli) -> None:
    """Refused before it is read: the message gives the size and the 1 MB limit."""
    path = tmp_path / "huge.yaml"
    with path.open("wb") as out:
        out.write(b"id: huge\ncontext: |\n")
        line = b"  " + b"x" * 97 + b"\n"
        out.write(line * 200_000)
    result = cli(path)
    assert result.stderr.splitlines() == [
        f"{path}: the file is 20.0 MB; the limit is 1 MB (a case study should be a few kilobytes; split or shorten it)",
        summary(1),
    ]
    assert result.returncode == 1


@pytest.mark.parametrize("opener, closer", [("[", "]"), ("{a: ", "}")], ids=["lists", "mappings"])
def test_10000_deep_nesting_is_refused(opener: str, closer: str, tmp_path: Path, cli) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("id: deep\nplace: " + opener * 10_000 + closer * 10_000 + "\n", encoding="utf-8")
    result = cli(path)
    assert "Traceback" not in result.stderr
    first, last = result.stderr.splitlines()
    assert first.startswith(f"{path}:2:")
    assert first.endswith(": nesting is deeper than the limit of 40 levels (a case study needs only a few levels of nesting)")
    assert last == summary(1)


def test_nesting_limit_is_exactly_40() -> None:
    """A value 40 levels below the top parses; one 41 levels below is refused where it starts."""
    doc, problems = parse("a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH, "f")
    assert problems == [] and doc is not None
    _, problems = parse("a: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), "f")
    assert [str(p) for p in problems] == [
        f"f:1:{4 + MAX_DEPTH}: nesting is deeper than the limit of 40 levels (a case study needs only a few levels of nesting)"]


def test_a_large_alias_bomb_is_refused_at_its_first_anchor(tmp_path: Path, cli) -> None:
    """A billion laughs that would expand to 10^12 strings: refused at the first anchor, never expanded."""
    levels = "abcdefghijkl"
    text = "lol: &a [" + ", ".join(['"lol"'] * 10) + "]\n"
    for previous, name in zip(levels, levels[1:]):
        text += f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]\n"
    path = tmp_path / "bomb.yaml"
    path.write_text(text, encoding="utf-8")
    result = cli(path)
    assert result.stderr.splitlines() == [
        f"{path}:1:6: anchor '&a' is not allowed (write the value out in full; anchors and aliases are refused)",
        summary(1),
    ]


def test_a_file_that_does_not_exist(cli_process) -> None:
    """A mistyped path: exit 2 and the path named, not a traceback (through the real command)."""
    result = cli_process("casestudies/no-such-record.yaml")
    assert (result.returncode, result.stdout, result.stderr) == (2, "", "casestudies/no-such-record.yaml: no such file\n")


def test_an_alias_without_an_anchor_is_named(tmp_path: Path, cli) -> None:
    path = tmp_path / "alias.yaml"
    path.write_text("id: alias\ntitle: *name\n", encoding="utf-8")
    result = cli(path)
    assert result.stderr.splitlines()[0].startswith(f"{path}:2:8: ")
    assert "alias" in result.stderr.splitlines()[0]
    assert "Traceback" not in result.stderr


def test_a_record_without_schema_version_is_pointed_at_migrate(tmp_path: Path, cli) -> None:
    """A version 1 record gets one problem naming the command that upgrades it, not a list of schema errors."""
    path = tmp_path / "minimal-record.yaml"
    path.write_text(yaml.safe_dump(minimal_without("schema_version"), sort_keys=False, allow_unicode=True), encoding="utf-8")
    assert cli(path).stderr.splitlines() == [
        f"{path}:1:1: schema_version: the record has no schema_version; this schema is version 2 "
        f"(upgrade it with: python -m generator migrate {path})", summary(1)]


def test_a_source_needs_a_title_a_publisher_or_an_address(tmp_path: Path, cli) -> None:
    """A title is optional (a document may have none), but a reader must be able to find the source."""
    record = minimal_without("sources", 0, "title")
    path = tmp_path / "minimal-record.yaml"
    path.write_text(yaml.safe_dump(record, sort_keys=False, allow_unicode=True), encoding="utf-8")
    assert cli(path).returncode == 0
    del record["sources"][0]["publisher"]
    path.write_text(yaml.safe_dump(record, sort_keys=False, allow_unicode=True), encoding="utf-8")
    lines = cli(path).stderr.splitlines()
    assert len(lines) == 2 and lines[0].endswith(
        "sources[0], the first source: the source has no title, publisher or url "
        "(give at least one, so a reader can find the document)")
