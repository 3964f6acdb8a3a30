"""The real records in casestudies/: all valid, the seven seeds present, every item traceable to a source."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.kinds import LIST_FIELDS as ITEM_KINDS
from generator.read.yaml_source import read

CASESTUDIES = Path(__file__).resolve().parent.parent / "casestudies"
RECORDS = sorted(CASESTUDIES.glob("*.yaml"))
SEED_IDS = [
    "bay-anchor-network",
    "city-and-hackney-anchor-collaborative",
    "birmingham-anchor-network",
    "north-ayrshire-community-wealth-building",
    "dorset-county-hospital",
    "imperial-college-healthcare",
    "london-anchor-institutions-network",
]


def test_every_record_validates(cli) -> None:
    result = cli()
    assert "Traceback" not in result.stderr
    assert result.stderr == ""
    assert result.stdout.startswith(f"OK: {len(RECORDS)} files, {len(RECORDS)} case studies, ")
    assert result.returncode == 0


@pytest.mark.parametrize("case_id", SEED_IDS)
def test_seed_record_exists(case_id: str) -> None:
    assert (CASESTUDIES / f"{case_id}.yaml").is_file()


@pytest.mark.parametrize("path", RECORDS, ids=lambda p: p.stem)
def test_every_item_cites_a_source(path: Path) -> None:
    """Each lesson, barrier and recommendation names the source it was written from."""
    doc, problems = read(path, path.name)
    assert problems == [] and doc is not None
    unsourced = [f"{kind}[{i}] {item.get('id')}" for kind in ITEM_KINDS
                 for i, item in enumerate(doc.data.get(kind, [])) if not item.get("source")]
    assert unsourced == []
