"""Detect whether a message is written in French or English."""

import re

from lingua import Language, LanguageDetectorBuilder

_DETECTOR = LanguageDetectorBuilder.from_languages(Language.FRENCH, Language.ENGLISH).build()
_WORD = re.compile(r"[^\W\d_]+")
_MARKUP = re.compile(r"<[^>]*>")
_SURE = 0.9  # confidence that switches language on any message with words
_LIKELY = 0.65  # confidence that switches language on a message of 3 words or more


def detect(text: str, current: str) -> str:
    """The language code, "en" or "fr", of `text`.

    `current` when the message is too short or too mixed to tell, or is an intent sent by a
    button or a channel ("/greet").
    """
    words = _WORD.findall(_MARKUP.sub(" ", text))
    if not words or text.startswith("/"):
        return current
    values = {c.language: c.value for c in _DETECTOR.compute_language_confidence_values(" ".join(words))}
    for language, code in ((Language.ENGLISH, "en"), (Language.FRENCH, "fr")):
        confidence = values.get(language, 0.0)
        if confidence >= _SURE or (confidence >= _LIKELY and len(words) >= 3):
            return code
    return current
