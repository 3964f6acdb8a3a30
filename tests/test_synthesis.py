"""The synthesis views computed from a small fixture synthesis_catalogue, checked against the model and by hand."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from generator.pipeline import load_site
from generator.views.matrix import MATRIX_PAGE_SIZE, SHADES, build_matrix, shade
from generator.kinds import KINDS
from generator.model.entities import Catalogue
from generator.views.links import Publication, page_href
from generator.render.pages import render_pages
from generator.views.synthesis import case_links, recurrence, region_anchor, where
from generator.views.timeline import build_timeline, year_fraction

SYNTHESIS_FIXTURES = Path(__file__).parent / "fixtures" / "synthesis"
SYNTHESIS_PAGES = ("synthesis/index.md", "synthesis/matrix.md", "synthesis/recurs.md", "synthesis/timeline.md",
                   "synthesis/where.md", "data/index.md")


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
    gamma = synthesis_catalogue.case_study("gamma")
    assert case_links(synthesis_catalogue, gamma, page_size=3).matrix == "synthesis/matrix-2.md#case-gamma"
    assert case_links(synthesis_catalogue, gamma).matrix == "synthesis/matrix.md#case-gamma"
    assert case_links(synthesis_catalogue, gamma).where == "synthesis/where.md#region-england-london"


def test_what_recurs_ranks_themes_by_networks_reporting_barriers(synthesis_catalogue: Catalogue) -> None:
    ranking = recurrence(synthesis_catalogue)
    assert [(r.theme.id, len(r.networks), len(r.barriers)) for r in ranking] == [
        ("senior-sponsorship", 3, 4), ("shared-ownership", 2, 2), ("resourcing-capacity", 1, 1)]
    for r in ranking:
        on_theme = synthesis_catalogue.items_by_theme[r.theme.id]
        assert {c.id for c in r.networks} == {i.case_id for i in on_theme if i.kind == "barrier"}
        assert {i.key for i in r.recommendations} == {i.key for i in on_theme if i.kind == "recommendation"}
    top = ranking[0]
    assert [i.key for i in top.recommendations] == ["alpha/name-a-sponsor"]
    assert top.answers == {"alpha/name-a-sponsor"}


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
    links = case_links(synthesis_catalogue, synthesis_catalogue.case_study("gamma"), timeline_page_size=3)
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
    assert "(../synthesis/matrix.md#case-gamma)" in case_page and "(../synthesis/timeline.md#case-gamma)" in case_page
    assert "<https://example.org/casestudies/gamma/>" in case_page
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
    assert case_links(big_catalogue, last).matrix == f"synthesis/matrix-{matrix_pages}.md#case-{last.id}"
    assert f'id="case-{last.id}"' in pages[case_links(big_catalogue, last).timeline.partition("#")[0]]
    assert max(synthesis.values()) < 1_000_000, sorted(synthesis.items(), key=lambda kv: -kv[1])[:3]
