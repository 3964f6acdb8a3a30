"""The finder (the explore page) as rendered by the generator, on a small fixture catalogue built in code."""
from __future__ import annotations

import dataclasses
import html
import json
import re

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from bs4 import BeautifulSoup

from generator.render import explore
from generator.render.explore import render_explorer
from generator.kinds import Kind
from generator.dates import UNKNOWN, parse_when
from generator.model.entities import Catalogue, CaseStudy, Item, Member, Source, Status, Theme, ThemeGroup
from generator.render.pages import PAGE_FUNCTIONS
from generator.render.renderer import Renderer
from generator.render.safe_markdown import parsed_html

HOSTILE = "<img src=x onerror=alert(1)>"
GROUP = ThemeGroup("collaboration", "Ways of working together", "How a network works.")
THEMES = {t: Theme(t, title, "About it.", GROUP, f"themes/{t}.md")
          for t, title in (("sponsor", "Senior sponsorship"), ("trust", "Relationships & trust"), ("unused", "Unused"))}
MEMBER_TYPES = {"nhs-trust": "NHS trust", "university": "University", "police": "Police"}


def make_case(case_id: str, title: str, nation: str, members: tuple[str, ...],
              items: list[tuple[Kind, str, str, tuple[str, ...]]]) -> CaseStudy:
    page = f"casestudies/{case_id}.md"
    made = {kind: tuple(Item(kind, item_id, item_title, f"Detail of **{item_title}**.", tuple(THEMES[t] for t in themes),
                             case_id, title, page) for k, item_id, item_title, themes in items if k == kind)
            for kind in ("lesson", "barrier", "recommendation")}
    return CaseStudy(
        id=case_id, title=title, scope="network", network_name=title, former_names=(), summary="Summary.", area="Area",
        region="Region", nation=nation, coordinates=None, started=parse_when("2020-01"), ended=UNKNOWN,
        status=Status("active", "2024-06"), convenor="Convenor",
        members=tuple(Member(f"Member {t}", t, MEMBER_TYPES[t]) for t in members), member_total=None,
        context="Context.", workstreams=(),
        lessons=made["lesson"], barriers=made["barrier"], recommendations=made["recommendation"],
        sources=(Source("s", "Source", "Publisher", "report"),), reviewed="2025-01-01",
        source_path=f"casestudies/{case_id}.yaml", page_uri=page)


def make_catalogue(cases: list[CaseStudy]) -> Catalogue:
    cases = sorted(cases, key=lambda c: (c.title.lower(), c.id))
    items = [item for case in cases for item in case.items]
    by_theme = {t: tuple(i for i in items if t in {x.id for x in i.themes}) for t in THEMES}
    return Catalogue(
        case_studies=tuple(cases), groups=(GROUP,), themes=tuple(THEMES.values()), member_types=MEMBER_TYPES,
        items_by_theme=by_theme,
        case_studies_by_theme={t: tuple(c for c in cases if t in c.theme_ids) for t in THEMES},
        case_studies_by_nation={}, case_studies_by_member_type={}, case_studies_by_status={}, case_studies_by_scope={},
        credited={c.id: () for c in cases}, cooccurrence={t: () for t in THEMES}, related={c.id: () for c in cases})


@pytest.fixture
def catalogue() -> Catalogue:
    return make_catalogue([
        make_case("alpha", "Alpha Network", "England", ("nhs-trust", "university"), [
            ("lesson", "talk-early", "Talk early", ("trust",)),
            ("barrier", "no-sponsor", "No sponsor", ("sponsor",)),
            ("barrier", "low-trust", "Low trust", ("sponsor", "trust")),
        ]),
        make_case("beta", "Beta & Co", "Scotland", ("police",), [
            ("recommendation", "find-a-sponsor", "Find a sponsor", ("sponsor",)),
            ("lesson", "hostile", HOSTILE, ("trust",)),
        ]),
    ])


def to_html(page: str) -> BeautifulSoup:
    """The page's Markdown converted as MkDocs would (without Material's chrome), parsed."""
    body = re.sub(r"\A---\n.*?\n---\n", "", page, flags=re.S)
    return BeautifulSoup(markdown.markdown(body, extensions=["attr_list", "md_in_html", "toc", "admonition", "tables"]),
                         "html.parser")


def test_explorer_is_a_page_function(catalogue: Catalogue) -> None:
    assert explore.explore_pages in PAGE_FUNCTIONS
    assert set(explore.explore_pages(catalogue, Renderer())) == {"explore.md"}


def test_every_item_is_listed_with_its_filter_values_and_a_link_to_its_anchor(catalogue: Catalogue) -> None:
    soup = to_html(render_explorer(catalogue, Renderer())["explore.md"])
    cards = soup.select("#aln-explore-results .aln-explore-item")
    assert len(cards) == len(catalogue.items) == 5
    low_trust = next(c for c in cards if c.h3 and c.h3.a and c.h3.a["href"] == "casestudies/alpha.md#low-trust")
    keys = ("kind", "theme", "status", "scope", "nation", "region", "member", "year", "case")
    assert {k: low_trust[f"data-{k}"] for k in keys} == {
        "kind": "barrier", "theme": "sponsor trust", "status": "active", "scope": "network", "nation": "England",
        "region": "region", "member": "nhs-trust university", "year": "2020", "case": "alpha"}
    assert [a["href"] for a in low_trust.select("a.aln-chip")] == ["themes/sponsor.md", "themes/trust.md"]
    origin = low_trust.select_one(".aln-explore-item__from")
    assert " ".join(origin.get_text().split()) == "Barrier from Alpha Network"
    assert origin.a["href"] == "casestudies/alpha.md"
    assert " ".join(low_trust.select_one(".aln-explore-item__facts").get_text().split()) == (
        "Anchor network, Region, England · Active as of June 2024")
    assert low_trust.select_one(".aln-explore-item__excerpt").get_text() == "Detail of Low trust."
    # the case study's only source, with its publisher; no address, so no link out
    source = low_trust.select_one(".aln-explore-item__source")
    assert source.get_text() == "Source: Publisher" and source.a is None


def test_a_result_links_out_to_its_own_source_with_publisher_and_date(catalogue: Catalogue) -> None:
    own = Source("report", "The report", "Hackney Council", "report", "2022-06-16", "https://example.org/r?a=1&b=2")
    case = catalogue.case_studies[0]
    lessons = tuple(i._replace(source=own) for i in case.lessons)
    sourced = dataclasses.replace(case, lessons=lessons, sources=(*case.sources, own))
    soup = to_html(render_explorer(make_catalogue([sourced, catalogue.case_studies[1]]), Renderer())["explore.md"])
    card = next(c for c in soup.select(".aln-explore-item") if c.h3.a["href"].endswith("#talk-early"))
    link = card.select_one(".aln-explore-item__source a")
    assert link.get_text() == "Hackney Council, 16 June 2022"
    assert link["href"] == "https://example.org/r?a=1&b=2"
    # two sources and none of its own: the item names none rather than guess
    other = next(c for c in soup.select(".aln-explore-item") if c.h3.a["href"].endswith("#no-sponsor"))
    assert other.select_one(".aln-explore-item__source") is None


def test_without_javascript_every_theme_and_case_study_has_a_link(catalogue: Catalogue) -> None:
    soup = to_html(render_explorer(catalogue, Renderer())["explore.md"])
    by_theme, by_case = soup.select(".aln-explore-nojs .aln-explore-browse__list")
    assert [a["href"] for a in by_theme.select("a")] == ["themes/sponsor.md", "themes/trust.md"]  # not the empty one
    assert [" ".join(li.get_text().split()) for li in by_case.select("li")] == [
        "Alpha Network (3 items) · Active as of June 2024", "Beta & Co (2 items) · Active as of June 2024"]


def test_filter_options_carry_their_counts(catalogue: Catalogue) -> None:
    soup = to_html(render_explorer(catalogue, Renderer())["explore.md"])
    counts = {(box["name"], box["value"]): int(box.find_next(class_="aln-toggle__n").get_text())
              for box in soup.select(".aln-explore-filters input[type=checkbox]")}
    assert counts == {
        ("kind", "lesson"): 2, ("kind", "barrier"): 2, ("kind", "recommendation"): 1, ("kind", "workstream"): 0,
        ("theme", "sponsor"): 3, ("theme", "trust"): 3, ("theme", "unused"): 0,  # every theme, so a link to one keeps it
        ("status", "active"): 5, ("status", "paused"): 0, ("status", "wound-down"): 0, ("status", "unknown"): 0,
        ("scope", "network"): 5, ("nation", "England"): 3, ("nation", "Scotland"): 2, ("region", "region"): 5,
        ("member", "nhs-trust"): 3, ("member", "university"): 3, ("member", "police"): 2,
        ("year", "2020"): 5, ("case", "alpha"): 3, ("case", "beta"): 2,
    }
    legends = [f.legend.get_text() for f in soup.select("fieldset[data-facet]")]
    assert legends == ["Kind", "Theme", "Status", "What it is", "Nation", "Region", "Member type", "Start year", "Case study"]
    assert [f["data-facet"] for f in soup.select("fieldset[data-multi]")] == ["theme", "member"]
    titles = {box["value"]: box.find_next(class_="aln-toggle__title").get_text()
              for box in soup.select("fieldset[data-facet=kind] input, fieldset[data-facet=status] input")}
    assert titles == {"lesson": "Lesson", "barrier": "Barrier", "recommendation": "Recommendation",
                      "workstream": "What they did", "active": "Active", "paused": "Paused", "wound-down": "Wound down",
                      "unknown": "Status unknown"}  # the former search page's titles, so its old links still read
    match = soup.select("fieldset[data-facet=member] input[type=radio]")
    assert [(r["name"], r["value"], r.has_attr("checked")) for r in match] == [
        ("member-match", "any", True), ("member-match", "all", False)]
    assert soup.select_one(".aln-explore-status")["aria-live"] == "polite"


def test_hostile_contributor_text_stays_text(catalogue: Catalogue) -> None:
    hostile_case = make_case("gamma", HOSTILE, "Wales", ("police",), [("barrier", "b", HOSTILE, ("trust",))])
    page = render_explorer(make_catalogue([*catalogue.case_studies, hostile_case]), Renderer())["explore.md"]
    soup = to_html(page)
    assert soup.find("img") is None
    assert not soup.find_all(attrs={"onerror": True})
    titles = [a.get_text() for a in soup.select(".aln-explore-item h3 a")]
    assert titles.count(HOSTILE) == 2
    assert any(a.get_text() == HOSTILE for a in soup.select(".aln-explore-item__from a"))
    assert any(t.get_text() == HOSTILE for t in soup.select(".aln-toggle__title"))


def test_regions_are_named_by_slugs_that_never_collide() -> None:
    cases = [make_case(f"c{n}", f"Case {n}", "England", ("police",), [("lesson", "l", "L", ("trust",))]) for n in range(4)]
    named = [dataclasses.replace(c, region=r) for c, r in zip(cases, ("South West", "South-West", "<b>x</b>", "🌱"))]
    assert explore.region_ids(make_catalogue(named)) == {"<b>x</b>": "b-x-b", "South West": "south-west",
                                                         "South-West": "south-west-2", "🌱": "region"}


def test_excerpt_is_plain_text_cut_at_a_word() -> None:
    text = explore.excerpt("A **bold** [link](https://example.org) and " + "word " * 60, limit=60)
    assert text.startswith("A bold link and word")
    assert text.endswith("word…") and len(text) <= 60
    assert explore.excerpt("Short.\n\nTwo paragraphs.") == "Short. Two paragraphs."


def parser_excerpt(text: str, limit: int) -> str:
    """What an excerpt must be: Python-Markdown and the sanitiser's HTML as plain text, cut at a word."""
    words = " ".join(html.unescape(re.sub(r"<[^>]*>", "", parsed_html(text))).split())
    return words if len(words) <= limit else words[:limit - 1].rsplit(" ", 1)[0].rstrip(",;:.-–— ") + "…"


plain_words = st.lists(st.sampled_from(["Word", "word,", "words.", "(a)", "it's", "“quoted”", "50%", "and/or", "–"]),
                       min_size=1, max_size=30).map(" ".join)
plain_paragraph = st.lists(plain_words, min_size=1, max_size=3).map("\n".join)
markdown_rest = st.lists(st.sampled_from(["Word", "\n", "\n\n", "- item", "**bold**", "[a]", "[a]: https://e.org",
                                          "[a](https://e.org)", "===", "---", "    code", "<div>", "</p>", "&amp;", "# H",
                                          "> q", "| a | b |\n|---|---|", "  ", "{: .x }", "*"]), max_size=10).map("".join)


@settings(max_examples=400, deadline=None)
@given(plain_paragraph, st.sampled_from(["", "\n", "\n\n", "\n\n\n"]), markdown_rest)
def test_an_excerpt_read_from_the_first_paragraph_is_the_whole_texts(first: str, gap: str, rest: str) -> None:
    """A long plain first paragraph is read alone: what follows it must not change the excerpt."""
    text = first + gap + rest
    for limit in (20, 60, 140):
        assert explore.excerpt(text, limit=limit) == parser_excerpt(text, limit), repr(text)


def test_every_excerpt_of_the_records_is_the_parsers() -> None:
    from test_markdown_fast_path import TEXTS  # every string of the seed records and the test cases
    for text in TEXTS:
        assert explore.excerpt(text) == parser_excerpt(text, explore.EXCERPT_CHARS), repr(text)


@pytest.mark.parametrize("text", ["One line.", "Two\nlines.", "Two.\n\nParagraphs.", "Three.\n\n\nBreaks.", "Wide  gap.",
                                  "Trailing break.\n", "Trailing breaks.\n\n\n", "Lines\nand\n\nparagraphs\n\n\nmixed  up.",
                                  "A long line of words. " * 8 + "\nand more.",
                                  "Mixed  spaces\n\n\nand " + "words " * 30 + "end"])
def test_plain_prose_excerpt_collapses_white_space_as_splitting_the_words_does(text: str) -> None:
    text = text.replace(" \n", "\n").rstrip(" ")  # plain prose: no line ends in a space
    words = " ".join(text.split())
    cut = words if len(words) <= 60 else words[:59].rsplit(" ", 1)[0].rstrip(",;:.-–— ") + "…"
    assert explore.PLAIN.fullmatch(text) and explore.excerpt(text, limit=60) == cut


def test_at_scale_the_page_links_theme_pages_and_the_items_come_from_a_script(catalogue: Catalogue,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(explore, "TEXT_CHUNK", 2)
    pages = render_explorer(catalogue, Renderer(), threshold=2)
    assert set(pages) == {"explore.md", "assets/explore-data.js", "assets/explore-text-0.js", "assets/explore-text-1.js",
                          "assets/explore-text-2.js"}  # five items, two to a text script
    soup = to_html(pages["explore.md"])
    assert soup.select(".aln-explore-item") == []
    assert soup.select_one("#aln-explorer")["data-source"] == "explore-data.js"
    assert {a["href"]: a["data-aln-page"] for a in soup.select(".aln-explore-nojs a[data-aln-page]")} == {
        "themes/sponsor.md": "themes/sponsor", "themes/trust.md": "themes/trust"}
    assert soup.select("fieldset[data-facet=case][data-from-data] input") == []
    script = pages["assets/explore-data.js"]
    prefix = "window.ALN_EXPLORE_DATA = "
    assert script.startswith(prefix) and script.endswith(";\n")
    data = json.loads(script[len(prefix):-2])
    assert [c["id"] for c in data["cases"]] == ["alpha", "beta"]
    assert data["cases"][0] == {"id": "alpha", "title": "Alpha Network", "page": "casestudies/alpha",
                                "nation": "England", "region": "region", "regionTitle": "Region",
                                "members": ["nhs-trust", "university"],
                                "status": "active", "statusText": "Active as of June 2024", "scope": "network",
                                "scopeTitle": "Anchor network", "year": "2020"}
    # the filters need only each item's kind, case study and themes; its words come with the text scripts
    rows = [dict(zip(data["fields"], row)) for row in data["items"]]
    assert len(rows) == 5 and rows[2] == {"kind": "barrier", "case": 0, "themes": [0, 1]}
    assert data["text"] == {"chunk": 2, "fields": ["id", "title", "excerpt", "source", "sourceUrl"],
                            "scripts": ["explore-text-0.js", "explore-text-1.js", "explore-text-2.js"]}
    texts = []
    for n, name in enumerate(data["text"]["scripts"]):
        text_script = pages[f"assets/{name}"]
        head = f"(window.ALN_EXPLORE_TEXT = window.ALN_EXPLORE_TEXT || {{}})[{n}] = "
        assert text_script.startswith(head) and text_script.endswith(";\n")
        texts += [dict(zip(data["text"]["fields"], row)) for row in json.loads(text_script[len(head):-2])]
        assert "<" not in text_script  # inert even if someone inlines it in a page
    assert len(texts) == 5
    assert texts[2] == {"id": "low-trust", "title": "Low trust", "excerpt": "Detail of Low trust.", "source": "Publisher",
                        "sourceUrl": ""}
    assert texts[3]["title"] == HOSTILE
    assert "<" not in script


def test_the_page_stays_under_1_mb_at_the_threshold() -> None:
    long = "Partners agreed that the shared programme needed a named senior sponsor in every organisation. " * 8
    cases = [make_case(f"case-{n:03}", f"Anchor network number {n} of the region", "England", ("nhs-trust", "police"),
                       [(("lesson", "barrier", "recommendation")[i % 3], f"item-{i:02}",
                         f"An item title of the usual length, about seventy characters long {i}", ("sponsor", "trust"))
                        for i in range(20)])
             for n in range(explore.SCALE_THRESHOLD // 20)]
    catalogue = make_catalogue([dataclasses.replace(c, lessons=tuple(i._replace(detail=long) for i in c.lessons))
                                for c in cases])
    assert len(catalogue.items) == explore.SCALE_THRESHOLD
    pages = render_explorer(catalogue, Renderer())
    assert set(pages) == {"explore.md"}
    # Material's header, navigation and footer add about 30 kB to what Markdown gives.
    assert len(str(to_html(pages["explore.md"])).encode()) < 900_000


def test_theme_pages_link_each_kind_to_the_explorer(catalogue: Catalogue) -> None:
    page = Renderer().render("theme.md.j2", "themes/sponsor.md", site=catalogue, theme=THEMES["sponsor"])
    assert "(../explore.md?theme=sponsor&kind=barrier)" in page
    assert "(../explore.md?theme=sponsor&kind=recommendation)" in page
    assert "kind=lesson" not in page  # no lesson on this theme


def test_large_counts_read_with_thousands_separators() -> None:
    cases = [make_case(f"case-{n:03}", f"Network {n}", "England", ("nhs-trust",),
                       [("lesson", f"item-{i:02}", f"Item {i}", ("sponsor",)) for i in range(20)]) for n in range(60)]
    pages = render_explorer(make_catalogue(cases), Renderer())
    text = " ".join(to_html(pages["explore.md"]).get_text(" ").split())
    assert "There are 1,200 items" in text
    assert "1,200 items" in to_html(pages["explore.md"]).select_one("#aln-explore-status").text
