"""NLU component: a message is taken as a request to erase the conversation only when it says
so. The erasure cannot be undone; a « forget » intent on a message with none of the words of
knowledge/data/erasure-words.yml (« et pour garder mes allocations ? ») becomes the fallback
intent, which asks the person to say it again. The `/forget` command is left as it is."""

from __future__ import annotations

import re
from pathlib import Path
from typing import List

import yaml
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.components.base import StatelessComponent
from knowledge.text import fold

ERASE_INTENT = "forget"
WORDS_FILE = Path(__file__).resolve().parents[2] / "knowledge" / "data" / "erasure-words.yml"


def erasure_pattern(path: Path = WORDS_FILE) -> re.Pattern[str]:
    """One pattern for the erasure words of `path`."""
    patterns = yaml.safe_load(path.read_text(encoding="utf-8"))["patterns"]
    return re.compile("|".join(f"(?:{p})" for p in patterns))


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class ErasureGuard(StatelessComponent):
    """Turns a « forget » said without an erasure word into the fallback intent."""

    def __init__(self) -> None:
        self.pattern = erasure_pattern()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            text = message.get(TEXT)
            if intent.get("name") != ERASE_INTENT or not isinstance(text, str) or text.startswith("/"):
                continue
            if not self.pattern.search(fold(text)):
                confidence = intent.get("confidence", 0.0)
                fallback = {"name": DEFAULT_NLU_FALLBACK_INTENT_NAME, "confidence": confidence}
                message.set(INTENT, fallback, add_to_output=True)
        return messages
