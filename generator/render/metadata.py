"""Who publishes the site and under what licence, the build date, and the metadata case-study pages carry."""
from __future__ import annotations

import os
from datetime import datetime, timezone
from functools import partial
from typing import Any, Mapping

from ..model.entities import Catalogue, CaseStudy
from ..views.links import Publication

CONTENT_LICENCE = ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/")
CODE_LICENCE = ("MIT", "https://opensource.org/licenses/MIT")
PUBLISHER = "Anchor Learning Network"
CORRECTION_FORM = "correction.yml"
"""The issue form (.github/ISSUE_TEMPLATE/) readers report a mistake in a published page with."""
CASE_STUDY_FORM = "case-study.yml"
"""The issue form that proposes a case study without writing YAML."""


def build_date(catalogue: Catalogue, environ: Mapping[str, str] | None = None) -> str:
    """SOURCE_DATE_EPOCH as a UTC date if set, else the latest review date: never the clock, so builds reproduce."""
    epoch = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date().isoformat()
    return catalogue.latest_review


def case_jsonld(pub: Publication, case: CaseStudy) -> dict[str, Any]:
    """schema.org Article describing one case study, for the page head."""
    url = pub.url(case.page_uri)
    place: dict[str, Any] = {"@type": "Place", "name": f"{case.area}, {case.region}, {case.nation}"}
    if case.coordinates:
        place["geo"] = {"@type": "GeoCoordinates", "latitude": case.coordinates[0], "longitude": case.coordinates[1]}
    themes = sorted({t.id: t for item in case.items for t in item.themes}.values(), key=lambda t: t.id)
    return {
        "@context": "https://schema.org", "@type": "Article", "@id": url, "url": url,
        "headline": case.title, "name": case.title, "description": case.summary, "inLanguage": "en-GB",
        "about": [{"@type": "Organization", "name": case.network_name}]
        + [{"@type": "DefinedTerm", "name": t.title, "url": pub.url(t.page_uri)} for t in themes],
        "spatialCoverage": place, "dateModified": case.reviewed,
        "citation": [{"@type": "CreativeWork", "name": s.name,
                      **({"publisher": {"@type": "Organization", "name": s.publisher}} if s.publisher else {}),
                      **({"url": s.url} if s.url else {}), **({"datePublished": s.date} if s.date else {})}
                     for s in case.sources],
        "license": CONTENT_LICENCE[1],
        "publisher": {"@type": "Organization", "name": PUBLISHER, **({"url": pub.site_url} if pub.site_url else {})},
    }


def template_globals(pub: Publication) -> dict[str, Any]:
    """What the page templates need for metadata, citation and links."""
    return {"site_url": pub.site_url, "permalink": pub.url, "case_jsonld": partial(case_jsonld, pub),
            "href": pub.href,
            "CONTENT_LICENCE": CONTENT_LICENCE, "CODE_LICENCE": CODE_LICENCE, "PUBLISHER": PUBLISHER}
