"""Plain English on reader pages: summaries and page introductions a practitioner reads quickly.

Readability is the Flesch–Kincaid grade from ``textstat`` 0.7.4 (syllables from ``pyphen``, no download at run
time): at most 12 for a case study's summary, a theme's description and every page's introduction, at most 10
for the home page's. A page's introduction is its lede (``.aln-lede``), or else the paragraphs between its title
and the first thing that is not a paragraph. Page kinds are found in the build (``reader_pages``), so pages
added later are held to the same grades. Also: a number agrees with its noun ("1 lesson", never "1 lessons"),
and no menu repeats a label.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import textstat
import yaml
from bs4 import BeautifulSoup, Tag

from builds import ROOT
from reader_pages import reader_page_kinds

MAX_GRADE = 12.0
MAX_HOME_GRADE = 10.0
RECORDS = sorted((ROOT / "casestudies").glob("*.yaml"))


def grade(text: str) -> float:
    return float(textstat.flesch_kincaid_grade(text))


def test_the_readability_measure_tells_plain_from_dense() -> None:
    """The measure itself, so that a grade limit cannot pass because the library returns 0."""
    plain = "The network met once a month. Members shared what worked and what did not."
    dense = ("Institutional collaboration necessitates comprehensive organisational alignment of procurement "
             "methodologies, governance infrastructures and accountability considerations across jurisdictions.")
    assert grade(plain) < 8 < MAX_GRADE < grade(dense)


@pytest.mark.parametrize("record", RECORDS, ids=lambda path: path.stem)
def test_each_summary_is_plain_english(record: Path) -> None:
    summary = " ".join(yaml.safe_load(record.read_text(encoding="utf-8"))["summary"].split())
    assert grade(summary) <= MAX_GRADE, f"{record.name}: summary at grade {grade(summary):.1f}: {summary}"


def test_each_theme_description_is_plain_english() -> None:
    """Descriptions open their theme's page, so they are held to the introduction's grade."""
    themes = yaml.safe_load((ROOT / "schemas" / "themes.yaml").read_text(encoding="utf-8"))["themes"]
    dense = {t["id"]: round(grade(t["description"]), 1) for t in themes if grade(t["description"]) > MAX_GRADE}
    assert dense == {}


# --- the built site -------------------------------------------------------------------------------------------------


def article(page: Path) -> Tag:
    found = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("article.md-content__inner")
    assert found is not None, page
    return found


def introduction(body: Tag) -> str:
    """The lede, or the paragraphs between the title and the first element that is not a paragraph."""
    ledes = body.select(".aln-lede")
    if ledes:
        return " ".join(lede.get_text(" ", strip=True) for lede in ledes)
    title, paragraphs = body.find("h1"), []
    for sibling in title.find_next_siblings() if title else ():
        if sibling.name == "script":
            continue
        if sibling.name != "p":
            break
        paragraphs.append(sibling.get_text(" ", strip=True))
    return " ".join(" ".join(paragraphs).split())


def test_every_page_introduction_is_plain_english(built_site: Path) -> None:
    kinds = reader_page_kinds(built_site)
    intros = {kind: introduction(article(built_site / url.split("?")[0] / "index.html")) for kind, url in kinds.items()}
    assert len(intros["home"].split()) > 20 and intros["case study"], "the introductions were not found"
    too_hard = {kind: f"grade {grade(text):.1f}: {text[:120]}" for kind, text in intros.items()
                if text and grade(text) > (MAX_HOME_GRADE if kind == "home" else MAX_GRADE)}
    assert too_hard == {}


COUNTED = ("lesson", "barrier", "recommendation", "workstream", "item", "theme", "network", "member", "source",
           "partner", "page", "result", "organisation")
ONE_PLURAL = re.compile(r"(?<![\d.,])\b1 (?:" + "|".join(COUNTED) + r")s\b|(?<![\d.,])\b1 case studies\b")


def test_a_count_of_one_takes_the_singular(built_site: Path) -> None:
    wrong = {}
    for page in sorted(built_site.glob("**/*.html")):
        if page.parts[len(built_site.parts)] in ("assets", "pagefind"):
            continue
        text = " ".join(BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").get_text(" ").split())
        found = ONE_PLURAL.findall(text)
        if found:
            wrong[page.relative_to(built_site).as_posix()] = sorted(set(found))
    assert wrong == {}


def menu_problems(nav: Tag) -> list[str]:
    """Labels repeated within one menu list, or repeating the section they sit in ("Synthesis › Synthesis")."""
    problems = []
    for menu in nav.select("ul.md-nav__list"):
        if menu.find_parent("nav", class_="md-nav--secondary"):
            continue  # the page's own table of contents, which Material nests in the menu for phones
        section = menu.find_parent("li", class_="md-nav__item--nested")
        section_label = ""
        if section is not None:
            own = section.find(class_="md-nav__link", recursive=True)
            section_label = " ".join(own.get_text(" ").split()) if own else ""
        labels = [" ".join(item.find(class_="md-nav__link").get_text(" ").split())
                  for item in menu.find_all("li", class_="md-nav__item", recursive=False)
                  if item.find(class_="md-nav__link")]
        problems += [f"{label!r} twice" for label in sorted({x for x in labels if labels.count(x) > 1})]
        problems += [f"{section_label} › {label}" for label in labels if section_label and label == section_label]
    return problems


def test_no_menu_repeats_a_label(built_site: Path) -> None:
    kinds = reader_page_kinds(built_site)
    found = {}
    for kind, url in kinds.items():
        soup = BeautifulSoup((built_site / url.split("?")[0] / "index.html").read_text(encoding="utf-8"), "html.parser")
        navs = soup.select("nav.md-nav--primary, nav.md-tabs")
        assert navs, kind
        problems = [problem for nav in navs for problem in menu_problems(nav)]
        if problems:
            found[kind] = problems
    assert found == {}
