"""The Contribute page: CONTRIBUTING.md (the one source text) plus the field reference generated from the schema."""
from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import Markup

from .fieldref import field_reference
from ..model.entities import Catalogue

if TYPE_CHECKING:
    from .pages import Renderer

GUIDE = "CONTRIBUTING.md"


def contribute_pages(catalogue: Catalogue, renderer: Renderer) -> dict[str, str]:
    project = renderer.project
    # CONTRIBUTING.md is reviewed project text, not contributor data, so it is used as written.
    guide = Markup((project.root / GUIDE).read_text(encoding="utf-8"))
    reference = Markup(field_reference(project, level=2))
    return {"contribute.md": renderer.render("contribute.md.j2", "contribute.md", guide=guide, reference=reference)}
