"""`python -m generator migrate`: version 1 records become version 2 without losing a field, a value or a comment.

The fixtures are real version 1 records from the project's history (tests/fixtures/v1/: the seed records as they were
at 3738d45, and the test corpus's valid records and fixture sites of that time, BOM and CRLF files included).
"""
from __future__ import annotations

import codecs
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.check.validate import validate
from generator.cli import main
from generator.contrib.migrate import migrate
from generator.read.project import Project

V1 = Path(__file__).resolve().parent / "fixtures" / "v1"
FIXTURES = sorted((V1 / "seeds").glob("*.yaml")) + sorted((V1 / "corpus").glob("*.yaml"))
STATES = {"active", "paused", "wound-down"}
PROSE_NAMES_A_FIELD = "names the record field 'started': readers see this text"
KNOWN_CONTENT_PROBLEMS = {
    # Version 2 also checks what the records say. These seed records explain their start date to editors in reader
    # prose ("so `started` records 2020"); migrate never rewrites what a record says, so the editor moves that sentence
    # to editor_notes. The test names each one, so that nothing else slips through.
    name: {("context", PROSE_NAMES_A_FIELD)}
    for name in ("bay-anchor-network", "birmingham-anchor-network", "city-and-hackney-anchor-collaborative",
                 "dorset-county-hospital", "imperial-college-healthcare", "north-ayrshire-community-wealth-building")
}


@pytest.fixture
def project(make_project: Callable[[Path | None], Path]) -> Project:
    return Project(make_project(None))


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8-sig"))


def same(old: Any, new: Any, at: str) -> None:
    """Equal values of equal types, all the way down; ``at`` names the place in a failure."""
    assert type(old) is type(new), f"{at}: {old!r} became {new!r}"
    if isinstance(old, dict):
        assert list(old) == list(new), f"{at}: fields {list(old)} became {list(new)}"
        for key in old:
            same(old[key], new[key], f"{at}.{key}")
    elif isinstance(old, list):
        assert len(old) == len(new), f"{at}: {len(old)} entries became {len(new)}"
        for i, (a, b) in enumerate(zip(old, new)):
            same(a, b, f"{at}[{i}]")
    else:
        assert old == new, f"{at}: {old!r} became {new!r}"


def assert_only_documented_changes(old: dict[str, Any], new: dict[str, Any]) -> None:
    """Every v1 field and value is in the v2 data; the differences are exactly the documented ones."""
    assert "schema_version" not in old and new["schema_version"] == 2
    assert "scope" not in old and new["scope"] == "network"
    assert old["status"] in STATES and new["status"] == {"state": old["status"]}  # no as_of: no date invented
    dropped = {"ended"} if "ended" in old and old["ended"] is None else set()
    assert [k for k in new if k not in ("schema_version", "scope")] == [k for k in old if k not in dropped]
    for key in old:
        if key not in dropped and key != "status":
            same(old[key], new[key], key)
    for i, stream in enumerate(new.get("workstreams", [])):
        assert "themes" not in stream, f"workstreams[{i}]: themes were invented"


def comments(text: str) -> list[str]:
    """Every comment, in order: whole-line comments and those after a value."""
    return [m.group(0).rstrip("\r") for m in re.finditer(r"(?m)(?:^|[ \t])#.*$", text)]


def undo(text: str) -> str:
    """The migrated text with the documented edits taken back out: it must be the original, byte for byte."""
    text = re.sub(r"(?m)^schema_version: 2\r?\n", "", text, count=1)
    text = re.sub(r"(?m)^scope: network\r?\n", "", text, count=1)
    return re.sub(r"(?m)^status:(\r?\n)  state: ", r"status: ", text, count=1)


def add_themes(text: str) -> str:
    """What the contributor does next: a theme on each workstream, written under its name."""
    found = re.search(r"(?ms)^workstreams:\r?\n(.*?)(?=^\S)", text)
    if found is None:
        return text
    block = re.sub(r"(?m)^(  - name: .*?(\r?)\n)", r"\1    themes: [specific-action]\2\n", found.group(1))
    return text[:found.start(1)] + block + text[found.end(1):]


def schema_problems(project: Project, path: Path) -> set[tuple[str, str]]:
    _, _, problems = validate(project, [path])
    return {(p.field, p.message) for p in problems}


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_a_v1_record_becomes_v2_losing_nothing(fixture: Path, project: Project) -> None:
    path = project.casestudies_dir / fixture.name
    shutil.copy(fixture, path)
    before = fixture.read_bytes()
    (result,) = migrate(project, [path])
    assert result.outcome == "migrated", result.problem
    after = path.read_bytes()

    # (a) every field and value, with only the documented changes
    assert_only_documented_changes(load(fixture), load(path))
    # (b) every comment, every line as written, the byte-order mark and the line ends
    old_text, new_text = before.decode("utf-8-sig"), after.decode("utf-8-sig")
    assert comments(new_text) == comments(old_text)
    assert undo(new_text) == old_text
    assert after.startswith(codecs.BOM_UTF8) == before.startswith(codecs.BOM_UTF8)
    assert (b"\r\n" in after) == (b"\r\n" in before) and after.count(b"\r\n") in (0, after.count(b"\n"))
    # (c) valid version 2 but for the workstreams' themes, which the validator points at one by one
    known = KNOWN_CONTENT_PROBLEMS.get(path.stem, set())
    streams = load(path).get("workstreams", [])
    assert schema_problems(project, path) == known | {
        (f"workstreams[{i}].themes", "missing required field 'themes'") for i in range(len(streams))}
    if streams:
        assert any(f"workstreams[{len(streams) - 1}]" in note for note in result.notes)
    path.write_bytes((codecs.BOM_UTF8 if before.startswith(codecs.BOM_UTF8) else b"") + add_themes(new_text).encode("utf-8"))
    assert schema_problems(project, path) == known
    # (d) a second run changes nothing
    themed = path.read_bytes()
    (again,) = migrate(project, [path])
    assert again.outcome == "current" and path.read_bytes() == themed


def test_crlf_and_byte_order_mark_variants_of_a_seed(project: Project) -> None:
    """A seed saved on Windows, with CRLF line ends and a byte-order mark, keeps both."""
    text = (V1 / "seeds" / "bay-anchor-network.yaml").read_text(encoding="utf-8")
    path = project.casestudies_dir / "bay-anchor-network.yaml"
    path.write_bytes(codecs.BOM_UTF8 + text.replace("\n", "\r\n").encode("utf-8"))
    (result,) = migrate(project, [path])
    assert result.outcome == "migrated"
    raw = path.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8 + b"# yaml-language-server")
    assert raw.count(b"\n") == raw.count(b"\r\n") == text.count("\n") + 3
    assert undo(raw.decode("utf-8-sig")) == text.replace("\n", "\r\n")


EDGE = """\
# Case study: Edge Network.
# Written by hand.

# The record's permanent id.
id: edge-network
title: "Edge Network"
network:
    name: Edge Network
summary: >-
  A network
  # not a comment: part of the summary
status: "paused"  # as the 2023 report says
ended: ~  # it continues
"""


def test_hand_written_details_are_kept(project: Project) -> None:
    """Quotes, a comment after the status, four-space indents, a header with a blank line, a null end."""
    path = project.casestudies_dir / "edge-network.yaml"
    path.write_text(EDGE, encoding="utf-8")
    (result,) = migrate(project, [path])
    assert result.outcome == "migrated"
    assert path.read_text(encoding="utf-8") == """\
# Case study: Edge Network.
# Written by hand.

schema_version: 2
# The record's permanent id.
id: edge-network
title: "Edge Network"
scope: network
network:
    name: Edge Network
summary: >-
  A network
  # not a comment: part of the summary
status:
    state: "paused"  # as the 2023 report says
# ended: ~  # it continues
"""
    assert any(note.startswith("ended: was empty") for note in result.notes)
    data = load(path)
    assert data["summary"] == "A network # not a comment: part of the summary" and "ended" not in data


def test_schema_version_1_and_a_file_without_a_final_line_end(project: Project) -> None:
    path = project.casestudies_dir / "one.yaml"
    path.write_text("schema_version: 1\nid: one\nnetwork: {name: One}\nstatus: active", encoding="utf-8")
    (result,) = migrate(project, [path])
    assert result.outcome == "migrated"
    assert path.read_text(encoding="utf-8") == ("schema_version: 2\nid: one\nscope: network\nnetwork: {name: One}\n"
                                                "status:\n  state: active")


def test_cli_default_is_every_record_and_says_what_to_check(project: Project, monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("bay-anchor-network.yaml", "dorset-county-hospital.yaml"):
        shutil.copy(V1 / "seeds" / name, project.casestudies_dir / name)
    monkeypatch.chdir(project.root)
    assert main(["migrate"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("casestudies/bay-anchor-network.yaml: migrated to schema version 2.\n"
                          "  - scope: set to 'network'. Check it:")
    assert "  - status: now 'state: wound-down', with no date. Add 'as_of:'" in out
    assert ("Add 'themes:' to workstreams[0] 'Procurement' (line 63), workstreams[1] 'Environmental Sustainability' "
            "(line 75)") in out
    assert "casestudies/dorset-county-hospital.yaml: migrated to schema version 2.\n" in out
    assert out.endswith("2 migrated, 0 already version 2, 0 not migrated. Next: do what the notes above ask, then run: "
                        "python -m generator validate\n")
    lines = (project.casestudies_dir / "bay-anchor-network.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[62] == "  - name: Procurement" and lines[74] == "  - name: Environmental Sustainability"
    assert main(["migrate"]) == 0
    assert capsys.readouterr().out == (
        "casestudies/bay-anchor-network.yaml: already schema version 2; left unchanged.\n"
        "casestudies/dorset-county-hospital.yaml: already schema version 2; left unchanged.\n"
        "0 migrated, 2 already version 2, 0 not migrated.\n")


def test_a_file_from_a_pull_request_anywhere_on_disk(project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """A contributor's v1 file, e.g. saved with `git show their-branch:casestudies/x.yaml > x.yaml`, outside casestudies/."""
    outside = tmp_path / "pull-request" / "minimal-record.yaml"
    outside.parent.mkdir()
    shutil.copy(V1 / "corpus" / "minimal-record.yaml", outside)
    monkeypatch.chdir(project.root)
    assert main(["migrate", str(outside)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{outside}: migrated to schema version 2.\n")
    assert out.endswith(f"Next: do what the notes above ask, then run: python -m generator validate {outside}\n")
    assert load(outside)["status"] == {"state": "active"}
    assert list(project.casestudies_dir.iterdir()) == []


def test_bad_input_is_reported_with_file_and_line_and_left_alone(project: Project, monkeypatch: pytest.MonkeyPatch,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    folder = project.casestudies_dir
    bad = {
        "unclosed.yaml": "id: unclosed\ntitle: [Unclosed\nstatus: active\n",
        "duplicate.yaml": "id: duplicate\nstatus: active\nstatus: paused\n",
        "tabs.yaml": "id: tabs\nplace:\n\tarea: Leeds\n",
        "a-list.yaml": "- id: a-list\n",
        "version-3.yaml": "schema_version: 3\nid: version-3\n",
        "flow.yaml": "{id: flow, status: active}\n",
    }
    for name, text in bad.items():
        (folder / name).write_text(text, encoding="utf-8")
    shutil.copy(V1 / "corpus" / "minimal-record.yaml", folder / "minimal-record.yaml")
    monkeypatch.chdir(project.root)
    assert main(["migrate"]) == 1
    captured = capsys.readouterr()
    err = captured.err.splitlines()
    assert err[:-1] == [
        "casestudies/a-list.yaml:1:1: the file is not a case-study record (its top level is not a mapping of fields); "
        "not migrated, the file is unchanged",
        "casestudies/duplicate.yaml:3:1: duplicate key 'status' (it is already set on line 2; YAML would silently keep "
        "only the last one); not migrated, the file is unchanged",
        "casestudies/flow.yaml:1:1: the record is written as one {...} flow mapping; migrate edits block-style records "
        "only (write one field per line, as in the other records, then run migrate again); not migrated, the file is unchanged",
        "casestudies/tabs.yaml:3:1: YAML syntax error: while scanning for the next token found character that cannot "
        "start any token (indent with spaces, not tabs); not migrated, the file is unchanged",
        "casestudies/unclosed.yaml:2:8: YAML syntax error: while parsing a flow sequence did not find expected ',' or ']' "
        "(close the '[' that starts here with ']'); not migrated, the file is unchanged",
        "casestudies/version-3.yaml:1:17: schema_version: migrate upgrades version 1 records to version 2, not version 3 "
        "(check the schema_version line); not migrated, the file is unchanged",
    ]
    assert err[-1].startswith("1 migrated, 0 already version 2, 6 not migrated.")
    assert "casestudies/minimal-record.yaml: migrated to schema version 2." in captured.out
    for name, text in bad.items():
        assert (folder / name).read_text(encoding="utf-8") == text, name
    assert main(["migrate", "casestudies/nowhere.yaml"]) == 2
    assert capsys.readouterr().err == "casestudies/nowhere.yaml: no such file\n"


def test_the_validator_points_v1_records_at_migrate(project: Project) -> None:
    path = project.casestudies_dir / "minimal-record.yaml"
    shutil.copy(V1 / "corpus" / "minimal-record.yaml", path)
    _, _, problems = validate(project, [path])
    assert [p.hint for p in problems] == [f"upgrade it with: python -m generator migrate {project.display(path)}"]
    migrate(project, [path])
    assert validate(project, [path])[2] == []


def test_a_status_it_cannot_rewrite_safely_is_left_alone(project: Project) -> None:
    """The edited text is read back and must hold exactly the documented change; if not, nothing is written."""
    path = project.casestudies_dir / "folded.yaml"
    text = "id: folded\nnetwork:\n  name: Folded\nstatus: >-\n  active\n"
    path.write_text(text, encoding="utf-8")
    (result,) = migrate(project, [path])
    assert result.outcome == "skipped" and result.problem is not None
    assert str(result.problem).startswith("casestudies/folded.yaml:1:1: migrate could not upgrade this file without "
                                          "changing more than version 2 needs")
    assert path.read_text(encoding="utf-8") == text
