"""Open data built with the site (records as JSON, one CSV row per item, themes, the schema) and page metadata."""
from __future__ import annotations

import csv
import functools
import io
import json
import os
import posixpath
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import partial
from typing import TYPE_CHECKING, Any, Callable, Mapping

from ..model.entities import Catalogue, CaseStudy
from .synthesis import case_links

if TYPE_CHECKING:
    from .pages import Renderer

CONTENT_LICENCE = ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/")
CODE_LICENCE = ("MIT", "https://opensource.org/licenses/MIT")
PUBLISHER = "Anchor Learning Network"
DATA_FILES = ("data/casestudies.json", "data/items.csv", "data/themes.json", "data/casestudy.schema.json")

ITEM_COLUMNS: tuple[tuple[str, str], ...] = (
    ("case_study_id", "The case study's permanent id (its file name)."),
    ("case_study_title", "The case study's title."),
    ("kind", "`lesson`, `barrier` or `recommendation`."),
    ("item_id", "The item's id, unique within its case study and the anchor of its permanent URL."),
    ("title", "The item's one-line statement."),
    ("themes", "Theme ids, separated by `;` (see `themes.json`)."),
    ("nation", "The case study's UK nation."),
    ("region", "The case study's region."),
    ("member_types", "Member type ids of the network's members, separated by `;`."),
    ("source", "Title of the source the item is drawn from, if the record names one."),
    ("source_url", "Web address of that source, if it is online."),
    ("url", "Permanent URL of the item on this site."),
)


def build_date(catalogue: Catalogue, environ: Mapping[str, str] | None = None) -> str:
    """SOURCE_DATE_EPOCH as a UTC date if set, else the latest review date: never the clock, so builds reproduce."""
    epoch = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date().isoformat()
    return max((case.reviewed for case in catalogue.case_studies), default="1970-01-01")


def page_href(target: str, here: str, directory_urls: bool = True) -> str:
    """A URL for raw HTML from page ``here`` to docs path ``target`` (query and fragment kept).

    MkDocs rewrites only Markdown links, so this mirrors its layout: with ``use_directory_urls``
    ``a/b.md`` is served at ``a/b/`` and ``a/index.md`` at ``a/``; without, at ``a/b.html``.
    """
    path, rest = re.fullmatch(r"([^?#]*)(.*)", target).groups()  # type: ignore[union-attr]
    if not path:
        return rest
    to, at = _url(path, directory_urls), _url(here, directory_urls)
    link = posixpath.relpath(to or ".", posixpath.dirname(at) or ".")
    return (link + "/" if to.endswith("/") or not to else link) + rest


def _url(docs_path: str, directory_urls: bool) -> str:
    if not docs_path.endswith(".md"):
        return docs_path
    stem = docs_path[:-3]
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5]
    return stem + "/"


@dataclass(frozen=True)
class Publication:
    """Where and how the site is published: what permanent and raw-HTML links need to know."""

    site_url: str = ""
    """Base URL ending in "/", or "" when unknown (permanent links are then site-relative)."""
    directory_urls: bool = True
    """MkDocs ``use_directory_urls``."""

    @classmethod
    def of(cls, site_url: str | None, directory_urls: bool = True) -> Publication:
        return cls(site_url.rstrip("/") + "/" if site_url else "", directory_urls)

    def url(self, target: str) -> str:
        """The published URL of a docs path (``casestudies/bay.md#x`` -> ``{site_url}casestudies/bay/#x``)."""
        return self.site_url + _url(target.partition("#")[0], self.directory_urls) + "".join(target.partition("#")[1:])

    def href(self, target: str, here: str) -> str:
        return page_href(target, here, self.directory_urls)

    def linker(self, here: str) -> Callable[[str], str]:
        """``href`` for many links from one page: the site root is worked out once, then each link is a join.

        Links go up to the root and down again (``../../themes/x/``), not the shortest path, which is as valid."""
        at = _url(here, self.directory_urls)
        root = posixpath.relpath(".", posixpath.dirname(at) or ".")
        return _linker("" if root == "." else root + "/", self.directory_urls)


@functools.lru_cache(maxsize=256)  # one function per page depth, so callers can cache what it returns
def _linker(root: str, directory_urls: bool) -> Callable[[str], str]:
    url = functools.lru_cache(maxsize=1 << 14)(partial(_url, directory_urls=directory_urls))

    def link(target: str) -> str:
        if "?" not in target and "#" not in target:  # the common case: a page and nothing after it
            return (root + url(target)) or "./" if target else ""
        cut = min((i for i in (target.find("?"), target.find("#")) if i >= 0), default=len(target))
        path, rest = target[:cut], target[cut:]
        return ((root + url(path)) or "./" if path else "") + rest
    return link


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A spreadsheet reads a cell starting with one of these as a formula, which could run on opening the file."""


def as_text_cell(text: str) -> str:
    """Contributor text for a CSV cell: a leading apostrophe makes a would-be formula plain text (OWASP's advice)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def item_rows(catalogue: Catalogue, pub: Publication) -> list[list[str]]:
    """One row per lesson, barrier and recommendation, in case-study then kind order (``ITEM_COLUMNS`` order)."""
    rows, pages = [], {}  # page URLs repeat for every item of a case study: the fragment is the item's id
    for case in catalogue.case_studies:
        head, tail = (case.id, as_text_cell(case.title)), (case.nation, as_text_cell(case.region), ";".join(case.member_types))
        for item in case.items:
            source, page = item.source, pages.get(item.page_uri)
            if page is None:
                page = pages[item.page_uri] = pub.url(item.page_uri)
            # ids, theme ids, nations and member types are slugs or fixed words, and URLs start with a scheme
            rows.append([*head, item.kind, item.id, as_text_cell(item.title), ";".join([t.id for t in item.themes]), *tail,
                         as_text_cell(source.title) if source else "", (source.url or "") if source else "", f"{page}#{item.id}"])
    return rows


def items_csv(catalogue: Catalogue, pub: Publication) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([name for name, _ in ITEM_COLUMNS])
    commas = len(ITEM_COLUMNS) - 1
    for row in item_rows(catalogue, pub):
        # A row that no field needs quoting in is its fields joined: checked on the line, cheaper than the writer.
        line = ",".join(row)
        if line.count(",") == commas and '"' not in line and "\n" not in line and "\r" not in line:
            out.write(line + "\r\n")
        else:
            writer.writerow(row)
    return out.getvalue()


def casestudies_json(catalogue: Catalogue, schema: Mapping[str, Any], date: str) -> str:
    """Every record exactly as validated, with the schema version and build date."""
    document = {
        "schema_version": schema.get("x-schema-version"), "schema": "casestudy.schema.json", "build_date": date,
        "licence": {"name": CONTENT_LICENCE[0], "url": CONTENT_LICENCE[1]},
        "case_studies": [dict(case.raw) for case in sorted(catalogue.case_studies, key=lambda c: c.id)],
    }
    return compact_json(document)


def compact_json(document: Any) -> str:
    """JSON without indentation: a third smaller than indented and written by the C encoder, not the pure-Python one."""
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


def themes_json(catalogue: Catalogue, schema: Mapping[str, Any], pub: Publication, date: str) -> str:
    """The theme vocabulary with each theme's page and how much is filed under it."""
    themes = [{
        "id": t.id, "title": t.title, "description": t.description, "group": t.group.id,
        "url": pub.url(t.page_uri),
        "case_studies": sorted({i.case_id for i in catalogue.items_by_theme[t.id]}),
        **{kind: len(items) for kind, items in catalogue.items_by_theme_kind[t.id].items()},
    } for t in catalogue.themes]
    groups = [{"id": g.id, "title": g.title, "description": g.description} for g in catalogue.groups]
    document = {"schema_version": schema.get("x-schema-version"), "build_date": date, "groups": groups, "themes": themes}
    return compact_json(document)


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
        "citation": [{"@type": "CreativeWork", "name": s.title, "publisher": {"@type": "Organization", "name": s.publisher},
                      **({"url": s.url} if s.url else {}), **({"datePublished": s.date} if s.date else {})}
                     for s in case.sources],
        "license": CONTENT_LICENCE[1],
        "publisher": {"@type": "Organization", "name": PUBLISHER, **({"url": pub.site_url} if pub.site_url else {})},
    }


def template_globals(pub: Publication) -> dict[str, Any]:
    """What case-study pages need for metadata, citation and links into the synthesis."""
    return {"site_url": pub.site_url, "permalink": pub.url, "case_jsonld": partial(case_jsonld, pub),
            "case_links": case_links, "href": pub.href,
            "CONTENT_LICENCE": CONTENT_LICENCE, "CODE_LICENCE": CODE_LICENCE, "PUBLISHER": PUBLISHER}


def open_data_pages(catalogue: Catalogue, renderer: Renderer) -> dict[str, str]:
    """The downloads under data/ and the Data page that documents them."""
    schema_text = renderer.project.schema_path.read_text(encoding="utf-8")
    schema = json.loads(schema_text)
    date = build_date(catalogue)
    return {
        "data/casestudies.json": casestudies_json(catalogue, schema, date),
        "data/items.csv": items_csv(catalogue, renderer.publication),
        "data/themes.json": themes_json(catalogue, schema, renderer.publication, date),
        "data/casestudy.schema.json": schema_text,
        "data/index.md": renderer.render("data.md.j2", "data/index.md", site=catalogue, columns=ITEM_COLUMNS, date=date,
                                         schema_version=schema.get("x-schema-version"), item_count=len(catalogue.items)),
    }

