"""The finder (explore page) in headless Chromium: every facet, counts and disabled choices, words, member types
"any of / all of", status, copy link, the phone's "Filters (n)" button, JavaScript off, file://, and the at-scale mode.

Expected results are computed from the model (``explore.entries``), the same facts the page is built from."""
from __future__ import annotations

import re
import shutil
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import markdown
import pytest

from finder_pages import write_scale_finder
from generator.render import explore
from generator.render.explore import render_explorer
from generator.model.entities import Catalogue
from generator.render.renderer import Renderer

pytestmark = [pytest.mark.browser, pytest.mark.slow]

THEME = "senior-sponsorship"
ITEM_HREF = re.compile(r"casestudies/([^/#]+?)(?:/|\.html|\.md)?#(.+)$")
FACETS = ("kind", "theme", "status", "scope", "nation", "region", "member", "year", "case")


def shown(page: Any) -> list[str]:
    """``case/item`` keys of the items on show, in page order."""
    hrefs = page.eval_on_selector_all(".aln-explore-item:not([hidden]) h3 > a:not(.headerlink)",
                                      "links => links.map(a => a.getAttribute('href'))")
    return ["/".join(ITEM_HREF.search(href).groups()) for href in hrefs]


def option(page: Any, facet: str, value: str) -> Any:
    return page.locator(f"label.aln-toggle:has(input[name='{facet}'][value='{value}'])")


def toggle(page: Any, facet: str, value: str) -> None:
    option(page, facet, value).click()


def count_of(page: Any, facet: str, value: str) -> int:
    return int(option(page, facet, value).locator(".aln-toggle__n").text_content())


def counts(page: Any, facet: str) -> dict[str, int]:
    return page.eval_on_selector_all(f"input[type=checkbox][name='{facet}']", """boxes => Object.fromEntries(boxes.map(b =>
        [b.value, Number(b.parentNode.querySelector('.aln-toggle__n').textContent)]))""")


def status(page: Any) -> str:
    return page.locator("#aln-explore-status").text_content()


def ready(page: Any) -> None:
    page.wait_for_selector(".aln-explorer--ready")
    page.wait_for_selector(".aln-explore-results:not([aria-busy])", state="attached")


@contextmanager
def tab_in(browser: Any, **options: Any) -> Iterator[Any]:
    """A page in a context of its own (viewport, colour scheme, permissions...); script errors collect in ``errors``."""
    context = browser.new_context(**options)
    try:
        tab = context.new_page()
        tab.errors = []
        tab.on("pageerror", lambda error: tab.errors.append(str(error)))
        yield tab
    finally:
        context.close()


def values(catalogue: Catalogue) -> dict[str, dict[str, tuple[str, ...]]]:
    """Each item's facet values, by ``case/item`` key, from the model."""
    return {row.item.key: row.values for row in explore.entries(catalogue)}


def matching(catalogue: Catalogue, chosen: dict[str, list[str]], all_members: bool = False) -> list[str]:
    """The keys the filters ``chosen`` should show: any value of a facet, every facet (member types: all, if asked)."""
    def passes(facts: dict[str, tuple[str, ...]], key: str, wanted: list[str]) -> bool:
        if key == "member" and all_members:
            return all(v in facts[key] for v in wanted)
        return not wanted or any(v in facts[key] for v in wanted)
    return sorted(k for k, facts in values(catalogue).items() if all(passes(facts, f, w) for f, w in chosen.items()))


@pytest.fixture(params=["http", "file"])
def explorer_url(request: pytest.FixtureRequest) -> str:
    if request.param == "http":
        return request.getfixturevalue("served_site") + "explore/"
    return (request.getfixturevalue("file_site") / "explore.html").as_uri()


def test_every_facet_filters_and_counts_its_choices(page: Any, explorer_url: str, site_catalogue: Catalogue) -> None:
    facts = values(site_catalogue)
    page.goto(explorer_url)
    ready(page)
    assert sorted(shown(page)) == sorted(facts)
    assert status(page) == f"Showing all {len(facts)} items"
    for facet in FACETS:
        everywhere = Counter(v for f in facts.values() for v in f[facet])
        assert {k: n for k, n in counts(page, facet).items() if n} == dict(everywhere), facet
        value = everywhere.most_common()[-1][0]  # its rarest value, so that it narrows the list
        toggle(page, facet, value)
        expected = matching(site_catalogue, {facet: [value]})
        assert sorted(shown(page)) == expected, facet
        assert status(page) == f"Showing {len(expected)} of {len(facts)} items"
        assert page.locator(".aln-find-toggle").text_content() == "Filters (1)"
        # every other facet counts what it would show alongside this choice
        for other in FACETS:
            if other != facet:
                within = Counter(v for k in expected for v in facts[k][other])
                assert {k: n for k, n in counts(page, other).items() if n} == dict(within), (facet, other)
        assert count_of(page, facet, value) == len(expected)
        toggle(page, facet, value)
    assert page.errors == []


def test_choices_with_no_results_stay_in_view_but_disabled(page: Any, served_site: str, site_catalogue: Catalogue) -> None:
    page.goto(served_site + "explore/?status=wound-down")
    ready(page)
    expected = matching(site_catalogue, {"status": ["wound-down"]})
    assert expected, "the seed content should hold a network that wound down"
    cases_shown = {key.split("/")[0] for key in expected}
    other = next(c.id for c in site_catalogue.case_studies if c.id not in cases_shown)
    box = page.locator(f"input[name=case][value='{other}']")
    assert option(page, "case", other).is_visible() and box.is_disabled()
    assert count_of(page, "case", other) == 0
    assert "aln-toggle--empty" in option(page, "case", other).get_attribute("class")
    option(page, "case", other).click(force=True)  # a disabled choice does nothing
    assert not box.is_checked() and sorted(shown(page)) == expected
    # the chosen value itself is never disabled, so it can be taken back
    toggle(page, "status", "wound-down")
    assert box.is_enabled() and len(shown(page)) == len(site_catalogue.items)


def test_member_types_match_any_or_all(page: Any, served_site: str, site_catalogue: Catalogue) -> None:
    together = Counter((a, b) for c in site_catalogue.case_studies for a in c.member_types for b in c.member_types if a < b)
    pair = next(p for p, _ in together.most_common()
                if matching(site_catalogue, {"member": list(p)}) != matching(site_catalogue, {"member": list(p)}, True))
    page.goto(served_site + "explore/?member=" + "&member=".join(pair))
    ready(page)
    anyof = matching(site_catalogue, {"member": list(pair)})
    allof = matching(site_catalogue, {"member": list(pair)}, all_members=True)
    assert sorted(shown(page)) == anyof
    page.check("input[name=member-match][value=all]")
    assert sorted(shown(page)) == allof and len(allof) < len(anyof)
    assert page.url.endswith("&member-match=all")
    # under "all of", a member type's count is what adding it would leave
    facts = values(site_catalogue)
    for member_type, n in counts(page, "member").items():
        assert n == sum(1 for k in allof if member_type in facts[k]["member"]), member_type
    page.reload()
    ready(page)
    assert page.locator("input[name=member-match][value=all]").is_checked()
    assert sorted(shown(page)) == allof
    assert page.errors == []


def test_status_active_is_a_value_and_each_result_says_as_of_when(page: Any, served_site: str,
                                                                  site_catalogue: Catalogue) -> None:
    page.goto(served_site + "explore/?status=active")
    ready(page)
    active = [c for c in site_catalogue.case_studies if c.status.state == "active"]
    assert sorted(shown(page)) == sorted(i.key for c in active for i in c.items)
    facts = page.locator(".aln-explore-item:not([hidden]) .aln-explore-item__facts strong").all_text_contents()
    assert set(facts) == {c.status.text for c in active}
    assert any(re.fullmatch(r"Active as of \w+ \d{4}|Active as of \d+ \w+ \d{4}", text) for text in facts)


def test_a_result_card_shows_kind_case_study_status_and_source(page: Any, served_site: str,
                                                               site_catalogue: Catalogue) -> None:
    page.goto(served_site + "explore/")
    ready(page)
    rows = {row.item.key: row for row in explore.entries(site_catalogue)}
    cards = page.locator(".aln-explore-item")
    for n in range(cards.count()):
        card = cards.nth(n)
        key = "/".join(ITEM_HREF.search(card.locator("h3 > a:not(.headerlink)").get_attribute("href")).groups())
        row = rows[key]
        assert card.locator(".aln-kind-label").text_content() == row.item.kind.capitalize()
        assert card.locator(".aln-explore-item__from a").text_content() == row.case.title
        assert row.case.status.text in card.locator(".aln-explore-item__facts").text_content()
        source = card.locator(".aln-explore-item__source")
        if row.source is None:
            assert source.count() == 0
        else:
            assert source.text_content() == "Source: " + explore.source_label(row.source)
            assert card.locator(".aln-explore-item__source a").count() == (1 if row.source.url else 0)


def test_words_narrow_the_items_and_combine_with_filters(page: Any, served_site: str, site_catalogue: Catalogue) -> None:
    """Two concrete procurement examples: the procurement theme, what they did, and the word."""
    page.goto(served_site + "explore/?theme=procurement-social-value&kind=workstream")
    ready(page)
    by_filters = matching(site_catalogue, {"theme": ["procurement-social-value"], "kind": ["workstream"]})
    assert sorted(shown(page)) == by_filters and len(by_filters) >= 2
    page.fill("#aln-find-q", "procurement")
    page.press("#aln-find-q", "Enter")
    page.wait_for_function("document.getElementById('aln-explore-status').textContent.includes('procurement')")
    ready(page)
    with_word = shown(page)
    assert 2 <= len(with_word) and set(with_word) <= set(by_filters)
    titles = page.locator(".aln-explore-item:not([hidden]) h3").all_text_contents()
    assert any("rocurement" in t for t in titles[:2])  # the items that hold the word come first
    assert page.url.endswith("?q=procurement&kind=workstream&theme=procurement-social-value")  # the panel's order
    # the words and the filters travel in the link
    page.goto(page.url)
    ready(page)
    page.wait_for_function("document.getElementById('aln-explore-status').textContent.includes('procurement')")
    assert page.input_value("#aln-find-q") == "procurement" and shown(page) == with_word
    page.locator(".aln-explore-clear").click()
    page.wait_for_function("document.getElementById('aln-explore-status').textContent.startsWith('Showing all')")
    assert page.url.endswith("/explore/") and len(shown(page)) == len(site_catalogue.items)
    assert page.errors == []


def test_a_word_no_item_holds_says_so(page: Any, served_site: str) -> None:
    page.goto(served_site + "explore/?q=zzyzxquux")
    page.wait_for_function("document.getElementById('aln-explore-status').textContent.startsWith('No items match')")
    assert shown(page) == []
    assert status(page) == "No items match for “zzyzxquux”"


def test_a_theme_group_chooses_all_its_themes(page: Any, served_site: str, site_catalogue: Catalogue) -> None:
    """Workforce work from active networks only: ``?theme=workforce`` (a group) and ``status=active``."""
    workforce = [t.id for t in site_catalogue.themes if t.group.id == "workforce"]
    page.goto(served_site + "explore/?theme=workforce&status=active")
    ready(page)
    assert sorted(page.eval_on_selector_all("input[name=theme]:checked", "bs => bs.map(b => b.value)")) == sorted(workforce)
    assert sorted(shown(page)) == matching(site_catalogue, {"theme": workforce, "status": ["active"]})
    page.locator(".aln-facet__group[data-group=workforce]").click()  # all chosen: the group's name clears them
    assert page.locator("input[name=theme]:checked").count() == 0
    page.locator(".aln-facet__group[data-group=workforce]").click()
    assert page.locator("input[name=theme]:checked").count() == len(workforce)
    assert page.url.count("theme=") == len(workforce)  # written as the themes, in the one convention


def test_old_explorer_links_open_the_same_view(page: Any, served_site: str, site_catalogue: Catalogue) -> None:
    a, b = [t for t in site_catalogue.themes if site_catalogue.items_by_theme[t.id]][:2]
    views = []
    for query in (f"?theme={a.id},{b.id}&kind=barrier", f"?theme={a.id}&theme={b.id}&kind=barrier",
                  f"?theme={a.title.replace(' ', '+')}&theme={b.title.replace(' ', '+')}&kind=Barrier"):
        page.goto(served_site + "explore/" + query)
        ready(page)
        views.append((shown(page), page.eval_on_selector_all("input:checked", "bs => bs.map(b => b.name + '=' + b.value)")))
        assert page.url.endswith(query)  # left as it came until a filter changes
    assert views[0] == views[1] == views[2]
    assert sorted(views[0][0]) == matching(site_catalogue, {"theme": [a.id, b.id], "kind": ["barrier"]})
    toggle(page, "kind", "lesson")
    assert page.url.endswith(f"/explore/?kind=lesson&kind=barrier&theme={a.id}&theme={b.id}")  # the one convention


def test_old_search_links_open_the_finder_with_the_same_view(page: Any, served_site: str) -> None:
    """The former search page named filter values by their titles; it now forwards to the finder, query kept."""
    old = "search/?q=procurement&theme=Procurement+and+social+value&status=Active&member=NHS+trust"
    new = "explore/?q=procurement&theme=procurement-social-value&status=active&member=nhs-trust"
    views, urls = [], []
    for path in (old, new):
        page.goto(served_site + path)
        page.wait_for_function("document.getElementById('aln-explore-status')?.textContent.includes('procurement')")
        ready(page)
        views.append((shown(page), page.eval_on_selector_all("input:checked", "bs => bs.map(b => b.name + '=' + b.value)"),
                      page.input_value("#aln-find-q")))
        urls.append(page.url)
    assert urls[0] == served_site + "explore/" + old.split("/", 1)[1]  # forwarded with its query as it came
    assert views[0] == views[1] and views[0][0]
    assert sorted(views[0][1]) == ["member-match=any", "member=nhs-trust", "status=active", "theme=procurement-social-value"]


def test_the_header_search_box_leads_to_the_finder(page: Any, served_site: str) -> None:
    page.goto(served_site)
    page.click(".md-search__input")
    page.keyboard.type("wellbeing")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/explore/\?q=wellbeing$"))
    page.wait_for_function("document.getElementById('aln-explore-status').textContent.includes('wellbeing')")
    assert shown(page)


def test_copy_link_copies_the_address_with_the_filters(browser: Any, served_site: str) -> None:
    with tab_in(browser, permissions=["clipboard-read", "clipboard-write"]) as tab:
        tab.goto(served_site + "explore/?status=active")
        ready(tab)
        toggle(tab, "kind", "barrier")
        tab.locator(".aln-explore-copy").click()
        tab.wait_for_function("document.querySelector('.aln-explore-copy').textContent === 'Link copied'")
        assert tab.evaluate("navigator.clipboard.readText()") == tab.url
        assert tab.url.endswith("/explore/?kind=barrier&status=active")


def test_copy_link_works_from_disk(page: Any, file_site: Path) -> None:
    page.goto((file_site / "explore.html").as_uri() + "?kind=lesson")
    ready(page)
    page.locator(".aln-explore-copy").click()
    page.wait_for_function("document.querySelector('.aln-explore-copy').textContent === 'Link copied'")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_on_a_phone_the_filters_open_from_a_button_that_counts_them(browser: Any, served_site: str, scheme: str,
                                                                  site_catalogue: Catalogue) -> None:
    with tab_in(browser, viewport={"width": 390, "height": 844}, color_scheme=scheme) as tab:
        tab.goto(served_site + "explore/?theme=staff-wellbeing&theme=anti-racism-equity")
        ready(tab)
        button = tab.locator(".aln-find-toggle")
        assert button.is_visible() and button.text_content() == "Filters (2)"
        assert button.get_attribute("aria-expanded") == "false" and tab.locator(".aln-explore-filters").is_hidden()
        # anything on staff wellbeing or anti-racism, on a phone: the results come first
        assert sorted(shown(tab)) == matching(site_catalogue, {"theme": ["staff-wellbeing", "anti-racism-equity"]})
        assert tab.locator(".aln-explore-item:not([hidden])").first.bounding_box()["y"] < 844
        button.click()
        assert button.get_attribute("aria-expanded") == "true" and tab.locator(".aln-explore-filters").is_visible()
        kind = values(site_catalogue)[shown(tab)[0]]["kind"][0]
        toggle(tab, "kind", kind)
        assert button.text_content() == "Filters (3)"
        # nothing is wider than the screen
        assert tab.evaluate("document.documentElement.scrollWidth") <= 390
        button.click()
        assert tab.locator(".aln-explore-filters").is_hidden()
        assert tab.errors == []


@pytest.mark.parametrize(("width", "scheme"), [(1280, "light"), (1280, "dark"), (390, "light"), (390, "dark")])
def test_which_networks_wound_down_and_why(browser: Any, served_site: str, site_catalogue: Catalogue,
                                          width: int, scheme: str) -> None:
    with tab_in(browser, viewport={"width": width, "height": 900}, color_scheme=scheme) as tab:
        tab.goto(served_site + "explore/")
        ready(tab)
        if width < 600:
            tab.locator(".aln-find-toggle").click()
        toggle(tab, "status", "wound-down")
        toggle(tab, "kind", "lesson")
        expected = matching(site_catalogue, {"status": ["wound-down"], "kind": ["lesson"]})
        assert expected and sorted(shown(tab)) == expected
        assert {c for c in tab.locator(".aln-explore-item:not([hidden]) .aln-explore-item__from a").all_text_contents()} == {
            site_catalogue.case_study(key.split("/")[0]).title for key in expected}
        assert tab.url.endswith("?kind=lesson&status=wound-down")
        assert tab.evaluate("document.documentElement.scrollWidth") <= width
        assert tab.errors == []


def test_filters_work_from_the_keyboard(page: Any, served_site: str, site_catalogue: Catalogue) -> None:
    page.goto(served_site + "explore/")
    ready(page)
    page.locator("input[name=kind][value=barrier]").focus()
    page.keyboard.press("Space")
    assert len(shown(page)) == site_catalogue.count("barrier")
    outline = page.evaluate("getComputedStyle(document.activeElement.nextElementSibling).outlineStyle")
    assert outline == "solid"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.value") == "recommendation"


def test_without_javascript_every_item_and_a_list_per_theme_and_case_study_show(browser: Any, served_site: str,
                                                                               site_catalogue: Catalogue) -> None:
    with tab_in(browser, java_script_enabled=False) as tab:
        tab.goto(served_site + "explore/")
        assert len(shown(tab)) == len(site_catalogue.items)
        assert tab.locator(".aln-explore-filters").is_hidden() and tab.locator(".aln-find-top").is_hidden()
        assert tab.locator(".aln-explore-nojs").is_visible()
        lists = tab.locator(".aln-explore-browse__list")
        themes = {t.title for t in site_catalogue.themes if site_catalogue.items_by_theme[t.id]}
        assert set(lists.nth(0).locator("a").all_text_contents()) == themes
        assert lists.nth(1).locator("a").all_text_contents() == [c.title for c in site_catalogue.case_studies]
        tab.goto(served_site + "search/?q=procurement")  # the old search page: a link to the finder
        tab.get_by_role("link", name="Find lessons and examples").first.click()
        assert tab.url.endswith("/explore/")


def at_scale_page(site_catalogue: Catalogue, built_site: Path, folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The site's real explorer.js (after aln-common.js) on a page rendered in at-scale mode, 10 items to a text script,
    on disk."""
    monkeypatch.setattr(explore, "TEXT_CHUNK", 10)
    return write_scale_finder(site_catalogue, built_site, folder)


def settled(page: Any) -> None:
    """Wait until the cards on show are in place: their text scripts load after the filters apply."""
    page.wait_for_selector(".aln-explore-results:not([aria-busy]) .aln-explore-item", state="attached")


def text_scripts_loaded(page: Any) -> list[int]:
    return page.evaluate("Object.keys(window.ALN_EXPLORE_TEXT || {}).map(Number).sort((a, b) => a - b)")


def test_at_scale_items_load_from_the_data_script(page: Any, built_site: Path, tmp_path: Path,
                                                  site_catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch) -> None:
    explore_page = at_scale_page(site_catalogue, built_site, tmp_path, monkeypatch)
    page.goto(explore_page.as_uri() + f"?theme={THEME}&status=active")
    settled(page)
    expected = matching(site_catalogue, {"theme": [THEME], "status": ["active"]})
    assert sorted(shown(page)) == expected
    assert page.locator(".aln-explore-nojs").is_hidden()
    assert page.locator(".aln-explore-more").is_hidden()
    assert page.locator("input[name=case]").count() == len(site_catalogue.case_studies)
    link = page.locator(".aln-explore-item h3 a").first.get_attribute("href")
    assert re.fullmatch(r"casestudies/[a-z0-9-]+\.md#[a-z0-9-]+", link)
    # the card is the same as the page's own: kind, case study, status, source
    rows = {row.item.key: row for row in explore.entries(site_catalogue)}
    first = rows[shown(page)[0]]
    card = page.locator(".aln-explore-item").first
    assert card.locator(".aln-kind-label").text_content() == first.item.kind.capitalize()
    assert first.case.status.text in card.locator(".aln-explore-item__facts").text_content()
    if first.source:
        assert card.locator(".aln-explore-item__source").text_content() == "Source: " + explore.source_label(first.source)
    # only the text scripts holding the items on show were loaded
    order = [e.item.key for e in explore.entries(site_catalogue)]
    assert text_scripts_loaded(page) == sorted({order.index(key) // 10 for key in expected})

    page.locator(".aln-explore-clear").click()
    total = len(site_catalogue.items)
    settled(page)
    assert shown(page) == order[:50]
    if total > 50:
        page.locator(".aln-explore-more").click()
        settled(page)
        assert shown(page) == order[:100]  # the next text scripts load as the list grows
    if len(shown(page)) == total:
        assert page.locator(".aln-explore-more").is_hidden()
    assert page.errors == []


def test_at_scale_a_text_script_that_fails_to_load_is_said(page: Any, built_site: Path, tmp_path: Path,
                                                           site_catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch) -> None:
    explore_page = at_scale_page(site_catalogue, built_site, tmp_path, monkeypatch)
    (tmp_path / "assets" / "explore-text-0.js").unlink()  # a flaky connection lost it
    page.goto(explore_page.as_uri())
    page.wait_for_function("document.getElementById('aln-explore-status').textContent.includes('could not be loaded')")
    order = [e.item.key for e in explore.entries(site_catalogue)]
    assert shown(page) == order[10:50]  # the rest still show
    assert "Some items could not be loaded" in status(page)


def test_a_theme_with_no_items_keeps_its_filter_and_says_why(page: Any, built_site: Path, tmp_path: Path) -> None:
    """A theme page's "see these items in the finder" link for a theme nothing is tagged with yet: the filter stays
    chosen (not silently dropped to show every item) and the status says that nothing has that theme."""
    from test_explorer_page import make_case, make_catalogue

    catalogue = make_catalogue([make_case("alpha", "Alpha Network", "England", ("nhs-trust",),
                                          [("lesson", "talk-early", "Talk early", ("trust",))])])
    pages = render_explorer(catalogue, Renderer())
    (tmp_path / "assets").mkdir()
    for name in ("aln-common.js", "explorer.js", "explorer.css"):
        shutil.copy(built_site / "assets" / name, tmp_path / "assets" / name)
    body = markdown.markdown(pages["explore.md"].split("---\n", 2)[2], extensions=["attr_list", "md_in_html", "toc"])
    (tmp_path / "explore.html").write_text(
        '<!doctype html><html><head><meta charset="utf-8"></head>'
        f'<body><article class="md-typeset">{body}</article>'
        '<script src="assets/aln-common.js"></script><script src="assets/explorer.js"></script></body></html>',
        encoding="utf-8")
    page.goto((tmp_path / "explore.html").as_uri() + "?theme=unused")
    page.wait_for_selector(".aln-explore-filters:not([hidden])")
    assert page.locator("input[name=theme][value=unused]").is_checked()
    assert shown(page) == []
    status = page.locator(".aln-explore-status").inner_text()
    assert status.startswith("No items match with these filters: no item has ") and status.endswith(" yet")
    assert "theme=unused" in page.url
