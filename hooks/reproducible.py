"""Reproducible builds: the same records and docs give a byte-identical site, on any day.

MkDocs stamps the build date into sitemap.xml (``<lastmod>``) and into the gzip header of
sitemap.xml.gz, from SOURCE_DATE_EPOCH when it is set and from the clock otherwise. When the caller
has not set it, this hook sets it to the newest ``reviewed`` date among the records: the date the
content last changed, which the open data uses too.
"""
from __future__ import annotations

import logging
import os
from datetime import datetime, timezone
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from generator.read.project import Project
from generator.read.yaml_source import read

log = logging.getLogger("mkdocs.plugins.reproducible")


def latest_review_epoch(root: Path) -> int | None:
    """Midnight UTC of the newest ``reviewed`` date in the records, or None when there is none to read."""
    project = Project(root)
    dates = []
    for path in project.record_files():
        doc, _ = read(path, project.display(path))  # a broken file is reported by validation, not here
        reviewed = doc.data.get("reviewed") if doc is not None and isinstance(doc.data, dict) else None
        try:
            dates.append(datetime.strptime(str(reviewed), "%Y-%m-%d").replace(tzinfo=timezone.utc))
        except ValueError:
            continue
    return int(max(dates).timestamp()) if dates else None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if not os.environ.get("SOURCE_DATE_EPOCH"):
        epoch = latest_review_epoch(Path(config.config_file_path).parent)
        if epoch is not None:
            os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
            log.debug("SOURCE_DATE_EPOCH=%s (the newest review date)", epoch)
    return config
