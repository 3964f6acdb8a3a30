"""How the tests build, copy and serve the site; plain functions (the fixtures are in conftest.py).

Every build here is a real ``mkdocs build`` in a subprocess, as a contributor or CI runs it. A test that
builds is ``slow``: conftest.py marks the users of its site fixtures, and fails any unmarked test that builds.
"""
from __future__ import annotations

import contextlib
import functools
import hashlib
import http.server
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SITE_ROOT = Path(os.environ.get("ALN_SITE_ROOT") or ROOT)
"""The project tree the shared site fixtures build: this checkout unless ALN_SITE_ROOT names another."""
HOSTILE = sorted((ROOT / "tests" / "cases" / "hostile").glob("*.yaml"))
PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "hooks", "schemas", "casestudies", "CONTRIBUTING.md", "README.md",
                 ".github")
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"  # ./run exports the one it found
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def build_site(site_dir: Path, *, directory_urls: bool = True, root: Path = SITE_ROOT) -> Path:
    """``mkdocs build --strict`` of the project at ``root`` into ``site_dir``; fails the test on any warning."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"), "-d", str(site_dir)]
    if not directory_urls:
        command.append("--no-directory-urls")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(command, cwd=root, capture_output=True, text=True, encoding="utf-8", env=env)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build failed ({' '.join(command)}):\n{result.stderr[-4000:]}", pytrace=False)
    return site_dir


def copy_project(dest: Path, records: list[Path] | tuple[Path, ...] = ()) -> Path:
    """A copy of this project's site inputs in ``dest`` (generator/ linked: it is imported from the venv), plus ``records``."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, dest / part)
        elif source.exists():
            shutil.copy2(source, dest / part)
    (dest / "overrides").mkdir(exist_ok=True)
    (dest / "generator").symlink_to(ROOT / "generator")  # mkdocs.yml watches it
    for record in records:
        shutil.copy2(record, dest / "casestudies" / record.name)
    return dest


def mkdocs_build(project: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``mkdocs build ARGS`` in ``project``, as a contributor or CI would run it."""
    command = [sys.executable, "-m", "mkdocs", "build", *args]
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(command, cwd=project, capture_output=True, text=True, encoding="utf-8", env=environment)


@contextlib.contextmanager
def mkdocs_serve(project: Path, log: Path, timeout: float = 300) -> Iterator[str]:
    """``mkdocs serve`` in ``project`` on a free port, as ``./run serve`` starts it; yields the preview's address.

    Its output goes to ``log`` (outside the watched folders); the server is stopped when the block ends."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"]
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen(command, cwd=project, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                  env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    url = f"http://127.0.0.1:{port}/knowledge-base/"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if server.poll() is not None:
                pytest.fail(f"mkdocs serve stopped (exit {server.returncode}):\n{log.read_text()[-4000:]}", pytrace=False)
            with contextlib.suppress(OSError, urllib.error.URLError):
                with urllib.request.urlopen(url, timeout=5):
                    break
            if time.monotonic() > deadline:
                pytest.fail(f"mkdocs serve did not answer in {timeout:.0f} s:\n{log.read_text()[-4000:]}", pytrace=False)
            time.sleep(0.5)
        yield url
    finally:
        server.send_signal(signal.SIGINT)  # as Ctrl+C: MkDocs deletes its temporary site folder
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def built(project: Path, *args: str) -> Path:
    """Build ``project`` and return its site/; fail with the log on a non-zero exit or a traceback."""
    result = mkdocs_build(project, *args)
    if result.returncode != 0 or "Traceback" in result.stderr:
        pytest.fail(f"mkdocs build failed in {project}:\n{result.stderr[-4000:]}", pytrace=False)
    return project / "site"


def tree_hash(folder: Path) -> str:
    """One hash over every path and byte under ``folder``."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        if path.is_file():
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


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
