"""`python -m generator from-issue`: an issue-form body becomes a valid record, or every bad answer is named."""
from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.contrib.from_issue import IssueFormError, convert, sections, write_record
from generator.read.project import Project
from generator.check.validate import validate

REPO = Path(__file__).resolve().parents[1]
BODY = (Path(__file__).parent / "data" / "issue-form-body.md").read_text(encoding="utf-8")
TODAY = datetime.date(2025, 3, 4)


@pytest.fixture
def project(make_project: Callable[[Path | None], Path]) -> Project:
    return Project(make_project(None))


def problems_for(project: Project, body: str) -> list[str]:
    with pytest.raises(IssueFormError) as caught:
        convert(project, body, TODAY)
    return [str(p) for p in caught.value.problems]


def test_sections_read_github_markdown() -> None:
    body = "### Ended\r\n\r\n_No response_\r\n\r\n### Background\r\n\r\nText\r\n### Not a form label\r\nmore\r\n"
    assert sections(body) == {"Ended": "", "Background": "Text\n### Not a form label\nmore"}


def test_the_issue_body_round_trips_into_a_valid_record(project: Project) -> None:
    path = write_record(project, BODY, today=TODAY)
    assert path == project.casestudies_dir / "leeds-anchors-network.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/casestudy.schema.json\n")
    _, _, problems = validate(project, [path])
    assert problems == []
    record = yaml.safe_load(text)
    assert record["status"] == "active" and record["started"] == "2017-03" and record["reviewed"] == "2025-03-04"
    assert record["place"]["coordinates"] == {"lat": 53.8, "lon": -1.55}
    assert [m["type"] for m in record["members"]] == ["local-authority", "nhs-trust", "university", "university",
                                                       "college", "voluntary-community-sector"]
    assert record["members"][2]["name"] == "University of Leeds"
    first, second = record["lessons"]
    assert first["detail"].count("\n\n") == 1  # two paragraphs kept
    assert first["quote"] == {"text": "Nobody wanted to be the one with the blank column.", "by": "A network coordinator"}
    assert first["source"] == record["sources"][0]["id"] and second["source"] == record["sources"][1]["id"]
    assert second["themes"] == ["shared-ownership"]  # typed as the theme's title
    assert record["recommendations"][0]["addresses"] == [record["barriers"][0]["id"]]
    assert [w["status"] for w in record["workstreams"]] == ["active", "completed"]
    assert record["sources"][1] == {"id": "interview-with-the-network-coordinator",
                                    "title": "Interview with the network coordinator",
                                    "publisher": "Anchor Learning Network", "kind": "interview", "date": "2024-05"}


def test_a_single_source_is_every_item_s_source(project: Project) -> None:
    body = BODY.replace("\nInterview with the network coordinator | Anchor Learning Network | interview | 2024-05", "")
    body = body.replace("Source: 2\n", "").replace("Source: 1\n", "")
    record = convert(project, body, TODAY)
    sources = {i["source"] for kind in ("lessons", "barriers", "recommendations") for i in record[kind]}
    assert sources == {record["sources"][0]["id"]}


def test_missing_answers_are_named_by_their_labels(project: Project) -> None:
    body = BODY.replace("Yorkshire and the Humber", "_No response_")
    body = body[: body.index("### Lessons")] + "### Lessons\n\n_No response_\n\n" + body[body.index("### Barriers"):]
    body = body.replace("- [X] Every point", "- [ ] Every point")
    assert problems_for(project, body) == [
        "Region: this answer is required but is empty",
        "Lessons: this answer is required but is empty",
        "Before you submit: not ticked: 'Every point comes from a source listed above.' (tick it once it is true)",
    ]


def test_malformed_answers_say_where_and_what(project: Project) -> None:
    body = (BODY.replace("2017-03", "March 2017")
            .replace("Leeds College of Building | college", "Leeds College of Building")
            .replace("measuring-impact, procurement-social-value", "measuring-impcat")
            .replace("Addresses: 1", "Addresses: 4")
            .replace("| interview |", "| podcast |")
            .replace("53.80, -1.55", "north of Wakefield"))
    assert problems_for(project, body) == [
        "Map point: 'north of Wakefield' is not a latitude and longitude (write two numbers, e.g. 54.07, -2.86)",
        "Members, line 5: 'Leeds College of Building' does not say what kind of organisation it is "
        "(write the name, a |, then its kind, e.g. 'Leeds City Council | local-authority')",
        "Recommendations, recommendation 1 ('Agree definitions before collecting data'): there is no barrier number 4 "
        "(the form lists 1 barrier)",
        "Started: 'March 2017' is not a date (write a year, year and month, or full date: 2021, 2021-06 or 2021-06-16)",
        "Barriers, barrier 1 ('Data on local spend was hard to compare'): themes: unknown theme 'measuring-impcat' "
        "(did you mean 'measuring-impact'?)",
        "Sources, line 2: kind: 'podcast' is not one of the allowed values "
        "(allowed: report, blog, event, board-paper, article, case-study, interview, other)",
    ]


def test_a_new_entry_without_its_title_line_is_caught(project: Project) -> None:
    body = BODY.replace("Give every workstream its own lead | Shared ownership of workstreams",
                        "Give every workstream its own lead")
    assert problems_for(project, body) == [
        "Lessons, lesson 1 ('A public progress report keeps partners…'): the paragraph starting 'Give every workstream its "
        "own lead' comes after the Evidence:/Quote:/Quote by:/Source:/Id:/Addresses: lines (if it starts a new entry, add "
        "' | theme-id' to its first line; if it belongs to this one, move it up)",
    ]


def test_a_body_without_form_headings_is_refused(project: Project) -> None:
    assert problems_for(project, "Please add Leeds!") == [
        "Issue form: no '### ' form headings found (pass the body of an issue opened with the case-study form)"]


def test_cli_writes_the_record_and_refuses_to_overwrite(project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(project.root)
    issue = tmp_path / "issue.md"
    issue.write_text(BODY, encoding="utf-8")
    assert main(["from-issue", str(issue)]) == 0
    assert "Wrote casestudies/leeds-anchors-network.yaml" in capsys.readouterr().out
    before = (project.casestudies_dir / "leeds-anchors-network.yaml").read_text(encoding="utf-8")
    assert main(["from-issue", str(issue)]) == 1
    err = capsys.readouterr().err
    assert "Short id: casestudies/leeds-anchors-network.yaml already exists; not overwriting it" in err
    assert (project.casestudies_dir / "leeds-anchors-network.yaml").read_text(encoding="utf-8") == before
    assert main(["from-issue", str(issue), "--output", "elsewhere"]) == 0
    assert (project.root / "elsewhere" / "leeds-anchors-network.yaml").is_file()


def test_cli_lists_every_problem_and_fails(project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(project.root)
    issue = tmp_path / "issue.md"
    issue.write_text(BODY.replace("Leeds City Council\n\n### Members", "_No response_\n\n### Members"), encoding="utf-8")
    assert main(["from-issue", str(issue)]) == 1
    assert "  Convening organisation: this answer is required but is empty" in capsys.readouterr().err
    assert list(project.casestudies_dir.iterdir()) == []
