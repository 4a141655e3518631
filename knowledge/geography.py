"""Resolve what people type about a place to a department of Hauts-de-France.

Understands commune names (any case, no accents, hyphens or not, "St"/"Saint", small typos),
postal codes, department names and numbers, the former regions, and recognises places
outside the region. A name shared by communes of several departments is ambiguous.
"""

import csv
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from rapidfuzz import fuzz, process
from spacy.lang.fr.stop_words import STOP_WORDS

from knowledge.text import fold, fold_place

DATA_DIR = Path(__file__).resolve().parent / "data"
REGION_DEPARTMENTS = ("02", "59", "60", "62", "80")
FORMER_REGIONS = {"picardie": ("02", "60", "80"), "nord pas de calais": ("59", "62")}
WHOLE_REGION = ("hauts de france", "hdf", "haut de france")

# Words after which a place name is expected ("à Amiens", "dans l'Oise", "près de Lens").
_CUES = {
    "a",
    "au",
    "aux",
    "dans",
    "sur",
    "vers",
    "pres",
    "de",
    "du",
    "en",
    "habite",
    "vis",
    "from",
    "in",
    "at",
    "near",
    "pour",
    "cote",
    "secteur",
    "region",
    "ville",
}
_DEPARTMENT_NUMBER = re.compile(r"\b(?:dans le|le|du|departement|dept|dpt|dep|department|au)\s*(\d{2})\b")
_POSTAL_CODE = re.compile(r"(?<!\d)(\d{5})(?!\d)")
# Department names that are also common words need a cue or a capital letter.
_RISKY_DEPARTMENT_NAMES = {
    "nord",
    "somme",
    "cher",
    "lot",
    "var",
    "ain",
    "gard",
    "orne",
    "manche",
    "vienne",
    "loire",
    "marne",
    "indre",
    "aude",
    "tarn",
    "eure",
    "creuse",
    "doubs",
    "landes",
    "nievre",
    "meuse",
    "vosges",
}
_MAX_SPAN = 7
_FUZZY_MIN_SCORE = 90
_FUZZY_MIN_LENGTH = 5
# A commune whose name is also a common word is read after a cue only if it is this large.
_COMMON_WORD_MIN_POPULATION = 10000
# A namesake this large and this many times larger than the others is not ambiguous.
_DOMINANT_MIN_POPULATION = 10000
_DOMINANT_RATIO = 20


@dataclass(frozen=True)
class Commune:
    """A commune of Hauts-de-France."""

    name: str
    department: str
    postal_codes: tuple[str, ...]
    population: int


@dataclass(frozen=True)
class Place:
    """The outcome of resolving a place.

    kind is one of: commune, postal_code, department, region (a former region or the whole
    region: several departments), ambiguous (a commune name in several departments),
    outside (outside Hauts-de-France) or unknown (looks like a place, found nowhere).
    """

    kind: str
    label: str
    departments: tuple[str, ...] = ()
    candidates: tuple[Commune, ...] = field(default=(), compare=False)

    @property
    def in_region(self) -> bool:
        return self.kind not in ("outside", "unknown")

    @property
    def department(self) -> str | None:
        """The single department of the region this place is in, if there is one."""
        if self.in_region and len(self.departments) == 1:
            return self.departments[0]
        return None


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    place: Place


class Gazetteer:
    """Index of the places of the region, and of France for recognising other places."""

    def __init__(self, data_dir: Path = DATA_DIR) -> None:
        self.communes_by_name: dict[str, list[Commune]] = defaultdict(list)
        self.communes_by_postal_code: dict[str, list[Commune]] = defaultdict(list)
        self.department_names: dict[str, str] = {}  # code -> name, all of France
        self.department_codes: dict[str, str] = {}  # folded name -> code
        self.outside_regions: dict[str, str] = {}  # folded region name -> name
        self.outside_communes: dict[str, tuple[str, str]] = {}  # folded -> (name, dept code)
        self.common_words = _read_list(data_dir / "communes-mots-courants.txt")
        self._load(data_dir)
        self._name_keys = list(self.communes_by_name)

    def _load(self, data_dir: Path) -> None:
        with open(data_dir / "communes-hauts-de-france.csv", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                commune = Commune(
                    row["nom"],
                    row["departement_code"],
                    tuple(row["codes_postaux"].split("|")),
                    int(row["population"] or 0),
                )
                entries = self.communes_by_name[fold_place(row["nom"])]
                if all((c.name, c.department) != (commune.name, commune.department) for c in entries):
                    entries.append(commune)
                for code in commune.postal_codes:
                    self.communes_by_postal_code[code].append(commune)
        with open(data_dir / "departements-france.csv", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                self.department_names[row["code"]] = row["nom"]
                self.department_codes[fold(row["nom"])] = row["code"]
                if row["region_code"] != "32" and row["region_nom"]:
                    self.outside_regions[fold(row["region_nom"])] = row["region_nom"]
        with open(data_dir / "communes-hors-region.csv", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                key = fold_place(row["nom"])
                if key not in self.communes_by_name:
                    self.outside_communes.setdefault(key, (row["nom"], row["departement_code"]))

    # -- public API -----------------------------------------------------------------------

    def resolve(self, text: str, hints: Iterable[str] = ()) -> Place | None:
        """The place a message talks about, or None. `hints` are spans an NER tagged as places."""
        places = self.find_all(text, hints)
        if not places:
            return None
        return _combine(places, self)

    def find_all(self, text: str, hints: Iterable[str] = ()) -> list[Place]:
        """Every place mentioned in `text`, in reading order."""
        spans = self._postal_codes(text) + self._department_numbers(text)
        words, capitalised = _words(text)
        taken = {i for s in spans for i in range(s.start, s.end)}
        spans += self._names(words, capitalised, taken, {fold_place(h) for h in hints})
        return [s.place for s in sorted(spans, key=lambda s: s.start)]

    def lookup(self, name: str) -> Place | None:
        """Resolve a bare place name (an entity value), tolerating small typos."""
        return self._place_for_name(fold_place(name), fuzzy=True, outside=True)

    def department_name(self, code: str) -> str:
        return self.department_names.get(code, code)

    # -- matching -------------------------------------------------------------------------

    def _postal_codes(self, text: str) -> list[_Span]:
        spans = []
        for match in _POSTAL_CODE.finditer(text):
            code = match.group(1)
            position = _word_index(text, match.start())
            place = self._postal_code_place(code)
            if place:
                spans.append(_Span(position, position + 1, place))
        return spans

    def _postal_code_place(self, code: str) -> Place | None:
        communes = self.communes_by_postal_code.get(code)
        if communes:
            names = ", ".join(sorted({c.name for c in communes})[:3])
            return Place("postal_code", f"{code} ({names})", (code[:2],), tuple(communes))
        if code[:2] in REGION_DEPARTMENTS:
            return Place("postal_code", code, (code[:2],))
        department = code[:3] if code.startswith("97") else code[:2]
        if department in self.department_names or code[:2] == "20":
            return Place("outside", code, (department,))
        return None

    def _department_numbers(self, text: str) -> list[_Span]:
        spans = []
        folded = fold(text)
        for match in _DEPARTMENT_NUMBER.finditer(folded):
            code = match.group(1)
            position = len(folded[: match.start(1)].split())
            if code in REGION_DEPARTMENTS:
                place = Place("department", self.department_names[code], (code,))
            elif code in self.department_names:
                place = Place("outside", self.department_names[code], (code,))
            else:
                continue
            spans.append(_Span(position, position + 1, place))
        bare = folded.strip()
        if bare in REGION_DEPARTMENTS and not spans:
            spans.append(_Span(0, 1, Place("department", self.department_names[bare], (bare,))))
        return spans

    def _names(
        self, words: list[str], capitalised: list[bool], taken: set[int], hints: set[str]
    ) -> list[_Span]:
        spans: list[_Span] = []
        bare_start = _bare_start(words)
        i = 0
        while i < len(words):
            match = None
            for length in range(min(_MAX_SPAN, len(words) - i), 0, -1):
                if any(j in taken for j in range(i, i + length)):
                    continue
                phrase = " ".join(words[i : i + length])
                cue = i > 0 and words[i - 1] in _CUES
                evidence = _Evidence(
                    cue=cue,
                    capital=capitalised[i],
                    hint=phrase in hints,
                    multiword=length > 1,
                    bare=i == bare_start and i + length == len(words),
                    alone=len(words) == length,
                    article=i > 0 and words[i - 1] in _ARTICLES,
                    followed_by_de=i + length < len(words) and words[i + length] in ("de", "d"),
                )
                place = self._accept(phrase, evidence)
                if place:
                    match = _Span(i, i + length, place)
                    break
            if match:
                spans.append(match)
                i = match.end
            else:
                i += 1
        if not spans:
            spans = self._fuzzy(words, taken, hints, bare_start)
        return spans

    def _accept(self, phrase: str, evidence: "_Evidence") -> Place | None:
        if phrase in STOP_WORDS or len(phrase) < 2:
            return None
        strong = evidence.capital or evidence.bare or evidence.hint
        if phrase in self.department_codes:
            if phrase in _RISKY_DEPARTMENT_NAMES and not (
                evidence.capital
                or evidence.bare
                or evidence.hint
                or (evidence.article and not evidence.followed_by_de)
            ):
                return None
            return self._place_for_name(phrase, fuzzy=False, outside=True)
        if phrase in self.communes_by_name:
            if self._is_common_word(phrase):
                accepted = (
                    evidence.capital
                    or evidence.hint
                    or evidence.alone
                    or (evidence.cue and self._population(phrase) >= _COMMON_WORD_MIN_POPULATION)
                )
            else:
                accepted = evidence.multiword or strong or evidence.cue or len(phrase) >= _FUZZY_MIN_LENGTH
            return self._place_for_name(phrase, fuzzy=False, outside=False) if accepted else None
        if phrase in FORMER_REGIONS or phrase in WHOLE_REGION or phrase in self.outside_regions:
            return self._place_for_name(phrase, fuzzy=False, outside=True)
        if phrase in self.outside_communes and len(phrase) >= 4 and phrase not in _domain_words():
            if evidence.multiword or strong or evidence.cue:
                return self._place_for_name(phrase, fuzzy=False, outside=True)
        return None

    def _is_common_word(self, name: str) -> bool:
        return name in self.common_words or name in _domain_words()

    def _population(self, name: str) -> int:
        return max(c.population for c in self.communes_by_name[name])

    def _fuzzy(self, words: list[str], taken: set[int], hints: set[str], bare_start: int) -> list[_Span]:
        """Typo-tolerant match of the words after a cue, of a hinted span, or of a bare answer."""
        bare = 0 < len(words) - bare_start <= _MAX_SPAN
        starts = [
            i
            for i in range(len(words))
            if i not in taken and ((i > 0 and words[i - 1] in _CUES) or (bare and i == bare_start))
        ]
        best: tuple[float, _Span] | None = None
        for i in starts:
            for length in range(1, min(_MAX_SPAN, len(words) - i) + 1):
                phrase = " ".join(words[i : i + length])
                if (
                    len(phrase) < _FUZZY_MIN_LENGTH
                    or phrase in _domain_words()
                    or phrase in self.communes_by_name
                    or phrase in self.common_words
                ):
                    continue
                found = process.extractOne(
                    phrase, self._name_keys, scorer=fuzz.ratio, score_cutoff=_FUZZY_MIN_SCORE
                )
                if found and (best is None or found[1] > best[0]):
                    best = (
                        found[1],
                        _Span(i, i + length, self._place_for_name(found[0], fuzzy=False, outside=False)),
                    )
        for hint in hints:
            found = process.extractOne(
                hint, self._name_keys, scorer=fuzz.ratio, score_cutoff=_FUZZY_MIN_SCORE
            )
            if found and best is None:
                best = (found[1], _Span(0, 1, self._place_for_name(found[0], fuzzy=False, outside=False)))
            elif not found and best is None and hint not in _domain_words():
                return [_Span(0, 1, Place("unknown", hint))]
        return [best[1]] if best else []

    def _place_for_name(self, phrase: str, fuzzy: bool, outside: bool) -> Place | None:
        if phrase in FORMER_REGIONS:
            label = "Picardie" if phrase == "picardie" else "Nord-Pas-de-Calais"
            return Place("region", label, FORMER_REGIONS[phrase])
        if phrase in WHOLE_REGION:
            return Place("region", "Hauts-de-France", REGION_DEPARTMENTS)
        if phrase in self.department_codes:
            code = self.department_codes[phrase]
            kind = "department" if code in REGION_DEPARTMENTS else "outside"
            return Place(kind, self.department_names[code], (code,))
        communes = self.communes_by_name.get(phrase)
        if communes is None and fuzzy and len(phrase) >= _FUZZY_MIN_LENGTH:
            found = process.extractOne(
                phrase, self._name_keys, scorer=fuzz.ratio, score_cutoff=_FUZZY_MIN_SCORE
            )
            communes = self.communes_by_name[found[0]] if found else None
        if communes:
            return _commune_place(communes)
        if outside and phrase in self.outside_regions:
            return Place("outside", self.outside_regions[phrase])
        if outside and phrase in self.outside_communes:
            name, code = self.outside_communes[phrase]
            return Place("outside", name, (code,))
        return None


def _commune_place(communes: list[Commune]) -> Place:
    """A commune, or an ambiguity when communes of several departments share the name.

    A town that dwarfs its namesakes (Senlis, Oise, against a village of the Pas-de-Calais)
    is taken, and the namesakes stay in `candidates` so the answer can mention them.
    """
    departments = tuple(sorted({c.department for c in communes}))
    if len(departments) == 1:
        return Place("commune", communes[0].name, departments, tuple(communes))
    ranked = sorted(communes, key=lambda c: c.population, reverse=True)
    top, runner_up = ranked[0], ranked[1]
    if (
        top.population >= _DOMINANT_MIN_POPULATION
        and top.population >= _DOMINANT_RATIO * runner_up.population
    ):
        return Place("commune", top.name, (top.department,), tuple(ranked))
    return Place("ambiguous", top.name, departments, tuple(ranked))


@dataclass(frozen=True)
class _Evidence:
    cue: bool  # after "à", "dans", "près de"…
    capital: bool  # written with a capital letter
    bare: bool  # the message is only this place, after fillers ("je suis à …")
    alone: bool  # the message is only this place
    hint: bool  # tagged as a place by an NER
    multiword: bool
    article: bool  # after "le", "la", "l'"
    followed_by_de: bool  # "la somme de…"


_ARTICLES = {"le", "la", "l", "du", "dans"}
_FILLERS = {
    "je",
    "j",
    "suis",
    "a",
    "au",
    "aux",
    "dans",
    "le",
    "la",
    "l",
    "les",
    "sur",
    "en",
    "c",
    "est",
    "vers",
    "pres",
    "de",
    "du",
    "habite",
    "i",
    "m",
    "am",
    "in",
    "live",
    "at",
}


def _read_list(path: Path) -> set[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def _bare_start(words: list[str]) -> int:
    i = 0
    while i < len(words) - 1 and words[i] in _FILLERS:
        i += 1
    return i


def _words(text: str) -> tuple[list[str], list[bool]]:
    """Folded words of `text`, and whether each started with a capital letter."""
    raw = [w for w in re.split(r"[\s\-‐‑–—'’`´_/.,;:!?()\[\]{}«»\"“”]+", text) if w]
    words, capitals = [], []
    for token in raw:
        folded = fold_place(token)
        for part in folded.split():
            words.append(part)
            capitals.append(
                token[:1].isupper() and not token.isupper() or (token.isupper() and len(token) > 3)
            )
    return words, capitals


def _word_index(text: str, offset: int) -> int:
    return len(_words(text[:offset])[0])


_DOMAIN_WORDS: set[str] = set()


def _domain_words() -> set[str]:
    """Common words of the domain that are also commune names (never read as places alone)."""
    if not _DOMAIN_WORDS:
        text = (DATA_DIR / "vocabulary.yml").read_text(encoding="utf-8")
        _DOMAIN_WORDS.update(fold(text).split())
        _DOMAIN_WORDS.update(fold(w) for w in STOP_WORDS)
    return _DOMAIN_WORDS


def _combine(places: list[Place], gazetteer: Gazetteer) -> Place:
    """One place from several mentions: a department or code settles an ambiguous commune."""
    in_region = [p for p in places if p.in_region]
    if not in_region:
        return places[-1]
    ambiguous = [p for p in in_region if p.kind == "ambiguous"]
    settled = {d for p in in_region if p.department for d in p.departments}
    if ambiguous and len(settled) == 1:
        code = settled.pop()
        candidates = tuple(c for c in ambiguous[-1].candidates if c.department == code)
        if candidates:
            return Place("commune", candidates[0].name, (code,), candidates)
    last = in_region[-1]
    precise = [
        p for p in in_region if p.kind in ("commune", "postal_code") and p.departments == last.departments
    ]
    return (precise or in_region)[-1]
