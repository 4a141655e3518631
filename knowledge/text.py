"""Text normalisation shared by the knowledge modules."""

import re
from typing import NamedTuple

from unidecode import unidecode

_SEPARATORS = re.compile(r"[\s\-‐‑–—'’`´_/.,;:!?()\[\]{}«»<>\"“”]+")
_SAINT = re.compile(r"\b(st|ste)\b")


def fold(text: str) -> str:
    """Lower-case ASCII form of `text`: no accents, punctuation and hyphens as single spaces."""
    folded = unidecode(text).lower()
    return _SEPARATORS.sub(" ", folded).strip()


def fold_place(text: str) -> str:
    """`fold`, with the abbreviations "St"/"Ste" spelled out as "saint"/"sainte"."""
    return _SAINT.sub(lambda m: "saint" if m.group(1) == "st" else "sainte", fold(text))


Span = tuple[int, int]  # character offsets in a message


class Token(NamedTuple):
    """A word of a message: folded as by `fold_place`, as typed, and its offsets."""

    word: str
    raw: str
    start: int
    end: int


_TOKEN = re.compile(r"[^\s\-‐‑–—'’`´_/.,;:!?()\[\]{}«»<>\"“”]+")


def tokens(text: str) -> list[Token]:
    """The words of `text`, folded, with their character offsets."""
    found = []
    for match in _TOKEN.finditer(text):
        for part in fold_place(match.group()).split():
            found.append(Token(part, match.group(), match.start(), match.end()))
    return found


def find_phrases(text: str, names: dict[str, str]) -> list[tuple[str, Span]]:
    """(value, span) for each folded phrase of `names` found as whole words in `text`,
    reading left to right and taking the longest phrase at each place."""
    words = tokens(text)
    longest = max((len(k.split()) for k in names), default=0)
    found, i = [], 0
    while i < len(words):
        for length in range(min(longest, len(words) - i), 0, -1):
            key = " ".join(w.word for w in words[i : i + length])
            if key in names:
                found.append((names[key], (words[i].start, words[i + length - 1].end)))
                i += length
                break
        else:
            i += 1
    return found
