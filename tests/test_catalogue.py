"""The model built from tests/fixtures/mini/: three tiny records, and the indexes the site reads.

The three case studies, in title order:
  Aardvark Collaborative (id zeta-collaborative)  Wales, paused      local-authority
      look-after-staff      procurement-social-value, community-wealth-building, staff-wellbeing
  Alpha Network (alpha-network)                   England, active    nhs-trust, local-authority
      buy-local             procurement-social-value, quality-work
      no-time (barrier)     resourcing-capacity
      fund-a-coordinator    resourcing-capacity, procurement-social-value   (addresses no-time)
  Beta Partnership (beta-partnership)             Scotland, wound-down   university
      pay-fairly            procurement-social-value, quality-work
      keep-wealth-local     procurement-social-value, community-wealth-building
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.pipeline import load_site
from generator.model.entities import Catalogue, CaseStudy
from generator.problems import CaseStudyError

MINI = Path(__file__).resolve().parent / "fixtures" / "mini"


@pytest.fixture(scope="module")
def mini_root(tmp_path_factory: pytest.TempPathFactory, root: Path) -> Path:
    """The mini project, with schemas/ copied from the real project at test time."""
    project = tmp_path_factory.mktemp("mini")
    shutil.copytree(MINI / "casestudies", project / "casestudies")
    shutil.copytree(root / "schemas", project / "schemas")
    return project


@pytest.fixture(scope="module")
def site(mini_root: Path) -> Catalogue:
    return load_site(mini_root)


def ids(cases: tuple[CaseStudy, ...]) -> list[str]:
    return [c.id for c in cases]


def test_case_studies_are_sorted_by_title(site: Catalogue) -> None:
    assert [c.title for c in site.case_studies] == ["Aardvark Collaborative", "Alpha Network", "Beta Partnership"]


def test_items_by_theme(site: Catalogue) -> None:
    """Items in case-study title order, then lessons, barriers, recommendations; every theme has an entry."""
    assert [i.key for i in site.items_by_theme["procurement-social-value"]] == [
        "zeta-collaborative/look-after-staff",
        "alpha-network/buy-local",
        "alpha-network/fund-a-coordinator",
        "beta-partnership/pay-fairly",
        "beta-partnership/keep-wealth-local",
    ]
    assert [i.key for i in site.items_by_theme["resourcing-capacity"]] == [
        "alpha-network/no-time", "alpha-network/fund-a-coordinator",
    ]
    assert site.items_by_theme["meeting-design"] == ()
    assert list(site.items_by_theme) == [t.id for t in site.themes]


def test_case_studies_by_nation(site: Catalogue) -> None:
    assert {n: ids(c) for n, c in site.case_studies_by_nation.items()} == {
        "England": ["alpha-network"], "Scotland": ["beta-partnership"], "Wales": ["zeta-collaborative"], "Northern Ireland": [],
    }


def test_case_studies_by_member_type(site: Catalogue) -> None:
    by_type = {t: ids(c) for t, c in site.case_studies_by_member_type.items()}
    assert by_type["local-authority"] == ["zeta-collaborative", "alpha-network"]
    assert by_type["nhs-trust"] == ["alpha-network"]
    assert by_type["university"] == ["beta-partnership"]
    assert by_type["police"] == []
    assert list(by_type) == list(site.member_types)


def test_case_studies_by_status(site: Catalogue) -> None:
    assert {s: ids(c) for s, c in site.case_studies_by_status.items()} == {
        "active": ["alpha-network"], "paused": ["zeta-collaborative"], "wound-down": ["beta-partnership"], "unknown": [],
    }


def test_case_studies_by_theme(site: Catalogue) -> None:
    assert ids(site.case_studies_by_theme["quality-work"]) == ["alpha-network", "beta-partnership"]
    assert ids(site.case_studies_by_theme["staff-wellbeing"]) == ["zeta-collaborative"]


def test_cooccurrence_counts_and_order(site: Catalogue) -> None:
    """Most shared first; ties in vocabulary order (not alphabetical: staff-wellbeing before resourcing-capacity)."""
    pairs = {t: [(o.id, n) for o, n in others] for t, others in site.cooccurrence.items()}
    assert pairs["procurement-social-value"] == [
        ("quality-work", 2), ("community-wealth-building", 2), ("staff-wellbeing", 1), ("resourcing-capacity", 1),
    ]
    assert pairs["quality-work"] == [("procurement-social-value", 2)]
    assert pairs["resourcing-capacity"] == [("procurement-social-value", 1)]
    assert pairs["meeting-design"] == []


def test_related_ranked_by_shared_themes_ties_by_title(site: Catalogue) -> None:
    """Beta shares two themes with each of the others: Aardvark comes first by title, though its id sorts last."""
    related = {c: [(r.id, n) for r, n in ranked] for c, ranked in site.related.items()}
    assert related == {
        "alpha-network": [("beta-partnership", 2), ("zeta-collaborative", 1)],
        "beta-partnership": [("zeta-collaborative", 2), ("alpha-network", 2)],
        "zeta-collaborative": [("beta-partnership", 2), ("alpha-network", 1)],
    }


def test_barrier_addressed_by_links_to_recommendations(site: Catalogue) -> None:
    alpha = site.case_study("alpha-network")
    assert alpha.barriers[0].addressed_by == ("fund-a-coordinator",)
    assert alpha.recommendations[0].addresses == ("no-time",)
    assert alpha.lessons[0].addressed_by == ()


def test_dates_stay_strings(site: Catalogue) -> None:
    """Unquoted YAML dates (reviewed: 2024-06-30) are kept as written, never turned into date objects."""
    alpha, beta, zeta = (site.case_study(i) for i in ("alpha-network", "beta-partnership", "zeta-collaborative"))
    assert (alpha.reviewed, alpha.sources[0].date, alpha.started.date, alpha.ended.known) == (
        "2024-06-30", "2021-05-17", "2019-04", False)
    assert (beta.started.date, beta.ended.date, beta.reviewed) == ("2018", "2022-03", "2023-01-15")
    assert zeta.started.date == "2020-09-14"
    assert alpha.raw["reviewed"] == "2024-06-30"


def test_members_are_sorted_by_type_then_name(site: Catalogue) -> None:
    assert [(m.type, m.type_title) for m in site.case_study("alpha-network").members] == [
        ("nhs-trust", "NHS trust"), ("local-authority", "Local authority"),
    ]


def test_a_broken_record_stops_the_build_with_every_problem(mini_root: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(mini_root, broken)
    path = broken / "casestudies" / "alpha-network.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("[resourcing-capacity]", "[resourcing]"), encoding="utf-8")
    with pytest.raises(CaseStudyError) as raised:
        load_site(broken)
    assert [str(p) for p in raised.value.problems] == [
        "casestudies/alpha-network.yaml:33:14: barriers[0].themes[0], the first barrier's first theme: unknown theme 'resourcing'"
        " (did you mean 'resourcing-capacity'?)",
    ]
    assert str(raised.value) == "1 case-study problem in 1 file"
