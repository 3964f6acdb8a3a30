"""The Contribute page: CONTRIBUTING.md (the one source text) plus the field reference generated from the schema."""
from __future__ import annotations


from markupsafe import Markup

from .fieldref import field_reference
from ..model.entities import Catalogue
from .renderer import Renderer


def contribute_pages(catalogue: Catalogue, renderer: Renderer) -> dict[str, str]:
    # CONTRIBUTING.md is reviewed project text, not contributor data, so it is used as written.
    guide = Markup(catalogue.guide)
    reference = Markup(field_reference(catalogue.schema, catalogue, level=2))
    return {"contribute.md": renderer.render("contribute.md.j2", "contribute.md", guide=guide, reference=reference)}
