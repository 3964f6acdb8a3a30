"""Property-based: however a valid record is mangled, validation answers with problems or a model, never a crash."""
from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.model.catalogue import build_catalogue
from generator.model.entities import Catalogue
from generator.read.project import Project
from generator.check.validate import check as check_inputs, validate
from generator.read.inputs import read_inputs

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30), st.sampled_from(["", "2021", "2021-13", "procurment", "no-time", "https://x.org", "../x", "con"]),
)
values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=12)


VALID: dict[str, Any] = {
    "schema_version": 2, "id": "example-network", "title": "Example Network", "scope": "network",
    "network": {"name": "Example", "former_names": ["Old Example"]},
    "summary": "An example.", "place": {"area": "Lancaster", "region": "North West", "nation": "England",
                                         "coordinates": {"lat": 54.05, "lon": -2.8}},
    "started": "2019-04", "status": {"state": "active", "as_of": "2024-06"}, "convenor": "Lancaster City Council",
    "members": [{"name": "Lancaster City Council", "type": "local-authority"},
                {"name": "Lancaster University", "type": "university"}],
    "context": "Context.",
    "workstreams": [{"name": "Procurement", "themes": ["procurement-social-value"], "aim": "Buy locally.", "status": "active",
                     "activities": ["Mapped spend."],
                     "outcomes": ["More local spend."]}],
    "lessons": [{"id": "start-small", "title": "Start small", "detail": "Detail.", "themes": ["specific-action"],
                 "quote": {"text": "We started with one thing.", "by": "A member"}, "source": "report",
                 "evidence": "Spend rose."}],
    "barriers": [{"id": "no-time", "title": "No time", "detail": "Detail.", "themes": ["resourcing-capacity"]}],
    "recommendations": [{"id": "fund-a-coordinator", "title": "Fund a coordinator", "detail": "Detail.",
                         "themes": ["resourcing-capacity", "shared-ownership"], "addresses": ["no-time"]}],
    "sources": [{"id": "report", "title": "Report", "publisher": "Lancaster City Council", "date": "2021-05",
                 "url": "https://example.org/report.pdf", "kind": "report"}],
    "reviewed": "2024-06-30",
}
"""A full valid record (every optional part present) to mutate."""


def paths(value: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside ``value``, the root excepted."""
    found: list[tuple[Any, ...]] = []
    children = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
    for key, child in children:
        found.append(here + (key,))
        found += paths(child, here + (key,))
    return found


PATHS = paths(VALID)


def mutate(record: Any, path: tuple[Any, ...], action: str, new: Any, key: str) -> Any:
    """Delete the value at ``path``, replace it with ``new``, add an unknown ``key`` beside or inside it, or wrap it in a list."""
    parent = record
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if action == "delete":
        del parent[last]
    elif action == "replace":
        parent[last] = new
    elif action == "add-key" and isinstance(parent[last], dict):
        parent[last][key] = new
    elif action == "add-key" and isinstance(parent, dict):
        parent[key] = new
    else:
        parent[last] = [parent[last], new]
    return record


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory, root: Path) -> Project:
    folder = tmp_path_factory.mktemp("hypothesis")
    (folder / "schemas").symlink_to(root / "schemas")
    (folder / "casestudies").mkdir()
    return Project(folder)


def check(project: Project, text: str) -> None:
    """Validate ``text`` as a record; it must give well-formed problems, or build into a catalogue."""
    path = project.casestudies_dir / "example-network.yaml"
    path.write_text(text, encoding="utf-8")
    inputs = read_inputs(project, [path])
    records, vocabulary, problems = check_inputs(inputs)
    for problem in problems:
        assert problem.path and problem.line >= 0 and problem.column >= 0 and problem.message
        assert "\n" not in str(problem), "one problem, one line"
    if not problems:
        assert vocabulary is not None
        assert isinstance(build_catalogue(inputs, records, vocabulary), Catalogue)


@pytest.mark.slow  # a few seconds each
@SETTINGS
@given(path=st.sampled_from(PATHS), action=st.sampled_from(["delete", "replace", "add-key", "wrap"]),
       new=values, key=st.text(min_size=1, max_size=12))
def test_mutated_record_never_crashes(project: Project, path: tuple[Any, ...], action: str, new: Any, key: str) -> None:
    record = mutate(copy.deepcopy(VALID), path, action, new, key)
    check(project, yaml.safe_dump(record, allow_unicode=True, sort_keys=False))


@pytest.mark.slow  # a few seconds each
@SETTINGS
@given(position=st.integers(min_value=0), junk=st.text(min_size=1, max_size=20))
def test_text_spliced_into_a_record_never_crashes(project: Project, position: int, junk: str) -> None:
    """Random characters (quotes, colons, tabs, brackets, '&', '*', '!', control characters...) anywhere in the text."""
    text = yaml.safe_dump(VALID, allow_unicode=True, sort_keys=False)
    at = position % (len(text) + 1)
    check(project, text[:at] + junk + text[at:])


@pytest.mark.slow  # a few seconds each
@SETTINGS
@given(value=values)
def test_any_yaml_document_never_crashes(project: Project, value: Any) -> None:
    """Whole documents of random nesting, not shaped like a record at all."""
    check(project, yaml.safe_dump(value, allow_unicode=True))


def test_the_unmutated_record_is_valid(project: Project) -> None:
    """The mutations start from a record the validator accepts."""
    path = project.casestudies_dir / "example-network.yaml"
    path.write_text(yaml.safe_dump(VALID, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert validate(project, [path])[2] == []
