"""The check stage's fast paths report what the plain rules report.

The repeated-statement rule finds the runs it always found: ``word_runs`` (numpy fingerprints, confirmed on the
words) against the plain reference it replaced, which joins and counts every sampled run as text, on the benchmark
corpus with planted repeats, on crafted text and on generated text; and the whole rule's problems against the plain
rule, record for record. Reader prose is read for editors' words whenever its YAML could hold a backtick, escapes
included."""
from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable
from itertools import chain
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.corpus import Writer, case_study, vocabulary
from generator.check import collection_rules
from generator.check.collection_rules import COMMON_RUN, MIN_WORDS, NEAR_REPEAT, SHINGLE
from generator.check.validate import validate
from generator.check.word_runs import shared_runs, words
from generator.problems import described_path
from generator.read.inputs import Record
from generator.read.project import Project

ROOT = Path(__file__).resolve().parent.parent
WORD = re.compile(r"[a-z0-9']+")


def reference_words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def reference_runs(ws: list[str], length: int, every: bool = True) -> frozenset[str]:
    return frozenset(" ".join(ws[i:i + length]) for i in range(len(ws) - length + 1) if every or len(ws[i]) % 3 == 0)


def reference_shared_runs(texts: list[str], length: int = SHINGLE, min_words: int = MIN_WORDS,
                          most: int = COMMON_RUN) -> dict[str, list[int]]:
    """The rule's first step as it was written before the fingerprints: every sampled run joined and counted."""
    held, sampled = [], []
    for i, text in enumerate(texts):
        ws = reference_words(text)
        if len(ws) >= min_words:
            held.append(i)
            sampled.append(reference_runs(ws, length, every=False))
    counts = Counter(chain.from_iterable(sampled))
    return {run: [held[k] for k, runs in enumerate(sampled) if run in runs]
            for run, count in counts.items() if 1 < count <= most}


def found(texts: list[str], length: int = SHINGLE, min_words: int = MIN_WORDS, most: int = COMMON_RUN) -> dict[str, list[int]]:
    return {" ".join(w.decode() for w in run): held for run, held in shared_runs(texts, length, min_words, most).items()}


def reworded(rng: random.Random, text: str) -> str:
    """The text as another record might carry it: other punctuation and case, a word or two changed."""
    ws = text.split()
    for _ in range(rng.randint(0, 2)):
        ws[rng.randrange(len(ws))] = rng.choice(["each", "every", "partnership's", "İstanbul", "café", "don’t", "2024"])
    seps = [" ", "  ", ", ", " — ", "\n", " (", ") ", "; ", " «", "» "]
    out = ws[0]
    for w in ws[1:]:
        out += rng.choice(seps) + (w.upper() if rng.random() < 0.05 else w)
    return out


def planted_texts(n: int = 1200, seed: int = 11) -> list[str]:
    """Benchmark-corpus statements, some of them planted again reworded, and stock phrases in exactly
    ``COMMON_RUN`` and ``COMMON_RUN + 1`` statements (the edge of the rule)."""
    w, rng = Writer(seed), random.Random(seed)
    texts = [f"{w.sentence()[:-1]} {w.prose(240)}" for _ in range(n)]
    texts += [reworded(rng, rng.choice(texts)) for _ in range(n // 10)]
    for copies, phrase in ((COMMON_RUN, "the board agreed the annual anchor charter"),
                           (COMMON_RUN + 1, "the trust adopted the shared social value charter")):
        for i in rng.sample(range(len(texts)), copies):
            texts[i] = f"{texts[i]} {phrase}."
    rng.shuffle(texts)
    return texts


def test_the_benchmark_corpus_with_planted_repeats_shares_the_same_runs() -> None:
    texts = planted_texts()
    expected = reference_shared_runs(texts)
    assert len(expected) > 100, "the planted repeats share runs"
    assert found(texts) == expected
    assert len(expected["agreed the annual anchor charter"]) == COMMON_RUN
    assert "the shared social value charter" not in expected, "a stock phrase says nothing"


@pytest.mark.parametrize("text", [
    "", "   ", "!!!", "Straße café naïve façade", "İSTANBUL and istanbul", "the \u212a kelvin sign", "fullwidth １２３ digits",
    "don't don’t 'quoted' ''", "tab\tnew\nline\rcarriage\x0bvertical\x0cfeed", "emoji 🙂 between 🙂words",
    "ǅungla ǈudi ǋ", "ΣΑΣ final sigma", "a-b_c.d/e", "x" * 40 + " y", "\x00nul\x00", "ﬁne ligature", "lone\ud800surrogate",
])
def test_words_are_the_words_the_pattern_finds(text: str) -> None:
    assert [w.decode() for w in words(text)] == reference_words(text)


def test_crafted_edges_share_the_same_runs() -> None:
    base = "one two three four five six seven eight nine ten eleven twelve"
    texts = [
        base, base.upper(), base.replace(" ", ", "), base[:-7],  # 11 words: too short to count
        "partnerships agreed fifteen shared measures every month and reported them to the board",
        "partnershipz agreed fifteen shared measures every month and reported them to the board",  # same first 8 bytes
        "organisation organisation organisation organisation organisation organisation organisation organisation "
        "organisation organisation organisation organisation",  # a run held twice by one text counts once
        "organisation organisation organisation organisation organisation organisation organisation organisation "
        "organisation organisation organisation organisation organisation",
        "", "no words at all here", "İstanbul partners shared the spend data every quarter with the council board",
        "i̇stanbul partners shared the spend data every quarter with the council board",
    ]
    assert found(texts) == reference_shared_runs(texts)
    assert found(texts)["one two three four five"] == [0, 1, 2]


words_of = st.sampled_from(["a", "ab", "abc", "the", "partners", "partnership", "partnerships", "data", "don't", "2024",
                            "organisation", "organisations", "x"])
separators = st.sampled_from([" ", ", ", ". ", "\n", " — ", "’", "é", " (", "İ", "\ud800"])
texts_of = st.lists(st.tuples(words_of, separators), min_size=0, max_size=30).map(lambda ws: "".join(a + b for a, b in ws))


@settings(max_examples=300, deadline=None)
@given(st.lists(texts_of, max_size=25), st.sampled_from([(SHINGLE, MIN_WORDS, COMMON_RUN), (3, 4, 2), (2, 1, 3), (5, 5, 1)]))
def test_generated_text_shares_the_same_runs(texts: list[str], rule: tuple[int, int, int]) -> None:
    assert found(texts, *rule) == reference_shared_runs(texts, *rule)


# --- the whole rule, problem for problem -----------------------------------------------------------------------------

def reference_rule(records: list[Record]) -> list[str]:
    """The repeated-statement rule as it was written before the fingerprints."""
    statements = [(record, at, reference_words(collection_rules._text(item)))
                  for record in records for at, item in collection_rules._items(record)]
    statements = [s for s in statements if len(s[2]) >= MIN_WORDS]
    texts = [" ".join(ws) for _, _, ws in statements]
    pairs = {(a, b) for held in reference_shared_runs(texts).values() for a in held for b in held
             if a < b and statements[a][0] is not statements[b][0]}
    problems = []
    for a, b in sorted(pairs):
        (record, at, ws), (other, other_at, other_ws) = statements[a], statements[b]
        own, theirs = reference_runs(ws, SHINGLE), reference_runs(other_ws, SHINGLE)
        if len(own & theirs) >= NEAR_REPEAT * min(len(own), len(theirs)):
            line, _ = other.doc.locate(other_at)
            hint = "write a statement reported jointly once and credit the others with 'shared_with'"
            problems.append(str(record.problem(at, f"nearly repeats {other.display}:{line} ({described_path(other_at)})", hint)))
    return problems


def test_the_rule_reports_the_same_problems_as_the_plain_rule(make_project: Callable[[Path | None], Path]) -> None:
    project = Project(make_project(None))
    w, rng, names = Writer(5), random.Random(5), vocabulary(project.schemas_dir)
    records: list[dict[str, Any]] = [case_study(w, f"network-{i}", names) for i in range(40)]
    statements = [item for record in records for kind in ("lessons", "barriers", "recommendations")
                  for item in record.get(kind, [])]
    for item in rng.sample(statements, 60):  # planted again in another record, reworded now and then
        copy = rng.choice(statements)
        if rng.random() < 0.5:
            item["title"], item["detail"] = copy["title"], copy["detail"]
        else:
            item["detail"] = reworded(rng, copy["detail"])
    for record in records:
        (project.casestudies_dir / f"{record['id']}.yaml").write_text(
            yaml.safe_dump(record, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")
    checked, _, problems = validate(project)
    repeats = sorted(str(p) for p in problems if "nearly repeats" in p.message)
    assert len(repeats) > 20, "the planted statements are found"
    assert repeats == sorted(reference_rule(checked))
    assert repeats == sorted(str(p) for p in collection_rules._repeated_statements(checked))


# --- editors' words in prose: a record is skipped only when its YAML cannot hold a backtick ---------------------------

MINIMAL = ROOT / "tests" / "cases" / "valid" / "minimal-record.yaml"


@pytest.mark.parametrize("written", ["The `started` year is a guess.", '"The \\x60started\\x60 year is a guess."',
                                     '"The \\u0060started\\U00000060 year is a guess."'])
def test_a_field_named_in_backticks_is_found_however_the_backtick_is_written(
        written: str, make_project: Callable[[Path | None], Path]) -> None:
    project = Project(make_project(None))
    text = MINIMAL.read_text(encoding="utf-8").replace("context: A short context.", f"context: {written}")
    assert "`" not in text or "\\" not in text
    (project.casestudies_dir / "minimal-record.yaml").write_text(text, encoding="utf-8")
    assert [f"{p.field}: {p.message}" for p in validate(project)[2]] == [
        "context: names the record field 'started': readers see this text"]
