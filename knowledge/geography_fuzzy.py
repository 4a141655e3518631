"""Typo-tolerant reading of a place name ("amien", "dunkerke"), tried when no name is found
exactly: the words after a cue ("à", "dans le") or a bare answer, compared with every name of
the index; failing that, a capitalised name an NER tagged as a place is an unknown place."""

from dataclasses import replace

from rapidfuzz import fuzz, process

from knowledge.geography_evidence import Hints, is_cue
from knowledge.geography_index import PlaceIndex
from knowledge.geography_places import LONG_NAME, MAX_WORDS, Place
from knowledge.geography_words import domain_words
from knowledge.text import Token, fold_place

MIN_SCORE = 90  # rapidfuzz's ratio, out of 100


def fuzzy_places(
    index: PlaceIndex, tokens: list[Token], taken: set[int], hints: Hints, bare_start: int, text: str
) -> list[Place]:
    """The place a mistyped name after a cue, of a bare answer or of an NER hint stands for."""
    best = _best_match(index, tokens, taken, bare_start)
    if best:
        return [best]
    unknown = _unknown_place(hints, text)
    return [unknown] if unknown else []


def _best_match(index: PlaceIndex, tokens: list[Token], taken: set[int], bare_start: int) -> Place | None:
    """The place of the name closest to a phrase starting where a name is expected."""
    words = [t.word for t in tokens]
    best: tuple[float, Place] | None = None
    for i in _starts(index, tokens, taken, bare_start):
        for length in range(1, min(MAX_WORDS, len(words) - i) + 1):
            if any(j in taken for j in range(i, i + length)):
                break
            phrase = " ".join(words[i : i + length])
            if not _may_be_mistyped(index, phrase):
                continue
            found = process.extractOne(phrase, index.name_keys, scorer=fuzz.ratio, score_cutoff=MIN_SCORE)
            if found and (best is None or found[1] > best[0]):
                place = _place_for_key(index, found[0])
                if place:
                    best = (found[1], replace(place, span=(tokens[i].start, tokens[i + length - 1].end)))
    return best[1] if best else None


def _starts(index: PlaceIndex, tokens: list[Token], taken: set[int], bare_start: int) -> list[int]:
    """The tokens a name is expected at: after a cue or a cue and an article, or a bare answer."""
    words = [t.word for t in tokens]
    bare = 0 < len(words) - bare_start <= MAX_WORDS
    return [
        i
        for i in range(len(words))
        if i not in taken
        and (
            is_cue(tokens, i, index.words)
            or (bare and i == bare_start)
            or (i >= 2 and words[i - 1] in index.words.articles and is_cue(tokens, i - 1, index.words))
        )
    ]


def _may_be_mistyped(index: PlaceIndex, phrase: str) -> bool:
    """Whether a phrase is long enough, and no known name or word as it is written."""
    return not (
        len(phrase) < LONG_NAME
        or phrase in domain_words()
        or phrase in index.communes_by_name
        or phrase in index.areas.names
        or phrase in index.common_words
    )


def _place_for_key(index: PlaceIndex, key: str) -> Place | None:
    """The place of one of the index's `name_keys`: an area, a demonym or a commune."""
    area = index.areas.names.get(key) if key not in index.communes_by_name else None
    if area:
        return index.area_place(area)
    if key in index.demonyms:
        return index.demonym_place(key)
    return index.place_for_name(key, outside=False)


def _unknown_place(hints: Hints, text: str) -> Place | None:
    """A name tagged as a place, and written like one, but found nowhere."""
    if not any(c.isupper() for c in text):
        return None  # no name written like one: no need to ask the NER
    for start, end in hints.spans:
        name = text[start:end]
        if name[:1].isupper() and fold_place(name) not in domain_words():
            return Place("unknown", name, span=(start, end))
    return None
