"""Finished HTML in the generated pages, handed to the built page as it is instead of through Markdown.

Cards, fact panels and item lists are built as finished, escaped HTML (``cards``, ``casepage``). In a
page's Markdown each run of it sits between an ``OPEN`` and a ``CLOSE`` comment line, so any Markdown
engine renders the page the same way. Python-Markdown would still parse every tag of it (MkDocs
parses raw HTML twice: for the page, and again for its anchors) only to copy it out unchanged: about
10 of the 13 ms a case-study page takes. ``lift`` swaps each marked run for a placeholder paragraph
before Markdown runs, and ``restore`` puts the HTML back into the converted page, which comes out as it
would have, less the marker comments.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

OPEN = "<!-- aln:html -->\n"
CLOSE = "\n<!-- /aln:html -->\n\n"
_ID = re.compile(r'\sid="([^"]*)"')


def marked(finished_html: str) -> str:
    """A run of finished HTML as a block of its own in the Markdown, marked for ``lift``."""
    return f"{OPEN}{finished_html}{CLOSE}"


class LostBlock(Exception):
    """A placeholder did not come through Markdown as its own paragraph: the page would lose content."""


@dataclass(frozen=True)
class Lifted:
    """A page's Markdown with its marked runs swapped for placeholders, and the runs themselves."""

    markdown: str
    blocks: tuple[str, ...]
    token: str
    """Letters and digits that no Markdown rule changes, unique to the build (see ``lift``)."""

    def placeholder(self, number: int) -> str:
        return _placeholder(self.token, number)


def _placeholder(token: str, number: int) -> str:
    return f"{token}x{number}z"


def lift(markdown: str, token: str) -> Lifted:
    """``markdown`` with each marked run replaced by a placeholder paragraph.

    ``token`` should be unguessable (random per build), so that no text on the page can be
    mistaken for a placeholder.
    """
    parts = markdown.split(OPEN)
    out: list[str] = [parts[0]]
    blocks: list[str] = []
    for part in parts[1:]:
        block, found, rest = part.partition(CLOSE)
        if not found:
            raise LostBlock(f"a run of generated HTML is not closed: {part[:80]!r}")
        out.append(f"{_placeholder(token, len(blocks))}\n\n{rest}")
        blocks.append(block)
    return Lifted("".join(out), tuple(blocks), token)


def restore(converted: str, lifted: Lifted) -> str:
    """The converted page with every placeholder paragraph replaced by its run of HTML."""
    if not lifted.blocks:
        return converted
    found: list[int] = []

    def block(match: re.Match[str]) -> str:
        found.append(int(match.group(1)))
        return lifted.blocks[int(match.group(1))]

    restored = re.sub(rf"<p>{re.escape(lifted.token)}x(\d+)z</p>", block, converted)  # as _placeholder writes them
    if sorted(found) != list(range(len(lifted.blocks))):
        missing = sorted(set(range(len(lifted.blocks))) - set(found))
        raise LostBlock(f"generated HTML block(s) {missing} did not come through Markdown")
    return restored


def anchor_ids(blocks: tuple[str, ...]) -> set[str]:
    """Every element id in ``blocks``, as MkDocs would collect them to check links to anchors."""
    return {html.unescape(found) for block in blocks for found in _ID.findall(block)}
