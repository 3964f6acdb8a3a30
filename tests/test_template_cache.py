"""Jinja's bytecode cache (``render/renderer.py``) changes no page: rendered from cached code or freshly compiled,
the pages are the same, and a second renderer loads the templates from the cache instead of compiling them."""
from __future__ import annotations

from pathlib import Path

import jinja2

from generator import pipeline
from generator.render.pages import render_pages
from generator.render.renderer import Renderer
from generator.views.links import Publication

ROOT = Path(__file__).resolve().parent.parent


def pages(renderer: Renderer) -> dict[str, str]:
    return render_pages(pipeline.load_site(ROOT), renderer)


def test_pages_are_the_same_from_the_cache_and_freshly_compiled(tmp_path: Path) -> None:
    publication = Publication.of("https://example.org/kb/")
    fresh = Renderer(publication)
    fresh.env.bytecode_cache = None
    cached = Renderer(publication)
    cached.env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(tmp_path))
    assert pages(cached) == pages(fresh)
    assert list(tmp_path.iterdir()), "the templates were not stored in the cache"
    again = Renderer(publication)
    again.env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(tmp_path))
    compiled: list[str] = []
    original = again.env.compile

    def counting(source: str, name: str | None = None, filename: str | None = None, raw: bool = False,
                 defer_init: bool = False) -> object:
        compiled.append(str(name))
        return original(source, name, filename, raw, defer_init)

    again.env.compile = counting  # type: ignore[method-assign, assignment]
    assert pages(again) == pages(fresh)
    assert compiled == [], "a template was compiled again although the cache held it"


def test_the_renderer_keeps_compiled_templates() -> None:
    assert isinstance(Renderer().env.bytecode_cache, jinja2.BytecodeCache)


def test_a_changed_template_is_compiled_again(tmp_path: Path) -> None:
    """The cache is keyed by the template's checksum: an edited template is never served from stale code."""
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "t.j2").write_text("one", encoding="utf-8")
    cache = jinja2.FileSystemBytecodeCache(str(tmp_path))
    first = Renderer(templates_dir=templates)
    first.env.bytecode_cache = cache
    assert first.env.get_template("t.j2").render() == "one"
    (templates / "t.j2").write_text("two", encoding="utf-8")
    second = Renderer(templates_dir=templates)
    second.env.bytecode_cache = cache
    assert second.env.get_template("t.j2").render() == "two"
