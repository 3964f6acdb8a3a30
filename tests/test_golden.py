"""Generated pages equal the committed golden snapshot, byte for byte (see ``golden_pages.py``)."""
from __future__ import annotations

from pathlib import Path

import pytest

from golden_pages import SETS, read_set, render_set, write_set


@pytest.mark.parametrize("name", sorted(SETS))
def test_pages_match_golden(name: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    pages = render_set(name, tmp_path)
    if request.config.getoption("--update-goldens"):
        write_set(name, pages)
    golden = read_set(name)
    assert sorted(pages) == sorted(golden), "pages added or removed: refresh with --update-goldens and review"
    changed = [uri for uri in pages if pages[uri] != golden[uri]]
    assert not changed, f"{len(changed)} pages differ from tests/golden/{name}: {changed[:10]}"
