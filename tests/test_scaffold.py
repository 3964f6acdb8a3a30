"""`python -m generator new`: a commented template that fails validation until it is filled in."""
from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.pipeline import load_site
from generator.read.inputs import read_schema
from generator.render.fieldref import field_reference, iter_fields
from generator.read.project import Project
from generator.contrib.scaffold import ScaffoldError, new_case_study
from generator.check.validate import validate

REPO = Path(__file__).resolve().parents[1]
TODAY = datetime.date(2025, 3, 4)


@pytest.fixture
def project(make_project: Callable[[Path | None], Path]) -> Project:
    return Project(make_project(None))


def test_new_writes_the_template_and_prints_next_steps(project: Project, monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(project.root)
    assert main(["new", "Leeds Anchors Network"]) == 0
    text = (project.casestudies_dir / "leeds-anchors-network.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/casestudy.schema.json\n")
    assert "\nid: leeds-anchors-network\n" in text and "\ntitle: Leeds Anchors Network\n" in text
    out = capsys.readouterr().out
    assert "Created casestudies/leeds-anchors-network.yaml" in out
    for step in ("./run validate casestudies/leeds-anchors-network.yaml", "./run serve", "pull request"):
        assert step in out


def test_new_refuses_to_overwrite(project: Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(project.root)
    existing = project.casestudies_dir / "leeds-anchors-network.yaml"
    existing.write_text("id: leeds-anchors-network\n", encoding="utf-8")
    assert main(["new", "Leeds Anchors Network"]) == 1
    assert "casestudies/leeds-anchors-network.yaml already exists; not overwriting it" in capsys.readouterr().err
    assert existing.read_text(encoding="utf-8") == "id: leeds-anchors-network\n"


def test_id_option_and_bad_ids(project: Project) -> None:
    path = new_case_study(project, "Leeds Anchors Network", "leeds", today=TODAY)
    assert path == project.casestudies_dir / "leeds.yaml"
    assert "\nid: leeds\n" in path.read_text(encoding="utf-8")
    with pytest.raises(ScaffoldError, match="'Leeds_Anchors' is not a valid id.*e.g. 'leeds-anchors'"):
        new_case_study(project, "Leeds", "Leeds_Anchors")
    with pytest.raises(ScaffoldError, match="the title is empty"):
        new_case_study(project, "  ")


def test_titles_that_need_quotes_stay_valid_yaml(project: Project) -> None:
    path = new_case_study(project, "North Ayrshire: Community Wealth #1", today=TODAY)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["title"] == data["network"]["name"] == "North Ayrshire: Community Wealth #1"
    assert data["id"] == "north-ayrshire-community-wealth-1"


def test_every_schema_field_is_explained_by_its_description(project: Project) -> None:
    text = new_case_study(project, "Leeds Anchors Network", today=TODAY).read_text(encoding="utf-8")
    for field in iter_fields(read_schema(project)[1]):
        assert f"{field.path.rsplit('.', 1)[-1].removesuffix('[]')}:" in text, field.path
        assert field.description in text, field.path


def test_the_unfilled_template_points_at_every_value_to_write(project: Project) -> None:
    path = new_case_study(project, "Leeds Anchors Network", today=TODAY)
    _, _, problems = validate(project, [path])
    flagged = {p.field for p in problems}
    for field in ("scope", "summary", "place.area", "place.region", "place.nation", "started", "status.state",
                  "status.as_of", "status.source", "convenor", "members[0].name", "members[0].type", "context",
                  "lessons[0].id", "lessons[0].title", "lessons[0].detail", "lessons[0].themes", "sources[0].id",
                  "sources[0].title", "sources[0].publisher", "sources[0].kind"):
        assert field in flagged, field
    assert not {"schema_version", "id", "title", "network.name", "reviewed"} & flagged


def fill(data: dict) -> dict:
    """What a contributor writes over the template's empty values."""
    data.update(scope="network", summary="A city network that publishes a yearly progress report.", started="about 2017",
                convenor="Leeds City Council", context="The network grew out of the inclusive growth strategy.")
    data["status"].update(state="active", as_of="2019-06", source="progress-report")
    data["place"].update(area="Leeds", region="Yorkshire and the Humber", nation="England")
    data["members"][0].update(name="Leeds City Council", type="local-authority")
    data["sources"][0].update(id="progress-report", title="Progress report 2019", publisher="Leeds City Council", kind="report")
    for kind, item_id in (("lessons", "publish-progress"), ("barriers", "hard-to-compare"),
                          ("recommendations", "agree-definitions")):
        data[kind][0].update(id=item_id, title=f"A {kind[:-1]}", detail="What happened.", themes=["measuring-impact"],
                             source="progress-report")
    return data


def test_a_filled_in_template_validates(project: Project) -> None:
    path = new_case_study(project, "Leeds Anchors Network", today=TODAY)
    data = fill(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert data["schema_version"] == 2
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    _, _, problems = validate(project, [path])
    assert problems == []


def uncomment(text: str, field: str) -> str:
    """The template with the commented-out example of ``field`` (a top-level block) switched on."""
    lines, out, inside = text.split("\n"), [], False
    for line in lines:
        if line.startswith(f"# {field}:"):
            inside = True
        elif inside and not line.startswith("#   "):
            inside = False
        out.append(line[2:] if inside else line)
    return "\n".join(out)


def test_the_optional_examples_validate_once_switched_on(project: Project) -> None:
    """The commented-out workstream, member total and editors' notes are valid v2 as written."""
    path = new_case_study(project, "Leeds Anchors Network", today=TODAY)
    text = path.read_text(encoding="utf-8")
    for field in ("workstreams", "member_total", "editor_notes"):
        assert f"\n# {field}:" in text, field
        text = uncomment(text, field)
    data = fill(yaml.safe_load(text))
    data["member_total"]["source"] = data["workstreams"][0]["source"] = "progress-report"
    assert data["member_total"] == {"at_least": 13, "at_most": 14, "source": "progress-report"}
    assert data["workstreams"][0]["themes"] == ["procurement-social-value"]
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    _, _, problems = validate(project, [path])
    assert problems == []


def test_the_template_explains_v2_in_place(project: Project) -> None:
    """Unknown and approximate dates, a dated status, member totals, scope, optional titles and editors' notes."""
    text = new_case_study(project, "Leeds Anchors Network", today=TODAY).read_text(encoding="utf-8")
    for words in ('"about 2018"', '"by 2020"', '"before 2020-03"', '"unknown", or delete the line',
                  "as_of:", "13–14 members", "at_least: 13", "at_most: 14", "scope:", "network, organisation or collection",
                  "Title of the document; leave out if it has none.", "Never shown on reader pages",
                  "\"may help\" stays \"may\"", "Never guess a value"):
        assert words in text, words
    assert "\nschema_version: 2\n" in text


def test_field_reference_documents_every_field_and_theme(project: Project) -> None:
    schema = read_schema(project)[1]
    reference = field_reference(schema, load_site(project.root))
    for field in iter_fields(schema):
        assert f"| `{field.path}` | {'yes' if field.required else 'no'} |" in reference
    themes = yaml.safe_load(project.themes_path.read_text(encoding="utf-8"))
    for group in themes["groups"]:
        assert f"### {group['title']}" in reference
    for theme in themes["themes"]:
        assert f"- `{theme['id']}`: **{theme['title']}**." in reference
    assert "one of: `England`, `Scotland`, `Wales`, `Northern Ireland`" in reference
