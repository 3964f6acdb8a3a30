"""Colours the schemes set in docs/assets/synthesis.css, checked for contrast from the file's own values.

The theme matrix's heat shades must be told apart in both schemes: each shade 3:1 against the next (WCAG's
non-text contrast), and the text on each 4.5:1 against it. Timeline bars must stand 3:1 against the page, and
in the dark scheme must not take Material's deep-orange accent, which the site keeps for focus and hover.
The browser tests (test_layout_browser.py) check that the pages really show these colours.
"""
from __future__ import annotations

import re

import pytest

from builds import ROOT

SYNTHESIS_CSS = ROOT / "docs" / "assets" / "synthesis.css"
PAGE_BACKGROUND = {"default": "#ffffff", "slate": "#1e2029"}
"""Material 9's --md-default-bg-color: white, and hsla(232, 15%, 14%) in slate (the browser test reads it live)."""
ACCENT_DEEP_ORANGE = "#ff6e42"
"""Material's deep-orange accent (--md-accent-fg-color), which the dark timeline bars used to take."""


def luminance(colour: str) -> float:
    """WCAG relative luminance of ``#rrggbb``."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def scheme_colours(css: str) -> dict[str, dict[str, str]]:
    """{scheme: {custom property: #rrggbb}} from the ``[data-md-color-scheme="..."] { ... }`` blocks."""
    found: dict[str, dict[str, str]] = {}
    for scheme, block in re.findall(r'\[data-md-color-scheme="(\w+)"\]\s*\{([^}]*)\}', css):
        for name, value in re.findall(r"(--aln-[\w-]+):\s*(#[0-9a-fA-F]{6})\b", block):
            found.setdefault(scheme, {})[name] = value.lower()
    return found


COLOURS = scheme_colours(SYNTHESIS_CSS.read_text(encoding="utf-8"))


def shades(scheme: str) -> list[tuple[str, str]]:
    """(background, text) of heat shades 1, 2, 3... in order."""
    colours = COLOURS[scheme]
    levels = sorted(int(m) for m in re.findall(r"--aln-heat-(\d+)\b(?!-)", " ".join(colours)))
    return [(colours[f"--aln-heat-{n}"], colours[f"--aln-heat-{n}-text"]) for n in levels]


def test_contrast_matches_wcag_examples() -> None:
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#767676", "#ffffff"), 2) == 4.54  # the lightest grey that passes AA on white


def test_both_schemes_set_every_shade_the_generator_uses() -> None:
    from generator.views.matrix import SHADES

    assert set(COLOURS) == {"default", "slate"}
    for scheme in COLOURS:
        assert len(shades(scheme)) == SHADES, scheme


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_adjacent_heat_shades_are_3_to_1_apart_and_their_text_is_readable(scheme: str) -> None:
    levels = shades(scheme)
    for n, (background, text) in enumerate(levels, start=1):
        assert contrast(background, text) >= 4.5, f"{scheme} shade {n}: text {contrast(background, text):.2f}:1"
    for n, ((lower, _), (higher, _)) in enumerate(zip(levels, levels[1:]), start=1):
        assert contrast(lower, higher) >= 3.0, f"{scheme} shades {n} and {n + 1}: {contrast(lower, higher):.2f}:1"


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_timeline_bars_stand_out_from_the_page_without_the_accent(scheme: str) -> None:
    bar = COLOURS[scheme]["--aln-tl-bar"]
    assert contrast(bar, PAGE_BACKGROUND[scheme]) >= 3.0
    assert bar != ACCENT_DEEP_ORANGE
