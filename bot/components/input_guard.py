"""NLU components that protect the pipeline from unusable input.

`InputCleaner` (first in the pipeline) drops control characters and markup tags, shortens
letters typed three times or more ("ouiiii", "byeee", "nonnn" read as "oui", "byee", "non":
no French or English word has a letter three times in a row, and an unaccented "créée" keeps
its two e), and cuts very long messages (a message left with nothing to read becomes "?",
which the featurizers can handle);
`UnreadableInput` (last) turns a message with no letter or digit (empty, emoji, symbols)
into the fallback intent, so that the bot answers politely instead of guessing.
"""

import re
import unicodedata
from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.components.base import StatelessComponent

MAX_CHARACTERS = 1000
PLACEHOLDER = "?"
FALLBACK_INTENT = "nlu_fallback"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffd]")
_MARKUP = re.compile(r"<[^<>]{0,500}>")
_ELONGATED = re.compile(r"([^\W\d_])\1{2,}")


def _shorten(match: re.Match) -> str:
    letter = match.group(1)
    return letter * 2 if letter.lower() == "e" else letter


def unelongate(text: str) -> str:
    """Letters typed three times or more once (twice for e)."""
    return _ELONGATED.sub(_shorten, text)


def _has_words(text: str) -> bool:
    return any(unicodedata.category(ch)[0] in ("L", "N") for ch in text)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class InputCleaner(StatelessComponent):
    """Removes control characters and markup tags, shortens elongated letters, keeps at most
    MAX_CHARACTERS characters."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if isinstance(text, str):
                cleaned = unelongate(_MARKUP.sub(" ", _CONTROL.sub("", text)))[:MAX_CHARACTERS]
                if cleaned != text:
                    message.set(TEXT, cleaned if cleaned.strip() else PLACEHOLDER)
        return messages


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class UnreadableInput(StatelessComponent):
    """Classifies a message without any letter or digit as the fallback intent."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if isinstance(text, str) and not text.startswith("/") and not _has_words(text):
                fallback = {"name": FALLBACK_INTENT, "confidence": 1.0}
                message.set(INTENT, fallback, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [fallback], add_to_output=True)
                message.set(ENTITIES, [], add_to_output=True)
        return messages
