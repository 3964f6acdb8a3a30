"""The synthesis views computed from a small fixture synthesis_catalogue, checked against the model and by hand."""
from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.pipeline import load_site
from generator.views.matrix import MATRIX_PAGE_SIZE, SHADES, build_matrix, shade
from generator.kinds import KINDS
from generator.model.entities import Catalogue
from generator.views.links import Publication, page_href
from generator.render.pages import render_pages
from generator.views.compare import COMPARE_CHUNK, DATA_URI, choices, data_chunks
from generator.views.pitfalls import PITFALLS_PER_THEME, pitfalls
from generator.views.synthesis import case_links, region_anchor, where
from generator.views.timeline import build_timeline, year_fraction
from generator.views.ukmap import ENGLISH_REGIONS, canonical_region, uk_map

SYNTHESIS_FIXTURES = Path(__file__).parent / "fixtures" / "synthesis"
SYNTHESIS_PAGES = ("synthesis/index.md", "synthesis/matrix.md", "synthesis/pitfalls.md", "synthesis/recurs.md",
                   "synthesis/compare.md", "synthesis/timeline.md", "synthesis/where.md", "data/index.md")


def test_every_matrix_cell_counts_the_items_of_that_case_study_on_that_theme(synthesis_catalogue: Catalogue) -> None:
    matrix = build_matrix(synthesis_catalogue)
    for theme in synthesis_catalogue.themes:
        for case in synthesis_catalogue.case_studies:
            expected = [sum(1 for i in case.items if i.kind == kind and theme in i.themes) for kind in KINDS]
            cell = matrix.cell(theme.id, case.id)
            counts = [cell.lessons, cell.barriers, cell.recommendations, cell.workstreams] if cell else [0, 0, 0, 0]
            assert counts == expected


def test_matrix_counts_by_hand(synthesis_catalogue: Catalogue) -> None:
    matrix = build_matrix(synthesis_catalogue)
    sponsorship = matrix.cell("senior-sponsorship", "alpha")
    assert (sponsorship.lessons, sponsorship.barriers, sponsorship.recommendations, sponsorship.total) == (1, 2, 1, 4)
    assert sponsorship.level == SHADES and matrix.max_total == 4
    gamma = matrix.cell("shared-ownership", "gamma")
    assert (gamma.lessons, gamma.barriers, gamma.recommendations, gamma.level) == (0, 1, 0, 1)  # 1 of 4: the lightest
    assert matrix.cell("staff-wellbeing", "alpha") is None
    row = next(r for r in matrix.rows if r.theme.id == "senior-sponsorship")
    assert (row.networks, row.items) == (3, 6)


def test_shades_and_legend_agree() -> None:
    for max_total in range(1, 30):
        from generator.views.matrix import Matrix
        legend = Matrix((), (), {}, max_total).legend
        for total in range(1, max_total + 1):
            level = shade(total, max_total)
            assert [lvl for lvl, low, high in legend if low <= total <= high] == [level]
    assert shade(0, 5) == 0


def test_matrix_paginates_columns_and_case_pages_link_to_their_column(synthesis_catalogue: Catalogue) -> None:
    matrix = build_matrix(synthesis_catalogue, page_size=3)
    assert [p.page_uri for p in matrix.pages] == ["synthesis/matrix.md", "synthesis/matrix-2.md"]
    assert [c.id for p in matrix.pages for c in p.cases] == [c.id for c in synthesis_catalogue.case_studies]
    assert case_links(synthesis_catalogue, page_size=3)["gamma"].matrix == "synthesis/matrix-2.md#case-gamma"
    assert case_links(synthesis_catalogue)["gamma"].matrix == "synthesis/matrix.md#case-gamma"
    assert case_links(synthesis_catalogue)["gamma"].where == "synthesis/where.md#region-england-london"


EPSILON = """\
schema_version: 2
id: epsilon
title: Epsilon Partnership
scope: network
network:
  name: Epsilon Partnership
summary: A network whose one barrier it reported jointly with Alpha.
place:
  area: Leeds
  region: Yorkshire and The Humber
  nation: England
started: "2020"
status:
  state: active
convenor: Leeds City Council
members:
  - name: Leeds City Council
    type: local-authority
context: A short context.
workstreams:
  - id: shared-post
    name: A shared coordinator
    themes: [resourcing-capacity]
barriers:
  - id: too-busy
    title: Leaders were too busy to sponsor it
    detail: Nobody had the time.
    themes: [resourcing-capacity, senior-sponsorship]
    shared_with: [alpha]
    quote:
      text: We never found the hour.
      by: One director
recommendations:
  - id: protect-time
    title: Protect a sponsor's time
    detail: Put it in the job plan.
    themes: [senior-sponsorship]
    addresses: [too-busy]
sources:
  - id: notes
    title: Epsilon notes
    publisher: Epsilon
    kind: report
reviewed: "2025-01-01"
"""


@pytest.fixture
def pitfall_catalogue(synthesis_project: Path) -> Catalogue:
    """The synthesis fixtures plus Epsilon: a barrier shared with Alpha, with a quote and an answer, and a workstream."""
    (synthesis_project / "casestudies" / "epsilon.yaml").write_text(EPSILON, encoding="utf-8")
    return load_site(synthesis_project)


def test_pitfalls_rank_themes_by_case_studies_reporting_barriers_and_show_each_barrier_once(
        pitfall_catalogue: Catalogue) -> None:
    report = pitfalls(pitfall_catalogue)
    assert (report.cases, report.cases_with_barriers, report.barriers) == (5, 4, 7)
    assert [(t.theme.id, [c.id for c in t.reporters], t.barriers) for t in report.themes] == [
        ("senior-sponsorship", ["alpha", "beta", "epsilon", "gamma"], 5),
        ("resourcing-capacity", ["alpha", "beta", "epsilon"], 2),
        ("shared-ownership", ["alpha", "gamma"], 2)]
    shown = [p.barrier.key for t in report.themes for p in t.pitfalls]
    every = [b.key for c in pitfall_catalogue.case_studies for b in c.barriers]
    assert sorted(shown) == sorted(every)  # each barrier once, none left out
    top = report.themes[0]
    # shared first, then the barriers a record answers, then catalogue order
    assert [p.barrier.key for p in top.pitfalls] == ["epsilon/too-busy", "alpha/no-sponsor", "alpha/sponsor-left",
                                                     "beta/no-backing", "gamma/nobody-led"]
    # a section names the barriers on its theme shown elsewhere, with the theme they are under
    assert [(i.key, home.id) for i, home in report.themes[2].elsewhere] == [("gamma/nobody-led", "senior-sponsorship")]
    assert [(i.key, home.id) for i, home in report.themes[1].elsewhere] == [("epsilon/too-busy", "senior-sponsorship")]


def test_a_pitfall_names_who_reports_it_and_sets_its_answers_beside_what_shares_its_theme(
        pitfall_catalogue: Catalogue) -> None:
    report = pitfalls(pitfall_catalogue)
    block = {p.barrier.key: p for t in report.themes for p in t.pitfalls}
    shared = block["epsilon/too-busy"]
    assert [c.id for c in shared.reporters] == ["alpha", "epsilon"]  # seen in 2: the writer and who it is credited to
    assert [i.key for i in shared.answers] == ["epsilon/protect-time"]  # the record's own link (addresses)
    assert shared.same_theme_recommendations == ()  # answered: no recommendation that merely shares a theme
    assert [i.key for i in shared.same_theme_actions] == ["epsilon/shared-post"]
    assert [i.key for i in block["alpha/no-sponsor"].answers] == ["alpha/name-a-sponsor"]
    assert block["alpha/sponsor-left"].answers == ()  # same theme as an answer is not an answer
    # unanswered: recommendations on its themes instead, its own case study's first, labelled as such on the page
    assert [i.key for i in block["alpha/sponsor-left"].same_theme_recommendations] == ["alpha/name-a-sponsor",
                                                                                       "epsilon/protect-time"]
    assert [i.key for i in block["beta/no-backing"].same_theme_recommendations] == ["alpha/name-a-sponsor",
                                                                                    "epsilon/protect-time"]


def test_the_pitfalls_page_says_what_it_rests_on_and_names_the_case_studies(pitfall_catalogue: Catalogue) -> None:
    page = render_pages(pitfall_catalogue)["synthesis/pitfalls.md"]
    text = " ".join(re.sub(r"<[^>]+>", "", page).split())
    assert "This rests on 5 case studies. 4 of them record barriers: 7 barriers in all." in text
    assert "Seen in 4 of 5 case studies: Alpha Anchor Network, Beta Collaborative, Epsilon Partnership and Gamma Network." in text
    assert "Seen in 2 of 5 case studies, in one joint statement: Alpha Anchor Network and Epsilon Partnership." in text
    assert "Reported by Beta Collaborative." in text
    assert "“We never found the hour.”" in text and "One director" in text
    assert page.count('id="pitfall-epsilon-too-busy"') == 1
    assert page.count(">Leaders were too busy to sponsor it<") == 2  # its block, and a link from its other theme
    # the block: the barrier's answer in one column, what was done on its theme in the other
    block = page.split('id="pitfall-epsilon-too-busy"')[1].split("</section>")[0]
    answer, action = block.split("aln-pitfall__col--action")
    assert "What they recommend for it" in answer and "#protect-time" in answer and "on the same theme" not in answer
    unanswered = page.split('id="pitfall-alpha-sponsor-left"')[1].split("</section>")[0]
    assert "No recommendation in the records is linked to this barrier." in unanswered
    assert "Recommended on the same theme:" in unanswered and "#name-a-sponsor" in unanswered
    assert "#shared-post" in action and "What was done on the same theme" in action
    assert 'href="../../casestudies/epsilon/"' in page  # case studies are named with links
    assert "No recommendation in the records is linked to this barrier." in page


def test_the_old_what_recurs_address_sends_readers_to_common_pitfalls(synthesis_catalogue: Catalogue) -> None:
    pages = render_pages(synthesis_catalogue)
    moved = pages["synthesis/recurs.md"]
    # a link, not a redirect (a page that leaves as it loads breaks its own scripts); it keeps an old #theme anchor
    assert 'href="../../synthesis/pitfalls/"' in moved and '.hash = location.hash' in moved
    for uri in ("synthesis/index.md", "synthesis/matrix.md", "casestudies/alpha.md"):
        assert "synthesis/recurs" not in pages[uri] and "recurs.md" not in pages[uri], uri


def test_pitfalls_at_scale_show_a_few_per_theme_and_link_to_the_rest(pitfall_catalogue: Catalogue,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.views.pitfalls as module
    monkeypatch.setattr(module, "PITFALLS_PER_THEME", 2)
    report = module.pitfalls(pitfall_catalogue)
    assert [len(t.pitfalls) for t in report.themes] == [2, 1, 1] and report.themes[0].homed == 5
    assert PITFALLS_PER_THEME >= 5


def test_map_counts_each_case_study_in_one_area(pitfall_catalogue: Catalogue, synthesis_project: Path) -> None:
    (synthesis_project / "casestudies" / "zeta.yaml").write_text(
        EPSILON.replace("id: epsilon", "id: zeta").replace("Epsilon Partnership", "Zeta Collection")
        .replace("region: Yorkshire and The Humber", "region: Several regions").replace("shared_with: [alpha]\n    ", "")
        .replace("A network whose one barrier it reported jointly with Alpha.", "A collection spanning regions.")
        .replace("Leaders were too busy to sponsor it", "Leaders were always elsewhere")
        .replace("Nobody had the time.", "Diaries were full.").replace("Protect a sponsor's time", "Book the sponsor early")
        .replace("Put it in the job plan.", "Plan the year ahead.").replace("We never found the hour.", "Not this month.")
        .replace("A shared coordinator", "A paid coordinator"), encoding="utf-8")
    catalogue = load_site(synthesis_project)
    ukmap = uk_map(catalogue)
    counts = {a.id: len(a.cases) for a in ukmap.areas}
    assert len(counts) == 12 and list(counts)[:9] == [f"england-{slug}" for slug in (
        "north-east", "north-west", "yorkshire-and-the-humber", "east-midlands", "west-midlands", "east-of-england",
        "london", "south-east", "south-west")]
    assert counts == {**dict.fromkeys(counts, 0), "england-north-west": 1, "england-london": 1,
                      "england-yorkshire-and-the-humber": 1, "scotland": 1, "wales": 1}
    assert [c.id for c in ukmap.unplaced] == ["zeta"]  # an English record with no one region is counted apart
    assert sum(counts.values()) + len(ukmap.unplaced) == len(catalogue.case_studies)
    yorkshire = next(a for a in ukmap.areas if a.id == "england-yorkshire-and-the-humber")
    # "Yorkshire and The Humber" as written is the map's region: its anchor on the Where page and its finder link
    assert yorkshire.where == "synthesis/where.md#region-england-yorkshire-and-the-humber"
    assert yorkshire.finder == "explore.md?region=yorkshire-and-the-humber"  # the finder's id of the record's spelling
    assert region_anchor(catalogue.case_study("epsilon")) == "region-england-yorkshire-and-the-humber"
    wales = next(a for a in ukmap.areas if a.id == "wales")
    assert (wales.where, wales.finder) == ("synthesis/where.md#wales", "explore.md?nation=Wales")
    page = render_pages(catalogue)["synthesis/where.md"]
    assert page.count('class="aln-ukmap__link"') == 5 and 'aria-label="London: 1 case study"' in page
    assert '<title id="ukmap-title">' in page and '<desc id="ukmap-desc">' in page
    assert 'id="region-england-yorkshire-and-the-humber"' in page or "{ #region-england-yorkshire-and-the-humber }" in page
    assert "England, not in one region" in page and "explore/?region=yorkshire-and-the-humber" in page
    assert "explore.md?region=yorkshire-and-the-humber)" in page  # the region's own section links the same way
    assert uk_map(catalogue, region_id=lambda r: r.upper()).areas[2].finder == "explore.md?region=YORKSHIRE+AND+THE+HUMBER"
    assert {canonical_region(c) for c in catalogue.case_studies} == {None, "North West", "London", "Yorkshire and the Humber"}
    assert len(ENGLISH_REGIONS) == 9


def test_map_outlines_stay_inside_the_drawing_and_areas_share_their_borders() -> None:
    from generator.views import ukmap as m
    for name, (lon, lat) in m._P.items():
        x, y = m.project(lon, lat)
        assert 0 <= x <= m.WIDTH and 0 <= y <= m.HEIGHT, name
    used = [p for shapes in m._SHAPES.values() for shape in shapes for p in shape if isinstance(p, str)]
    assert set(used) == set(m._P)  # no point left over, none missing
    # every point on a land border between two areas is used by both
    for name in ("kielder", "ne-nw-yh", "nw-yh-em", "em-wm-se", "wm-wales-sw", "eoe-ldn-se", "nw-wm-wales"):
        assert used.count(name) >= 2, name


def test_compare_data_holds_each_case_study_once_in_its_chunk(synthesis_catalogue: Catalogue) -> None:
    chunks = data_chunks(synthesis_catalogue, chunk=3)
    assert [sorted(c) for c in chunks.values()] == [["alpha", "beta", "delta"], ["gamma"]]
    picks = choices(synthesis_catalogue, chunk=3)
    assert [(p.case.id, p.chunk) for p in picks] == [("alpha", 0), ("beta", 0), ("delta", 0), ("gamma", 1)]
    alpha = chunks[0]["alpha"]
    theme_ids = [t.id for t in synthesis_catalogue.themes]
    case = synthesis_catalogue.case_study("alpha")
    assert [(k, i, title, [theme_ids[n] for n in themes]) for k, i, title, themes in alpha["items"]] == [
        (["lesson", "barrier", "recommendation", "workstream"].index(item.kind), item.id, item.title,
         [t.id for t in item.themes]) for item in case.items]
    assert dict(alpha["facts"])["Where"] == "Lancaster, North West, England"
    assert dict(alpha["facts"])["What it is"] == "Anchor network"
    pages = render_pages(synthesis_catalogue)
    script = pages[DATA_URI.format(0)]
    assert script.startswith("Object.assign(window.ALN_COMPARE = window.ALN_COMPARE || {}, {") and COMPARE_CHUNK > 3
    page = pages["synthesis/compare.md"]
    assert page.count("<li data-case=") == 4 and '<li data-case="gamma" data-chunk="0">' in page
    assert 'href="../../casestudies/gamma/"' in page  # the plain list without JavaScript links every case study
    assert "synthesis/compare/?case=alpha" in pages["casestudies/alpha.md"]  # "compare it with others" from a case page


def test_compare_data_is_inert_text(make_project: Any) -> None:
    project = make_project(SYNTHESIS_FIXTURES)
    alpha = project / "casestudies" / "alpha.yaml"
    alpha.write_text(alpha.read_text(encoding="utf-8").replace("title: Find a sponsor early",
                                                               "title: \"</script><script>alert(1)</script>\""),
                     encoding="utf-8")
    pages = render_pages(load_site(project))
    assert "</script>" not in pages[DATA_URI.format(0)] and "\\u003c/script\\u003e" in pages[DATA_URI.format(0)]


def test_where_counts_nations_and_regions(synthesis_catalogue: Catalogue) -> None:
    nations = {n.name: n for n in where(synthesis_catalogue)}
    assert list(nations) == ["England", "Scotland", "Wales", "Northern Ireland"]
    assert {n: len(v.cases) for n, v in nations.items()} == {"England": 2, "Scotland": 1, "Wales": 1, "Northern Ireland": 0}
    assert [(r.name, len(r.cases)) for r in nations["England"].regions] == [("London", 1), ("North West", 1)]
    assert region_anchor(synthesis_catalogue.case_study("beta")) == "region-scotland-ayrshire"


def test_year_fraction_covers_the_period_a_partial_date_names() -> None:
    assert year_fraction("2020") == 2020 and year_fraction("2020", end=True) == 2021
    assert year_fraction("2022-06", end=True) == 2022.5 and year_fraction("2022-07") == 2022.5
    assert 2021.66 < year_fraction("2021-09-01") < 2021.67


def test_timeline_pages_share_one_axis(synthesis_catalogue: Catalogue) -> None:
    pages = build_timeline(synthesis_catalogue, page_size=3)
    assert [p.page_uri for p in pages] == ["synthesis/timeline.md", "synthesis/timeline-2.md"]
    assert pages[0].ticks == pages[1].ticks and [len(p.rows) for p in pages] == [3, 1]
    links = case_links(synthesis_catalogue, timeline_page_size=3)["gamma"]
    assert links.timeline == "synthesis/timeline-2.md#case-gamma"


def test_timeline_pager_names_each_page_by_its_start_years(synthesis_catalogue: Catalogue) -> None:
    pages = build_timeline(synthesis_catalogue, page_size=3)
    assert [p.years for p in pages] == ["2018–2020", "2021"]  # one year reads as one year, not "2021–2021"


def test_timeline_draws_unknown_ends_honestly(synthesis_catalogue: Catalogue) -> None:
    (timeline,) = build_timeline(synthesis_catalogue)
    rows = {r.case.id: r for r in timeline.rows}
    assert [r.case.id for r in timeline.rows] == ["delta", "alpha", "beta", "gamma"]  # by start date
    assert (rows["alpha"].shape, rows["delta"].shape, rows["gamma"].shape) == ("active", "ended", "paused")
    assert rows["beta"].shape == "end-unknown" and "does not say when" in rows["beta"].note
    # a pause known from 2023, with evidence dated after it: dotted from the pause to that date, never further
    assert rows["gamma"].x_tail is not None and rows["gamma"].x_tail > rows["gamma"].x_end
    years = dict((y, x) for x, y in timeline.ticks)
    assert years[2018] == rows["delta"].x_start and years[2018] < rows["delta"].x_end < years[2023]
    assert all(r.x_start < r.x_end <= timeline.width for r in timeline.rows)


@pytest.mark.parametrize(("target", "here", "directory_urls", "expected"), [
    ("explore.md?theme=a&case=b", "synthesis/matrix.md", True, "../../explore/?theme=a&case=b"),
    ("explore.md?theme=a", "synthesis/matrix.md", False, "../explore.html?theme=a"),
    ("themes/x.md", "synthesis/matrix-2.md", True, "../../themes/x/"),
    ("casestudies/bay.md#k", "casestudies/other.md", True, "../bay/#k"),
    ("index.md", "synthesis/index.md", True, "../"),
    ("data/index.md", "index.md", False, "data/index.html"),
])
def test_page_href_mirrors_mkdocs_urls(target: str, here: str, directory_urls: bool, expected: str) -> None:
    assert page_href(target, here, directory_urls) == expected


def test_publication_urls() -> None:
    pub = Publication.of("https://example.org/kb")
    assert pub.url("casestudies/bay.md#x") == "https://example.org/kb/casestudies/bay/#x"
    assert Publication.of("https://example.org/kb/", directory_urls=False).url("index.md") == "https://example.org/kb/index.html"


def front_matter(markdown: str) -> dict[str, object]:
    match = re.match(r"---\n(.*?\n)---\n", markdown, re.S)
    assert match, markdown[:200]
    return yaml.safe_load(match.group(1))


def test_synthesis_pages_render_with_descriptions_and_links_that_resolve(synthesis_catalogue: Catalogue,
                                                                         synthesis_project: Path) -> None:
    pages = render_pages(synthesis_catalogue, site_url="https://example.org/")
    for uri in SYNTHESIS_PAGES:
        assert len(str(front_matter(pages[uri])["description"])) > 40, uri
    matrix = pages["synthesis/matrix.md"]
    assert '<caption id="matrix-caption">' in matrix and 'scope="row"' in matrix and 'scope="col"' in matrix
    for href in re.findall(r'href="([^"]+)"', matrix):
        path = re.sub(r"[?#].*", "", href)
        resolved = Path("/synthesis/matrix/", path).resolve().as_posix().strip("/")
        assert f"{resolved}.md" in pages or f"{resolved}/index.md" in pages or resolved == "explore", href
    assert "explore/?theme=senior-sponsorship&amp;case=alpha" in matrix
    case_page = pages["casestudies/gamma.md"]
    assert '"../../synthesis/matrix/#case-gamma"' in case_page and '"../../synthesis/timeline/#case-gamma"' in case_page
    assert '<a href="https://example.org/casestudies/gamma/">https://example.org/casestudies/gamma/</a>' in case_page
    assert 'id="case-gamma"' in pages["synthesis/timeline.md"]


def test_at_1000_case_studies_every_synthesis_page_stays_under_1_mb(tmp_path: Path, root: Path) -> None:
    big = tmp_path / "big"
    shutil.copytree(root / "schemas", big / "schemas")
    shutil.copy(root / "CONTRIBUTING.md", big / "CONTRIBUTING.md")
    (big / "casestudies").mkdir()
    for n in range(1000):
        for source in SYNTHESIS_FIXTURES.glob("*.yaml"):
            if n % 4 == "abdg".index(source.stem[0]):
                text = source.read_text(encoding="utf-8")
                new_id = f"{source.stem}-{n:04d}"
                text = text.replace(f"id: {source.stem}\n", f"id: {new_id}\n", 1)
                (big / "casestudies" / f"{new_id}.yaml").write_text(text, encoding="utf-8")
    big_catalogue = load_site(big)
    assert len(big_catalogue.case_studies) == 1000
    pages = render_pages(big_catalogue)
    synthesis = {uri: len(text.encode()) for uri, text in pages.items() if uri.startswith("synthesis/")}
    matrix_pages = -(-1000 // MATRIX_PAGE_SIZE)
    assert len([u for u in synthesis if u.startswith("synthesis/matrix")]) == matrix_pages
    assert len([u for u in synthesis if u.startswith("synthesis/timeline")]) == 10
    last = big_catalogue.case_studies[-1]
    assert case_links(big_catalogue)[last.id].matrix == f"synthesis/matrix-{matrix_pages}.md#case-{last.id}"
    assert f'id="case-{last.id}"' in pages[case_links(big_catalogue)[last.id].timeline.partition("#")[0]]
    assert max(synthesis.values()) < 1_000_000, sorted(synthesis.items(), key=lambda kv: -kv[1])[:3]
    compare = {uri: len(text.encode()) for uri, text in pages.items() if uri.startswith("assets/compare/")}
    assert len(compare) == 1000 // COMPARE_CHUNK and max(compare.values()) < 1_000_000


@pytest.mark.parametrize("uri", ["synthesis/pitfalls.md", "synthesis/compare.md", "synthesis/where.md", "synthesis/recurs.md"])
def test_page_introductions_read_at_grade_12_or_below(synthesis_catalogue: Catalogue, uri: str) -> None:
    import textstat  # 0.7.4: pyphen's dictionaries only, nothing downloaded at run time

    page = render_pages(synthesis_catalogue)[uri]
    intro = re.findall(r'<p class="aln-(?:lede|pitfalls__base)">(.*?)</p>', page, re.S)
    text = " ".join(re.sub(r"<[^>]+>", "", part) for part in intro)
    assert len(text.split()) >= 12, uri
    assert textstat.flesch_kincaid_grade(text) <= 12, (uri, textstat.flesch_kincaid_grade(text), text)
