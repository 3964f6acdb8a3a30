"""``./run``'s browser detection on a machine with no browser: it installs Debian's chromium when
apt-get is there, and otherwise stops with one line saying what to install."""
from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FAKE_APT_GET = """#!/bin/bash
echo "$@" >> "{log}"
if [ "$1" = install ]; then printf '#!/bin/bash\\necho fake chromium\\n' > "{bin}/chromium"; /bin/chmod +x "{bin}/chromium"; fi
"""


def bare_path(tmp_path: Path, apt_get: bool) -> tuple[Path, Path]:
    """A PATH holding only the few commands ``run`` needs (and a stand-in apt-get if asked)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("dirname", "id"):
        (bin_dir / tool).symlink_to(f"/usr/bin/{tool}")
    log = tmp_path / "apt-get.log"
    if apt_get:
        (bin_dir / "apt-get").write_text(FAKE_APT_GET.format(log=log, bin=bin_dir))
        (bin_dir / "apt-get").chmod(0o755)
    return bin_dir, log


def run_browser(bin_dir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["/bin/bash", str(ROOT / "run"), "browser"], env={"PATH": str(bin_dir), **env},
                          capture_output=True, text=True, timeout=60)


def test_no_browser_and_no_apt_get_says_what_to_install(tmp_path: Path) -> None:
    bin_dir, _ = bare_path(tmp_path, apt_get=False)
    result = run_browser(bin_dir)
    assert result.returncode != 0
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "install chromium" in lines[0] and "CHROMIUM=" in lines[0]


def test_no_browser_installs_debian_chromium(tmp_path: Path) -> None:
    bin_dir, log = bare_path(tmp_path, apt_get=True)
    result = run_browser(bin_dir)
    assert result.returncode == 0, result.stderr
    assert "installing Debian's chromium" in result.stderr
    assert "install -y -qq --no-install-recommends chromium" in log.read_text()
    assert result.stdout.strip() == str(bin_dir / "chromium")


def test_chromium_variable_comes_first(tmp_path: Path) -> None:
    bin_dir, log = bare_path(tmp_path, apt_get=True)
    own = tmp_path / "my-chrome"
    own.write_text("#!/bin/bash\n")
    own.chmod(0o755)
    (bin_dir / "chromium-browser").symlink_to(own)
    assert run_browser(bin_dir, CHROMIUM=str(own)).stdout.strip() == str(own)
    assert run_browser(bin_dir).stdout.strip() == str(bin_dir / "chromium-browser")
    assert not log.exists(), "a browser was found, so nothing is installed"
