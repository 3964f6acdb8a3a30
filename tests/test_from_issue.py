"""`python -m generator from-issue`: an issue-form body becomes a valid record, or every bad answer is named."""
from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.contrib.from_issue import IssueFormError, convert, sections, to_yaml, write_record
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
    assert list(record)[:4] == ["schema_version", "id", "title", "scope"]
    assert record["schema_version"] == 2 and record["scope"] == "network"
    assert record["started"] == "about 2017" and "ended" not in record and record["reviewed"] == "2025-03-04"
    report, interview, web_page = (s["id"] for s in record["sources"])
    assert record["status"] == {"state": "active", "as_of": "2019", "source": report}
    assert record["member_total"] == {"at_least": 13, "at_most": 14, "source": report}
    assert record["place"]["coordinates"] == {"lat": 53.8, "lon": -1.55}
    assert [m["type"] for m in record["members"]] == ["local-authority", "nhs-trust", "university", "university",
                                                       "college", "voluntary-community-sector"]
    assert record["members"][2]["name"] == "University of Leeds"
    first, second = record["lessons"]
    assert first["detail"].count("\n\n") == 1  # two paragraphs kept
    assert first["quote"] == {"text": "Nobody wanted to be the one with the blank column.", "by": "A network coordinator"}
    assert first["source"] == report and second["source"] == interview
    assert second["themes"] == ["shared-ownership"]  # typed as the theme's title
    assert second["editor_notes"] == 'The coordinator says "may"; keep it.'
    assert record["recommendations"][0]["addresses"] == [record["barriers"][0]["id"]]
    jobs, spend = record["workstreams"]
    assert jobs == {"name": "Local jobs", "aim": "Open entry-level anchor jobs to people from the city's most deprived areas.",
                    "activities": ["A shared jobs board for entry-level roles.", "Guaranteed interviews for local applicants."],
                    "outcomes": ["Over 1,000 local hires in two years."], "status": "active", "themes": ["quality-work"]}
    assert spend["themes"] == ["procurement-social-value", "community-wealth-building"]  # an id and a title
    assert spend["status"] == "completed" and spend["source"] == report and spend["editor_notes"].startswith("The report says")
    assert record["sources"][1] == {"id": "interview-network-coordinator",
                                    "title": "Interview with the network coordinator",
                                    "authors": ["Priya Patel", "Tom Jones"], "publisher": "Anchor Learning Network",
                                    "kind": "interview", "date": "2024-05"}
    assert record["sources"][2] == {"id": web_page, "publisher": "Leeds Anchors Network", "kind": "web-page", "date": "2024",
                                    "url": "https://example.org/leeds-anchors"}  # no title: none invented
    assert record["editor_notes"].startswith("The network's start is given as")


def test_the_first_version_of_the_form_still_reads(project: Project) -> None:
    """An issue opened before version 2: sources without authors, workstreams as 'Name | status'."""
    body = (BODY.replace("| Leeds City Council | Leeds City Council | report |", "| Leeds City Council | report |")
            .replace("| Priya Patel; Tom Jones | Anchor Learning Network |", "| Anchor Learning Network |"))
    record = convert(project, body, TODAY)
    assert record["sources"][0]["publisher"] == "Leeds City Council" and "authors" not in record["sources"][0]
    assert record["sources"][1]["kind"] == "interview" and "authors" not in record["sources"][1]
    old = body.replace("Local jobs | quality-work | active", "Local jobs | active")
    assert problems_for(project, old) == [
        "Workstreams, line 1 (workstream 1, 'Local jobs'): no theme ids after the name "
        "(write e.g. 'Local jobs | theme-id, theme-id "
        "| active': the name, a |, theme ids, and, if the sources say, a | and the status)"]


def test_dates_with_their_precision(project: Project) -> None:
    for answer, written in (("2017-03", "2017-03"), ("By 2020", "by 2020"), ("before  2020-03", "before 2020-03"),
                            ("unknown", "unknown")):
        assert convert(project, BODY.replace("About 2017", answer), TODAY)["started"] == written
    record = convert(project, BODY.replace("### Started\n\nAbout 2017", "### Started\n\n_No response_"), TODAY)
    assert "started" not in record  # left out, not guessed


def test_optional_answers_left_empty_are_left_out(project: Project) -> None:
    body = BODY
    for label in ("Status as of", "Status source", "Member total", "Convening organisation", "Members", "Editors' notes"):
        head = f"### {label}\n\n"
        start = body.index(head) + len(head)
        body = body[:start] + "_No response_\n\n" + body[body.index("###", start):]
    record = convert(project, body, TODAY)
    assert record["status"] == {"state": "active"}
    assert not {"member_total", "convenor", "members", "editor_notes"} & set(record)


def test_a_single_source_is_every_item_s_source(project: Project) -> None:
    body = BODY.replace("\nInterview with the network coordinator | Priya Patel; Tom Jones | Anchor Learning Network | "
                        "interview | 2024-05", "")
    body = body.replace("\n| | Leeds Anchors Network | web-page | 2024 | https://example.org/leeds-anchors", "")
    body = body.replace("Source: 2\n", "").replace("Source: 1\n", "")
    record = convert(project, body, TODAY)
    only = record["sources"][0]["id"]
    assert {i["source"] for kind in ("lessons", "barriers", "recommendations", "workstreams") for i in record[kind]} == {only}


YORK = """schema_version: 2
id: york-anchors
title: York Anchors
scope: network
network: {name: York Anchors}
summary: A city network.
place: {area: York, region: Yorkshire and the Humber, nation: England}
status: {state: active}
context: Background.
lessons:
  - id: meet-monthly
    title: Meeting every month kept the partners in touch with one another
    detail: The chairs rotated between partners, which shared the work of hosting.
    themes: [meeting-design]
sources:
  - {id: notes, title: Meeting notes, kind: other}
reviewed: "2025-01-01"
"""


def test_shared_statements_name_existing_case_studies(project: Project) -> None:
    (project.casestudies_dir / "york-anchors.yaml").write_text(YORK, encoding="utf-8")
    shared = BODY.replace("Addresses: 1\n", "Addresses: 1\nShared with: york-anchors\n")
    record = convert(project, shared, TODAY)
    assert record["recommendations"][0]["shared_with"] == ["york-anchors"]
    assert problems_for(project, shared.replace("Shared with: york-anchors", "Shared with: yrok-anchors")) == [
        "Recommendations, line 1 (recommendation 1, 'Agree definitions before collecting data'): shared_with: there is no case "
        "study 'yrok-anchors' (did you mean 'york-anchors'?)"]


def test_a_statement_already_in_another_case_study_is_caught(project: Project) -> None:
    (project.casestudies_dir / "york-anchors.yaml").write_text(YORK, encoding="utf-8")
    repeated = BODY.replace("Agree definitions before collecting data | measuring-impact\n"
                            "Settle what counts as local spend and a local hire before the first report.",
                            "Meeting every month kept the partners in touch with one another | meeting-design\n"
                            "The chairs rotated between partners, which shared the work of hosting.")
    assert problems_for(project, repeated) == [
        "Recommendations, line 1 (recommendation 1, 'Meeting every month kept the partners i…'): nearly repeats "
        "casestudies/york-anchors.yaml:11 (lessons[0], the first lesson) (write a statement reported jointly once and credit "
        "the others with a 'Shared with:' line)"]


def test_missing_answers_are_named_by_their_labels(project: Project) -> None:
    body = BODY.replace("Yorkshire and the Humber", "_No response_")
    body = body.replace("### Scope\n\nNetwork (several anchor institutions working together)", "### Scope\n\n_No response_")
    body = body[: body.index("### Workstreams")] + "### Workstreams\n\n_No response_\n\n### Lessons\n\n_No response_\n\n" \
        + "### Barriers\n\n_No response_\n\n### Recommendations\n\n_No response_\n\n" + body[body.index("### Sources"):]
    body = body.replace("- [X] Every point", "- [ ] Every point")
    assert problems_for(project, body) == [
        "Scope: this answer is required but is empty",
        "Region: this answer is required but is empty",
        "Lessons: a case study needs at least one lesson, barrier, recommendation or workstream "
        "(add what the sources say was learned, got in the way, is recommended or was done)",
        "Before you submit: not ticked: 'Every point comes from a source listed above and says no more than that source "
        "does (\"may help\" stays \"may help\").' (tick it once it is true)",
    ]


def test_malformed_answers_say_where_and_what(project: Project) -> None:
    body = (BODY.replace("About 2017", "March 2017")
            .replace("### Status as of\n\n2019", "### Status as of\n\nspring 2019")
            .replace("13–14 | 1", "about twenty | 4")
            .replace("Leeds College of Building | college", "Leeds College of Building")
            .replace("measuring-impact, procurement-social-value", "measuring-impcat")
            .replace("Addresses: 1", "Addresses: 4")
            .replace("| interview |", "| podcast |")
            .replace("53.80, -1.55", "north of Wakefield"))
    assert problems_for(project, body) == [
        "Map point: 'north of Wakefield' is not a latitude and longitude (write two numbers, e.g. 54.07, -2.86)",
        "Started: 'March 2017' is not a date in a form a record can hold (write 2017, 2017-03 or 2017-03-14 when the "
        "source states it; 'about 2017' when it gives it roughly; 'by 2017' or 'before 2017-03' when it says only that "
        "it had happened by then; or leave the answer empty when the sources do not say)",
        "Status as of: 'spring 2019' is not a date (write the year, year and month, or full date of the evidence: "
        "2023, 2023-05 or 2023-05-14)",
        "Members, line 5: 'Leeds College of Building' does not say what kind of organisation it is "
        "(write the name, a |, then its kind, e.g. 'Leeds City Council | local-authority')",
        "Member total: 'about twenty' is not a number or a range of numbers (write one number, e.g. 12, or a range, "
        "e.g. 13-14; leave it empty if the sources give no number)",
        "Recommendations, line 3 (recommendation 1, 'Agree definitions before collecting data'): there is no barrier number 4 "
        "(use 1: only one barrier is listed under Barriers)",
        "Barriers, line 1 (barrier 1, 'Data on local spend was hard to compare'): themes: unknown theme 'measuring-impcat' "
        "(did you mean 'measuring-impact'?)",
        "Sources, line 2: kind: 'podcast' is not one of the allowed values "
        "(allowed: report, case-study, board-paper, blog, news, web-page, article, event, interview, other)",
    ]


def test_a_new_entry_without_its_title_line_is_caught(project: Project) -> None:
    body = BODY.replace("Give every workstream its own lead | Shared ownership of workstreams",
                        "Give every workstream its own lead")
    assert problems_for(project, body) == [
        "Lessons, line 11 (lesson 1, 'A public progress report keeps partners…'): the paragraph starting "
        "'Give every workstream its "
        "own lead' comes after the Evidence:/Quote:/Quote by:/Source:/Id:/Addresses:/Shared with:/Editor notes: lines (if it "
        "starts a new entry, add ' | theme-id' to its first line; if it belongs to this one, move it up)",
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
    issue.write_text(BODY.replace("Leeds\n\n### Region", "_No response_\n\n### Region"), encoding="utf-8")
    assert main(["from-issue", str(issue)]) == 1
    assert "  Local area: this answer is required but is empty" in capsys.readouterr().err
    assert list(project.casestudies_dir.iterdir()) == []


PRESTON = (Path(__file__).parent / "fixtures" / "issue-forms" / "preston-model.md").read_text(encoding="utf-8")
"""A filled-in form for a network no other test uses, written from public accounts of the Preston Model."""
PRESTON_WEB_PAGE = "| | Preston City Council | web-page | unknown | https://www.preston.gov.uk"


def test_a_form_for_a_new_network_becomes_a_valid_record(project: Project) -> None:
    path = write_record(project, PRESTON, today=TODAY)
    assert path.name == "preston-model-anchor-institutions.yaml"
    _, _, problems = validate(project, [path])
    assert problems == []
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert record["started"] == "unknown" and "member_total" not in record
    report, web_page = record["sources"]
    assert web_page == {"id": "preston-city-council", "publisher": "Preston City Council", "kind": "web-page",
                        "url": "https://www.preston.gov.uk"}  # 'unknown' date left out, no title invented
    assert report["id"] == "how-we-built-community" and report["date"] == "2019"
    assert record["lessons"][0]["id"] == "spend-analysis-first"  # chosen on an 'Id:' line
    assert record["barriers"][0]["id"] == "contracts-cannot-simply-given"  # four words, 'be' left out
    assert record["recommendations"][0]["addresses"] == ["contracts-cannot-simply-given"]


def test_each_bad_part_of_a_source_line_is_reported(project: Project) -> None:
    """An address without https:// is an address problem with its fix, and the bad date beside it is reported too."""
    body = PRESTON.replace(PRESTON_WEB_PAGE, "| | Preston City Council | news | 25 March 2024 | news.preston.gov.uk/anchors")
    assert problems_for(project, body) == [
        "Sources, line 2: '25 March 2024' is not a date in the form the record needs (write 2024-03-25; leave the part "
        "empty when the document gives no date)",
        "Sources, line 2: the web address 'news.preston.gov.uk/anchors' has no https:// at the start "
        "(write https://news.preston.gov.uk/anchors)",
    ]
    swapped = PRESTON.replace(PRESTON_WEB_PAGE, "| | Preston City Council | web-page | www.preston.gov.uk | spring 2024")
    assert problems_for(project, swapped) == [
        "Sources, line 2: the web address 'www.preston.gov.uk' has no https:// at the start (write https://www.preston.gov.uk)",
        "Sources, line 2: 'spring 2024' is not a date in the form the record needs (write the publication date as 2024, "
        "2024-03 or 2024-03-25; leave the part empty when the document gives no date)",
    ]
    too_many = PRESTON.replace(PRESTON_WEB_PAGE, "A | B | C | report | 2024 | https://example.org | extra")
    assert problems_for(project, too_many) == [
        "Sources, line 2: 7 parts, but a source has at most 6 (title | authors | publisher | kind | date | web address; "
        "a | inside a title cannot be told from a separator, so write it as a dash)"]


def test_sources_and_barriers_are_referred_to_by_number(project: Project) -> None:
    body = (PRESTON.replace("Id: spend-analysis-first\nSource: 1", "Id: spend-analysis-first\nSource: the CLES report")
            .replace("### Status source\n\n1", "### Status source\n\n3")
            .replace("Addresses: 1", "Addresses: 1, procurement rules"))
    problems = problems_for(project, body)
    assert problems == [
        "Status source: there is no source number 3 (use a source number from 1 to 2: the sources under Sources are "
        "numbered from 1 in the order written)",
        "Lessons, line 6 (lesson 1, 'Know where the money goes before trying…'): 'the CLES report' is not a source number "
        "(use a source number from 1 to 2: the sources under Sources are numbered from 1 in the order written)",
        "Recommendations, line 4 (recommendation 1, 'Shape contracts so that local firms can…'): 'procurement rules' is "
        "not a barrier number (use 1: only one barrier is listed under Barriers)",
    ]
    assert not any("how-we-built" in p or "preston-city-council" in p for p in problems)  # ids the contributor never saw
    barriers = body[body.index("### Barriers"):body.index("### Recommendations")]
    no_barriers = body.replace(barriers, "### Barriers\n\n_No response_\n\n")
    assert "'1' refers to a barrier, but none is listed under Barriers (list it under Barriers first)" in \
        problems_for(project, no_barriers)[-2]


def test_generated_ids_are_short_unique_and_leave_chosen_ones_alone(project: Project) -> None:
    lessons = ("### Lessons\n\nShare the work | shared-ownership\nOne.\n\n"
               "Share the work | shared-ownership\nTwo.\n\n"
               "The first of the lessons on sharing | shared-ownership\nThree.\nId: share-work\n\n### Barriers")
    body = PRESTON[:PRESTON.index("### Lessons")] + lessons + PRESTON[PRESTON.index("### Barriers") + len("### Barriers"):]
    record = convert(project, body, TODAY)
    assert [item["id"] for item in record["lessons"]] == ["share-work-2", "share-work-3", "share-work"]
    made = record["barriers"] + record["recommendations"] + record["sources"]
    assert all(len(item["id"].split("-")) <= 4 for item in made)


HOSTILE = ['<script>alert("x")</script>', "&anchor *alias !!python/object/apply:os.system ['ls']",
           "key: value # not a comment", "--- ...", "{{ config }} {% raw %}", "'single' \"double\" `tick`",
           "@everyone [link](javascript:alert(1))", "tab\there", "trailing space "]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_in_form_fields_stays_text(project: Project, text: str) -> None:
    """Whatever a contributor types, the record is valid YAML and reads back as exactly the text typed."""
    body = (PRESTON.replace("Preston Model anchor institutions", f"Preston {text}", 1)
            .replace("Preston City Council and other anchor", f"{text} and other anchor")
            .replace("Know where the money goes before trying to change it", f"Know {text}")
            .replace("shared starting point.", f"shared starting point.\n{text}")
            .replace("Evidence: Spending", f"Quote: {text}\nQuote by: {text}\nEvidence: Spending")
            .replace("How we built community wealth", f"{text} How we built")
            .replace("### Short id\n\n_No response_", "### Short id\n\npreston-hostile"))
    path = write_record(project, body, today=TODAY)
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert record["title"] == " ".join(f"Preston {text}".split())  # a title is one line of single spaces
    assert record["summary"].startswith(" ".join(text.split()))
    lesson = record["lessons"][0]
    assert lesson["title"] == f"Know {text}".strip() and lesson["detail"].endswith("\n" + text.rstrip())
    assert lesson["quote"] == {"text": text.strip('"“” '), "by": text.strip()}
    assert record["sources"][0]["title"].startswith(text.strip())
    _, _, problems = validate(project, [path])
    assert problems == []


def test_answers_are_named_by_their_answer_line(project: Project) -> None:
    """Blank lines count: the line numbers are the ones the contributor sees in the answer box."""
    body = PRESTON.replace("### Former names\n\n_No response_", "### Former names\n\nPreston anchors\n\n" + "x" * 300)
    assert problems_for(project, body) == ["Former names, line 3: is 300 characters long; the limit is 200 (shorten it)"]


def test_a_short_id_that_is_a_path_is_refused_and_nothing_is_written(project: Project) -> None:
    body = PRESTON.replace("### Short id\n\n_No response_", "### Short id\n\n../../outside")
    with pytest.raises(IssueFormError) as caught:
        write_record(project, body, today=TODAY)
    assert [p.label for p in caught.value.problems] == ["Short id"]
    assert list(project.casestudies_dir.iterdir()) == [] and not (project.root.parent / "outside.yaml").exists()


ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=200).filter(
    lambda t: not any(line.lstrip().startswith("#") for line in t.splitlines()))
"""Any text a contributor might paste, except lines GitHub itself would turn into form headings."""


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=ANY_TEXT)
def test_any_background_text_is_refused_by_name_or_read_back_unchanged(project: Project, text: str) -> None:
    body = PRESTON.replace("Together they looked at", f"{text}\nTogether they looked at")
    try:
        record = convert(project, body, TODAY)
    except IssueFormError as error:
        assert error.problems and all(str(p) for p in error.problems)
        return
    written = yaml.safe_load(to_yaml(record))
    assert written == record and written["context"] == sections(body)["Background"]


def test_invisible_control_characters_are_named_by_their_answer(project: Project) -> None:
    body = PRESTON.replace("Together they looked at", "Together\x1b they looked at").replace("Preston, Lancashire", "Preston\x85")
    assert problems_for(project, body) == [
        "Background: holds the invisible control character U+0085 (delete it and type the text around it again; it often "
        "comes from copying out of a PDF)"]
    next_line = PRESTON.replace("Together they looked at", "Together\u2028they looked at")  # a line separator is text
    record = convert(project, next_line, TODAY)
    assert yaml.safe_load(to_yaml(record))["context"] == record["context"] and "\u2028" in record["context"]
