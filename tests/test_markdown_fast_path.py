"""The Markdown fast path gives exactly what Python-Markdown and the sanitiser give, or declines.

``fast_html`` skips the parser for plain prose, bold words and "- " lists; ``parsed_html`` is the plain
path. Wherever the fast path answers, the two must be equal: on random Markdown-ish text and on every
string of the seed records and the test corpus.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.read.yaml_source import read
from generator.render.safe_markdown import fast_html, markdown_to_html, parsed_html

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MARKDOWN_ISH = " \n-*#>0123456789.`_[]()<&"
"""The characters that mean something to Markdown (or HTML), and digits for ordered lists."""

characters = st.text(alphabet=st.sampled_from(MARKDOWN_ISH + "abAB,'"), max_size=40)
# Whole pieces the fast path takes (words, bold, list markers, paragraph breaks) mixed with the characters,
# so that texts reach the fast path often enough to test it.
pieces = st.lists(st.sampled_from(["Word", "word.", "(a)", " ", "\n", "\n\n", "- ", "\n- ", "**", "**bold**", " **x** ",
                                   "1. ", "# ", "> ", "`", "_", "[a](b)", "<b>", "&amp;", "  \n", "\t"]) | characters,
                  max_size=12).map("".join)


def agree(text: str) -> None:
    fast = fast_html(text)
    if fast is not None:
        assert fast == parsed_html(text), repr(text)


@SETTINGS
@given(characters)
@example("\n")
@example(" \n")
def test_random_characters(text: str) -> None:
    agree(text)


@SETTINGS
@given(pieces)
@example("- Word\n- ")
@example("- \n- ")
def test_random_pieces(text: str) -> None:
    agree(text)


def strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in [str(k), *strings(v)]]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return [value] if isinstance(value, str) else []


def record_strings() -> list[str]:
    folders = [ROOT / "casestudies", *(ROOT / "tests" / "cases" / kind for kind in ("valid", "invalid", "hostile"))]
    found: set[str] = set()
    for path in (p for folder in folders for p in sorted(folder.glob("*.yaml"))):
        doc, _ = read(path, path.name)
        if doc is not None:
            found.update(strings(doc.data))
    return sorted(found)


TEXTS = record_strings()


def test_every_string_of_the_records() -> None:
    taken = [text for text in TEXTS if fast_html(text) is not None]
    for text in TEXTS:
        agree(text)
    assert len(taken) > len(TEXTS) / 2, "the fast path no longer takes most record text: is it still worth having?"


@pytest.mark.parametrize("text", ["", "\n", "\n\n", "  ", " \n ", "- ", "- Word\n- ", "Word\n- ", "- a\n\n- b"])
def test_what_the_page_gets_is_the_parsed_html(text: str) -> None:
    assert str(markdown_to_html(text)) == parsed_html(text)
