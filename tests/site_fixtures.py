"""The real site built once per session, served on 127.0.0.1, and headless Chromium, for browser tests.

Not a conftest, so that any test module can take what it needs by importing the fixtures:

    from site_fixtures import browser, page, served_site, site_catalogue  # noqa: F401

Chromium is Debian's (/usr/bin/chromium), driven by Playwright; never run ``playwright install``.
Set ALN_SITE_ROOT to build another project tree than this checkout.
"""
from __future__ import annotations

import atexit
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.pipeline import load_site
from generator.model.entities import Catalogue

ROOT = Path(os.environ.get("ALN_SITE_ROOT") or Path(__file__).resolve().parent.parent)
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"  # ./run exports the one it found
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def build_site(site_dir: Path, *, directory_urls: bool = True, root: Path = ROOT) -> Path:
    """``mkdocs build --strict`` of the project at ``root`` into ``site_dir``; fails the test on any warning."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"), "-d", str(site_dir)]
    if not directory_urls:
        command.append("--no-directory-urls")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(command, cwd=root, capture_output=True, text=True, encoding="utf-8", env=env)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build failed ({' '.join(command)}):\n{result.stderr[-4000:]}", pytrace=False)
    return site_dir


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@functools.cache
def _server_for(site_dir: Path) -> str:
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/"


def serve(site_dir: Path) -> str:
    """Serve ``site_dir`` over HTTP on 127.0.0.1 (one daemon thread per folder); return the base URL."""
    return _server_for(site_dir.resolve())


# Fixtures imported into several modules are instantiated once per module, so the expensive
# things (two site builds, one Chromium) are cached here, once per test process.
_shared: dict[str, Any] = {}


def _built(key: str, factory: pytest.TempPathFactory, directory_urls: bool) -> Path:
    if key not in _shared:
        _shared[key] = build_site(factory.mktemp(key) / "site", directory_urls=directory_urls)
    return _shared[key]  # type: ignore[no-any-return]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as published: directory URLs (``explore/``)."""
    return _built("site", tmp_path_factory, True)


@pytest.fixture(scope="session")
def file_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built for opening from disk: ``use_directory_urls: false`` (``explore.html``)."""
    return _built("file-site", tmp_path_factory, False)


@pytest.fixture(scope="session")
def served_site(built_site: Path) -> str:
    """Base URL of ``built_site`` served over HTTP, ending in ``/``."""
    return serve(built_site)


@pytest.fixture(scope="session")
def site_catalogue() -> Catalogue:
    """The model of the content the site was built from, to compare pages with."""
    return load_site(ROOT)


def chromium() -> Any:
    """Headless Debian Chromium, started once per process (Playwright allows one sync instance at a time)."""
    if "browser" not in _shared:
        from playwright.sync_api import sync_playwright

        playwright = sync_playwright().start()
        _shared["browser"] = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        atexit.register(playwright.stop)
        atexit.register(_shared["browser"].close)
    return _shared["browser"]


@pytest.fixture(scope="session")
def browser() -> Any:
    """Headless Debian Chromium for the whole session."""
    return chromium()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh desktop-sized page; uncaught script errors collect in ``page.errors`` for tests to check."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.errors = []
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    yield tab
    context.close()
