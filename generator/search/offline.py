"""The offline bundle: the whole site built for ``file://`` and zipped, searchable from disk.

``mkdocs build`` runs as a subprocess with a temporary config that inherits mkdocs.yml, turns on
file URLs (``foo.html``, not ``foo/``, which a browser opens as a folder listing from disk) and
sets ``extra.aln_offline`` so hooks/search.py writes ``assets/search-index.js`` instead of Pagefind.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

BUNDLE_NAME = "anchor-learning-network"
DEFAULT_OUTPUT = f"{BUNDLE_NAME}-offline.zip"
OFFLINE_CONFIG = """\
# Temporary config written by `python -m generator offline`; safe to delete.
INHERIT: {parent}
use_directory_urls: false
site_url: ""
site_dir: {site_dir}
extra:
  aln_offline: true
"""
SERVER_ONLY = ("404.html", "sitemap.xml", "sitemap.xml.gz")
"""A browser never shows a 404 page from disk, and its absolute ``/assets`` links point nowhere there."""
EXTERNAL = re.compile(r"""<(?:script|link|img|iframe)\b[^>]*?\b(?:src|href)=["']?((?:[a-z][a-z0-9+.-]*:)?//[^"' >]+)""", re.I)


class OfflineError(Exception):
    """The bundle could not be built, or would not work from disk."""


def build_site(root: Path, site_dir: Path, strict: bool = True) -> None:
    """Build the offline variant of the site at ``root`` into ``site_dir``."""
    config = root / f".mkdocs-offline-{os.getpid()}.yml"
    config.write_text(OFFLINE_CONFIG.format(parent="mkdocs.yml", site_dir=site_dir.resolve()), encoding="utf-8")
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(config)] + (["--strict"] if strict else [])
    try:
        result = subprocess.run(command, cwd=root, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    finally:
        config.unlink(missing_ok=True)
    if result.returncode != 0:
        raise OfflineError(f"mkdocs build failed:\n{result.stderr.strip()}")
    for name in SERVER_ONLY:
        (site_dir / name).unlink(missing_ok=True)


def external_references(site_dir: Path) -> list[str]:
    """``file: url`` for every script, stylesheet, image or frame that a page would load from another host."""
    found = []
    for page in sorted(site_dir.rglob("*.html")):
        for match in EXTERNAL.finditer(page.read_text(encoding="utf-8")):
            tag = match.group(0)
            if "<link" in tag.lower() and re.search(r"""rel=["']?(canonical|alternate)\b""", tag, re.I):
                continue  # not fetched
            found.append(f"{page.relative_to(site_dir).as_posix()}: {match.group(1)}")
    return found


def write_zip(site_dir: Path, output: Path) -> int:
    """Zip ``site_dir`` as ``anchor-learning-network/...`` with fixed timestamps; return the file count."""
    files = sorted(p for p in site_dir.rglob("*") if p.is_file())
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            info = zipfile.ZipInfo(f"{BUNDLE_NAME}/{path.relative_to(site_dir).as_posix()}", date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    return len(files)


def build_offline(root: Path, output: Path, strict: bool = True) -> int:
    """Build the bundle at ``output``; return the number of files in it. Raise OfflineError if it would not work."""
    with tempfile.TemporaryDirectory(prefix="aln-offline-") as folder:
        site_dir = Path(folder, BUNDLE_NAME)
        build_site(root, site_dir, strict)
        if not (site_dir / "assets" / "search-index.js").is_file():
            raise OfflineError("the build wrote no assets/search-index.js: is hooks/search.py listed in mkdocs.yml?")
        if external := external_references(site_dir):
            raise OfflineError("pages would load files from another host:\n  " + "\n  ".join(external))
        output.parent.mkdir(parents=True, exist_ok=True)
        return write_zip(site_dir, output)
