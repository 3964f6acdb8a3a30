"""Shared fixtures: the project root, the validate CLI, throwaway projects, the built sites and one headless Chromium.

Markers follow from the fixtures, so that they cannot drift:

- a test that uses ``browser`` (or ``page``, or any fixture built on them) is marked ``browser`` and ``slow``;
- a test that uses ``sites`` (``built_site``, ``file_site``, ``served_site``, ``hostile_site``, ``offline_site``, or any
  fixture built on them) is marked ``slow``.

A test that builds the site or starts Chromium some other way must carry the marker itself: one that does so
unmarked fails, naming the command (see ``_watch``). Unmarked tests that take over ``SLOW_SECONDS`` of CPU
are listed at the end of the run. The fast loop is ``./run test -m "not slow and not browser"``.
"""
from __future__ import annotations

import contextlib
import io
import os
import re
import resource
import shutil
import subprocess
import sys
import traceback
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from builds import CHROMIUM, CHROMIUM_ARGS, HOSTILE, ROOT, SITE_ROOT, build_site, built, copy_project, serve

if TYPE_CHECKING:
    from generator.model.entities import Catalogue

SLOW_SECONDS = 2.0
"""A test that takes more CPU than this (itself and its subprocesses) belongs in ``slow``."""


@pytest.fixture(scope="session")
def root() -> Path:
    """The real project root: it holds schemas/ and casestudies/."""
    return ROOT


CLI = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(scope="session")
def cli() -> CLI:
    """``python -m generator validate ARGS`` from the project root, run in this process: the same ``main()``,
    its exit code and what it prints on stdout and stderr, as a finished process (a traceback is printed, exit 1)."""
    from generator.cli import main

    def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
        argv = ["validate", *map(str, args)]
        stdout, stderr = io.StringIO(), io.StringIO()
        here = os.getcwd()
        os.chdir(ROOT)
        try:
            with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
                try:
                    code = main(argv)
                except SystemExit as exit:  # argparse's usage errors, as the interpreter would exit
                    code = exit.code if isinstance(exit.code, int) else 1
                    if exit.code is not None and not isinstance(exit.code, int):
                        print(exit.code, file=sys.stderr)
                except Exception:
                    traceback.print_exc()
                    code = 1
        finally:
            os.chdir(here)
        return subprocess.CompletedProcess([sys.executable, "-m", "generator", *argv], code, stdout.getvalue(),
                                           stderr.getvalue())

    return run


@pytest.fixture(scope="session")
def cli_process() -> CLI:
    """``python -m generator validate ARGS`` as a subprocess from the project root, as a contributor would run it."""

    def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "generator", "validate", *map(str, args)]
        return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, encoding="utf-8")

    return run


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[[Path | None], Path]:
    """A throwaway project: a copy of the real schemas/ and CONTRIBUTING.md (the Contribute page renders it),
    and casestudies/ copied from ``source`` (or empty)."""

    def make(source: Path | None = None) -> Path:
        project = tmp_path / "project"
        shutil.copytree(ROOT / "schemas", project / "schemas")
        shutil.copy(ROOT / "CONTRIBUTING.md", project / "CONTRIBUTING.md")
        if source is None:
            (project / "casestudies").mkdir()
        else:
            shutil.copytree(source, project / "casestudies")
        return project

    return make


SYNTHESIS_FIXTURES = ROOT / "tests" / "fixtures" / "synthesis"


@pytest.fixture
def synthesis_project(make_project: Callable[[Path | None], Path]) -> Path:
    """The synthesis fixture records (tests/fixtures/synthesis/) in a throwaway project."""
    return make_project(SYNTHESIS_FIXTURES)


@pytest.fixture
def synthesis_catalogue(synthesis_project: Path) -> Catalogue:
    """The model of the synthesis fixture records."""
    from generator.pipeline import load_site

    return load_site(synthesis_project)


# --- built sites: one cache, each site built once per test process -------------------------------------------------

def offline_bundle(folder: Path) -> Path:
    """The offline zip made by the documented command (``python -m generator offline``), unzipped into ``folder``."""
    from generator.search.offline import BUNDLE_NAME

    command = [sys.executable, "-m", "generator", "offline", "--output", str(folder / "bundle.zip")]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, encoding="utf-8")
    if result.returncode != 0:
        pytest.fail(f"{' '.join(command)} failed:\n{result.stderr[-4000:]}", pytrace=False)
    zipfile.ZipFile(folder / "bundle.zip").extractall(folder)
    return folder / BUNDLE_NAME


SITES: dict[str, Callable[[Path], Path]] = {
    # key: how to build it into a fresh folder; returns the site folder
    "site": lambda folder: build_site(folder / "site"),  # as published, strict: directory URLs (explore/)
    "file-site": lambda folder: build_site(folder / "site", directory_urls=False),  # for disk: explore.html
    "hostile": lambda folder: built(copy_project(folder / "project", HOSTILE)),  # plus tests/cases/hostile/
    "offline": offline_bundle,  # the offline bundle, for file:// (search.html, no server)
}


class Sites:
    """The sites the tests read, by key (``SITES``): each is built the first time a test asks for it."""

    def __init__(self, factory: pytest.TempPathFactory) -> None:
        self.factory = factory
        self.built: dict[str, Path] = {}

    def __call__(self, key: str) -> Path:
        if key not in self.built:
            self.built[key] = SITES[key](self.factory.mktemp(key))
        return self.built[key]


@pytest.fixture(scope="session")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Sites:
    """Every built site of the session; a test that asks for it (even through another fixture) is marked slow."""
    return Sites(tmp_path_factory)


@pytest.fixture(scope="session")
def built_site(sites: Sites) -> Path:
    """The site as published (``mkdocs build --strict``): directory URLs (``explore/``)."""
    return sites("site")


@pytest.fixture(scope="session")
def file_site(sites: Sites) -> Path:
    """The site built for opening from disk: ``use_directory_urls: false`` (``explore.html``)."""
    return sites("file-site")


@pytest.fixture(scope="session")
def hostile_site(sites: Sites) -> Path:
    """The real records plus every hostile one (tests/cases/hostile/), built in a copy of the project."""
    return sites("hostile")


@pytest.fixture(scope="session")
def offline_site(sites: Sites) -> Path:
    """The offline bundle as a reader unzips it: ``index.html`` and ``search.html`` work from disk."""
    return sites("offline")


@pytest.fixture(scope="session")
def served_site(built_site: Path) -> str:
    """Base URL of ``built_site`` served over HTTP, ending in ``/``."""
    return serve(built_site)


@pytest.fixture(scope="session")
def site_catalogue() -> Catalogue:
    """The model of the content the site was built from, to compare pages with."""
    from generator.pipeline import load_site

    return load_site(SITE_ROOT)


# --- the browser: one headless Chromium, and a fresh page per test ------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium for the whole session ($CHROMIUM, else chromium on PATH, else /usr/bin/chromium).
    Playwright drives it; it never downloads a browser (never run ``playwright install``)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh desktop-sized page (1280 x 900) in its own context; uncaught script errors collect in ``page.errors``."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.errors = []
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    yield tab
    context.close()


# --- markers ---------------------------------------------------------------------------------------------------------


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true",
                     help="rewrite tests/golden/ from the generator's current output (then review the diff)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test from the fixtures it uses, however indirectly (``fixturenames`` is the whole closure)."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if "browser" in fixtures:
            item.add_marker(pytest.mark.browser)
        if fixtures & {"browser", "sites"}:
            item.add_marker(pytest.mark.slow)


# A test that builds the site or starts Chromium without its marker fails. Subprocesses are seen through the
# interpreter's audit events; an in-process ``mkdocs.commands.build.build`` through a wrapper put in place
# before the test modules import it.
_running: list[pytest.Item] = []
_LAUNCHES = [  # (what the command line holds, the marker it needs, what it is, the fixture that marks its users)
    (re.compile(r"(^|[\s/])mkdocs build\b"), "slow", "a site build", "sites"),
    (re.compile(r"-m generator offline\b"), "slow", "a site build", "sites"),
    (re.compile(r"playwright[/\\]driver"), "browser", "Chromium (Playwright's driver)", "browser"),
]
_unmarked = pytest.StashKey[list[str]]()


def _saw(command: str) -> None:
    if not _running:
        return
    item = _running[-1]
    for pattern, marker, what, fixture in _LAUNCHES:
        if pattern.search(command) and item.get_closest_marker(marker) is None:
            item.stash.setdefault(_unmarked, []).append(
                f"{what} in a test not marked {marker!r}: mark it @pytest.mark.{marker}, or use the {fixture!r} fixture"
                f" (which marks its users)\n  {command[:300]}")


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if event == "subprocess.Popen" and _running:
        executable, argv = args[0], args[1]
        words = [str(argv)] if isinstance(argv, (str, bytes, os.PathLike)) else [str(a) for a in argv]
        _saw(" ".join(words) or str(executable))


def _watch_in_process_builds() -> None:
    from mkdocs.commands import build as mkdocs_build

    original = mkdocs_build.build

    def build(*args: Any, **kwargs: Any) -> Any:
        _saw("mkdocs build (in this process)")
        return original(*args, **kwargs)

    mkdocs_build.build = build


def pytest_configure(config: pytest.Config) -> None:
    sys.addaudithook(_audit)
    _watch_in_process_builds()


def _cpu() -> float:
    mine, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return mine.ru_utime + mine.ru_stime + children.ru_utime + children.ru_stime


_cpu_at_start = pytest.StashKey[float]()


def _guarded(item: pytest.Item) -> Iterator[None]:
    _running.append(item)
    try:
        yield
    finally:
        _running.pop()
    problems = item.stash.get(_unmarked, [])
    if problems:
        item.stash[_unmarked] = []
        pytest.fail("\n".join(problems), pytrace=False)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Iterator[None]:
    item.stash[_cpu_at_start] = _cpu()
    return (yield from _guarded(item))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    return (yield from _guarded(item))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[pytest.TestReport]:
    report = yield
    if call.when == "call" and _cpu_at_start in item.stash:
        report.user_properties.append(("cpu_seconds", _cpu() - item.stash[_cpu_at_start]))
    return report


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """List the tests outside ``slow`` that took over SLOW_SECONDS of CPU: they should be marked, or made faster."""
    heavy = []
    for report in terminalreporter.stats.get("passed", []) + terminalreporter.stats.get("failed", []):
        cpu = dict(report.user_properties).get("cpu_seconds", 0.0)
        if report.when == "call" and cpu > SLOW_SECONDS and "slow" not in report.keywords:
            heavy.append((cpu, report.nodeid))
    if heavy:
        terminalreporter.write_sep("-", f"not marked slow, but over {SLOW_SECONDS:g} s of CPU")
        for cpu, nodeid in sorted(heavy, reverse=True):
            terminalreporter.write_line(f"{cpu:5.1f} s  {nodeid}")
