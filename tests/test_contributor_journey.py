"""CONTRIBUTING.md followed literally, by both routes to a record on schema version 2, each ending on the built site:
scaffold a record, fill it in, validate, build; and an issue form converted with from-issue, validated, built."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

pytestmark = pytest.mark.slow  # a full mkdocs build
ROOT = Path(__file__).resolve().parent.parent
FORM = ROOT / "tests" / "fixtures" / "issue-forms" / "preston-model.md"
FORM_ID = "preston-model-anchor-institutions"
PROJECT_FILES = ("mkdocs.yml", "CONTRIBUTING.md", "docs", "overrides", "hooks", "schemas", "casestudies", "generator")

# What a contributor types over the scaffold's empty values, in the order they appear in the file.
ANSWERS = [
    ('scope: ""', "scope: network"),
    ('summary: ""', 'summary: "Leeds anchors share jobs and spending data to open entry-level posts to local people."'),
    ('area: ""', "area: Leeds"), ('region: ""', "region: Yorkshire and the Humber"), ('nation: ""', "nation: England"),
    ('started: ""', 'started: "about 2018"'), ('state: ""', "state: active"), ('as_of: ""', 'as_of: "2024-05"'),
    ('source: ""', "source: leeds-report"), ('convenor: ""', "convenor: Leeds City Council"),
    ('- name: ""', "- name: Leeds Teaching Hospitals NHS Trust"), ('type: ""', "type: nhs-trust"),
    ('context: ""', "context: Partners meet every quarter to compare recruitment and spending."),
    ('id: ""', "id: start-with-entry-jobs"), ('title: ""', "title: Entry-level jobs were the quickest shared win"),
    ('detail: ""', "detail: Pooling *vacancies* let residents apply to several anchors at once."),
    ("themes: []", "themes: [quality-work, specific-action]"), ('source: ""', "source: leeds-report"),
    ('id: ""', "id: data-sharing-rules"), ('title: ""', "title: Data-sharing rules slowed the vacancy pool"),
    ('detail: ""', "detail: Each partner needed its own agreement before sharing vacancy data."),
    ("themes: []", "themes: [governance-forums]"), ('source: ""', "source: leeds-report"),
    ('id: ""', "id: agree-data-terms-early"), ('title: ""', "title: Agree data-sharing terms before launch"),
    ('detail: ""', "detail: One template agreement signed by every partner saves months."),
    ("themes: []", "themes: [governance-forums, specific-action]"), ('source: ""', "source: leeds-report"),
    ('id: ""', "id: leeds-report"), ('title: ""', "title: Leeds Anchors Network annual report"),
    ('publisher: ""', "publisher: Leeds City Council"), ('kind: ""', "kind: report"),
]


def run(project: Path, *command: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", *command], cwd=project, capture_output=True, text=True, env=env)


def copy_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    for name in PROJECT_FILES:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / name)
    return project


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_a_new_case_study_goes_from_scaffold_to_site(tmp_path: Path) -> None:
    project = copy_project(tmp_path)

    created = run(project, "generator", "new", "Leeds Anchors Network")
    assert created.returncode == 0, created.stderr
    record = project / "casestudies" / "leeds-anchors-network.yaml"
    assert run(project, "generator", "validate", str(record)).returncode == 1  # not valid until filled in

    text = record.read_text(encoding="utf-8")
    for blank, answer in ANSWERS:
        assert blank in text, blank
        text = text.replace(blank, answer, 1)
    record.write_text(text, encoding="utf-8")
    checked = run(project, "generator", "validate", str(record))
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith("OK: 1 file, 1 case study, ")
    assert yaml.safe_load(text)["schema_version"] == 2

    built = run(project, "mkdocs", "build", "--strict")
    assert built.returncode == 0, built.stderr[-3000:]
    site = project / "site"
    case = page(site, "casestudies/leeds-anchors-network")
    assert case.find(id="start-with-entry-jobs") and case.find(id="data-sharing-rules") and case.find(id="agree-data-terms-early")
    assert "Leeds Teaching Hospitals NHS Trust" in case.get_text()
    for theme in ("quality-work", "specific-action", "governance-forums"):
        hrefs = [a["href"] for a in page(site, f"themes/{theme}").select("article a[href]")]
        assert any("leeds-anchors-network/#" in href for href in hrefs), theme
    explorer = page(site, "explore").get_text()
    assert "Entry-level jobs were the quickest shared win" in explorer
    assert "Agree data-sharing terms before launch" in explorer


def test_an_issue_form_goes_from_from_issue_to_site(tmp_path: Path) -> None:
    """The maintainer's steps in CONTRIBUTING.md: save the issue body, from-issue, validate, build."""
    project = copy_project(tmp_path)
    body = project / "issue-17.md"
    body.write_text(FORM.read_text(encoding="utf-8").replace("53.76, -2.70", "north of the Ribble"), encoding="utf-8")
    refused = run(project, "generator", "from-issue", str(body))
    assert refused.returncode == 1 and not (project / "casestudies" / f"{FORM_ID}.yaml").exists()
    assert "  Map point: 'north of the Ribble' is not a latitude and longitude" in refused.stderr

    body.write_text(FORM.read_text(encoding="utf-8"), encoding="utf-8")
    converted = run(project, "generator", "from-issue", str(body))
    assert converted.returncode == 0, converted.stderr
    record = project / "casestudies" / f"{FORM_ID}.yaml"
    assert yaml.safe_load(record.read_text(encoding="utf-8"))["schema_version"] == 2
    checked = run(project, "generator", "validate", str(record))
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith("OK: 1 file")

    built = run(project, "mkdocs", "build", "--strict")
    assert built.returncode == 0, built.stderr[-3000:]
    site = project / "site"
    case = page(site, f"casestudies/{FORM_ID}")
    assert case.find(id="spend-analysis-first") and case.find(id="contracts-cannot-simply-given")
    assert "How we built community wealth in Preston" in case.get_text()
    assert "accounts of the work give different years" not in case.get_text()  # editors' notes stay off the page
    hrefs = [a["href"] for a in page(site, "themes/procurement-social-value").select("article a[href]")]
    assert any(f"{FORM_ID}/#" in href for href in hrefs)
