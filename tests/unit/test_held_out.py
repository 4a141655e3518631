"""The benchmark's test data is held out from the training data (issue 10, « An honest benchmark »).

- The NLU test set (tests/data/nlu_test.yml) shares no sentence with the training examples once
  case, accents and punctuation are folded (`knowledge.text.fold`), and none of its sentences of
  four words or more is a near copy of one (`rapidfuzz.fuzz.ratio` >= 90 on the folded texts).
- The same holds for the user turns of four words or more of every scenario suite (bench/*.yml
  holding a list of scenarios with `turns`); short turns (« merci », « et après ? ») are
  naturally in both.
- Every checked scenario turn has a positive check (must_name or must_contain), and a number is
  checked with its unit (« 120 heures », « 7 sites »), never bare.
- Each intent of the domain that the training data teaches has at least 15 test sentences.

Failure messages quote the test sentence or turn only, not the training sentence it matches:
rewrite it without looking at the training data.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from rapidfuzz import fuzz, process

from knowledge.text import fold
from tests.support.paths import ROOT
from tests.support.training_data import nlu_examples, plain, training

TEST_SET = ROOT / "tests" / "data" / "nlu_test.yml"
DOMAIN = ROOT / "bot" / "domain" / "domain.yml"  # its intents
BENCH = ROOT / "bench"
NEAR = 90  # rapidfuzz.fuzz.ratio on folded texts, 0-100
MIN_WORDS_FOR_NEAR = 4
MIN_PER_INTENT = 15
CHECKS = ("must_name", "must_not_name", "must_contain", "must_not_contain")
POSITIVE = ("must_name", "must_contain")

def overlap(text: str) -> str | None:
    """Why `text` is not held out from the training data, or None if it is."""
    _, exact, folded_list = training()
    folded = fold(text)
    if folded in exact:
        return "equals a training sentence (folded)"
    if len(folded.split()) >= MIN_WORDS_FOR_NEAR:
        best = process.extractOne(folded, folded_list, scorer=fuzz.ratio, score_cutoff=NEAR)
        if best:
            return f"near copy of a training sentence (ratio {best[1]:.0f})"
    return None


def scenario_suites() -> list[Path]:
    """The files of bench/*.yml that are lists of scenarios with turns."""
    suites = []
    for path in sorted(BENCH.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if (
            isinstance(data, list)
            and data
            and all(isinstance(s, dict) and isinstance(s.get("turns"), list) for s in data)
        ):
            suites.append(path)
    return suites


def turns(path: Path) -> list[tuple[str, int, dict]]:
    """(scenario name, turn number from 1, turn) of each turn of a suite."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        (scenario.get("name", "?"), number, turn)
        for scenario in data
        for number, turn in enumerate(scenario["turns"], 1)
        if isinstance(turn, dict)
    ]


def test_training_and_test_data_are_read() -> None:
    examples, _, _ = training()
    assert len(examples) > 100
    assert len(nlu_examples(TEST_SET)) > 100


def test_annotations_are_stripped() -> None:
    assert plain("jsuis [etudiant](audience) a [St Quentin](place)") == "jsuis etudiant a St Quentin"
    assert plain('le [2]{"entity": "ordinal"} stp') == "le 2 stp"
    assert plain("[Pas de calais](place:pas-de-calais)") == "Pas de calais"


def test_test_set_is_held_out_from_training() -> None:
    problems = [
        f"{intent}: « {text} »: {why}" for intent, text in nlu_examples(TEST_SET) if (why := overlap(text))
    ]
    assert not problems, f"{len(problems)} test sentences are not held out:\n" + "\n".join(problems)


def test_test_set_has_no_duplicate_sentence() -> None:
    counts = Counter(fold(text) for _, text in nlu_examples(TEST_SET))
    assert not [text for text, n in counts.items() if n > 1]


def test_each_trained_intent_has_enough_test_sentences() -> None:
    domain = yaml.safe_load(DOMAIN.read_text(encoding="utf-8"))
    trained = {intent for intent, _ in training()[0]}
    intents = [i if isinstance(i, str) else next(iter(i)) for i in domain.get("intents", [])]
    counts = Counter(intent for intent, _ in nlu_examples(TEST_SET))
    short = {i: counts[i] for i in intents if i in trained and counts[i] < MIN_PER_INTENT}
    assert not short, f"intents with fewer than {MIN_PER_INTENT} test sentences: {short}"


def test_there_are_scenario_suites() -> None:
    assert BENCH / "scenarios.yml" in scenario_suites()


@pytest.mark.parametrize("suite", scenario_suites(), ids=lambda p: p.name)
def test_scenario_turns_are_held_out_from_training(suite: Path) -> None:
    problems = []
    for name, number, turn in turns(suite):
        text = str(turn.get("user", ""))
        if len(fold(text).split()) >= MIN_WORDS_FOR_NEAR and (why := overlap(text)):
            problems.append(f"{name} #{number}: « {text} »: {why}")
    assert not problems, f"{len(problems)} turns are not held out:\n" + "\n".join(problems)


@pytest.mark.parametrize("suite", scenario_suites(), ids=lambda p: p.name)
def test_each_checked_turn_has_a_positive_check(suite: Path) -> None:
    negative_only = [
        f"{name} #{number}: « {turn.get('user')} »"
        for name, number, turn in turns(suite)
        if any(turn.get(k) for k in CHECKS) and not any(turn.get(k) for k in POSITIVE)
    ]
    assert not negative_only, "turns checked only by what must not appear:\n" + "\n".join(negative_only)


def bare_number(expected: str) -> bool:
    """True if `expected` has a number and nothing else (no unit, no word)."""
    folded = fold(str(expected))
    return bool(re.search(r"\d", folded)) and not re.search(r"[^\d\s]", folded)


def test_bare_number_detection() -> None:
    assert bare_number("7") and bare_number("120") and bare_number("5 000")
    assert not bare_number("120 heures") and not bare_number("7 sites") and not bare_number("0 €")


@pytest.mark.parametrize("suite", scenario_suites(), ids=lambda p: p.name)
def test_numbers_are_checked_with_their_unit(suite: Path) -> None:
    bare = [
        f"{name} #{number}: must_contain « {expected} »"
        for name, number, turn in turns(suite)
        for key in ("must_contain", "must_not_contain")
        for expected in turn.get(key) or []
        if bare_number(expected)
    ]
    assert not bare, "numbers checked without their unit:\n" + "\n".join(bare)
