"""An Atom feed of case studies added or re-reviewed, dated from the records alone so builds reproduce."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from ..model.entities import Catalogue, CaseStudy
from ..views.links import Publication
from .metadata import CONTENT_LICENCE, PUBLISHER
from .renderer import Renderer


ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_LIMIT = 50
"""Entries kept: the most recently reviewed case studies."""


def _timestamp(date: str) -> str:
    return f"{date}T00:00:00Z"


def _entry_id(pub: Publication, case: CaseStudy) -> str:
    # Without a site URL there is no permanent address, so fall back to a tag URI (RFC 4151).
    return pub.url(case.page_uri) if pub.site_url else f"tag:anchor-learning-network,2024:casestudies/{case.id}"


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    element.text = text
    return element


def atom_feed(catalogue: Catalogue, pub: Publication, limit: int = FEED_LIMIT) -> str:
    """The feed as XML text: newest review first, then title; the feed's own date is the newest review."""
    cases = sorted(catalogue.case_studies, key=lambda c: (c.title.lower(), c.id))
    cases = sorted(cases, key=lambda c: c.reviewed, reverse=True)[:limit]
    feed = ET.Element("feed", {"xmlns": ATOM_NS, "xml:lang": "en-GB"})
    site_url = pub.site_url
    _add(feed, "id", site_url + "feed.xml" if site_url else "tag:anchor-learning-network,2024:feed")
    _add(feed, "title", f"{PUBLISHER}: case studies")
    _add(feed, "subtitle", "Case studies of anchor networks, added or re-reviewed against their sources.")
    _add(feed, "updated", _timestamp(catalogue.latest_review))
    _add(feed, "link", rel="self", type="application/atom+xml", href=site_url + "feed.xml")
    _add(feed, "link", rel="alternate", type="text/html", href=site_url or "./")
    _add(_add(feed, "author"), "name", PUBLISHER)
    _add(feed, "rights", f"Case studies: {CONTENT_LICENCE[0]} ({CONTENT_LICENCE[1]})")
    for case in cases:
        entry = _add(feed, "entry")
        _add(entry, "id", _entry_id(pub, case))
        _add(entry, "title", case.title)
        _add(entry, "updated", _timestamp(case.reviewed))
        _add(entry, "link", rel="alternate", type="text/html", href=pub.url(case.page_uri))
        _add(entry, "summary", f"{case.summary} (Record reviewed {case.reviewed}; {case.area}, {case.nation}.)")
        for theme in sorted({t.id: t for i in case.items for t in i.themes}.values(), key=lambda t: t.id):
            _add(entry, "category", term=theme.id, label=theme.title)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def feed_pages(catalogue: Catalogue, renderer: Renderer) -> dict[str, str]:
    return {"feed.xml": atom_feed(catalogue, renderer.publication)}
