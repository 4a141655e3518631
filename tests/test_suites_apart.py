"""The conversation suite of issue 7 (bench/conversations.yml) stays apart from the training data.

It measures how the advisor copes with messages written apart from data/nlu.yml, so no turn of
four words or more may equal, or nearly copy, a training example (after folding case, accents
and punctuation); and each checked turn says what the answer must contain, not only what it
must not.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from rapidfuzz import fuzz, process

from knowledge.text import fold

ROOT = Path(__file__).resolve().parent.parent
SUITE = ROOT / "bench" / "conversations.yml"
NLU = ROOT / "data" / "nlu.yml"
NEAR_COPY = 90  # rapidfuzz.fuzz.ratio on folded texts
MIN_WORDS = 4
# Entity annotations of Rasa examples: [text](entity) or [text]{"entity": ...}
ANNOTATION = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")


def training_examples() -> list[str]:
    """The folded examples of every intent of data/nlu.yml, without entity annotations."""
    items = yaml.safe_load(NLU.read_text(encoding="utf-8")).get("nlu", [])
    examples = []
    for item in items:
        if "intent" not in item:
            continue
        for line in str(item.get("examples", "")).splitlines():
            text = line.strip()
            if text.startswith("- "):
                examples.append(fold(ANNOTATION.sub(r"\1", text[2:])))
    return [e for e in examples if e]


def suite_turns() -> list[dict]:
    scenarios = yaml.safe_load(SUITE.read_text(encoding="utf-8"))
    return [turn for scenario in scenarios for turn in scenario["turns"]]


def test_no_turn_copies_a_training_example() -> None:
    examples = training_examples()
    assert examples, "no training example found in data/nlu.yml"
    exact = set(examples)
    copies = []
    for turn in suite_turns():
        text = fold(turn["user"])
        if len(text.split()) < MIN_WORDS:
            continue
        if text in exact:
            copies.append(f"«{turn['user']}» equals a training example")
            continue
        match = process.extractOne(text, examples, scorer=fuzz.ratio, score_cutoff=NEAR_COPY)
        if match:
            copies.append(f"«{turn['user']}» nearly copies a training example (ratio {match[1]:.0f})")
    assert not copies, "turns of bench/conversations.yml overlap data/nlu.yml:\n" + "\n".join(copies)


@pytest.mark.parametrize("turn", suite_turns(), ids=lambda turn: turn["user"][:40])
def test_each_checked_turn_has_a_positive_check(turn: dict) -> None:
    checks = ("must_name", "must_not_name", "must_contain", "must_not_contain")
    if any(turn.get(key) for key in checks):
        assert turn.get("must_name") or turn.get("must_contain"), "only negative checks"
