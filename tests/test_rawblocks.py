"""Finished HTML skips Markdown in a build, and pages come out exactly as Markdown would have made them."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import markdown
import pytest
import yaml

from benchmarks.corpus import write_corpus
from generator.pipeline import load_site
from generator.render.rawblocks import CLOSE, OPEN, LostBlock, anchor_ids, lift, marked, restore
from generator.render.pages import render_pages
from builds import copy_project, mkdocs_build

ROOT = Path(__file__).resolve().parent.parent


def mkdocs_markdown() -> markdown.Markdown:
    """Python-Markdown with this site's extensions and their settings, as MkDocs sets it up."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names, settings = [], {}
    for entry in config["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        names.append(name)
        settings[name] = options or {}
    return markdown.Markdown(extensions=names, extension_configs=settings)


def body(page: str) -> str:
    return page.split("---\n", 2)[2] if page.startswith("---\n") else page


def comparable(html: str) -> str:
    """Built HTML without the marker comments and the line breaks between tags that Markdown adds."""
    return re.sub(r">\s+<", "><", html.replace(OPEN.strip(), "").replace(CLOSE.strip(), "")).strip()


@pytest.fixture(scope="module")
def corpus_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("rawblocks")
    shutil.copytree(ROOT / "schemas", project / "schemas")
    for page in ("CONTRIBUTING.md", "README.md"):
        shutil.copy(ROOT / page, project / page)
    write_corpus(project / "casestudies", project / "schemas", 30)
    return project


@pytest.mark.parametrize("which", ["seed records", pytest.param("synthetic corpus", marks=pytest.mark.slow)])
def test_lifted_pages_convert_exactly_as_whole_ones(which: str, request: pytest.FixtureRequest) -> None:
    root = ROOT if which == "seed records" else request.getfixturevalue("corpus_root")
    pages = render_pages(load_site(root), site_url="https://example.org/kb/")
    lifted_pages = {uri: page for uri, page in pages.items() if OPEN in page}
    for kind in ("casestudies/", "themes/", "synthesis/matrix", "synthesis/timeline"):
        assert any(uri.startswith(kind) for uri in lifted_pages), kind
    for uri, page in lifted_pages.items():
        whole = mkdocs_markdown().convert(body(page))
        lifted = lift(body(page), "alnc0ffee")
        fast = restore(mkdocs_markdown().convert(lifted.markdown), lifted)
        assert OPEN.strip() not in fast and "alnc0ffee" not in fast
        assert comparable(fast) == comparable(whole), uri


def test_every_run_comes_back_in_place() -> None:
    page = "# T\n\n" + marked('<div id="a">one</div>') + "## Two { #two }\n\n" + marked("<p>two &amp; <b>2</b></p>") + "Tail.\n"
    lifted = lift(page, "alnfeed")
    assert lifted.blocks == ('<div id="a">one</div>', "<p>two &amp; <b>2</b></p>")
    assert "<div" not in lifted.markdown
    html = restore(mkdocs_markdown().convert(lifted.markdown), lifted)
    places = [html.index(text) for text in ('<div id="a">one</div>', 'id="two"', "<p>two &amp; <b>2</b></p>", "Tail.")]
    assert all(a < b for a, b in zip(places, places[1:]))


def test_a_run_left_open_is_an_error_not_a_loss() -> None:
    with pytest.raises(LostBlock, match="not closed"):
        lift("# T\n\n" + OPEN + "<div>never closed</div>\n", "alnfeed")


def test_a_placeholder_markdown_swallowed_is_an_error_not_a_loss() -> None:
    lifted = lift(marked("<div>one</div>") + marked("<div>two</div>"), "alnfeed")
    converted = mkdocs_markdown().convert(lifted.markdown).replace(f"<p>{lifted.placeholder(1)}</p>", "")
    with pytest.raises(LostBlock, match=r"\[1\]"):
        restore(converted, lifted)


def test_anchor_ids_are_read_as_mkdocs_reads_them() -> None:
    assert anchor_ids(('<h3 id="lesson-1">A<a href="#lesson-1">¶</a></h3>', '<span id="source-a&amp;b"></span>')) == {
        "lesson-1", "source-a&b"}


@pytest.fixture(scope="module")
def linking_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("anchors") / "project")
    case = load_site(project).case_studies[0]
    item = case.items[0]
    (project / "docs" / "links.md").write_text(
        f"# Links\n\n[An item](casestudies/{case.id}.md#{item.id})\n", encoding="utf-8")
    return project


@pytest.mark.slow
def test_links_to_an_item_anchor_still_pass_a_strict_build(linking_project: Path) -> None:
    result = mkdocs_build(linking_project, "--strict")
    assert result.returncode == 0, result.stderr[-3000:]


@pytest.mark.slow
def test_links_to_a_missing_anchor_still_fail_a_strict_build(linking_project: Path) -> None:
    page = linking_project / "docs" / "links.md"
    page.write_text(page.read_text(encoding="utf-8").replace(")", "-gone)"), encoding="utf-8")
    result = mkdocs_build(linking_project, "--strict")
    assert result.returncode != 0 and "-gone" in result.stderr and "anchor" in result.stderr.lower()


@pytest.mark.parametrize("token", ["aln0000000000000000", "aln9f0e1d2c3b4a5968"])
def test_any_build_token_round_trips(token: str) -> None:
    lifted = lift("# T\n\n" + marked("<div>one</div>") + marked("<div>two</div>") * 11, token)
    html = restore(mkdocs_markdown().convert(lifted.markdown), lifted)
    assert html.count("<div>two</div>") == 11 and token not in html
