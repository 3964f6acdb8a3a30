"""``python -m generator new``: start a case study from a commented template."""
from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import jinja2
import yaml

from ..read.inputs import read_schema
from ..render.fieldref import descriptions
from ..check.messages import SLUG_HINT, slugify
from ..problems import CaseStudyError
from ..read.project import Project
from ..check.validate import load_vocabulary

TEMPLATE = "new-casestudy.yaml.j2"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class ScaffoldError(Exception):
    """A case study cannot be started as asked; the message says why."""


def yaml_text(value: str) -> str:
    """``value`` as a YAML scalar: plain when YAML reads it back unchanged, else double-quoted."""
    try:
        plain = ":" not in value and "#" not in value and value == value.strip() and yaml.safe_load(value) == value
    except yaml.YAMLError:
        plain = False
    return value if plain else json.dumps(value, ensure_ascii=False)


def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).resolve().parent.parent / "render" / "templates"),
                             undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True, autoescape=False)
    env.filters["q"] = yaml_text
    return env


def render(project: Project, title: str, case_id: str, today: datetime.date) -> str:
    """The text of a new, deliberately incomplete record."""
    vocabulary, problems = load_vocabulary(project)
    if vocabulary is None:
        raise CaseStudyError(problems)
    groups = [(g["title"], [t["id"] for t in vocabulary.themes if t["group"] == g["id"]]) for g in vocabulary.groups]
    return environment().get_template(TEMPLATE).render(
        d=descriptions(read_schema(project)[1]), title=title, case_id=case_id, today=today.isoformat(), groups=groups)


def new_case_study(project: Project, title: str, case_id: str | None = None, today: datetime.date | None = None) -> Path:
    """Write ``casestudies/<id>.yaml`` for ``title``; never overwrite an existing file."""
    title = " ".join(title.split())
    if not title:
        raise ScaffoldError("the title is empty; give the case study's title, e.g. \"Leeds Anchors Network\"")
    case_id = case_id if case_id is not None else slugify(title)
    if not SLUG.match(case_id) or len(case_id) > 80:
        raise ScaffoldError(f"'{case_id}' is not a valid id: {SLUG_HINT}, e.g. '{slugify(case_id)}'")
    path = project.casestudies_dir / f"{case_id}.yaml"
    existing = [p for p in (path, path.with_suffix(".yml")) if p.exists()]
    if existing:
        raise ScaffoldError(f"{project.display(existing[0])} already exists; not overwriting it "
                            "(edit that file, or choose another id with --id)")
    text = render(project, title, case_id, today or datetime.date.today())
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as out:  # "x": a file created meanwhile is still not overwritten
        out.write(text)
    return path


def next_steps(project: Project, path: Path) -> str:
    shown = project.display(path)
    return "\n".join([
        f"Created {shown}. Next:",
        f"  1. Edit {shown}: fill in every \"\" and [] (the # notes say what each field means).",
        f"  2. Check it:   ./run validate {shown}",
        "  3. Preview it: ./run serve   (then open http://127.0.0.1:8000/knowledge-base/)",
        "  4. Commit the file on a new branch and open a pull request (see CONTRIBUTING.md).",
    ])
