"""Accessibility: axe-core on every page kind in light and dark, the finder by keyboard (filters and words), the statement.

axe-core (shipped inside axe-playwright-python) runs in headless Chromium with the WCAG 2.0, 2.1 and
2.2 A and AA rules and axe's best-practice rules, on a laptop (1280 px) and a phone (390 px), in the light and
dark schemes. A serious or critical violation fails; moderate and minor ones are listed by
``test_minor_findings_are_listed`` in the captured output but do not fail.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from builds import serve
from reader_pages import page_kinds

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]
WIDTHS = {"laptop": 1280, "phone": 390}
FAILING = {"serious", "critical"}


@pytest.fixture(scope="module")
def axe_results(built_site: Path, browser: Any) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """Violations per (page kind, "scheme, device"), each scheme and width in its own browser context."""
    from axe_playwright_python.sync_playwright import Axe

    axe, base, results = Axe(), serve(built_site), {}
    for scheme, (device, width) in ((s, w) for s in ("light", "dark") for w in WIDTHS.items()):
        context = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": 900})
        tab = context.new_page()
        for kind, url in page_kinds(built_site).items():
            tab.goto(base + url, wait_until="load")
            if kind == "finder with words":
                tab.wait_for_function("/ for “/.test(document.getElementById('aln-explore-status')?.textContent || '')",
                                      timeout=10_000)
            tab.wait_for_timeout(100)
            palette = tab.evaluate("document.body.getAttribute('data-md-color-scheme')")
            assert palette == ("slate" if scheme == "dark" else "default"), (kind, scheme, palette)
            report = axe.run(tab, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
            results[(kind, f"{scheme}, {device}")] = report.response["violations"]
        context.close()
    return results


def describe(violation: dict[str, Any]) -> str:
    targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
    return f"{violation['impact']} {violation['id']} ({len(violation['nodes'])} nodes, e.g. {targets})"


def test_every_page_kind_is_checked(built_site: Path) -> None:
    kinds = page_kinds(built_site)
    assert {"home", "casestudies", "case study", "themes", "theme", "explore", "explore with words", "contribute",
            "about"} <= set(kinds)
    assert any(kind.startswith("synthesis/") for kind in kinds), kinds


def serious(axe_results: dict[tuple[str, str], list[dict[str, Any]]], kinds: set[str]) -> dict[str, list[str]]:
    found = {f"{kind} ({scheme})": [describe(v) for v in violations if v["impact"] in FAILING]
             for (kind, scheme), violations in axe_results.items() if kind in kinds}
    return {page: problems for page, problems in found.items() if problems}


def test_no_serious_or_critical_violation(axe_results: dict[tuple[str, str], list[dict[str, Any]]]) -> None:
    assert serious(axe_results, {kind for kind, _ in axe_results}) == {}


def test_minor_findings_are_listed(axe_results: dict[tuple[str, str], list[dict[str, Any]]]) -> None:
    """Not a gate: prints moderate and minor findings so that they are seen (pytest -s)."""
    for (kind, scheme), violations in sorted(axe_results.items()):
        for violation in violations:
            if violation["impact"] not in FAILING:
                print(f"axe {kind} ({scheme}): {describe(violation)}")


# --- keyboard ---------------------------------------------------------------------------------------------------------


def tab_to(page: Any, selector: str, limit: int = 400) -> None:
    """Press Tab until the focused element matches ``selector``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement && document.activeElement.matches({selector!r})"):
            return
    pytest.fail(f"Tab never reached {selector}")


def test_the_explorer_works_by_keyboard(served_site: str, page: Any) -> None:
    tab = page
    tab.goto(served_site + "explore/", wait_until="load")
    status = tab.locator("#aln-explore-status")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    visible = "() => [...document.querySelectorAll('.aln-explore-item')].filter((e) => e.offsetParent !== null).length"
    total = tab.evaluate(visible)
    tab_to(tab, ".aln-toggle__input")
    first = tab.evaluate("document.activeElement.value")
    before = status.text_content()
    tab.keyboard.press("Space")
    tab.wait_for_timeout(50)
    assert tab.evaluate("document.activeElement.checked") is True
    assert status.text_content() != before, "the result count was not updated for screen readers"
    assert 0 < tab.evaluate(visible) <= total
    chip = tab.evaluate("""() => { const s = getComputedStyle(document.activeElement.closest('label'));
                                   const c = getComputedStyle(document.activeElement.nextElementSibling);
                                   return [s.outlineStyle, c.outlineStyle, c.boxShadow].join(' '); }""")
    assert "solid" in chip or "auto" in chip or "rgb" in chip, f"no visible focus on the focused filter: {chip}"
    tab.keyboard.press("Space")
    tab.wait_for_timeout(50)
    assert tab.evaluate("document.activeElement.checked") is False and tab.evaluate("document.activeElement.value") == first
    assert tab.evaluate(visible) == total


def test_the_finder_takes_words_by_keyboard(served_site: str, page: Any) -> None:
    tab = page
    tab.goto(served_site + "explore/", wait_until="load")
    tab_to(tab, "#aln-find-q")
    tab.keyboard.type("procurement")
    tab.keyboard.press("Enter")
    tab.wait_for_function("/ for “procurement”/.test(document.getElementById('aln-explore-status').textContent)",
                          timeout=10_000)
    assert tab.locator("#aln-explore-status").get_attribute("aria-live") == "polite"
    tab_to(tab, ".aln-explore-copy", limit=200)  # past the filters, which come first in the page
    tab_to(tab, ".aln-explore-item:not([hidden]) h3 a", limit=10)


# --- the statement ------------------------------------------------------------------------------------------------------


def test_the_statement_is_published_and_linked_from_every_page(built_site: Path) -> None:
    statement = BeautifulSoup((built_site / "accessibility" / "index.html").read_text(encoding="utf-8"), "html.parser")
    text = statement.select_one("article").get_text(" ")
    for heading in ("How accessible this website is", "Reporting accessibility problems with this website",
                    "Enforcement procedure", "Compliance status", "Non-accessible content", "What we test, and how",
                    "Preparation of this accessibility statement"):
        assert heading in text
    # The statement points to the About page's report section, whose links follow the repository setting.
    assert any(a["href"].endswith("about/#report-an-error") for a in statement.select("article a[href]"))
    about = BeautifulSoup((built_site / "about" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert any("/issues/new?" in a["href"] and "labels=accessibility" in a["href"] for a in about.select("article a[href]"))
    for kind in ("axe-core", "light and the dark", "keyboard", "WCAG 2.0, 2.1 and 2.2"):
        assert kind in " ".join(text.split())
    for page in built_site.rglob("*.html"):
        if page.name != "404.html":
            nav = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("nav a[href], .md-tabs a[href]")
            assert any(a["href"].rstrip("/").endswith("accessibility") for a in nav), page
