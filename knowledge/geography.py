"""Resolve what people type about a place to a department of Hauts-de-France.

Understands commune names (any case, no accents, hyphens or not, "St"/"Saint", small typos,
foreign names such as "Dunkirk"), postal codes, department names and numbers, the former
regions, intercommunalities, arrondissements and traditional areas (knowledge.areas), the
names of inhabitants (« roubaisien », « nordiste »), and recognises places outside the region.
A name shared by communes of several departments is ambiguous; an area over several
departments is given as a region to choose from.

A name that is also a common word ("Long", "La Couture", "Nice") is read as a place only
with evidence: a capital letter, a preceding "à"/"dans"…, a phrase saying where the person
lives ("j'habite à guise"), an NER hint, or a message that is nothing but the name. A place in
a question about something else ("il fait quel temps à Lille ?") is not read.

The words this relies on are data: knowledge/data/geography-words.yml and, for the names of
inhabitants, knowledge/data/geography-demonyms.yml.

The gazetteer is in parts: the word lists (geography_words), what it finds (geography_places),
the index of places it reads from knowledge/data (geography_index), the evidence around a name
(geography_evidence) and typo-tolerant matching (geography_fuzzy). This module reads a message
and decides which names are places.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import replace

from spacy.lang.fr.stop_words import STOP_WORDS

from knowledge.areas import Area
from knowledge.geography_evidence import Evidence, Hints, bare_start, evidence_at
from knowledge.geography_fuzzy import fuzzy_places
from knowledge.geography_index import PlaceIndex
from knowledge.geography_places import (
    BIG_TOWN,
    LONG_NAME,
    MAX_WORDS,
    REGION_DEPARTMENTS,
    Commune,
    Place,
    combine,
)
from knowledge.geography_words import DATA_DIR, DEMONYMS_FILE, WORDS_FILE, load_words
from knowledge.text import Span, Token, find_phrases, fold_place, tokens

__all__ = [  # where the project imports them from
    "DATA_DIR",
    "DEMONYMS_FILE",
    "REGION_DEPARTMENTS",
    "WORDS_FILE",
    "Commune",
    "Gazetteer",
    "Place",
    "combine",
    "fold_place",
    "load_words",
]

_POSTAL_CODE = re.compile(r"(?<!\d)(\d{5})(?!\d)")
_PUNCTUATION = re.compile(r"[,;:!?()]")  # never inside a place name


class Gazetteer(PlaceIndex):
    """Reads the places a message mentions, with the index of the places of the region and
    of France."""

    def resolve(
        self, text: str, hints: Iterable[Span] | Callable[[], Iterable[Span]] = (), mask: Iterable[Span] = ()
    ) -> Place | None:
        """The place a message talks about, or None.

        `hints` are character spans an NER tagged as places, or a function that gives them
        when they are needed; `mask` spans are not read (the names of schemes, such as
        "Initiative Aisne").
        """
        places = self.mentions(text, hints, mask)
        return combine(places) if places else None

    def mentions(
        self, text: str, hints: Iterable[Span] | Callable[[], Iterable[Span]] = (), mask: Iterable[Span] = ()
    ) -> list[Place]:
        """Every place mentioned in `text`, in reading order, each with its span."""
        if self.unrelated(text):
            return []
        mask = list(mask)
        words = [t for t in tokens(text) if not any(a <= t.start < b for a, b in mask)]
        found = self._postal_codes(text) + self._department_numbers(text)
        taken = {i for i, t in enumerate(words) for p in found if p.span[0] <= t.start < p.span[1]}
        found += self._names(words, taken, Hints(hints, mask), text)
        return sorted(found, key=lambda p: p.span)

    def unrelated(self, text: str) -> bool:
        """Whether `text` asks about something else than the person ("quel temps à Lille ?")."""
        return bool(find_phrases(text, self.words.unrelated_topics)) and not find_phrases(
            text, self.words.about_the_person
        )

    # -- codes and numbers ----------------------------------------------------------------

    def _postal_codes(self, text: str) -> list[Place]:
        found = []
        for match in _POSTAL_CODE.finditer(text):
            place = self.postal_code_place(match.group(1))
            if place:
                found.append(replace(place, span=match.span(1)))
        return found

    def _department_numbers(self, text: str) -> list[Place]:
        found = []
        for match in self.words.department_number.finditer(text):
            place = self.department_place(match.group(1))
            if place:
                found.append(replace(place, span=match.span(1)))
        bare = text.strip()
        if not found and bare in REGION_DEPARTMENTS:
            start = text.index(bare)
            found.append(replace(self.department_place(bare), span=(start, start + len(bare))))
        return found

    # -- names ----------------------------------------------------------------------------

    def _names(self, tokens: list[Token], taken: set[int], hints: Hints, text: str) -> list[Place]:
        start = bare_start([t.word for t in tokens], self.words)
        found: list[Place] = []
        i = 0
        while i < len(tokens):
            match = self._match_at(i, tokens, taken, hints, text, start)
            if match and match[1].kind == "outside":  # "à la côte picarde": not La Côte (70)
                for j in range(i + 1, i + match[0]):
                    later = self._match_at(j, tokens, taken, hints, text, start)
                    if later and later[1].in_region and j + later[0] > i + match[0]:
                        match, i = later, j
                        break
            if match:
                found.append(match[1])
                taken.update(range(i, i + match[0]))
                i += match[0]
            else:
                i += 1
        return found or fuzzy_places(self, tokens, taken, hints, start, text)

    def _match_at(
        self, i: int, tokens: list[Token], taken: set[int], hints: Hints, text: str, bare_start: int
    ) -> tuple[int, Place] | None:
        """The longest place name starting at token `i`, with its length in tokens."""
        words = [t.word for t in tokens]
        for length in range(min(MAX_WORDS, len(tokens) - i), 0, -1):
            if any(j in taken for j in range(i, i + length)):
                continue
            span = (tokens[i].start, tokens[i + length - 1].end)
            phrase = " ".join(words[i : i + length])
            official = length >= 3 and phrase in self.areas.names  # "CA de Béthune-Bruay, Artois…"
            if _PUNCTUATION.search(text, *span) and not official:  # "non pas Lens, Liévin": two names
                continue
            evidence = evidence_at(tokens, i, length, hints, self.words, bare_start)
            place = self._accept(phrase, evidence)
            article = self.words.contracted_articles.get(words[i - 1]) if i else None
            if place is None and article:  # "au Touquet": Le Touquet
                place = self._accept(f"{article} {phrase}", evidence)
            if place:
                return length, replace(place, span=span)
        return None

    # -- the decision: is this name a place here? -----------------------------------------

    def _accept(self, phrase: str, evidence: Evidence) -> Place | None:
        """The place `phrase` names with this evidence, or None. The first kind of name it is
        decides: a department, a region, a commune of the region (or its foreign or short
        name), an area, a demonym, a commune outside the region, part of an area's name."""
        if phrase in STOP_WORDS or len(phrase) < 2:
            return None
        if phrase in self.department_codes:
            return self._accept_department(phrase, evidence)
        region = self.words.former_region_aliases.get(phrase, phrase)
        if (
            region in self.former_regions
            or phrase in self.words.whole_region
            or phrase in self.outside_regions
        ):
            return self.place_for_name(region, outside=True)
        if evidence.after_water and not evidence.multiword:
            return None  # "en baie d'Authie": the river, not the village
        if phrase in self.communes_by_name:
            return self._accept_commune(phrase, evidence)
        french = self.words.foreign_names.get(phrase) or self.short_names.get(phrase)
        if french in self.communes_by_name:
            accepted = evidence.enough_for_a_name(phrase)
            return self.place_for_name(french, outside=False) if accepted else None
        return self._accept_other_name(phrase, evidence)

    def _accept_department(self, phrase: str, evidence: Evidence) -> Place | None:
        """A department's name; one that is also a word ("Somme", "Nord") needs more."""
        if phrase in self.words.risky_department_names and not (
            (evidence.article and not evidence.followed_by_de) or evidence.strong
        ):
            return None
        return self.place_for_name(phrase, outside=True)

    def _accept_commune(self, phrase: str, evidence: Evidence) -> Place | None:
        """A commune's name; one that is also a word needs more, the more for a small town."""
        if self.is_common_word(phrase):
            population = max(c.population for c in self.communes_by_name[phrase])
            accepted = evidence.enough_for_a_word(population, self.words)
        else:
            accepted = evidence.enough_for_a_name(phrase)
        return self.place_for_name(phrase, outside=False) if accepted else None

    def _accept_other_name(self, phrase: str, evidence: Evidence) -> Place | None:
        """An area, a demonym, a commune outside the region or a part of an area's name."""
        area = self.areas.names.get(phrase)
        if area:
            return self.area_place(area) if self._enough_for_area(phrase, area, evidence) else None
        if phrase in self.demonyms:  # « roubaisien ici », « je suis nordiste »
            return self.demonym_place(phrase)
        if phrase in self.outside_communes and len(phrase) >= 3:
            return self._accept_outside_commune(phrase, evidence)
        area = self.areas.parts.get(phrase)
        if area and self._enough_for_area(phrase, area, evidence):
            return self.area_place(area)
        return None

    def _accept_outside_commune(self, phrase: str, evidence: Evidence) -> Place | None:
        """A commune outside the region: a small one needs a capital, a bare answer or a hint."""
        population = self.outside_communes[phrase][2]
        if self.is_common_word(phrase):
            accepted = evidence.enough_for_a_word(population, self.words)
        else:
            accepted = (evidence.cue and (evidence.multiword or population >= BIG_TOWN)) or evidence.strong
        return self.place_for_name(phrase, outside=True) if accepted else None

    def _enough_for_area(self, phrase: str, area: Area, evidence: Evidence) -> bool:
        """Whether an area's name is a place here. With a cue, an article, a capital…, always.
        Otherwise: a traditional area's name as a commune's ("Thiérache"); an official name of
        three words or more ("CA du Boulonnais"); one word ending like the name of a pays
        ("Boulonnais", "Calaisis"), but not "Sources" or "MEL"."""
        if evidence.enough_for_an_area():
            return True
        if self.is_common_word(phrase) or len(phrase) < LONG_NAME:
            return False
        words = phrase.split()
        if area.kind == "area" or len(words) >= 3:
            return True
        return len(words) == 1 and phrase.endswith(self.words.area_name_endings)
