"""MkDocs adapter: validate the records, add the generated pages, index the site, publish it atomically.

The generator does the work; this module only connects it to MkDocs' events. Generated pages hold
runs of finished HTML that Markdown need not parse: they are lifted out before MkDocs converts the
page and put back after (``generator.render.rawblocks``).
"""
from __future__ import annotations

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

from generator import (CaseStudyError, Catalogue, Lifted, LostBlock, Repository, anchor_ids, lift, load_site, render_pages,
                       restore)

log = logging.getLogger("mkdocs.plugins.casestudies")
MODEL = "aln_catalogue"
"""The config key under which this hook hands the model to the other hooks of the same build (read once per build)."""


class _State:
    # Set only by on_startup, which `mkdocs serve` does not repeat for the fresh copy of this
    # module that each live rebuild loads: so a rebuild never stages.
    command: str | None = None
    final_site_dir: Path | None = None
    failed = False
    token = "aln" + secrets.token_hex(8)  # placeholders no page text can spell
    lifted: dict[str, Lifted] = {}


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
    try:
        config[MODEL] = load_site(Path(config.config_file_path).parent)
    except CaseStudyError as error:
        for problem in error.problems:
            log.error(str(problem))
        raise PluginError(f"{error}: the site was not built and the previous one is unchanged") from None


def on_files(files: Files, config: MkDocsConfig) -> Files:
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
    return files


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
    if state.failed:
        shutil.rmtree(staging, ignore_errors=True)
        return
    old = final.with_name(f"{final.name}.old-{os.getpid()}")
    if final.exists():
        final.rename(old)
    staging.rename(final)
    _remove_in_background(final.parent.glob(f"{final.name}.old*"))


def _remove_in_background(folders: Iterable[Path]) -> None:
    """Delete the previous site (and any an interrupted build left) once this command has returned.

    The new site is already in place; deleting thousands of files would only make the build wait.
    """
    paths = [str(folder) for folder in folders]
    if paths:
        subprocess.Popen([sys.executable, "-c", "import shutil, sys\nfor p in sys.argv[1:]: shutil.rmtree(p, True)", *paths],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True)
