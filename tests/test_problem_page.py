"""The preview's problems page (generator/render/problem_page.py), rendered from real validator problems.

The browser test of the live preview is test_preview_browser.py; here the page's Markdown is read as MkDocs
gets it: every problem listed with its place and hint, record text escaped and out of Markdown's reach, the
page's own record first, and a bounded list on pages other than the home page.
"""
from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from generator import CaseStudyError, Problem, lift, load_site, problem_pages
from generator.render.problem_page import LISTED_ELSEWHERE, record_page

CASES = Path(__file__).resolve().parent / "cases"


def problems_of(project: Path) -> list[Problem]:
    with pytest.raises(CaseStudyError) as raised:
        load_site(project)
    return raised.value.problems


@pytest.fixture
def broken(make_project: Callable[[Path | None], Path]) -> list[Problem]:
    """Three invalid cases side by side: a YAML syntax error, a hostile theme, hostile web addresses."""
    project = make_project(CASES / "valid")
    for name in ("syntax-unclosed-quote", "bad-theme-injection", "bad-url-javascript", "item-id-repeated"):
        (project / "casestudies" / f"{name}.yaml").write_bytes((CASES / "invalid" / f"{name}.yaml").read_bytes())
    return problems_of(project)


def listed(markdown: str) -> list[str]:
    """The page's problems as text, one per list entry, as a reader sees them."""
    entries = re.findall(r'<li class="aln-problems__item">(.*?)</li>', markdown, re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", entry)).replace("To fix: ", "(").strip().replace("\n", " ")
            for entry in entries]


def test_every_problem_is_listed_with_its_place_field_and_hint(broken: list[Problem]) -> None:
    page = problem_pages(broken, {"index.md": None})["index.md"]
    assert len(broken) >= 4 and len(listed(page)) == len(broken)
    for problem, entry in zip(sorted(broken), listed(page)):
        assert entry.startswith(f"{problem.location}")
        assert problem.message in entry.replace(problem.location, "")
        if problem.field:
            assert f" {problem.where_in_record}: " in entry
        assert not problem.hint or entry.endswith(f"({problem.hint}")
    assert f"**{len(broken)} case-study problems in 4 files**" in page
    assert "the first lesson's first theme" in html.unescape(page)  # positions counted from one, as in the terminal


def test_record_text_is_escaped_and_kept_from_markdown(broken: list[Problem]) -> None:
    page = problem_pages(broken, {"index.md": None})["index.md"]
    assert "<script" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    lifted = lift(page, "tok3n")
    assert "&lt;script" not in lifted.markdown, "problem text reaches Markdown, which would make links of it"
    assert all("aln-problems" in block for block in lifted.blocks)


def test_a_line_break_in_a_value_stays_on_its_line() -> None:
    problem = Problem("casestudies/x.yaml", 3, 5, "sources[0].url", "'a\nb' is not a web address", "use https://\u2028")
    page = problem_pages([problem], {"index.md": None})["index.md"]
    assert listed(page) == ["casestudies/x.yaml:3:5 sources[0].url, in the first source: 'a\\nb' is not a web address "
                            "(use https://\\u2028"]


def test_the_page_of_a_broken_record_is_covered_and_lists_its_own_problems_first(broken: list[Problem]) -> None:
    pages = problem_pages(broken, {"index.md": None, "themes/index.md": None})
    assert record_page("casestudies/bad-url-javascript.yaml") == "casestudies/bad-url-javascript.md"
    assert record_page("schemas/themes.yaml") == ""
    assert set(pages) == {"index.md", "themes/index.md"} | {record_page(p.path) for p in broken}
    first = listed(pages["casestudies/bad-url-javascript.md"])[0]
    assert first.startswith("casestudies/bad-url-javascript.yaml:"), first
    assert listed(pages["index.md"])[0].startswith("casestudies/bad-theme-injection.yaml:")  # else in file order


def test_many_problems_are_all_on_the_home_page_and_bounded_elsewhere() -> None:
    problems = [Problem(f"casestudies/r{n:04}.yaml", 2, 5, "title", "must not be empty", "write some text")
                for n in range(LISTED_ELSEWHERE + 30)]
    pages = problem_pages(problems, {"index.md": None, "explore.md": None})
    assert len(listed(pages["index.md"])) == len(problems)
    assert len(listed(pages["explore.md"])) == LISTED_ELSEWHERE
    assert "30 more problems are listed on the [home page](index.md)" in pages["explore.md"]
    assert "more problem" not in pages["index.md"]
    last = f"casestudies/r{len(problems) - 1:04}"  # beyond the limit in file order, so first on its own page
    assert listed(pages[f"{last}.md"])[0].startswith(f"{last}.yaml:")
    assert max(len(page.encode()) for page in pages.values()) < 200_000
