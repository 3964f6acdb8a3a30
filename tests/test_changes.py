"""`python -m generator changes`: a temporary git history, and exactly what changed in it."""
from __future__ import annotations

import copy
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.contrib.changes import CaseChange, ItemChange, changes_since
from generator.contrib.changes_report import format_markdown
from generator.cli import main
from generator.read.project import Project

REPO = Path(__file__).resolve().parents[1]


def item(item_id: str, themes: list[str], **extra: Any) -> dict[str, Any]:
    return {"id": item_id, "title": item_id.replace("-", " ").capitalize(), "detail": f"What happened at {item_id}.",
            "themes": themes, "source": "report", **extra}


def record(case_id: str, title: str, prefix: str = "") -> dict[str, Any]:
    return {
        "schema_version": 2, "id": case_id, "title": title, "scope": "network", "network": {"name": title},
        "summary": "A network.", "place": {"area": "Leeds", "region": "Yorkshire and the Humber", "nation": "England"},
        "started": "2017", "status": {"state": "active", "as_of": "2024", "source": "report"}, "convenor": "A council",
        "members": [{"name": "A council", "type": "local-authority"}], "context": "Background.",
        "workstreams": [{"name": f"{prefix}Local jobs", "themes": ["quality-work"], "status": "active"}],
        "lessons": [item(f"{prefix}publish-progress", ["measuring-impact"]), item(f"{prefix}share-leads", ["shared-ownership"])],
        "barriers": [item(f"{prefix}hard-to-compare", ["measuring-impact"])],
        "sources": [{"id": "report", "title": "Progress report", "publisher": "A council", "kind": "report"}],
        "reviewed": "2025-01-01",
    }


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


def empty_repository(root: Path) -> Project:
    """A git repository on branch main holding the schemas and an empty casestudies/."""
    shutil.copytree(REPO / "schemas", root / "schemas")
    (root / "casestudies").mkdir()
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "test@example.org")
    git(root, "config", "user.name", "Test")
    return Project(root)


def write(project: Project, data: dict[str, Any]) -> None:
    (project.casestudies_dir / f"{data['id']}.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A repository whose first commit holds two case studies; the working tree then changes them."""
    project = empty_repository(tmp_path)
    leeds, york = record("leeds", "Leeds Anchors"), record("york", "York Anchors")
    write(project, leeds)
    write(project, york)
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "two case studies")
    git(tmp_path, "tag", "base")

    edited = copy.deepcopy(leeds)
    edited["summary"] = "A city network."
    edited["lessons"][0]["detail"] = "What happened at publish-progress, told better."
    edited["lessons"][0]["themes"] = ["measuring-impact", "senior-sponsorship"]
    del edited["lessons"][1]
    edited["lessons"].append(item("agree-charter", ["shared-strategy"], source="interview"))
    edited["sources"].append({"id": "interview", "title": "Coordinator interview", "publisher": "ALN", "kind": "interview",
                              "date": "2024-05"})
    edited["sources"].append({"id": "web", "publisher": "Leeds City Council", "kind": "web-page", "url": "https://example.org"})
    edited["scope"] = "organisation"
    edited["status"] = {"state": "wound-down", "as_of": "2025-03", "source": "interview"}
    edited["workstreams"][0]["status"] = "completed"
    edited["workstreams"].append({"id": "spend", "name": "Local spend", "themes": ["community-wealth-building"]})
    write(project, edited)
    (project.casestudies_dir / "york.yaml").unlink()
    write(project, record("hull", "Hull Anchors", prefix="hull-"))
    return project


REPORT = '"Progress report" (A council, undated)'


def test_reports_exactly_what_changed(project: Project) -> None:
    changes = changes_since(project, "base")
    assert changes.cases == (
        CaseChange("hull", "Hull Anchors", "added", (
            ItemChange("lessons", "hull-publish-progress", "Hull publish progress", "added", (), ("measuring-impact",), REPORT),
            ItemChange("lessons", "hull-share-leads", "Hull share leads", "added", (), ("shared-ownership",), REPORT),
            ItemChange("barriers", "hull-hard-to-compare", "Hull hard to compare", "added", (), ("measuring-impact",), REPORT),
            ItemChange("workstreams", "hull-local-jobs", "hull-Local jobs", "added", (), ("quality-work",), "no source given"),
        ), (), (("report", '"Progress report"'),), ("Scope: network", "Status: active, as of 2024 (source: report)")),
        CaseChange("leeds", "Leeds Anchors", "edited", (
            ItemChange("lessons", "publish-progress", "Publish progress", "edited", ("detail", "themes"),
                       ("measuring-impact", "senior-sponsorship"), REPORT,
                       (("detail", '"What happened at publish-progress."', '"What happened at publish-progress, told better."'),
                        ("themes", "measuring-impact", "measuring-impact, senior-sponsorship"))),
            ItemChange("lessons", "agree-charter", "Agree charter", "added", (), ("shared-strategy",),
                       '"Coordinator interview" (ALN, May 2024)'),
            ItemChange("lessons", "share-leads", "Share leads", "removed"),
            ItemChange("workstreams", "local-jobs", "Local jobs", "edited", ("status",), ("quality-work",), "no source given",
                       (("status", '"active"', '"completed"'),)),
            ItemChange("workstreams", "spend", "Local spend", "added", (), ("community-wealth-building",), "no source given"),
        ), ("summary", "sources"), (("interview", '"Coordinator interview"'), ("web", "(untitled web-page: Leeds City Council)")),
            ("Scope changed from network to organisation",
             "Status changed from active to wound down, as of March 2025 (source: interview)"),
            (("summary", '"A network."', '"A city network."'),)),
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
    assert text.startswith("<!-- knowledge-base-changes -->\n### Knowledge-base changes since `base`\n\n"
                           "**Case studies: 1 added, 1 edited, 1 removed.**\n")
    for line in ("#### Case study edited: Leeds Anchors (`leeds`)",
                 "- Scope changed from network to organisation",
                 "- Status changed from active to wound down, as of March 2025 (source: interview)",
                 '- Workstream edited: `local-jobs` "Local jobs" (changed: status)',
                 '- Workstream added: `spend` "Local spend"',
                 "- Source added: `web` (untitled web-page: Leeds City Council)",
                 '- Lesson edited: `publish-progress` "Publish progress" (changed: detail, themes)',
                 "  - themes: `measuring-impact`, `senior-sponsorship`",
                 '  - source: "Progress report" (A council, undated)',
                 '  - detail: "What happened at publish-progress." → "What happened at publish-progress, told better."',
                 "  - themes: measuring-impact → measuring-impact, senior-sponsorship",
                 "- Fields changed: summary, sources",
                 '  - summary: "A network." → "A city network."',
                 '- Lesson added: `agree-charter` "Agree charter"',
                 '  - source: "Coordinator interview" (ALN, May 2024)',
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
    project = empty_repository(tmp_path)
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


def test_items_moved_between_case_studies(project: Project) -> None:
    """An item that leaves one record and appears in another, by the same id or the same words, is a move, not two edits."""
    git(project.root, "add", "-A")
    git(project.root, "commit", "-q", "-m", "edits")
    leeds = yaml.safe_load((project.casestudies_dir / "leeds.yaml").read_text(encoding="utf-8"))
    hull = yaml.safe_load((project.casestudies_dir / "hull.yaml").read_text(encoding="utf-8"))
    by_id = leeds["lessons"].pop(0)  # publish-progress, unchanged, to Hull
    by_words = hull["barriers"].pop(0)  # hull-hard-to-compare, to Leeds under a new id
    hull["lessons"].append(by_id)
    leeds["barriers"].append({**by_words, "id": "spend-data-differs", "themes": ["measuring-impact", "procurement-social-value"]})
    write(project, leeds)
    write(project, hull)
    changes = changes_since(project, "HEAD")
    hull_change, leeds_change = changes.cases
    assert [(i.id, i.change, i.elsewhere) for i in hull_change.items] == [
        ("publish-progress", "moved in", "leeds"), ("hull-hard-to-compare", "moved out", "leeds")]
    moved = leeds_change.items[1]
    assert (moved.id, moved.change, moved.elsewhere, moved.fields) == ("spend-data-differs", "moved in", "hull", ("id", "themes"))
    text = format_markdown(changes)
    assert "\n- Lesson moved here from `leeds`: `publish-progress` \"Publish progress\"\n" in text
    assert "\n- Barrier moved to `leeds`: `hull-hard-to-compare` \"Hull hard to compare\"\n" in text
    assert '\n  - id: "hull-hard-to-compare" → "spend-data-differs"\n' in text
    assert "**Case studies: 2 edited. 2 items moved between case studies.**" in text


def test_long_values_are_shortened(project: Project) -> None:
    git(project.root, "add", "-A")
    git(project.root, "commit", "-q", "-m", "edits")
    leeds = yaml.safe_load((project.casestudies_dir / "leeds.yaml").read_text(encoding="utf-8"))
    leeds["lessons"][0]["detail"] = "A much longer account of what happened, " * 5
    leeds["lessons"][0]["source"] = "minutes"
    write(project, leeds)
    (lesson,) = changes_since(project, "HEAD").cases[0].items
    field, old, new = lesson.values[0]
    assert field == "detail" and old == '"What happened at publish-progress, told better."'
    assert len(new) == 80 and new.startswith('"A much longer account') and new.endswith("…")
    assert lesson.source == "'minutes', which is not among the case study's sources"


def test_contributor_text_stays_text_in_the_markdown(project: Project) -> None:
    leeds = yaml.safe_load((project.casestudies_dir / "leeds.yaml").read_text(encoding="utf-8"))
    leeds["lessons"][0]["title"] = "<img src=x onerror=alert(1)> @everyone [click](javascript:alert(1)) **bold**\n# heading"
    write(project, leeds)
    text = format_markdown(changes_since(project, "base"))
    assert not re.search(r"(?<!\\)<img|@everyone|(?<!\\)\]\(javascript|\n# heading", text)
    assert '"\\<img src=x onerror=alert(1)\\> @\u200beveryone \\[click\\](javascript:alert(1)) \\*\\*bold\\*\\* \\# heading"' \
        in text


def test_without_since_it_compares_with_the_default_branch_s_merge_base(project: Project, monkeypatch: pytest.MonkeyPatch,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """Committed changes on a branch still show; what the default branch gained since is not read as removed."""
    git(project.root, "checkout", "-q", "-b", "feature")
    git(project.root, "add", "-A")
    git(project.root, "commit", "-q", "-m", "edits on a branch")
    git(project.root, "checkout", "-q", "main")
    write(project, record("sheffield", "Sheffield Anchors", prefix="sheffield-"))
    git(project.root, "add", "-A")
    git(project.root, "commit", "-q", "-m", "meanwhile on main")
    git(project.root, "checkout", "-q", "feature")
    base = subprocess.run(["git", "-C", str(project.root), "rev-parse", "--short=7", "base"], capture_output=True, text=True,
                          check=True).stdout.strip()

    changes = changes_since(project)
    assert changes.against == f"the merge base with main ({base})"
    assert [(c.id, c.change) for c in changes.cases] == [("hull", "added"), ("leeds", "edited"), ("york", "removed")]
    assert changes_since(project, "HEAD").cases == ()  # the old way: nothing, once committed

    monkeypatch.chdir(project.root)
    assert main(["changes"]) == 0
    assert capsys.readouterr().out.startswith(f"Knowledge-base changes since the merge base with main ({base})\n")
    assert main(["changes", "--format", "markdown"]) == 0
    assert f"### Knowledge-base changes since the merge base with `main` (`{base}`)\n" in capsys.readouterr().out

    # origin/HEAD, then origin/main, come before a local main
    main_tip = subprocess.run(["git", "-C", str(project.root), "rev-parse", "main"], capture_output=True, text=True,
                              check=True).stdout.strip()
    git(project.root, "update-ref", "refs/remotes/origin/main", main_tip)
    assert changes_since(project).against == f"the merge base with origin/main ({base})"
    git(project.root, "symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/main")
    assert changes_since(project).against == f"the merge base with origin/main ({base})"


def test_without_since_or_a_default_branch_it_says_what_to_do(project: Project, monkeypatch: pytest.MonkeyPatch,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    git(project.root, "branch", "-m", "main", "trunk")
    monkeypatch.chdir(project.root)
    assert main(["changes"]) == 2
    assert capsys.readouterr().err == ("Cannot compare with 'the default branch': found none of origin/HEAD, origin/main, "
                                       "main to compare with; name a commit or branch with --since\n")


def test_long_texts_that_differ_late_are_shown_from_the_difference() -> None:
    from generator.contrib.changes import shown_pair
    shared = "Partners met every month in the council offices to compare what each had bought locally, "
    old, new = shown_pair(shared + "and the minutes went to every board.", shared + "and the minutes went nowhere.")
    assert old == '"…and the minutes went to every board."'
    assert new == '"…and the minutes went nowhere."'
    assert shown_pair("Short.", "Short, edited.") == ('"Short."', '"Short, edited."')
    assert shown_pair(["a"], None) == ("a", "(none)")


def test_workstreams_that_share_only_a_common_name_are_not_a_move(project: Project) -> None:
    """York (removed) and Hull (added) both have a 'Local jobs' workstream, known by its name: two workstreams, no move."""
    changes = changes_since(project, "base")
    assert not [i for c in changes.cases for i in c.items if i.change.startswith("moved")]
    hull = yaml.safe_load((project.casestudies_dir / "hull.yaml").read_text(encoding="utf-8"))
    hull["workstreams"][0]["name"] = "Local jobs"
    write(project, hull)
    assert not [i for c in changes_since(project, "base").cases for i in c.items if i.change.startswith("moved")]
