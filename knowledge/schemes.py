"""Find the schemes a message names, by name, alias or operator, with small typos."""

import re

from rapidfuzz import fuzz, process

from knowledge.models import Scheme
from knowledge.text import Span, find_phrases, fold

_MIN_SCORE = 90


class SchemeIndex:
    """Name and alias lookup over the schemes."""

    def __init__(self, schemes: list[Scheme], common_phrases: frozenset[str] = frozenset()) -> None:
        """`common_phrases` (folded) are never taken for a misspelt scheme name ("startup")."""
        self.by_id = {s.id: s for s in schemes}
        self.common_phrases = common_phrases
        self._names: dict[str, str] = {}  # folded name or alias -> id (first scheme wins)
        for scheme in schemes:
            for name in (scheme.name, scheme.name_en, *scheme.aliases):
                self._names.setdefault(fold(name), scheme.id)
                self._names.setdefault(fold(re.sub(r"\s*\(.*\)", "", name)), scheme.id)
        self._names = {k: v for k, v in self._names.items() if len(k) >= 3}
        self._operators: dict[str, list[str]] = {}  # folded operator key -> scheme ids
        for scheme in schemes:
            for key in _operator_keys(scheme.operator):
                self._operators.setdefault(key, []).append(scheme.id)

    def mentions(self, text: str) -> list[tuple[str, Span]]:
        """(scheme id, character span) of each name or alias in `text`, longest names first."""
        return find_phrases(text, self._names)

    def find(self, text: str, fuzzy: bool = True) -> list[str]:
        """Ids of the schemes named in `text`, in reading order.

        With `fuzzy`, a name with a small typo is found when no name is found exactly.
        """
        ids = list(dict.fromkeys(scheme_id for scheme_id, _ in self.mentions(text)))
        return ids or (self._fuzzy(text) if fuzzy else [])

    def _fuzzy(self, text: str) -> list[str]:
        """A scheme whose one-word name is written with a typo ("pepit", "Créa 6O")."""
        names = [n for n in self._names if " " not in n]
        for word in fold(text).split():
            if len(word) < 5 or word in self.common_phrases:
                continue
            found = process.extractOne(word, names, scorer=fuzz.ratio, score_cutoff=_MIN_SCORE)
            if found:
                return [self._names[found[0]]]
        return []

    def operator_in(self, text: str) -> tuple[str, Span] | None:
        """The longest operator name or acronym in `text` ("CCI Oise", "UPJV", "CCI"), and its span."""
        found = find_phrases(text, {key: key for key in self._operators})
        return found[0] if found else None

    def schemes_of_operator(self, operator: str) -> list[Scheme]:
        return [self.by_id[i] for i in self._operators.get(fold(operator), [])]


def _operator_keys(operator: str) -> set[str]:
    """Ways to name an operator: its full name, without the parenthesis, its acronyms."""
    short = fold(re.sub(r"\s*\(.*\)", "", operator))
    keys = {fold(operator), short}
    if re.match(r"[A-Z]{3,}\b", operator):  # "CCI Amiens-Picardie" is also "CCI Amiens"
        keys.add(" ".join(short.split()[:2]))
    keys.update(fold(acronym) for acronym in re.findall(r"\b[A-Z]{3,}\b", operator))
    return {k for k in keys if len(k) >= 3}
