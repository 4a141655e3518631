"""The controlled vocabulary: audiences, stages, project kinds, and their labels."""

from typing import Any

from rapidfuzz import fuzz, process

from knowledge.text import Span, find_phrases, fold

SECTIONS = ("audiences", "stages", "project_kinds")
_MIN_SCORE = 85


class Vocabulary:
    """Maps what people type ("chômeuse", "prof", "asso") to canonical values."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self._aliases: dict[str, dict[str, str]] = {}
        for section in SECTIONS:
            index: dict[str, str] = {}
            for value, entry in data[section].items():
                for alias in [value, entry.get("who", ""), *entry.get("aliases", [])]:
                    if alias:
                        index.setdefault(fold(alias), value)
            self._aliases[section] = index

    def canonical(self, section: str, raw: str) -> str | None:
        """The canonical value of `raw` in `section`, tolerating small typos, or None."""
        if raw in self.data[section]:
            return raw
        key = fold(raw)
        index = self._aliases[section]
        if key in index:
            return index[key]
        if len(key) < 4:
            return None
        found = process.extractOne(key, list(index), scorer=fuzz.ratio, score_cutoff=_MIN_SCORE)
        return index[found[0]] if found else None

    def find(self, section: str, text: str) -> list[str]:
        """Values of `section` whose aliases appear as whole words in `text`, in reading order,
        except that a value comes after those that override it (see `ranked`)."""
        return self.ranked(section, [value for value, _ in self.mentions(section, text)])

    def ranked(self, section: str, values: list[str]) -> list[str]:
        """`values` without repeats, in order, each value named in the `overrides` of another
        of them moved after it: « sortie en seconde » tells a school leaver, not a pupil."""
        unique = list(dict.fromkeys(values))
        overridden = {
            v
            for value in unique
            for v in self.data[section].get(value, {}).get("overrides", [])
            if v != value
        }
        return [v for v in unique if v not in overridden] + [v for v in unique if v in overridden]

    def mentions(self, section: str, text: str) -> list[tuple[str, Span]]:
        """(value, character span) of each alias of `section` in `text`."""
        return find_phrases(text, self._aliases[section])

    def aliases(self, section: str) -> dict[str, str]:
        """Folded alias -> canonical value."""
        return dict(self._aliases[section])

    def label(self, section: str, value: str, language: str = "fr", key: str = "label") -> str:
        entry = self.data[section].get(value, {})
        return entry.get(f"{key}_en" if language == "en" else key, value)

    def department_in(self, code: str, language: str = "fr") -> str:
        """'dans l'Oise' / 'in the Oise'."""
        entry = self.data["departments"][code]
        return entry["in_name_en" if language == "en" else "in_name"]
