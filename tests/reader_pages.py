"""The page kinds of a built site, found in the build rather than listed, so that new pages are checked too.

A page kind is one page of each sort a reader meets: every page the site has once (home, the indexes, search,
each synthesis page, an about page...), and one page of each record collection (a case study, a theme),
whose pages all come from one template. Later pages of a paged list (``matrix-2/``, ``page-2/``) are the same
kind as the first and are left out.
"""
from __future__ import annotations

import re
from pathlib import Path

RECORD_FOLDERS = ("casestudies", "themes")
"""Folders holding one page per record (case study, theme): one page stands for all of them."""
NOT_PAGES = ("assets", "pagefind")
CONTRIBUTOR_FOLDERS = ("contribute",)
"""The contributor area: written for people adding records, not for readers of the knowledge base."""
_CONTINUATION = re.compile(r"-\d+$")
"""``synthesis/matrix-2/``, ``themes/x/page-2/``, ``casestudies/list/page-2/``: the second page of a list."""


def _url(site: Path, page: Path) -> str:
    folder = page.parent.relative_to(site).as_posix()
    return "" if folder == "." else folder + "/"


def page_kinds(site: Path) -> dict[str, str]:
    """{kind: URL relative to the site root}, in a stable order; the finder also with words, so it shows results."""
    kinds: dict[str, str] = {}
    for page in sorted(site.glob("**/index.html")):
        url = _url(site, page)
        parts = url.strip("/").split("/") if url else []
        if parts and parts[0] in NOT_PAGES:
            continue
        if len(parts) >= 2 and parts[0] in RECORD_FOLDERS:
            if len(parts) > 2 or parts[1] == "list":
                continue  # a record's further pages, or the record list's

            kind = {"casestudies": "case study", "themes": "theme"}[parts[0]]
            kinds.setdefault(kind, url)
            continue
        if parts and _CONTINUATION.search(parts[-1]):
            continue
        kinds["home" if not parts else url.rstrip("/")] = url
        if parts == ["explore"]:  # the finder, also with words and a filter, as a shared link opens it
            kinds["explore with words"] = url + "?q=network&status=active"
    return kinds


def reader_page_kinds(site: Path) -> dict[str, str]:
    """The page kinds a reader meets: all of them but the contributor area's."""
    return {kind: url for kind, url in page_kinds(site).items() if url.split("/")[0] not in CONTRIBUTOR_FOLDERS}
