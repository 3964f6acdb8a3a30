"""``compact_json`` (orjson) writes the text the standard library would, so switching encoders changed no byte of the
open data or the finder's scripts; and ``script_json`` stays inert inside a ``<script>`` element."""
from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.render.escaping import compact_json, script_json


def standard(value: object, sort_keys: bool = False) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=sort_keys)


# Records hold text, whole numbers within the schema's bounds, booleans, nulls and coordinates (the only floats):
# the standard library and orjson differ only in how they spell floats below 1e-4 ("1e-05" and "0.00001").
text = st.text(st.characters(exclude_categories=("Cs",)))
coordinates = st.floats(min_value=-90, max_value=90).filter(lambda f: f == 0 or abs(f) >= 1e-4)
scalars = st.one_of(st.none(), st.booleans(), st.integers(-(2 ** 63), 2 ** 63 - 1), coordinates, text)
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(text, inner, max_size=4)), max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(values, st.booleans())
def test_the_same_text_as_the_standard_library(value: object, sort_keys: bool) -> None:
    assert compact_json(value, sort_keys=sort_keys) == standard(value, sort_keys)


@settings(max_examples=100, deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=False))
def test_any_float_reads_back_as_itself(value: float) -> None:
    assert json.loads(compact_json([value])) == [value]


def test_control_characters_and_line_separators_are_escaped_as_before() -> None:
    value = {"b": "tab\tnew\nline\x00\x1f\x7f\u2028\u2029 é", "a": [1, 2.5, None, True]}
    assert compact_json(value) == standard(value)
    assert compact_json(value, sort_keys=True).startswith('{"a":')


def test_script_json_cannot_end_a_script() -> None:
    text = script_json({"x": "</script><script>alert(1)</script>&'\u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "'" not in text and "\u2028" not in text
    assert json.loads(text) == {"x": "</script><script>alert(1)</script>&'\u2028"}
