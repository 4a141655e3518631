"""Find the schemes a message names, by name, alias or operator, with small typos."""

import re

from rapidfuzz import fuzz, process

from knowledge.models import Scheme
from knowledge.text import fold

_MIN_SCORE = 88


class SchemeIndex:
    """Name and alias lookup over the schemes."""

    def __init__(self, schemes: list[Scheme]) -> None:
        self.by_id = {s.id: s for s in schemes}
        self._names: dict[str, str] = {}  # folded name or alias -> id (first scheme wins)
        for scheme in schemes:
            for name in (scheme.name, scheme.name_en, *scheme.aliases):
                self._names.setdefault(fold(name), scheme.id)
                self._names.setdefault(fold(re.sub(r"\s*\(.*\)", "", name)), scheme.id)
        self._names.pop("", None)
        self._operators: dict[str, list[str]] = {}  # folded operator key -> scheme ids
        for scheme in schemes:
            for key in _operator_keys(scheme.operator):
                self._operators.setdefault(key, []).append(scheme.id)

    def names(self) -> dict[str, str]:
        """Folded name or alias -> scheme id."""
        return dict(self._names)

    def find(self, text: str) -> list[str]:
        """Ids of the schemes named in `text`, in reading order; longest names first."""
        padded = f" {fold(text)} "
        found: list[tuple[int, str]] = []
        for name in sorted(self._names, key=len, reverse=True):
            position = padded.find(f" {name} ")
            if position >= 0 and len(name) >= 3:
                found.append((position, self._names[name]))
                padded = padded.replace(f" {name} ", " " + "#" * len(name) + " ")
        ids: list[str] = []
        for _, scheme_id in sorted(found):
            if scheme_id not in ids:
                ids.append(scheme_id)
        return ids or self._fuzzy(padded)

    def _fuzzy(self, folded: str) -> list[str]:
        words = folded.split()
        for length in (6, 5, 4, 3, 2, 1):
            for i in range(len(words) - length + 1):
                phrase = " ".join(words[i : i + length])
                if len(phrase) < 5:
                    continue
                found = process.extractOne(
                    phrase, list(self._names), scorer=fuzz.ratio, score_cutoff=_MIN_SCORE
                )
                if found:
                    return [self._names[found[0]]]
        return []

    def lookup(self, name: str) -> str | None:
        """The id of the scheme called `name` (an entity value), or None."""
        if name in self.by_id:
            return name
        found = self.find(name)
        return found[0] if found else None

    def operator_in(self, text: str) -> str | None:
        """The longest operator name or acronym found in `text` ("CCI Oise", "UPJV", "CCI")."""
        padded = f" {fold(text)} "
        for key in sorted(self._operators, key=len, reverse=True):
            if f" {key} " in padded:
                return key
        return None

    def schemes_of_operator(self, operator: str) -> list[Scheme]:
        return [self.by_id[i] for i in self._operators.get(fold(operator), [])]


def _operator_keys(operator: str) -> set[str]:
    """Ways to name an operator: its full name, without the parenthesis, its acronyms."""
    keys = {fold(operator), fold(re.sub(r"\s*\(.*\)", "", operator))}
    keys.update(fold(acronym) for acronym in re.findall(r"\b[A-Z]{3,}\b", operator))
    return {k for k in keys if len(k) >= 3}
