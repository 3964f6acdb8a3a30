"""Trust: the About and method page, each item's source line, and the one repository setting every
"Suggest a change", issue-form and repository link follows (rendered without MkDocs; test_trust_site.py builds)."""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
import textstat
from bs4 import BeautifulSoup

from generator.model.entities import Catalogue, CaseStudy, Item
from generator.render.cards import item_card, item_summary, source_note
from generator.render.casepage import _source
from generator.render.metadata import CASE_STUDY_FORM, CORRECTION_FORM
from generator.render.pages import render_pages
from generator.views.links import Publication, Repository

ROOT = Path(__file__).resolve().parent.parent
REPO = Repository("https://github.com/example-org/example-kb", "trunk")
HOSTILE_URLS = ["javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "data:text/html,<script>x</script>",
                "vbscript:x", "//evil.example/x", "ftp://example.org/x"]


def html(markdown: str) -> BeautifulSoup:
    return BeautifulSoup(markdown, "html.parser")


def prose(markdown: str) -> str:
    """The words a reader reads on a generated Markdown page: no front matter, markup, link targets or anchors."""
    body = markdown.split("\n---\n", 1)[1]
    body = re.sub(r"\{ #[^}]*\}", "", body)
    body = re.sub(r"\]\([^)]*\)", "]", body)
    body = re.sub(r"[#*`\[\]]", "", body)
    return re.sub(r"\s+", " ", body)


@pytest.fixture
def pages(synthesis_catalogue: Catalogue) -> dict[str, str]:
    return render_pages(synthesis_catalogue, repository=REPO)


def alpha(catalogue: Catalogue) -> CaseStudy:
    return catalogue.case_study("alpha")


def sourced_item(catalogue: Catalogue) -> Item:
    return next(item for item in alpha(catalogue).items if item.source is not None and item.source.url)


# --- the About and method page ----------------------------------------------------------------------------------------


def test_about_page_says_who_publishes_the_method_the_dates_the_licence_and_how_to_report(
        pages: dict[str, str], synthesis_catalogue: Catalogue) -> None:
    about = pages["about.md"]
    for anchor in ("who-publishes", "editorial-policy", "how-records-are-checked", "dates", "licence", "report-an-error"):
        assert f"{{ #{anchor} }}" in about
    text = prose(about)
    cases = len(synthesis_catalogue.case_studies)
    sources = sum(len(case.sources) for case in synthesis_catalogue.case_studies)
    assert f"holds {cases} case studies, written from {sources} sources" in text
    dated = sum(1 for case in synthesis_catalogue.case_studies if case.status.as_of)
    assert f"{dated} case stud{'y' if dated == 1 else 'ies'} of {cases} give a date for their status" in text
    for words in ("open-source project", "may help", "Editors' notes stay off the pages", "The validator",
                  "The review checklist", "The editorial pass", "Active as of", "It does not say the network is active today",
                  f"Record reviewed {synthesis_catalogue.latest_review}", "last checked the record against its sources",
                  "CC BY 4.0", "MIT licence"):
        assert words in text, words
    assert f"[the project's repository]({REPO.url})" in about
    assert f"]({REPO.url}/issues/new?template={CORRECTION_FORM})" in about
    assert f"]({REPO.url}/issues/new?template={CASE_STUDY_FORM})" in about
    assert "](contribute.md)" in about and "](data/index.md)" in about


def test_about_page_invents_no_organisation_staff_or_funders(pages: dict[str, str]) -> None:
    text = prose(pages["about.md"]).lower()
    for word in ("funded", "funder", "charity", "staff", "our team", "founded", "registered", "trustees", "ltd"):
        assert word not in text, word


def test_about_page_reads_at_grade_12_or_below(pages: dict[str, str]) -> None:
    grade = textstat.flesch_kincaid_grade(prose(pages["about.md"]))
    assert grade <= 12, grade


def test_about_and_case_pages_without_a_repository_point_to_the_about_page_not_a_guessed_address(
        synthesis_catalogue: Catalogue) -> None:
    pages = render_pages(synthesis_catalogue)
    assert "github" not in pages["about.md"] and "built without a repository address" in pages["about.md"]
    case = pages[alpha(synthesis_catalogue).page_uri]
    assert "github" not in case and 'href="../../about/#report-an-error"' in case
    assert "https://github.com" not in pages["contribute.md"]


# --- each item's source line ------------------------------------------------------------------------------------------


def test_an_online_source_is_linked_with_its_publisher_and_date(synthesis_catalogue: Catalogue) -> None:
    item = sourced_item(synthesis_catalogue)
    dated = item._replace(source=dataclasses.replace(item.source, date="2022-06-16"))
    line = html(source_note(dated)).select_one(".aln-item__source")
    link = line.a
    assert link["href"] == item.source.url and link.get_text() == item.source.title
    assert line.get_text() == f"Source: {item.source.title} ({item.source.publisher}, 16 June 2022)"


def test_an_offline_source_links_to_the_source_list_on_its_case_study_page(synthesis_catalogue: Catalogue) -> None:
    item = sourced_item(synthesis_catalogue)
    offline = item._replace(source=dataclasses.replace(item.source, url=None, publisher=None))
    line = html(source_note(offline)).select_one(".aln-item__source")
    assert line.a["href"] == f"#source-{item.source.id}" and line.get_text() == f"Source: {item.source.title}"
    link = Publication().linker("themes/x.md")
    summary = html(item_summary(offline, link)).select_one(".aln-item__source a")
    assert summary["href"] == f"../../casestudies/alpha/#source-{item.source.id}"


def test_an_item_without_a_source_has_no_source_line(synthesis_catalogue: Catalogue) -> None:
    item = sourced_item(synthesis_catalogue)._replace(source=None)
    assert source_note(item) == ""
    card = item_card(item, alpha(synthesis_catalogue), Publication().linker(item.page_uri))
    assert "Source:" not in card and "aln-item__source" not in card


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_a_source_address_that_is_not_http_never_becomes_a_link(synthesis_catalogue: Catalogue, url: str) -> None:
    item = sourced_item(synthesis_catalogue)
    hostile = item._replace(source=dataclasses.replace(item.source, url=url))
    for markup in (source_note(hostile), item_summary(hostile, Publication().linker("themes/x.md"))):
        hrefs = [a["href"] for a in html(markup).select(".aln-item__source a")]
        assert hrefs and all("#source-" in href for href in hrefs), hrefs
    entry = _source(hostile.source)
    assert "](" not in entry and "not online)" in entry and "javascript" not in entry.lower()


def test_every_item_on_case_and_theme_pages_shows_its_source(pages: dict[str, str], synthesis_catalogue: Catalogue) -> None:
    for case in synthesis_catalogue.case_studies:
        notes = html(pages[case.page_uri]).select(".aln-item__source")
        assert len(notes) == sum(1 for item in case.items if item.source is not None)
        for note in notes:
            assert note.a is not None
    summaries = [card for theme in synthesis_catalogue.themes
                 for card in html(pages[theme.page_uri]).select(".aln-item--summary")]
    items = {f"../../casestudies/{item.case_id}/#{item.id}": item for item in synthesis_catalogue.items}
    assert summaries
    for card in summaries:
        link = card.select_one(".aln-item__source a")
        if items[card.h4.a["href"]].source is None:
            assert link is None
        else:
            assert link is not None and link["href"].startswith(("https://", "../../casestudies/")), card


def test_the_source_list_links_and_dates_each_source_or_says_it_cannot(pages: dict[str, str],
                                                                       synthesis_catalogue: Catalogue) -> None:
    case = alpha(synthesis_catalogue)
    sources = pages[case.page_uri].split("## Sources { #sources }", 1)[1].split("\n## ", 1)[0]
    source = case.sources[0]
    assert f'<a href="{source.url}">{source.title}</a>' in sources and "no date given" in sources
    dated = _source(dataclasses.replace(source, date="2021-03"))
    assert "March 2021" in dated and "no date given" not in dated


# --- the repository setting -------------------------------------------------------------------------------------------


def test_the_repository_setting_is_read_and_checked() -> None:
    assert Repository.of(None) is None and Repository.of({}) is None
    assert Repository.of({"url": "https://github.com/a-b/c.d/"}) == Repository("https://github.com/a-b/c.d", "main")
    assert Repository.of({"url": "https://github.com/a/b", "branch": "trunk"}) == Repository("https://github.com/a/b", "trunk")
    for bad in ({"url": "http://github.com/a/b"}, {"url": "https://gitlab.com/a/b"}, {"url": "https://github.com/a"},
                {"url": "https://github.com/a/b/tree/main"}, {"url": "javascript:alert(1)//github.com/a/b"},
                {"url": "https://github.com/a/b", "branch": "../x"}, {"url": "https://github.com/a/b", "branch": "a b"},
                "https://github.com/a/b"):
        with pytest.raises(ValueError, match="extra.repository"):
            Repository.of(bad)  # type: ignore[arg-type]


def test_repository_links() -> None:
    assert REPO.edit("casestudies/bay.yaml") == "https://github.com/example-org/example-kb/edit/trunk/casestudies/bay.yaml"
    assert REPO.new_issue() == "https://github.com/example-org/example-kb/issues/new"
    assert (REPO.new_issue("correction.yml", title="Correction: Tŷ & <b>")
            == "https://github.com/example-org/example-kb/issues/new?template=correction.yml&title=Correction%3A+T%C5%B7+%26+%3Cb%3E")


def test_every_link_into_the_repository_follows_the_setting(pages: dict[str, str], synthesis_catalogue: Catalogue) -> None:
    links = [href for text in pages.values() for href in re.findall(r"https://github\.com[^\s)\"'<>]*", text)]
    assert links and all(href.startswith(REPO.url + "/") or href == REPO.url for href in links), links
    for case in synthesis_catalogue.case_studies:
        suggest = html(pages[case.page_uri].split("{ #suggest-a-change }", 1)[1]).select("a[href]")
        hrefs = [a["href"] for a in suggest]
        assert REPO.edit(case.source_path) in hrefs
        assert any(h.startswith(f"{REPO.url}/issues/new?template={CORRECTION_FORM}&title=Correction") for h in hrefs)
    contribute = pages["contribute.md"]
    for link in (REPO.url, REPO.new_issue(CASE_STUDY_FORM), REPO.new_issue(CORRECTION_FORM), REPO.edit("CONTRIBUTING.md")):
        assert f"]({link})" in contribute, link


def test_the_mkdocs_setting_is_the_only_repository_address_in_the_project() -> None:
    # One place to change: no other site input names the repository (the PR template and workflows do not link it).
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    url = re.search(r"^\s+url: (https://github\.com/\S+)", config, re.M)
    assert url and config.count(url.group(1)) == 1 and "edit_uri" not in config.split("#")[0]
    for folder in ("docs", "overrides", "generator", "hooks"):
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and path.suffix in {".md", ".html", ".py", ".j2", ".js", ".yml"}:
                assert url.group(1) not in path.read_text(encoding="utf-8"), path


def test_a_case_study_links_what_reviewed_means_and_suggest_a_change_from_its_facts(
        pages: dict[str, str], synthesis_catalogue: Catalogue) -> None:
    for case in synthesis_catalogue.case_studies:
        facts = html(pages[case.page_uri]).select_one(".aln-facts")
        reviewed = next(div for div in facts.find_all("div") if div.dt and div.dt.get_text() == "Record reviewed")
        hrefs = [a["href"] for a in reviewed.select("a")]
        assert hrefs == ["../../about/#dates", "#suggest-a-change"]
        assert "{ #suggest-a-change }" in pages[case.page_uri] and "{ #dates }" in pages["about.md"]
