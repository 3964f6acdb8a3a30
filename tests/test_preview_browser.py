"""The live preview shows a mistake in the browser and recovers when it is fixed, as a contributor sees it.

A copy of the project is served by ``mkdocs serve`` (what ``./run serve`` runs) and the page of one case
study is open in Chromium, while the test edits the records as a contributor would in their editor. MkDocs
reloads the open page after each rebuild: the page must turn into the list of problems (each with its place
and hint, record text shown as text), and back into the case study once the fix is saved. The preview starts
with a broken record too, where ``mkdocs serve`` used to stop. ``mkdocs build`` still refuses broken records
(test_failed_build_keeps_site.py).
"""
from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from builds import copy_project, mkdocs_serve
from generator import CaseStudyError, Problem, load_site

CASES = Path(__file__).resolve().parent / "cases"
RECORD = "bay-anchor-network"
RELOAD_SECONDS = 240
"""A rebuild of the whole site while other tests share the machine's two cores."""
HOSTILE_THEME = "<img src=x onerror=window.pwned=1>"


def problems_now(project: Path) -> list[Problem]:
    """The validator's own problems for the project as it stands."""
    with pytest.raises(CaseStudyError) as raised:
        load_site(project)
    return raised.value.problems


def shown(page: Any) -> list[str]:
    return [entry.inner_text() for entry in page.query_selector_all(".aln-problems__item")]


def assert_lists(page: Any, problems: list[Problem]) -> None:
    """The page is the problems page and lists every problem: place, field with its position, message, hint."""
    assert page.title().startswith("Problems to fix"), page.title()
    entries = shown(page)
    assert len(entries) == len(problems), entries
    for problem, entry in zip(problems, entries):
        parts = [problem.location, problem.where_in_record if problem.field else "", problem.message, problem.hint]
        position = 0
        for part in filter(None, parts):
            found = entry.find(part, position)
            assert found >= 0, f"{part!r} not in {entry!r}"
            position = found + len(part)
    assert "1 case-study problem" in page.inner_text("article") or f"{len(problems)} case-study problems" in \
        page.inner_text("article")


def edit(page: Any, change: Callable[[], object], until: Callable[[], bool]) -> None:
    """Make ``change`` to the files and wait for the open page to reload itself, again if need be, ``until`` it shows
    the change (saving two files may make two rebuilds, each reloading the page)."""
    with page.expect_event("load", timeout=RELOAD_SECONDS * 1000):
        change()
    deadline = time.monotonic() + RELOAD_SECONDS
    while not until():
        assert time.monotonic() < deadline, f"the page did not show the change: {page.title()}"
        page.wait_for_event("load", timeout=RELOAD_SECONDS * 1000)


def test_the_preview_shows_the_problems_and_recovers_after_the_fix(tmp_path: Path, page: Any) -> None:
    project = copy_project(tmp_path / "project")
    record = project / "casestudies" / f"{RECORD}.yaml"
    good = record.read_text(encoding="utf-8")
    title = next(line.removeprefix("title: ") for line in good.splitlines() if line.startswith("title: "))
    record.write_text(good.replace("\ntitle: ", "\ntitle: [", 1), encoding="utf-8")  # an unclosed '[': YAML syntax

    with mkdocs_serve(project, tmp_path / "serve.log") as url:
        # Started on a broken record: the preview runs, and the page of that record lists the problem.
        page.goto(f"{url}casestudies/{RECORD}/")
        assert_lists(page, problems_now(project))
        assert "YAML syntax error" in shown(page)[0] and "To fix:" in shown(page)[0]

        edit(page, lambda: record.write_text(good, encoding="utf-8"), until=lambda: not page.query_selector(".aln-problems"))
        assert page.title().startswith(title) and page.inner_text("h1").startswith(title)
        assert not page.query_selector(".aln-problems")

        def break_two_files() -> None:
            record.write_text(good.replace("      - community-wealth-building", f'      - "{HOSTILE_THEME}"', 1),
                              encoding="utf-8")
            shutil.copy2(CASES / "invalid" / "bad-url-javascript.yaml", project / "casestudies")

        edit(page, break_two_files, until=lambda: len({entry.split(":")[0] for entry in shown(page)}) == 2)
        problems = problems_now(project)
        assert {p.path for p in problems} == {f"casestudies/{RECORD}.yaml", "casestudies/bad-url-javascript.yaml"}
        own_first = sorted(problems, key=lambda p: p.path != f"casestudies/{RECORD}.yaml")
        assert_lists(page, own_first)
        assert "the first workstream's second theme" in shown(page)[0]
        assert HOSTILE_THEME in shown(page)[0]  # shown as text ...
        assert page.evaluate("window.pwned") is None and not page.query_selector("article img")  # ... never run
        screenshot_dir = Path("/tmp/preview-shots")
        if screenshot_dir.is_dir():  # for a person to look at; the test does not need it
            page.screenshot(path=str(screenshot_dir / "test-problems.png"), full_page=True)

        for other in ("", "themes/", "explore/"):  # every page of the preview shows them, the nav's too
            page.goto(f"{url}{other}")
            assert_lists(page, problems)

        page.goto(f"{url}casestudies/{RECORD}/")

        def fix_both() -> None:
            (project / "casestudies" / "bad-url-javascript.yaml").unlink()
            record.write_text(good, encoding="utf-8")

        edit(page, fix_both, until=lambda: not page.query_selector(".aln-problems"))
        assert page.inner_text("h1").startswith(title)
        assert not page.errors, page.errors
