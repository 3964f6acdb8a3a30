"""The page the live preview shows in place of the site while the records have problems.

``mkdocs build`` refuses invalid records; ``mkdocs serve`` instead puts this page at every address the
preview may be showing, so the browser (which reloads itself after each rebuild) shows what is wrong and,
once a fix is saved, the real page again. Every problem is listed with its place and hint, the problems of
the record a page belongs to first. Problem text quotes the records, so all of it is escaped, and it is
handed to the page as finished HTML (``marked``): Markdown never reads it.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from ..model.catalogue import case_page_uri
from ..problems import Problem, printable, summary_line
from .renderer import Renderer

LISTED_ELSEWHERE = 25
"""Problems listed on a page other than the home page, which lists them all: when a change breaks every record,
a thousand pages each holding every problem would make the preview slow to rebuild (and each page megabytes)."""
HOME = "index.md"


def record_page(path: str) -> str:
    """The docs path of the page a record file (``casestudies/leeds.yaml``) makes, or "" for any other file."""
    file = PurePosixPath(path)
    return case_page_uri(file.stem) if file.parent == PurePosixPath("casestudies") and file.suffix in (".yaml", ".yml") else ""


@dataclass(frozen=True)
class ShownProblem:
    """One problem as the page shows it: each part printable (a line break in a value stays visible as ``\\n``)."""

    location: str
    field: str
    message: str
    hint: str

    @classmethod
    def of(cls, problem: Problem) -> ShownProblem:
        return cls(problem.location, problem.where_in_record if problem.field else "", printable(problem.message),
                   printable(problem.hint))


@dataclass(frozen=True)
class FileProblems:
    path: str
    problems: tuple[ShownProblem, ...]


def problem_pages(problems: Sequence[Problem], pages: Mapping[str, str | None],
                  renderer: Renderer | None = None) -> dict[str, str]:
    """The problems page at each address of ``pages`` (``{docs path: the record it shows, or None}``) and of each record
    with a problem (the page most likely open in the preview), as ``{docs path: Markdown}``."""
    renderer = renderer or Renderer()
    pages = {**{record_page(p.path): p.path for p in problems if record_page(p.path)}, **pages}
    by_file: dict[str, list[ShownProblem]] = {}
    for problem in sorted(problems):
        by_file.setdefault(problem.path, []).append(ShownProblem.of(problem))
    files = [FileProblems(path, tuple(found)) for path, found in by_file.items()]
    summary = summary_line(list(problems))
    out = {}
    for uri, record in pages.items():
        # The record this page shows comes first: that is most likely the file just saved.
        ordered = sorted(files, key=lambda f: f.path != record)
        listed, limit = [], len(problems) if uri == HOME else LISTED_ELSEWHERE
        for group in ordered:
            if limit <= 0:
                break
            listed.append(FileProblems(group.path, group.problems[:limit]))
            limit -= len(group.problems)
        shown = sum(len(group.problems) for group in listed)
        out[uri] = renderer.render("problems.md.j2", uri, summary=summary, files=listed, unlisted=len(problems) - shown,
                                   home=HOME)
    return out
