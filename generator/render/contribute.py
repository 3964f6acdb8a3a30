"""The Contribute page: CONTRIBUTING.md (the one source text) plus where to contribute (links that follow the
repository setting) and the field reference generated from the schema."""
from __future__ import annotations


from markupsafe import Markup

from .fieldref import field_reference
from .metadata import CASE_STUDY_FORM, CORRECTION_FORM
from ..model.entities import Catalogue
from .renderer import Renderer

GUIDE_PATH = "CONTRIBUTING.md"


def contribute_pages(catalogue: Catalogue, renderer: Renderer) -> dict[str, str]:
    # CONTRIBUTING.md is reviewed project text, not contributor data, so it is used as written. It is also read
    # on GitHub, so the links that depend on the repository setting are added here, under its title.
    title, _, guide = catalogue.guide.partition("\n")
    reference = Markup(field_reference(catalogue.schema, catalogue, level=2))
    return {"contribute.md": renderer.render("contribute.md.j2", "contribute.md", title=Markup(title), guide=Markup(guide),
                                             reference=reference, repository=renderer.publication.repository,
                                             GUIDE_PATH=GUIDE_PATH, CASE_STUDY_FORM=CASE_STUDY_FORM,
                                             CORRECTION_FORM=CORRECTION_FORM)}
