"""The GitHub workflows, issue form and pre-commit hook are valid and call commands that exist in this repository."""
from __future__ import annotations

import json
import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.cli import build_parser
from generator.contrib.changes_report import MARKER
from generator.contrib.from_issue import LABELS, REQUIRED
from generator.read.project import Project

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
FORM = ROOT / ".github" / "ISSUE_TEMPLATE" / "case-study.yml"
EXTERNAL = {"gh", "cat", "echo"}  # tools a GitHub runner provides


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def run_tasks() -> set[str]:
    """The tasks ./run accepts: the labels of its case statement, except the help fallback."""
    return set(re.findall(r"^\s+([a-z]+)\)", (ROOT / "run").read_text(encoding="utf-8"), re.M))


def subcommands() -> set[str]:
    action = next(a for a in build_parser()._actions if a.dest == "command")
    return set(action.choices)


def check_command(line: str) -> None:
    """One shell command must be a repository script with a real task, or a known external tool."""
    words = shlex.split(line)
    program = words[0]
    if program == "./run":
        assert words[1] in run_tasks(), f"./run has no task '{words[1]}': {line}"
    elif program.endswith("python") and words[1:3] == ["-m", "generator"]:
        assert words[3] in subcommands(), f"python -m generator has no subcommand '{words[3]}': {line}"
    elif program.startswith(("./", ".ci/")):
        assert (ROOT / program).is_file(), f"no such script: {program}"
    else:
        assert program in EXTERNAL, f"unknown command: {line}"


def commands(script: str) -> list[str]:
    parts = (p.strip() for line in script.splitlines() for p in re.split(r"&&|\|\||;|\|(?!\|)", line))
    return [p for p in parts if p and not p.startswith("#")]


def steps() -> list[tuple[str, dict[str, Any]]]:
    return [(path.name, step) for path in WORKFLOWS for job in load(path)["jobs"].values() for step in job.get("steps", [])]


@pytest.mark.parametrize("path", [*WORKFLOWS, *sorted((ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml")),
                                  ROOT / ".pre-commit-config.yaml"], ids=lambda p: p.name)
def test_is_valid_yaml(path: Path) -> None:
    assert isinstance(load(path), dict)


def test_the_expected_workflows_exist() -> None:
    assert {"ci.yml", "pages.yml"} <= {p.name for p in WORKFLOWS}


@pytest.mark.parametrize("name,step", steps(), ids=lambda v: v if isinstance(v, str) else v.get("name", v.get("uses", "")))
def test_every_step_runs_a_real_command_or_a_pinned_action(name: str, step: dict[str, Any]) -> None:
    if "uses" in step:
        assert re.fullmatch(r"actions/[a-z-]+@v\d+", step["uses"]), step["uses"]
    else:
        for command in commands(step["run"]):
            check_command(command)


def test_ci_tests_builds_and_keeps_the_site() -> None:
    ci = load(ROOT / ".github" / "workflows" / "ci.yml")
    assert {"pull_request", "push"} <= set(ci[True])  # PyYAML reads the key `on` as True
    runs = [s.get("run") for s in ci["jobs"]["test-and-build"]["steps"]]
    assert ".ci/run" in runs and "./run build" in runs
    assert (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().endswith("./run test")
    upload = next(s for s in ci["jobs"]["test-and-build"]["steps"] if s.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["path"] == "site/"


def test_pages_deploys_main() -> None:
    pages = load(ROOT / ".github" / "workflows" / "pages.yml")
    assert pages[True]["push"]["branches"] == ["main"]
    uses = [s.get("uses", "") for job in pages["jobs"].values() for s in job["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)


def test_pre_commit_validates_changed_records() -> None:
    hooks = [h for repo in load(ROOT / ".pre-commit-config.yaml")["repos"] for h in repo["hooks"]]
    record_hook = next(h for h in hooks if h["files"] == r"^casestudies/.*\.ya?ml$")
    assert record_hook["pass_filenames"] is True
    assert re.match(record_hook["files"], "casestudies/leeds.yaml") and not re.match(record_hook["files"], "docs/x.yaml")
    for hook in hooks:
        check_command(hook["entry"])


def test_editor_settings_map_records_to_the_schema() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert "casestudies/*.yaml" in settings["yaml.schemas"]["./schemas/casestudy.schema.json"]


def test_issue_form_fields_are_the_ones_from_issue_reads() -> None:
    fields = [f for f in load(FORM)["body"] if f["type"] != "markdown"]
    labels = [f["attributes"]["label"] for f in fields]
    assert labels == list(LABELS)
    required = {f["attributes"]["label"] for f in fields if f.get("validations", {}).get("required")}
    assert required == set(REQUIRED)
    checks = next(f for f in fields if f["type"] == "checkboxes")
    assert all(option["required"] for option in checks["attributes"]["options"])
    assert len({f["id"] for f in fields}) == len(fields)


def test_issue_form_documents_every_allowed_value() -> None:
    text = FORM.read_text(encoding="utf-8")
    project = Project(ROOT)
    themes = load(project.themes_path)["themes"]
    schema = json.loads(project.schema_path.read_text(encoding="utf-8"))
    member_types = schema["properties"]["members"]["items"]["properties"]["type"]["enum"]
    kinds = schema["properties"]["sources"]["items"]["properties"]["kind"]["enum"]
    for value in [t["id"] for t in themes] + member_types + kinds:
        assert f"`{value}`" in text, value


def test_the_review_summary_is_posted_on_the_pull_request() -> None:
    """pr-summary.yml: pull_request only, least permissions, the Markdown summary posted as one comment it updates."""
    workflow = load(ROOT / ".github" / "workflows" / "pr-summary.yml")
    assert set(workflow[True]) == {"pull_request"}  # never pull_request_target: a fork's code never gets a write token
    assert workflow["permissions"] == {}
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "read", "pull-requests": "write"}
    checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # the base branch's history, to compare with
    summarise = next(s for s in job["steps"] if "generator changes" in s.get("run", ""))
    assert "--format markdown > changes.md" in summarise["run"] and "$GITHUB_STEP_SUMMARY" in summarise["run"]
    assert "--since" in summarise["run"] and summarise["env"]["BASE"] == "origin/${{ github.base_ref }}"
    comment = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/github-script@"))
    assert comment["if"] == "github.event.pull_request.head.repo.full_name == github.repository"
    script = comment["with"]["script"]
    assert f'"{MARKER}"' in script and 'readFileSync("changes.md"' in script
    assert "updateComment" in script and "createComment" in script


# --- the reviewer's checklist -----------------------------------------------------------------------------------------

TEMPLATE = ROOT / ".github" / "PULL_REQUEST_TEMPLATE.md"
CHECKLIST_COVERS = {
    # each point of CONTRIBUTING.md's editorial standard -> words one checklist item must hold to check it
    "Every claim is supported by its source, at the source's strength.": ("source", "strength", '"may benefit" stays "may"'),
    "Sources are named, dated and linked.": ("source", "named, dated and linked", "`date`", "`url`"),
    "Inferences are marked, not dressed as fact.": ("Inferences are marked in the data", "about ...", "editor_notes"),
    "No invented values.": ("No invented values",),
    "Plain English.": ("Plain English",),
    "Your own words.": ("own words", "`quote`"),
    "Reader text is for readers.": ("Reader text", "editor_notes"),
}


def checklist() -> list[str]:
    text = TEMPLATE.read_text(encoding="utf-8")
    return [line[len("- [ ] "):] for line in text.splitlines() if line.startswith("- [ ] ")]


def editorial_standard() -> list[str]:
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = guide.split("## The editorial standard", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^- \*\*(.+?)\*\*", section, re.M)


def test_the_reviewer_checklist_checks_every_point_of_the_editorial_standard() -> None:
    # A new point in the standard fails here until the checklist checks it too.
    assert editorial_standard() == list(CHECKLIST_COVERS)
    items = checklist()
    for point, words in CHECKLIST_COVERS.items():
        assert any(all(word in item for word in words) for item in items), f"no checklist item checks: {point}"


def test_the_reviewer_checklist_asks_for_themes_that_fit_and_the_review_date() -> None:
    items = checklist()
    assert any(item.startswith("Themes fit") for item in items)
    assert any("`reviewed`" in item and "checked against its sources" in item for item in items)
    assert all(item.count("`") % 2 == 0 for item in items), "an unclosed code span in the checklist"


def test_the_correction_form_has_the_field_the_suggest_a_change_links_fill_in() -> None:
    from generator.render.metadata import CASE_STUDY_FORM, CORRECTION_FORM

    forms = ROOT / ".github" / "ISSUE_TEMPLATE"
    assert (forms / CASE_STUDY_FORM).is_file()
    form = load(forms / CORRECTION_FORM)
    ids = [field["id"] for field in form["body"] if field["type"] != "markdown"]
    assert "page" in ids  # ?page= on a case-study page's "Suggest a change" link
    assert form["title"].startswith("Correction")
