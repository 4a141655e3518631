"""Detect whether a message is written in French or English.

The language changes only with a sentence in the other language: at least MIN_WORDS words once
what is no sentence is taken out (e-mail addresses, links, numbers, and names: the places and
schemes the caller removes, capitalised words past the first). A name, an e-mail address, a
scheme's name or a short word (« ok », « Adie », « Camille Martin ») never switches."""

import re

from lingua import Language, LanguageDetectorBuilder

_DETECTOR = LanguageDetectorBuilder.from_languages(Language.FRENCH, Language.ENGLISH).build()
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_NOT_WORDS = re.compile(r"<[^>]*>|\S+@\S+|https?://\S+|www\.\S+")
MIN_WORDS = 3  # words of a sentence
_LIKELY = 0.65  # confidence in the other language that switches


def sentence_words(text: str) -> list[str]:
    """The words of `text` that can tell its language: no address, link, number or name (a
    capitalised word past the first, other than English « I »)."""
    words = _WORD.findall(_NOT_WORDS.sub(" ", text))
    return [w for i, w in enumerate(words) if i == 0 or not w[:1].isupper() or w in ("I", "I'm")]


def detect(text: str, current: str) -> str:
    """The language code, "en" or "fr", of `text`: `current` unless `text` is a sentence of at
    least MIN_WORDS words in the other language (an intent sent by a button, « /greet », is none)."""
    words = sentence_words(text)
    if len(words) < MIN_WORDS or text.startswith("/"):
        return current
    values = {c.language: c.value for c in _DETECTOR.compute_language_confidence_values(" ".join(words))}
    for language, code in ((Language.ENGLISH, "en"), (Language.FRENCH, "fr")):
        if values.get(language, 0.0) >= _LIKELY:
            return code
    return current
