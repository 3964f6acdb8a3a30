"""The Atom feed parses and is dated from the records; case-study pages carry JSON-LD and Open Graph tags."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from generator.model.entities import Catalogue
from generator.render.pages import render_pages

ROOT = Path(__file__).resolve().parent.parent
ATOM = "{http://www.w3.org/2005/Atom}"
SITE_URL = "https://example.org/kb/"
JSONLD_KEYS = {"@context", "@type", "about", "spatialCoverage", "dateModified", "citation", "url", "headline"}


def test_feed_parses_as_atom_with_dated_entries(synthesis_catalogue: Catalogue, synthesis_project: Path) -> None:
    feed = ET.fromstring(render_pages(synthesis_catalogue, site_url=SITE_URL)["feed.xml"].encode())
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}updated") == "2025-02-10T00:00:00Z"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == len(synthesis_catalogue.case_studies)
    for entry in entries:
        for tag in ("id", "updated", "title"):
            assert entry.findtext(f"{ATOM}{tag}"), tag
        assert entry.find(f"{ATOM}link").get("href").startswith(SITE_URL)
    assert [e.findtext(f"{ATOM}title") for e in entries][:2] == ["Beta Collaborative", "Gamma Network"]
    updated = [e.findtext(f"{ATOM}updated") for e in entries]
    assert updated == sorted(updated, reverse=True)
    assert len({e.findtext(f"{ATOM}id") for e in entries}) == len(entries)


def test_case_study_page_carries_json_ld(synthesis_catalogue: Catalogue, synthesis_project: Path) -> None:
    pages = render_pages(synthesis_catalogue, site_url=SITE_URL)
    meta = yaml.safe_load(re.match(r"---\n(.*?\n)---\n", pages["casestudies/alpha.md"], re.S).group(1))
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', pages["casestudies/alpha.md"], re.S)
    assert len(scripts) == 1 and "jsonld" not in meta
    data = json.loads(scripts[0])
    assert JSONLD_KEYS <= set(data) and data["@type"] in ("Article", "CreativeWork")
    assert data["dateModified"] == "2024-05-01" and data["url"] == f"{SITE_URL}casestudies/alpha/"
    assert data["spatialCoverage"]["geo"]["latitude"] == 54.05
    assert {"Senior sponsorship and the authorising environment", "Alpha Anchor Network"} <= {a["name"] for a in data["about"]}
    assert data["citation"][0] == {"@type": "CreativeWork", "name": "Alpha annual report", "url": "https://example.org/alpha",
                                   "publisher": {"@type": "Organization", "name": "Alpha"}}
    assert meta["og_type"] == "article"


@pytest.mark.slow
def test_built_pages_carry_json_ld_open_graph_and_the_feed_link(synthesis_project: Path, tmp_path: Path) -> None:
    for name in ("mkdocs.yml", "hooks", "overrides", "docs"):
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, synthesis_project / name)
    (synthesis_project / "generator").symlink_to(ROOT / "generator")  # mkdocs.yml watches it
    site = tmp_path / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(site)], cwd=synthesis_project, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    html = (site / "casestudies" / "alpha" / "index.html").read_text(encoding="utf-8")
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(scripts) == 1
    data = json.loads(scripts[0])
    assert JSONLD_KEYS <= set(data) and data["url"].endswith("/casestudies/alpha/")
    for prop in ("og:title", "og:description", "og:type", "og:url"):
        assert f'<meta property="{prop}" content="' in html
    assert '<meta property="og:type" content="article">' in html
    # the feed is discoverable from the home page; elsewhere the link would make Material fetch the sitemap
    assert 'type="application/atom+xml"' not in html
    assert 'type="application/atom+xml"' in (site / "index.html").read_text(encoding="utf-8")
    assert ET.parse(site / "feed.xml").getroot().tag == f"{ATOM}feed"
    assert (site / "data" / "items.csv").is_file() and (site / "synthesis" / "matrix" / "index.html").is_file()
    matrix = (site / "synthesis" / "matrix" / "index.html").read_text(encoding="utf-8")
    assert "<caption" in matrix and 'href="../../themes/senior-sponsorship/"' in matrix
