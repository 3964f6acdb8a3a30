"""Schema v2, tried as a contributor and a reader would: each new field with good and bad records, the rules
across records (shared statements, no statement written twice), and theme counts that agree on every page."""
from __future__ import annotations

import copy
import csv
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

from generator.check.validate import validate
from generator.dates import parse_when
from generator.model.entities import Catalogue
from generator.pipeline import load_site
from generator.read.project import Project
from generator.render.pages import render_pages

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests" / "cases" / "valid" / "minimal-record.yaml"
STATEMENT = ("Partners found that a shared data dashboard, updated every month by the backbone team, "
             "kept the chief executives focused on the same handful of local employment measures.")


def minimal(**changes: Any) -> dict[str, Any]:
    record: dict[str, Any] = yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))
    record.update(copy.deepcopy(changes))
    return record


def problems_of(project: Project, *records: dict[str, Any]) -> list[str]:
    paths = []
    for record in records:
        path = project.casestudies_dir / f"{record['id']}.yaml"
        path.write_text(yaml.safe_dump(record, sort_keys=False, allow_unicode=True), encoding="utf-8")
        paths.append(path)
    return [f"{p.field}: {p.message}" for p in validate(project, paths)[2]]


@pytest.fixture
def project(make_project: Callable[[Path | None], Path]) -> Project:
    return Project(make_project(None))


# --- dates with their precision ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("written", "precision", "text", "short"), [
    ("2020", "exact", "2020", "2020"), ("2020-09", "exact", "September 2020", "2020"),
    ("about 2018", "about", "about 2018", "c. 2018"), ("by 2020", "by", "by 2020", "by 2020"),
    ("before 2020-03", "before", "before March 2020", "before 2020"), ("unknown", "unknown", "not known", "?"),
])
def test_dates_are_read_with_their_precision(written: str, precision: str, text: str, short: str,
                                             project: Project) -> None:
    assert problems_of(project, minimal(started=written)) == []
    when = parse_when(written)
    assert (when.precision, when.text, when.short) == (precision, text, short)


@pytest.mark.parametrize("written", ["circa 2018", "2018?", "about", "by 20", "early 2020", "2020/21"])
def test_other_date_forms_are_refused_with_the_forms_that_work(written: str, project: Project) -> None:
    (problem,) = problems_of(project, minimal(started=written))
    assert problem.startswith(f"started: '{written}' is not a date") and "'about', 'by' or 'before'" not in problem
    # the hint lives in the problem's hint, shown after the message on the command line
    assert validate(project, [project.casestudies_dir / "minimal-record.yaml"])[2][0].hint.endswith("or 'unknown'")


def test_a_start_may_be_left_out_and_is_never_drawn(project: Project) -> None:
    record = minimal()
    del record["started"]
    assert problems_of(project, record) == []
    catalogue = load_site(project.root)
    case = catalogue.case_studies[0]
    assert not case.started.known and case.years == "?"
    timeline = render_pages(catalogue)["synthesis/timeline.md"]
    assert 'id="case-minimal-record"' not in timeline and "Not on the chart: start not known" in timeline


# --- status with its evidence, members with a stated total, sources ----------------------------------------------

def test_status_reads_as_of_its_evidence_not_as_of_the_review(project: Project) -> None:
    record = minimal(status={"state": "active", "as_of": "2022-06", "source": "annual-report-2021"})
    assert problems_of(project, record) == []
    page = render_pages(load_site(project.root))["casestudies/minimal-record.md"]
    assert "Active as of June 2022" in page and "Record reviewed" in page


def test_status_source_must_be_one_of_the_sources(project: Project) -> None:
    record = minimal(status={"state": "active", "source": "annual-report"})
    assert problems_of(project, record) == [
        "status.source: source 'annual-report' is not in this record's sources"]


def test_active_with_an_end_is_refused(project: Project) -> None:
    assert problems_of(project, minimal(ended="2023")) == [
        "status.state: the state is 'active' but the record says it ended (2023)"]


def test_a_stated_total_beside_the_named_members(project: Project) -> None:
    record = minimal(member_total={"at_least": 13, "at_most": 14})
    assert problems_of(project, record) == []
    case = load_site(project.root).case_studies[0]
    assert case.members_text == "13–14 partners (1 named)"
    index = render_pages(load_site(project.root))["casestudies/index.md"]
    assert "13–14 partners (1 named)" in index


def test_a_total_range_the_wrong_way_round_is_refused(project: Project) -> None:
    assert problems_of(project, minimal(member_total={"at_least": 14, "at_most": 13})) == [
        "member_total.at_most: at_most (13) is below at_least (14)"]


def test_a_source_without_a_title_is_shown_by_its_publisher_and_date_and_linked(project: Project) -> None:
    sources = [{"id": "annual-report-2021", "publisher": "Lancaster City Council", "date": "2021-06",
                "url": "https://example.org/report", "kind": "web-page"}]
    assert problems_of(project, minimal(sources=sources)) == []
    page = render_pages(load_site(project.root))["casestudies/minimal-record.md"]
    card = BeautifulSoup(page, "html.parser").select_one(".aln-item__source")
    assert card.get_text(" ", strip=True) == "Source: Lancaster City Council (June 2021)"
    assert card.a["href"] == "https://example.org/report"


# --- scope, items of any kind, editors' notes ---------------------------------------------------------------------

def test_scope_is_shown_so_no_reader_takes_one_trust_for_a_network(project: Project) -> None:
    assert problems_of(project, minimal(scope="organisation")) == []
    pages = render_pages(load_site(project.root))
    assert "Single organisation" in pages["casestudies/minimal-record.md"]
    assert '<small class="aln-scope">Single organisation</small>' in pages["casestudies/index.md"]
    assert "(single organisation)" in pages["index.md"]
    assert '<small class="aln-scope">(single organisation)</small>' in pages["synthesis/matrix.md"]


def test_a_record_of_workstreams_alone_is_enough(project: Project) -> None:
    record = minimal(workstreams=[{"name": "Local jobs", "themes": ["quality-work"], "activities": ["A jobs fair."]}])
    del record["lessons"]
    assert problems_of(project, record) == []
    case = load_site(project.root).case_studies[0]
    assert [(i.kind, i.id) for i in case.items] == [("workstream", "local-jobs")]


def test_editors_words_in_reader_prose_are_refused_and_editor_notes_never_reach_a_page(project: Project) -> None:
    record = minimal(context="The `started` year is a guess.")
    assert problems_of(project, record) == [
        "context: names the record field 'started': readers see this text"]
    note = "Start year inferred from the annual report's first mention."
    record = minimal(editor_notes=note)
    record["lessons"][0]["editor_notes"] = note
    assert problems_of(project, record) == []
    pages = render_pages(load_site(project.root))
    assert all(note not in text for uri, text in pages.items() if uri.endswith(".md")), "a reader page shows the note"
    assert note in pages["data/casestudies.json"], "the open data keeps it"


# --- shared statements and repeated ones -------------------------------------------------------------------------

def other(record_id: str, **changes: Any) -> dict[str, Any]:
    record = minimal(id=record_id, title=record_id.title(), **changes)
    return record


def test_a_statement_repeated_in_another_record_is_refused_naming_both_places(project: Project) -> None:
    first = minimal()
    first["lessons"][0]["detail"] = STATEMENT
    second = other("second-network")
    second["lessons"][0]["detail"] = STATEMENT.replace("every month", "each month")
    found = problems_of(project, first, second)
    assert len(found) == 1
    assert re.fullmatch(r"lessons\[0\]: nearly repeats casestudies/second-network\.yaml:\d+ \(lessons\[0\], the first lesson\)",
                        found[0])


def test_a_statement_shared_with_is_written_once_and_credited_to_each(project: Project) -> None:
    event = other("spring-event", scope="collection")
    event["lessons"][0]["detail"] = STATEMENT
    event["lessons"][0]["shared_with"] = ["minimal-record"]
    assert problems_of(project, event, minimal()) == []
    catalogue = load_site(project.root)
    assert [i.key for i in catalogue.credited["minimal-record"]] == ["spring-event/start-small"]
    page = render_pages(catalogue)["casestudies/minimal-record.md"]
    assert "Reported jointly" in page and 'casestudies/spring-event/#start-small"' in page


def test_shared_with_names_a_real_other_case_study(project: Project) -> None:
    event = other("spring-event")
    event["lessons"][0]["shared_with"] = ["minimal-recrod", "spring-event"]
    assert problems_of(project, event, minimal()) == [
        "lessons[0].shared_with[0]: there is no case study 'minimal-recrod'",
        "lessons[0].shared_with[1]: a statement cannot be shared with its own case study"]


# --- theme counts agree everywhere ---------------------------------------------------------------------------------

def theme_counts(pages: dict[str, str], catalogue: Catalogue) -> dict[str, set[int]]:
    """Every item count of each theme that a page shows: home, themes index, theme page, matrix, open data."""
    found: dict[str, set[int]] = {t.id: set() for t in catalogue.themes}
    home = pages["index.md"]
    index = pages["themes/index.md"]
    rows = list(csv.reader(io.StringIO(pages["data/items.csv"], newline="")))[1:]
    for theme in catalogue.themes:
        found[theme.id].add(int(re.search(rf"\({re.escape(theme.page_uri)}\) \((\d+)\)", home).group(1)))
        block = index[index.index(f"({theme.page_uri.removeprefix('themes/')})"):]
        kinds = re.match(r".*?(\d+) lessons? · (\d+) barriers? · (\d+) recommendations? · (\d+) workstreams?", block, re.S)
        found[theme.id].add(sum(int(n) for n in kinds.groups()))
        page = pages[theme.page_uri]
        found[theme.id].add(sum(int(n) for n in re.findall(r"^## [^\n]+ \((\d+)\) \{ #", page, re.M)))
        found[theme.id].add(sum(1 for row in rows if theme.id in row[5].split(";")))
        found[theme.id].add(len(catalogue.items_by_theme[theme.id]))
    return found


def test_theme_counts_agree_on_every_page_that_shows_them() -> None:
    catalogue = load_site(ROOT)
    counts = theme_counts(render_pages(catalogue), catalogue)
    assert {theme: n for theme, n in counts.items() if len(n) != 1} == {}
    assert all(n != {0} for n in counts.values()), "a theme shows (0) though the records hold matching content"
