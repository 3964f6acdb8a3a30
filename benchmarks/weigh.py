"""Where the built site's bytes go: its parts, and a case-study page split into shell, markup and text.

The split shows how far a target on ``site_mb`` can be reached without dropping content: the text
readers come for and the theme's page shell around it are there whatever the generator does.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

PARTS = (
    ("case-study pages", lambda rel: rel.startswith("casestudies/") and rel.endswith(".html")),
    ("theme pages", lambda rel: rel.startswith("themes/") and rel.endswith(".html")),
    ("synthesis pages", lambda rel: rel.startswith("synthesis/") and rel.endswith(".html")),
    ("other pages", lambda rel: rel.endswith(".html")),
    ("open data", lambda rel: rel.startswith("data/")),
    ("explorer data", lambda rel: rel.startswith("assets/explore-")),
    ("search index", lambda rel: rel.startswith("pagefind/")),
    ("theme and other files", lambda rel: True),
)
"""Each file counts in the first part whose test it passes."""
_ARTICLE = re.compile(r"<article\b.*?</article>", re.S)
_SCRIPT = re.compile(r"<script\b.*?</script>", re.S)
_TAG = re.compile(r"<[^>]+>")


def site_parts(site: Path) -> dict[str, int]:
    """Bytes per part of the site (``PARTS``)."""
    sizes = dict.fromkeys((name for name, _ in PARTS), 0)
    for file in site.rglob("*"):
        if file.is_file():
            rel = file.relative_to(site).as_posix()
            sizes[next(name for name, test in PARTS if test(rel))] += file.stat().st_size
    return sizes


def case_page_weight(site: Path) -> dict[str, int]:
    """The case-study pages in bytes: the theme's shell (all outside ``<article>``), the article's
    markup and scripts, and the text a reader sees in the article."""
    shell = markup = text = 0
    for page in (site / "casestudies").glob("*/index.html"):
        whole = page.read_text(encoding="utf-8")
        found = _ARTICLE.search(whole)
        article = found.group(0) if found else ""
        seen = " ".join(html.unescape(_TAG.sub(" ", _SCRIPT.sub(" ", article))).split())
        shell += len(whole.encode()) - len(article.encode())
        text += len(seen.encode())
        markup += len(article.encode()) - len(seen.encode())
    return {"shell": shell, "markup": markup, "text": text}
