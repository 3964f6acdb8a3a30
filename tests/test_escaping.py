"""``esc`` returns text with no special character unchanged, and escapes any other as ``html.escape`` does."""
from __future__ import annotations

import html

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.render.escaping import esc
from generator.render.safe_markdown import BRACE


def reference(text: str) -> str:
    return html.escape(text, quote=True).replace("{", BRACE)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.one_of(st.sampled_from("&<>\"'{}` \n"), st.characters())))
def test_the_same_as_html_escape(text: str) -> None:
    assert esc(text) == reference(text)


def test_each_special_character() -> None:
    assert [esc(c) for c in "&<>\"'{"] == ["&amp;", "&lt;", "&gt;", "&quot;", "&#x27;", BRACE]
    assert esc('<img src=x onerror="alert(1)">') == "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"
    assert esc("Plain title, with nothing to escape") == "Plain title, with nothing to escape"
