"""`python -m generator changes`: a temporary git history, and exactly what changed in it."""
from __future__ import annotations

import copy
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.contrib.changes import CaseChange, ItemChange, changes_since, format_markdown
from generator.cli import main
from generator.read.project import Project

REPO = Path(__file__).resolve().parents[1]


def item(item_id: str, themes: list[str], **extra: Any) -> dict[str, Any]:
    return {"id": item_id, "title": item_id.replace("-", " ").capitalize(), "detail": "What happened.", "themes": themes,
            "source": "report", **extra}


def record(case_id: str, title: str) -> dict[str, Any]:
    return {
        "schema_version": 2, "id": case_id, "title": title, "scope": "network", "network": {"name": title},
        "summary": "A network.", "place": {"area": "Leeds", "region": "Yorkshire and the Humber", "nation": "England"},
        "started": "2017", "status": {"state": "active", "as_of": "2024", "source": "report"}, "convenor": "A council",
        "members": [{"name": "A council", "type": "local-authority"}], "context": "Background.",
        "workstreams": [{"name": "Local jobs", "themes": ["quality-work"], "status": "active"}],
        "lessons": [item("publish-progress", ["measuring-impact"]), item("share-leads", ["shared-ownership"])],
        "barriers": [item("hard-to-compare", ["measuring-impact"])],
        "sources": [{"id": "report", "title": "Progress report", "publisher": "A council", "kind": "report"}],
        "reviewed": "2025-01-01",
    }


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


def write(project: Project, data: dict[str, Any]) -> None:
    (project.casestudies_dir / f"{data['id']}.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A repository whose first commit holds two case studies; the working tree then changes them."""
    shutil.copytree(REPO / "schemas", tmp_path / "schemas")
    (tmp_path / "casestudies").mkdir()
    project = Project(tmp_path)
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "config", "user.email", "test@example.org")
    git(tmp_path, "config", "user.name", "Test")
    leeds, york = record("leeds", "Leeds Anchors"), record("york", "York Anchors")
    write(project, leeds)
    write(project, york)
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "two case studies")
    git(tmp_path, "tag", "base")

    edited = copy.deepcopy(leeds)
    edited["summary"] = "A city network."
    edited["lessons"][0]["detail"] = "What happened, told better."
    edited["lessons"][0]["themes"] = ["measuring-impact", "senior-sponsorship"]
    del edited["lessons"][1]
    edited["lessons"].append(item("agree-charter", ["shared-strategy"], source="interview"))
    edited["sources"].append({"id": "interview", "title": "Coordinator interview", "publisher": "ALN", "kind": "interview"})
    edited["sources"].append({"id": "web", "publisher": "Leeds City Council", "kind": "web-page", "url": "https://example.org"})
    edited["scope"] = "organisation"
    edited["status"] = {"state": "wound-down", "as_of": "2025-03", "source": "interview"}
    edited["workstreams"][0]["status"] = "completed"
    edited["workstreams"].append({"id": "spend", "name": "Local spend", "themes": ["community-wealth-building"]})
    write(project, edited)
    (project.casestudies_dir / "york.yaml").unlink()
    write(project, record("hull", "Hull Anchors"))
    return project


def test_reports_exactly_what_changed(project: Project) -> None:
    changes = changes_since(project, "base")
    assert changes.cases == (
        CaseChange("hull", "Hull Anchors", "added", (
            ItemChange("lessons", "publish-progress", "Publish progress", "added"),
            ItemChange("lessons", "share-leads", "Share leads", "added"),
            ItemChange("barriers", "hard-to-compare", "Hard to compare", "added"),
            ItemChange("workstreams", "local-jobs", "Local jobs", "added"),
        ), (), (("report", '"Progress report"'),), ("Scope: network", "Status: active, as of 2024 (source: report)")),
        CaseChange("leeds", "Leeds Anchors", "edited", (
            ItemChange("lessons", "publish-progress", "Publish progress", "edited", ("detail", "themes")),
            ItemChange("lessons", "agree-charter", "Agree charter", "added"),
            ItemChange("lessons", "share-leads", "Share leads", "removed"),
            ItemChange("workstreams", "local-jobs", "Local jobs", "edited", ("status",)),
            ItemChange("workstreams", "spend", "Local spend", "added"),
        ), ("summary", "sources"), (("interview", '"Coordinator interview"'), ("web", "(untitled web-page: Leeds City Council)")),
            ("Scope changed from network to organisation",
             "Status changed from active to wound down, as of March 2025 (source: interview)")),
        CaseChange("york", "York Anchors", "removed", (
            ItemChange("lessons", "publish-progress", "Publish progress", "removed"),
            ItemChange("lessons", "share-leads", "Share leads", "removed"),
            ItemChange("barriers", "hard-to-compare", "Hard to compare", "removed"),
            ItemChange("workstreams", "local-jobs", "Local jobs", "removed"),
        )),
    )
    assert [theme_id for theme_id, _ in changes.themes_newly_used] == ["community-wealth-building", "senior-sponsorship",
                                                                        "shared-strategy"]
    assert changes.themes_added == () and changes.unreadable == ()


def test_no_changes_against_the_working_tree_itself(project: Project) -> None:
    git(project.root, "add", "-A")
    git(project.root, "commit", "-q", "-m", "edits")
    changes = changes_since(project, "HEAD")
    assert changes.cases == () and changes.themes_newly_used == ()


def test_new_vocabulary_themes_and_unreadable_files_are_reported(project: Project) -> None:
    themes = project.themes_path.read_text(encoding="utf-8")
    project.themes_path.write_text(themes + "  - id: digital-inclusion\n    group: collaboration\n    title: Digital inclusion\n"
                                   "    description: Helping people get online.\n", encoding="utf-8")
    (project.casestudies_dir / "broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    changes = changes_since(project, "base")
    assert changes.themes_added == (("digital-inclusion", "Digital inclusion"),)
    assert len(changes.unreadable) == 1 and changes.unreadable[0].startswith("casestudies/broken.yaml:")


def test_markdown_for_a_pull_request_comment(project: Project) -> None:
    text = format_markdown(changes_since(project, "base"))
    assert text.startswith("### Knowledge-base changes since `base`\n\n**Case studies: 1 added, 1 edited, 1 removed.**\n")
    for line in ("#### Case study edited: Leeds Anchors (`leeds`)",
                 "- Scope changed from network to organisation",
                 "- Status changed from active to wound down, as of March 2025 (source: interview)",
                 "- Fields changed: summary, sources",
                 '- Workstream edited: `local-jobs` "Local jobs" (changed: status)',
                 '- Workstream added: `spend` "Local spend"',
                 "- Source added: `web` (untitled web-page: Leeds City Council)",
                 '- Lesson edited: `publish-progress` "Publish progress" (changed: detail, themes)',
                 '- Lesson added: `agree-charter` "Agree charter"',
                 '- Lesson removed: `share-leads` "Share leads"',
                 '- Source added: `interview` "Coordinator interview"',
                 "#### Case study added: Hull Anchors (`hull`)",
                 "- With 2 lessons, 1 barrier, 1 workstream, 1 source",
                 "#### Case study removed: York Anchors (`york`)",
                 "#### Themes used for the first time"):
        assert f"\n{line}\n" in text, line
    assert "\n- `shared-strategy` " in text


def test_cli_text_output_and_unknown_ref(project: Project, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(project.root)
    assert main(["changes", "--since", "base"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Knowledge-base changes since base\n")
    assert '\n  Lesson edited: publish-progress "Publish progress" (changed: detail, themes)\n' in out
    assert main(["changes", "--since", "origin/nowhere"]) == 2
    assert "git knows no commit or branch called 'origin/nowhere'" in capsys.readouterr().err


def test_a_migrated_record_reads_as_an_upgrade(tmp_path: Path) -> None:
    """v1 -> v2 by `migrate`: the upgrade, an undated status, and nothing else, told in words."""
    shutil.copytree(REPO / "schemas", tmp_path / "schemas")
    (tmp_path / "casestudies").mkdir()
    project = Project(tmp_path)
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "config", "user.email", "test@example.org")
    git(tmp_path, "config", "user.name", "Test")
    v1 = REPO / "tests" / "fixtures" / "v1" / "seeds" / "bay-anchor-network.yaml"
    shutil.copy(v1, project.casestudies_dir / v1.name)
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "v1")
    from generator.contrib.migrate import migrate
    assert [r.outcome for r in migrate(project)] == ["migrated"]
    (case,) = changes_since(project, "HEAD").cases
    assert case.words == ("Upgraded to schema version 2", "Scope: network")
    assert case.items == () and case.fields == ()
    text = project.casestudies_dir.joinpath(v1.name).read_text(encoding="utf-8").replace(
        "  state: wound-down\n", "  state: wound-down\n  as_of: \"2024\"\n")
    project.casestudies_dir.joinpath(v1.name).write_text(text, encoding="utf-8")
    (case,) = changes_since(project, "HEAD").cases
    assert case.words[-1] == "Status still wound down, now dated 2024"
