"""MkDocs adapter: validate the records, add the generated pages, index the site, publish it atomically.

Invalid records fail ``mkdocs build``, which keeps the previous site. Under ``mkdocs serve`` the build carries on
instead and every page of the preview is the generator's problems page, so the browser shows what is wrong and
reloads into the real page once the fix is saved (MkDocs' live reload; a failed rebuild would leave it waiting).

The generator does the work; this module only connects it to MkDocs' events. Generated pages hold
runs of finished HTML that Markdown need not parse: they are lifted out before MkDocs converts the
page and put back after (``generator.render.rawblocks``).
"""
from __future__ import annotations

import atexit
import logging
import os
import secrets
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator import (CaseStudyError, Catalogue, Lifted, LostBlock, Problem, Repository, anchor_ids, lift, load_site,
                       problem_pages, render_pages, restore)

log = logging.getLogger("mkdocs.plugins.casestudies")
MODEL = "aln_catalogue"
"""The config key under which this hook hands the model to the other hooks of the same build (read once per build)."""
PROBLEMS = "aln_problems"
"""The config key holding the records' problems when the preview builds its problems page instead of the site."""


class _State:
    # Set by on_startup, once per command: `mkdocs serve` loads this module once (MkDocs caches hooks by path)
    # and keeps it for every live rebuild.
    command: str | None = None
    final_site_dir: Path | None = None
    failed = False
    token = "aln" + secrets.token_hex(8)  # placeholders no page text can spell
    lifted: dict[str, Lifted] = {}
    preview_pages: dict[str, str | None] = {}
    """Under serve, every page of the last good build (docs path -> the record it shows): the addresses a browser
    may have open, which the problems page takes over while the records are invalid."""


state = _State()


def on_startup(command: str, dirty: bool) -> None:
    state.command = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Build into a staging folder and swap it in only when the build succeeds,
    # so a failed build leaves the previous site untouched.
    if state.command in ("build", "gh-deploy") and state.final_site_dir is None:
        state.final_site_dir = Path(config.site_dir)
        config.site_dir = str(state.final_site_dir.with_name(state.final_site_dir.name + ".staging"))
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    state.failed = False
    config[PROBLEMS] = []
    try:
        config[MODEL] = load_site(Path(config.config_file_path).parent)
    except CaseStudyError as error:
        for problem in error.problems:
            log.error(str(problem))
        if state.command != "serve":
            raise PluginError(f"{error}: the site was not built and the previous one is unchanged") from None
        config[MODEL] = None
        config[PROBLEMS] = error.problems
        log.error(f"{error}: the preview shows them on every page until they are fixed")


def on_files(files: Files, config: MkDocsConfig) -> Files:
    if config[PROBLEMS]:
        return _problem_files(files, config, config[PROBLEMS])
    catalogue: Catalogue = config[MODEL]
    try:  # the one setting for where contributors go (README: "Where to contribute")
        repository = Repository.of(config.extra.get("repository"))
    except ValueError as error:
        raise PluginError(str(error)) from None
    pages = render_pages(catalogue, site_url=config.site_url, directory_urls=config.use_directory_urls, repository=repository)
    for uri, markdown in pages.items():
        if files.get_file_from_path(uri) is not None:
            raise PluginError(f"docs/{uri} clashes with a generated page of the same name: rename or remove it")
        files.append(File.generated(config, uri, content=markdown))
    if state.command == "serve":  # which record each page shows, so its problems come first if it breaks
        records = {case.page_uri: case.source_path for case in catalogue.case_studies}
        state.preview_pages = {file.src_uri: records.get(file.src_uri) for file in files.documentation_pages()}
    return files


def _problem_files(files: Files, config: MkDocsConfig, problems: list[Problem]) -> Files:
    """The preview while the records are invalid: the problems page in place of every page, hand-written ones too."""
    pages = dict(state.preview_pages)
    for file in files.documentation_pages():
        pages.setdefault(file.src_uri, None)
        files.remove(file)
    for uri in ["index.md", *_nav_paths(config.nav or [])]:
        pages.setdefault(uri, None)
    for uri, markdown in problem_pages(problems, pages).items():
        file = File.generated(config, uri, content=markdown)
        file.edit_uri = None  # the fix is made in the contributor's own copy, which the page names
        files.append(file)
    return files


def _nav_paths(nav: list | dict | str) -> list[str]:
    """Every docs path in mkdocs.yml's nav (so that its tabs lead to the problems page, not to a missing page)."""
    if isinstance(nav, str):
        return [nav] if nav.endswith(".md") and "://" not in nav else []
    entries = nav.values() if isinstance(nav, dict) else nav
    return [path for entry in entries for path in _nav_paths(entry)]


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.generated_by is None:  # hand-written pages are Markdown through and through
        return markdown
    state.lifted[page.file.src_uri] = lifted = lift(markdown, state.token)
    return lifted.markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    lifted = state.lifted.pop(page.file.src_uri, None)
    if lifted is None:
        return html
    if page.present_anchor_ids is not None:  # so MkDocs still checks links to the items' anchors
        page.present_anchor_ids |= anchor_ids(lifted.blocks)
    try:
        return restore(html, lifted)
    except LostBlock as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from None


def on_build_error(error: Exception) -> None:
    state.failed = True


def on_shutdown() -> None:
    staging, final = (Path(state.final_site_dir.parent, state.final_site_dir.name + ".staging"), state.final_site_dir) \
        if state.final_site_dir else (None, None)
    if staging is None or final is None or not staging.exists():
        return
    # MkDocs calls this in a `finally`: an interrupted build (Ctrl+C) reaches here with its exception in flight and
    # without on_build_error, and must not publish a half-written site either.
    if state.failed or sys.exc_info()[0] is not None:
        shutil.rmtree(staging, ignore_errors=True)
        return
    old = final.with_name(f"{final.name}.old-{os.getpid()}")
    if final.exists():
        final.rename(old)
    staging.rename(final)
    _remove_in_background(final.parent.glob(f"{final.name}.old*"))
    if state.command == "build":
        _exit_now()


def _exit_now() -> None:
    """End a successful `mkdocs build` here: the site is published and nothing runs after this event, but Python's
    own shutdown would free the whole build's objects one by one first (see benchmarks/README.md). What was
    registered to run at exit still runs (logging's flush, a coverage tool, an audit), then the process ends."""
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def _remove_in_background(folders: Iterable[Path]) -> None:
    """Delete the previous site (and any an interrupted build left) once this command has returned.

    The new site is already in place; deleting thousands of files would only make the build wait.
    """
    paths = [str(folder) for folder in folders]
    if paths:
        subprocess.Popen([sys.executable, "-c", "import shutil, sys\nfor p in sys.argv[1:]: shutil.rmtree(p, True)", *paths],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True)
