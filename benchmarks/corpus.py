"""A deterministic synthetic corpus shaped like the seed case studies, valid against the schema.

``PROFILE`` holds the shape measured on the seven seed records in ``casestudies/`` (run
``python -m benchmarks.corpus --measure`` to measure them again). Item counts are the seed
counts scaled so that a case study has about ``ITEMS_PER_CASE`` items: the seeds average 7.4,
the network at scale is expected to hold about 20. Enum values and theme ids are read from the
target project's schemas, so the output stays valid when the vocabulary changes.
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

SEED = 20261125
ITEMS_PER_CASE = 20
PROFILE: dict[str, Any] = {  # measured on the seed records, see the module docstring
    "items": [(4, 6, 3), (4, 3, 3), (6, 4, 7), (2, 0, 0), (3, 0, 0), (2, 0, 0), (4, 1, 0)],  # (lessons, barriers, recs)
    "workstreams": [5, 2, 2, 0, 0, 1, 0],
    "activities": [3, 2, 1, 4, 2, 1, 1, 2, 3, 1],
    "outcomes": [0, 0, 2, 2, 1, 3, 0, 1, 4, 0],
    "members": [7, 2, 6, 1, 1, 1, 1],
    "sources": [1, 2, 1, 1, 1, 1, 1],
    "themes_per_item": {1: 10, 2: 37, 3: 5},
    "context_chars": [1320, 1456, 1818, 913, 1059, 657, 1028],
    "summary_chars": [302, 244, 243, 233, 224, 253, 228],
    "detail_chars": [279, 201, 185, 255, 239, 211, 198],
    "quote_share": 3 / 52, "evidence_share": 3 / 52, "former_names_share": 1 / 7, "wound_down_share": 1 / 7,
}
COMMON = ("the a of and to in that partners network was were for with on as their local it by from more "
          "work anchor staff together shared time each group which this some one into at people jobs spend "
          "health council trust university housing community partnership workstream lessons strategy leaders "
          "data procurement suppliers wellbeing apprenticeships estates progress meetings ownership evidence "
          "capacity funding priorities measure outcomes place board commitment action learning").split()
SYLLABLES = ("ash ber bram cal dun el fen gar hol ing kel lan mor nor ock pen quin ros sal tor ul ven wick "
             "yar ford ton by ham ley mouth wood field bridge").split()
REGIONS = ("North West", "North East", "Yorkshire and the Humber", "East Midlands", "West Midlands", "East of England",
           "London", "South East", "South West")


class Writer:
    """Random text and names from one seeded generator."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        words = list(dict.fromkeys(COMMON + self.coined(3000)))  # a long tail of rarer words, like real text
        self.words, self.weights = words, [1 / (rank + 1) ** 0.9 for rank in range(len(words))]

    def coined(self, n: int) -> list[str]:
        return ["".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(2, 3))) for _ in range(n)]

    def sentence(self) -> str:
        words = self.rng.choices(self.words, self.weights, k=self.rng.randint(8, 22))
        return " ".join(words).capitalize() + "."

    def prose(self, chars: int, paragraphs: int = 1) -> str:
        """About ``chars`` characters in ``paragraphs`` paragraphs; now and then a list or emphasis."""
        out = []
        for _ in range(paragraphs):
            text = ""
            while len(text) < chars / paragraphs:
                text += (" " if text else "") + self.sentence()
            if self.rng.random() < 0.1:
                text = text.replace(" partners ", " **partners** ", 1)
            out.append(text)
        if self.rng.random() < 0.05:
            out.append("\n".join(f"- {self.sentence()}" for _ in range(3)))
        return "\n\n".join(out) + "\n"

    def near(self, values: list[int]) -> int:
        return max(1, int(self.rng.choice(values) * self.rng.uniform(0.7, 1.3)))

    def name(self) -> str:
        return self.rng.choice(SYLLABLES).capitalize() + self.rng.choice(SYLLABLES)


def vocabulary(schemas: Path) -> dict[str, list[str]]:
    """Enum values and theme ids the records must use, read from the project's schemas."""
    schema = json.loads((schemas / "casestudy.schema.json").read_text(encoding="utf-8"))
    props = schema["properties"]
    themes = yaml.safe_load((schemas / "themes.yaml").read_text(encoding="utf-8"))["themes"]
    return {"member": props["members"]["items"]["properties"]["type"]["enum"],
            "nation": props["place"]["properties"]["nation"]["enum"],
            "source_kind": props["sources"]["items"]["properties"]["kind"]["enum"],
            "theme": [t["id"] for t in themes]}


def _scaled(w: Writer, count: int) -> int:
    scale = ITEMS_PER_CASE / statistics.mean(sum(c) for c in PROFILE["items"])
    exact = count * scale * w.rng.uniform(0.8, 1.2)
    return int(exact) + (w.rng.random() < exact % 1)


def _items(w: Writer, kind: str, n: int, focus: list[str], sources: list[str], barriers: list[str]) -> list[dict[str, Any]]:
    sizes, weights = zip(*PROFILE["themes_per_item"].items())
    items = []
    for i in range(n):
        item: dict[str, Any] = {"id": f"{kind}-{i + 1}-{w.name().lower()}", "title": w.sentence()[:-1][:120],
                                "detail": w.prose(w.near(PROFILE["detail_chars"]), 1 + (w.rng.random() < 0.2)),
                                "themes": w.rng.sample(focus, w.rng.choices(sizes, weights)[0]),
                                "source": w.rng.choice(sources)}
        if w.rng.random() < PROFILE["evidence_share"]:
            item["evidence"] = w.prose(w.near(PROFILE["detail_chars"]))
        if w.rng.random() < PROFILE["quote_share"]:
            item["quote"] = {"text": w.sentence(), "by": "One participant"}
        if kind == "recommendation" and barriers:
            item["addresses"] = w.rng.sample(barriers, 1 + (len(barriers) > 1 and w.rng.random() < 0.2))
        items.append(item)
    return items


def case_study(w: Writer, case_id: str, words: dict[str, list[str]]) -> dict[str, Any]:
    """One record: counts drawn from the seed profile, text from the writer."""
    place, (n_lessons, n_barriers, n_recs) = w.name(), w.rng.choice(PROFILE["items"])
    sources = [{"id": f"source-doc-{j + 1}", "title": w.sentence()[:-1][:100], "publisher": f"{w.name()} Council",
                "kind": w.rng.choice(words["source_kind"]), "date": str(w.rng.randint(2018, 2025)),
                "url": f"https://example.org/{case_id}/{j + 1}"} for j in range(w.rng.choice(PROFILE["sources"]))]
    source_ids = [s["id"] for s in sources]
    focus = w.rng.sample(words["theme"], min(len(words["theme"]), w.rng.randint(5, 10)))
    barriers = _items(w, "barrier", _scaled(w, n_barriers), focus, source_ids, [])
    wound_down = w.rng.random() < PROFILE["wound_down_share"]
    record: dict[str, Any] = {
        "schema_version": 2, "id": case_id, "title": f"{place} Anchor Network", "scope": "network",
        "network": {"name": f"{place} Anchor Network"},
        "summary": w.prose(w.near(PROFILE["summary_chars"]))[:390].strip(),
        "place": {"area": place, "region": w.rng.choice(REGIONS),
                  "nation": w.rng.choices(words["nation"], [20, 3, 2, 1][:len(words["nation"])])[0],
                  "coordinates": {"lat": round(w.rng.uniform(50, 58), 2), "lon": round(w.rng.uniform(-5, 1.5), 2)}},
        "started": str(w.rng.randint(2015, 2024)),
        "status": {"state": "wound-down" if wound_down else "active", "as_of": sources[0]["date"], "source": sources[0]["id"]},
        "convenor": f"{w.name()} NHS Foundation Trust",
        "members": [{"name": f"{w.name()} {t.replace('-', ' ')}", "type": t}
                    for t in w.rng.choices(words["member"], k=w.rng.choice(PROFILE["members"]))],
        "context": w.prose(w.near(PROFILE["context_chars"]), paragraphs=w.rng.randint(2, 3)),
        "workstreams": [{"name": w.sentence()[:40].rstrip(" ."), "aim": w.sentence(), "themes": w.rng.sample(focus, 1),
                         "status": "stopped" if wound_down else w.rng.choice(["active", "completed", "paused"]),
                         "activities": [w.sentence() for _ in range(w.rng.choice(PROFILE["activities"]))]}
                        for _ in range(w.rng.choice(PROFILE["workstreams"]))],
        "lessons": _items(w, "lesson", max(1, _scaled(w, n_lessons)), focus, source_ids, []),
        "barriers": barriers,
        "recommendations": _items(w, "recommendation", _scaled(w, n_recs), focus, source_ids, [b["id"] for b in barriers]),
        "sources": sources, "reviewed": f"2026-{w.rng.randint(1, 12):02d}-{w.rng.randint(1, 28):02d}",
    }
    if w.rng.random() < PROFILE["former_names_share"]:
        record["network"]["former_names"] = [f"{place} Anchor Collaborative"]
    return {k: v for k, v in record.items() if v != []}  # optional lists are left out, never empty


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:  # the strict loader refuses anchors and aliases
        return True


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _str)


def write_corpus(casestudies: Path, schemas: Path, n: int, seed: int = SEED) -> list[Path]:
    """Write ``n`` case-study files into ``casestudies`` (created if needed); return their paths."""
    w, words = Writer(seed), vocabulary(schemas)
    casestudies.mkdir(parents=True, exist_ok=True)
    paths, ids = [], set()
    for i in range(n):
        case_id = f"{w.name().lower()}-{w.name().lower()}-{i + 1}"
        assert case_id not in ids
        ids.add(case_id)
        text = yaml.dump(case_study(w, case_id, words), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
        path = casestudies / f"{case_id}.yaml"
        path.write_text(f"# Synthetic benchmark record {i + 1} of {n} (seed {seed}).\n{text}", encoding="utf-8")
        paths.append(path)
    return paths


def measure(casestudies: Path) -> dict[str, Any]:
    """The shape of real records, to compare with ``PROFILE``."""
    records = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(casestudies.glob("*.yaml"))]
    items = [i for r in records for k in ("lessons", "barriers", "recommendations") for i in r.get(k, [])]
    return {"items": [tuple(len(r.get(k, [])) for k in ("lessons", "barriers", "recommendations")) for r in records],
            "workstreams": [len(r.get("workstreams", [])) for r in records],
            "members": [len(r["members"]) for r in records], "sources": [len(r["sources"]) for r in records],
            "themes_per_item": dict(sorted(Counter(len(i["themes"]) for i in items).items())),
            "context_chars": [len(r["context"]) for r in records], "summary_chars": [len(r["summary"]) for r in records],
            "detail_chars": [int(statistics.mean(len(i["detail"]) for i in items))]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measure", type=Path, metavar="CASESTUDIES", help="print the shape of the records in this folder")
    parser.add_argument("--write", type=Path, metavar="PROJECT", help="write a corpus into PROJECT/casestudies")
    parser.add_argument("-n", type=int, default=20)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure), indent=1))
    if args.write:
        write_corpus(args.write / "casestudies", args.write / "schemas", args.n)


if __name__ == "__main__":
    main()
