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

from mkdocs.config.defaults import MkDocsConfig

from generator import Catalogue
from hooks.casestudies import MODEL

log = logging.getLogger("mkdocs.plugins.reproducible")


def latest_review_epoch(catalogue: Catalogue) -> int | None:
    """Midnight UTC of the newest ``reviewed`` date in the records, or None when there is no record."""
    if not catalogue.case_studies:
        return None
    return int(datetime.strptime(catalogue.latest_review, "%Y-%m-%d").replace(tzinfo=timezone.utc).timestamp())


def on_pre_build(config: MkDocsConfig) -> None:
    # MkDocs reads SOURCE_DATE_EPOCH when it writes the sitemap, after the pages: set here, from the model
    # the case-study hook has just built (the build has failed already if there is none).
    catalogue = config.get(MODEL)
    if catalogue is not None and not os.environ.get("SOURCE_DATE_EPOCH"):
        epoch = latest_review_epoch(catalogue)
        if epoch is not None:
            os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
            log.debug("SOURCE_DATE_EPOCH=%s (the newest review date)", epoch)
