"""NLU components that protect the pipeline from unusable input.

`InputCleaner` (first in the pipeline) drops control characters and markup tags, shortens
letters typed three times or more ("ouiiii", "byeee", "nonnn" read as "oui", "byee", "non":
no French or English word has a letter three times in a row, and an unaccented "créée" keeps
its two e), spells out the SMS abbreviations of knowledge/data/sms-words.yml (« chui ds le
62 » read as « je suis dans le 62 »), and cuts very long messages (a message left with
nothing to read becomes "?", which the featurizers can handle);
`UnreadableInput` turns a message with no letter or digit (empty, emoji, symbols)
into the fallback intent, so that the bot answers politely instead of guessing;
`TypedText` (last) gives the message back with the words as the person typed them, the
offsets of its entities and tokens moved onto them: the pipeline reads « je suis dans le
62 », the conversation keeps « chui ds le 62 » and where « 62 » is in it.
"""

import re
import unicodedata
from difflib import SequenceMatcher
from pathlib import Path
from typing import Dict, List

import yaml
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.constants import TOKENS_NAMES
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.components.base import StatelessComponent

MAX_CHARACTERS = 1000
PLACEHOLDER = "?"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffd]")
_MARKUP = re.compile(r"<[^<>]{0,500}>")
_ELONGATED = re.compile(r"([^\W\d_])\1{2,}")
TYPED = "text_as_typed"  # the message before its words were respelled, when they were
SMS_FILE = Path(__file__).resolve().parents[2] / "knowledge" / "data" / "sms-words.yml"


def _shorten(match: re.Match) -> str:
    letter = match.group(1)
    return letter * 2 if letter.lower() == "e" else letter


def unelongate(text: str) -> str:
    """Letters typed three times or more once (twice for e)."""
    return _ELONGATED.sub(_shorten, text)


class SmsWords:
    """Spells out the SMS abbreviations of `path` typed as whole words, in lower case or
    capitalised; in capitals they are acronyms (« les DS du lycée »)."""

    def __init__(self, path: Path = SMS_FILE) -> None:
        words: Dict[str, str] = yaml.safe_load(path.read_text(encoding="utf-8"))["words"]
        self.words = {abbreviation.lower(): spelled for abbreviation, spelled in words.items()}
        alternatives = "|".join(re.escape(w) for w in sorted(self.words, key=len, reverse=True))
        self.pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)

    def spell_out(self, text: str) -> str:
        return self.pattern.sub(self._spelled, text)

    def _spelled(self, match: re.Match) -> str:
        typed = match.group()
        letters = [ch for ch in typed if ch.isalpha()]
        if len(letters) > 1 and all(ch.isupper() for ch in letters):
            return typed
        return self.words[typed.lower()]


def _has_words(text: str) -> bool:
    return any(unicodedata.category(ch)[0] in ("L", "N") for ch in text)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class InputCleaner(StatelessComponent):
    """Removes control characters and markup tags, shortens elongated letters, spells out SMS
    abbreviations, keeps at most MAX_CHARACTERS characters."""

    def __init__(self) -> None:
        self.sms = SmsWords()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if isinstance(text, str):
                typed = _MARKUP.sub(" ", _CONTROL.sub("", text))[:MAX_CHARACTERS]
                if not typed.strip():
                    typed = PLACEHOLDER
                read = self.sms.spell_out(unelongate(typed))
                if read != text:
                    message.set(TEXT, read)
                if read != typed:
                    message.set(TYPED, typed)
        return messages


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class UnreadableInput(StatelessComponent):
    """Classifies a message without any letter or digit as the fallback intent."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if isinstance(text, str) and not text.startswith("/") and not _has_words(text):
                fallback = {"name": DEFAULT_NLU_FALLBACK_INTENT_NAME, "confidence": 1.0}
                message.set(INTENT, fallback, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [fallback], add_to_output=True)
                message.set(ENTITIES, [], add_to_output=True)
        return messages


def offsets_onto(read: str, typed: str) -> tuple[list[int], list[int]]:
    """For each offset of `read`, the offset in `typed` where a span starting (first list) or
    ending (second) there starts or ends: a respelled word maps onto the word typed."""
    starts, ends = [0] * (len(read) + 1), [0] * (len(read) + 1)
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, read, typed, autojunk=False).get_opcodes():
        for i in range(i1, i2 + 1):
            if tag == "equal":
                starts[i] = ends[i] = j1 + i - i1
            else:
                starts[i] = j1 if i < i2 else j2
                ends[i] = j2 if i > i1 else j1
    return starts, ends


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class TypedText(StatelessComponent):
    """Gives back the words as typed, with the entities' and tokens' offsets moved onto them."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            typed = message.get(TYPED)
            if typed is None:
                continue
            starts, ends = offsets_onto(message.get(TEXT), typed)
            for entity in message.get(ENTITIES) or []:
                if "start" in entity and "end" in entity:
                    entity["start"], entity["end"] = starts[entity["start"]], ends[entity["end"]]
            for token in message.get(TOKENS_NAMES[TEXT]) or []:
                token.start, token.end = starts[token.start], ends[token.end]
            message.set(TEXT, typed)
        return messages
