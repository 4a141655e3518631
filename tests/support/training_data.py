"""The NLU training examples of data/*.yml as plain text (entity annotations removed)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

from knowledge.text import fold
from tests.support.paths import ROOT

TRAINING = ROOT / "data"

# [text](entity), [text](entity:value), [text]{"entity": ...}, [text][synonym]
_ANNOTATION = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\}|\[[^\]]*\])")


def plain(example: str) -> str:
    """The text of a Rasa example without its entity annotations."""
    return _ANNOTATION.sub(r"\1", example).strip()


def nlu_examples(path: Path) -> list[tuple[str, str]]:
    """(intent, plain text) of each intent example of a Rasa YAML NLU file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    found = []
    for item in data.get("nlu", []) if isinstance(data, dict) else []:
        if not isinstance(item, dict) or "intent" not in item:
            continue
        examples = item.get("examples", [])
        if isinstance(examples, str):
            lines = [line.strip() for line in examples.splitlines()]
            texts = [line[2:] for line in lines if line.startswith("- ")]
        else:
            texts = [e["text"] if isinstance(e, dict) else str(e) for e in examples]
        found += [(item["intent"], plain(text)) for text in texts if plain(text)]
    return found


@cache
def training() -> tuple[list[tuple[str, str]], frozenset[str], list[str]]:
    """The training examples of data/*.yml, the set of their folded texts, and that list."""
    examples = [e for path in sorted(TRAINING.glob("*.yml")) for e in nlu_examples(path)]
    folded = sorted({fold(text) for _, text in examples})
    return examples, frozenset(folded), folded
