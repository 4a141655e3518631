"""What a message says around a name, and whether that is enough to read the name as a place:
a cue before it ("à", "dans", "j'habite à"), a capital letter, a message that is nothing but the
name, an NER hint…"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property

from knowledge.geography_places import BIG_TOWN, LONG_NAME
from knowledge.geography_words import Words
from knowledge.text import Span, Token


class Hints:
    """The character spans an NER tagged as places, outside the masked spans. Given as a
    function, the NER runs only when a decision needs its answer (it costs more than the
    rest of reading a message)."""

    def __init__(self, spans: Iterable[Span] | Callable[[], Iterable[Span]], mask: Iterable[Span]) -> None:
        self._spans = spans
        self._mask = list(mask)

    @cached_property
    def spans(self) -> list[Span]:
        spans = self._spans() if callable(self._spans) else self._spans
        return [h for h in spans if not any(a <= h[0] < b for a, b in self._mask)]

    def cover(self, span: Span) -> bool:
        return any(a <= span[0] and span[1] <= b for a, b in self.spans)


@dataclass(frozen=True)
class Evidence:
    """What the message says around a name."""

    span: Span
    hints: Hints
    cue: bool  # after "à", "dans", "près de"…
    strong_cue: bool  # after "j'habite à", "du côté de"…, or "à …" as a whole answer
    capital: bool  # written with a capital letter
    bare: bool  # the message is only this place, after fillers ("je suis à …")
    alone: bool  # the message is only this place
    multiword: bool
    article: bool  # after "le", "la", "l'"
    followed_by_de: bool  # "la somme de…"
    after_type: bool  # after "l'agglo du", "la communauté de communes des"…
    after_water: bool  # after "baie de", "vallée de la"…: the name of a river

    @cached_property
    def hint(self) -> bool:
        """Tagged as a place by an NER (asked last: only when nothing else decides)."""
        return self.hints.cover(self.span)

    @property
    def strong(self) -> bool:
        return self.capital or self.bare or self.hint

    def enough_for_a_name(self, phrase: str) -> bool:
        """Whether a commune's name that is no French word ("Amiens", "Ham") is a place here."""
        return self.multiword or self.cue or len(phrase) >= LONG_NAME or self.strong

    def enough_for_an_area(self) -> bool:
        """Whether a derived or short area name ("MEL", "deux vallées") is a place here."""
        return self.cue or self.article or self.capital or self.bare or self.after_type or self.hint

    def enough_for_a_word(self, population: int, words: Words) -> bool:
        """Whether a name that is also a French word ("Long", "Paris") is a place here."""
        return (
            self.capital
            or self.alone
            or (self.cue and population >= BIG_TOWN)
            or (self.strong_cue and population >= words.strong_cue_min_population)
            or self.hint
        )


def evidence_at(
    tokens: list[Token], i: int, length: int, hints: Hints, words: Words, bare_start: int
) -> Evidence:
    """The evidence for the `length` tokens from token `i` being a place name."""
    text = [t.word for t in tokens]
    cue = is_cue(tokens, i, words)
    bare = i == bare_start and i + length == len(tokens)
    return Evidence(
        span=(tokens[i].start, tokens[i + length - 1].end),
        hints=hints,
        cue=cue,
        strong_cue=is_strong_cue(text, i, words) or (cue and bare),
        capital=_capital(tokens[i].raw),
        bare=bare,
        alone=len(tokens) == length,
        multiword=length > 1,
        article=i > 0 and text[i - 1] in words.articles,
        followed_by_de=i + length < len(text) and text[i + length] in ("de", "d"),
        after_type=_after_type(text, i, words),
        after_water=_after_water(text, i, words),
    )


def is_cue(tokens: list[Token], i: int, words: Words) -> bool:
    """Whether the word before token `i` announces a place."""
    if i == 0 or tokens[i - 1].word not in words.cues:
        return False
    if tokens[i - 1].raw == "a":  # an unaccented "à", unless it is the English article
        return i < 2 or tokens[i - 2].word not in words.english_before_a
    return True


def is_strong_cue(text: list[str], i: int, words: Words) -> bool:
    """Whether the words before `i` say where the person is ("j'habite à", "du côté de")."""
    return any(i >= len(cue) and tuple(text[i - len(cue) : i]) == cue for cue in words.strong_cues)


def bare_start(text: list[str], words: Words) -> int:
    """The first word after the fillers that open a bare answer ("je suis à", "j'habite")."""
    i = 0
    while i < len(text) - 1 and text[i] in words.fillers:
        i += 1
    return i


def _capital(raw: str) -> bool:
    """Written with a capital letter ("Amiens"; "AMIENS" but not "LE")."""
    return raw[:1].isupper() and (not raw.isupper() or len(raw) > 3)


def _after_type(text: list[str], i: int, words: Words) -> bool:
    """Whether word `i` follows a kind of intercommunality ("l'agglo du", "la CC des")."""
    j = i - 1
    while j >= 0 and text[j] in words.data["name_articles"]:
        j -= 1
    return j >= 0 and text[j] in words.epci_type_words


def _after_water(text: list[str], i: int, words: Words) -> bool:
    """Whether word `i` follows a word naming water ("baie d'", "vallée de la")."""
    j = i - 1
    while j >= 0 and text[j] in words.data["name_articles"]:
        j -= 1
    return j < i - 1 and j >= 0 and text[j] in words.water_words
