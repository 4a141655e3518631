"""Text normalisation shared by the knowledge modules."""

import re

from unidecode import unidecode

_SEPARATORS = re.compile(r"[\s\-‐‑–—'’`´_/.,;:!?()\[\]{}«»\"“”]+")
_SAINT = re.compile(r"\b(st|ste)\b")


def fold(text: str) -> str:
    """Lower-case ASCII form of `text`: no accents, punctuation and hyphens as single spaces."""
    folded = unidecode(text).lower()
    return _SEPARATORS.sub(" ", folded).strip()


def fold_place(text: str) -> str:
    """`fold`, with the abbreviations "St"/"Ste" spelled out as "saint"/"sainte"."""
    return _SAINT.sub(lambda m: "saint" if m.group(1) == "st" else "sainte", fold(text))
