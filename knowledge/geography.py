"""Resolve what people type about a place to a department of Hauts-de-France.

Understands commune names (any case, no accents, hyphens or not, "St"/"Saint", small typos),
postal codes, department names and numbers, the former regions, and recognises places
outside the region. A name shared by communes of several departments is ambiguous.

A name that is also a common word ("Long", "La Couture", "Nice") is read as a place only
with evidence: a capital letter, a preceding "à"/"dans"…, an NER hint, or a message that
is nothing but the name.
"""

import csv
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from rapidfuzz import fuzz, process
from spacy.lang.fr.stop_words import STOP_WORDS

from knowledge.text import Token, fold, fold_place, tokens

DATA_DIR = Path(__file__).resolve().parent / "data"
REGION_DEPARTMENTS = ("02", "59", "60", "62", "80")
FORMER_REGIONS = {"picardie": ("02", "60", "80"), "nord pas de calais": ("59", "62")}
FORMER_REGION_LABELS = {"picardie": "Picardie", "nord pas de calais": "Nord-Pas-de-Calais"}
WHOLE_REGION = ("hauts de france", "hdf", "haut de france")
Span = tuple[int, int]  # character offsets in the message

# Words after which a place name is expected ("à Amiens", "dans l'Oise", "près de Lens").
_CUES = {
    "a",
    "au",
    "aux",
    "dans",
    "ds",
    "sur",
    "vers",
    "pres",
    "de",
    "du",
    "d",
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
    "l",
}
# English words after which "a" is the article, not an unaccented "à" ("have a nice day").
_ENGLISH_BEFORE_A = {
    "have",
    "has",
    "had",
    "is",
    "was",
    "be",
    "been",
    "for",
    "with",
    "what",
    "such",
    "as",
    "it",
    "this",
    "that",
    "there",
    "want",
    "need",
    "get",
    "got",
    "am",
    "m",
    "s",
    "re",
    "like",
    "just",
    "make",
    "find",
    "start",
    "run",
    "open",
    "create",
    "i",
    "you",
    "we",
    "they",
    "he",
    "she",
    "do",
    "does",
    "did",
    "about",
    "of",
    "on",
    "to",
    "into",
    "by",
    "not",
    "and",
    "or",
    "but",
    "talking",
    "looking",
    "set",
    "build",
    "take",
}
_ARTICLES = {"le", "la", "l", "du", "dans", "ds"}
_FILLERS = {
    "je",
    "j",
    "suis",
    "a",
    "au",
    "aux",
    "dans",
    "ds",
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
_DEPARTMENT_NUMBER = re.compile(
    r"\b(?:dans le|ds le|le|du|d[ée]partement|dept|dpt|dep|department|au)\s*(\d{2})\b", re.IGNORECASE
)
_POSTAL_CODE = re.compile(r"(?<!\d)(\d{5})(?!\d)")
# Department names that are also common words need a capital, an article or a bare answer.
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
_MAX_WORDS = 7
_FUZZY_MIN_SCORE = 90
_FUZZY_MIN_LENGTH = 5
_BIG_TOWN = 10000  # a common-word name after a cue is a place only for a town this large
_DOMINANT_RATIO = 20  # a big town this many times larger than its namesakes is not ambiguous


@dataclass(frozen=True)
class Commune:
    """A commune of Hauts-de-France."""

    name: str
    department: str
    postal_codes: tuple[str, ...]
    population: int
    epci: str = ""  # SIREN of its intercommunality
    arrondissement: str = ""


@dataclass(frozen=True)
class Place:
    """A place found in a message.

    kind is one of: commune, postal_code, department, region (a former region or the whole
    region: several departments), ambiguous (a commune name in several departments),
    outside (outside Hauts-de-France) or unknown (tagged as a place, found nowhere).
    """

    kind: str
    label: str
    departments: tuple[str, ...] = ()
    candidates: tuple[Commune, ...] = field(default=(), compare=False)
    span: Span | None = field(default=None, compare=False)

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
class _Evidence:
    cue: bool  # after "à", "dans", "près de"…
    capital: bool  # written with a capital letter
    bare: bool  # the message is only this place, after fillers ("je suis à …")
    alone: bool  # the message is only this place
    hint: bool  # tagged as a place by an NER
    multiword: bool
    article: bool  # after "le", "la", "l'"
    followed_by_de: bool  # "la somme de…"

    def enough_for_a_word(self, population: int) -> bool:
        """Whether a name that is also a French word ("Long", "Paris") is a place here."""
        return self.capital or self.hint or self.alone or (self.cue and population >= _BIG_TOWN)


class Gazetteer:
    """Index of the places of the region, and of France for recognising other places."""

    def __init__(self, data_dir: Path = DATA_DIR) -> None:
        self.communes_by_name: dict[str, list[Commune]] = defaultdict(list)
        self.communes_by_postal_code: dict[str, list[Commune]] = defaultdict(list)
        self.department_names: dict[str, str] = {}  # code -> name, all of France
        self.department_codes: dict[str, str] = {}  # folded name -> code
        self.outside_regions: dict[str, str] = {}  # folded region name -> name
        self.outside_communes: dict[str, tuple[str, str, int]] = {}  # folded -> name, dept, population
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
                    row["epci_code"],
                    row["arrondissement_code"],
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
                    population = int(row["population"] or 0)
                    self.outside_communes.setdefault(key, (row["nom"], row["departement_code"], population))

    # -- public API -----------------------------------------------------------------------

    def resolve(self, text: str, hints: Iterable[Span] = (), mask: Iterable[Span] = ()) -> Place | None:
        """The place a message talks about, or None.

        `hints` are character spans an NER tagged as places; `mask` spans are not read
        (the names of schemes, such as "Initiative Aisne").
        """
        places = self.mentions(text, hints, mask)
        return combine(places) if places else None

    def mentions(self, text: str, hints: Iterable[Span] = (), mask: Iterable[Span] = ()) -> list[Place]:
        """Every place mentioned in `text`, in reading order, each with its span."""
        mask = list(mask)
        words = [t for t in tokens(text) if not any(a <= t.start < b for a, b in mask)]
        found = self._postal_codes(text) + self._department_numbers(text)
        taken = {i for i, t in enumerate(words) for p in found if p.span[0] <= t.start < p.span[1]}
        hints = [h for h in hints if not any(a <= h[0] < b for a, b in mask)]
        found += self._names(words, taken, hints, text)
        return sorted(found, key=lambda p: p.span)

    def department_name(self, code: str) -> str:
        return self.department_names.get(code, code)

    def commune(self, name: str, departments: Iterable[str] = REGION_DEPARTMENTS) -> Commune | None:
        """The most populous commune of the region called `name` in one of `departments`."""
        wanted = set(departments)
        found = [c for c in self.communes_by_name.get(fold_place(name), []) if c.department in wanted]
        return max(found, key=lambda c: c.population, default=None)

    # -- codes and numbers ----------------------------------------------------------------

    def _postal_codes(self, text: str) -> list[Place]:
        found = []
        for match in _POSTAL_CODE.finditer(text):
            place = self._postal_code_place(match.group(1))
            if place:
                found.append(replace(place, span=match.span(1)))
        return found

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

    def _department_numbers(self, text: str) -> list[Place]:
        found = []
        for match in _DEPARTMENT_NUMBER.finditer(text):
            place = self._department_place(match.group(1))
            if place:
                found.append(replace(place, span=match.span(1)))
        bare = text.strip()
        if not found and bare in REGION_DEPARTMENTS:
            start = text.index(bare)
            found.append(replace(self._department_place(bare), span=(start, start + len(bare))))
        return found

    def _department_place(self, code: str) -> Place | None:
        if code in REGION_DEPARTMENTS:
            return Place("department", self.department_names[code], (code,))
        if code in self.department_names:
            return Place("outside", self.department_names[code], (code,))
        return None

    # -- names ----------------------------------------------------------------------------

    def _names(self, tokens: list[Token], taken: set[int], hints: list[Span], text: str) -> list[Place]:
        words = [t.word for t in tokens]
        bare_start = _bare_start(words)
        found: list[Place] = []
        i = 0
        while i < len(tokens):
            match = None
            for length in range(min(_MAX_WORDS, len(tokens) - i), 0, -1):
                if any(j in taken for j in range(i, i + length)):
                    continue
                span = (tokens[i].start, tokens[i + length - 1].end)
                evidence = _Evidence(
                    cue=_is_cue(tokens, i),
                    capital=_capital(tokens[i].raw),
                    bare=i == bare_start and i + length == len(tokens),
                    alone=len(tokens) == length,
                    hint=any(a <= span[0] and span[1] <= b for a, b in hints),
                    multiword=length > 1,
                    article=i > 0 and words[i - 1] in _ARTICLES,
                    followed_by_de=i + length < len(words) and words[i + length] in ("de", "d"),
                )
                place = self._accept(" ".join(words[i : i + length]), evidence)
                if place:
                    match = (length, replace(place, span=span))
                    break
            if match:
                found.append(match[1])
                taken.update(range(i, i + match[0]))
                i += match[0]
            else:
                i += 1
        return found or self._fuzzy(tokens, taken, hints, bare_start, text)

    def _accept(self, phrase: str, evidence: _Evidence) -> Place | None:
        if phrase in STOP_WORDS or len(phrase) < 2:
            return None
        strong = evidence.capital or evidence.bare or evidence.hint
        if phrase in self.department_codes:
            if phrase in _RISKY_DEPARTMENT_NAMES and not (
                strong or (evidence.article and not evidence.followed_by_de)
            ):
                return None
            return self._place_for_name(phrase, outside=True)
        if phrase in FORMER_REGIONS or phrase in WHOLE_REGION or phrase in self.outside_regions:
            return self._place_for_name(phrase, outside=True)
        if phrase in self.communes_by_name:
            if self._is_common_word(phrase):
                population = max(c.population for c in self.communes_by_name[phrase])
                accepted = evidence.enough_for_a_word(population)
            else:
                accepted = evidence.multiword or strong or evidence.cue or len(phrase) >= _FUZZY_MIN_LENGTH
            return self._place_for_name(phrase, outside=False) if accepted else None
        if phrase in self.outside_communes and len(phrase) >= 3:
            population = self.outside_communes[phrase][2]
            if self._is_common_word(phrase):
                accepted = evidence.enough_for_a_word(population)
            else:
                accepted = strong or (evidence.cue and (evidence.multiword or population >= _BIG_TOWN))
            return self._place_for_name(phrase, outside=True) if accepted else None
        return None

    def _is_common_word(self, name: str) -> bool:
        return name in self.common_words or name in _domain_words()

    def _fuzzy(
        self, tokens: list[Token], taken: set[int], hints: list[Span], bare_start: int, text: str
    ) -> list[Place]:
        """Typo-tolerant match of the words after a cue, of an NER hint, or of a bare answer."""
        words = [t.word for t in tokens]
        bare = 0 < len(words) - bare_start <= _MAX_WORDS
        starts = [
            i
            for i in range(len(words))
            if i not in taken and (_is_cue(tokens, i) or (bare and i == bare_start))
        ]
        best: tuple[float, Place] | None = None
        for i in starts:
            for length in range(1, min(_MAX_WORDS, len(words) - i) + 1):
                if any(j in taken for j in range(i, i + length)):
                    break
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
                    place = self._place_for_name(found[0], outside=False)
                    best = (found[1], replace(place, span=(tokens[i].start, tokens[i + length - 1].end)))
        if best:
            return [best[1]]
        for start, end in hints:  # tagged as a place, and written like one, but found nowhere
            name = text[start:end]
            if name[:1].isupper() and fold_place(name) not in _domain_words():
                return [Place("unknown", name, span=(start, end))]
        return []

    def _place_for_name(self, phrase: str, outside: bool) -> Place | None:
        if phrase in FORMER_REGIONS:
            return Place("region", FORMER_REGION_LABELS[phrase], FORMER_REGIONS[phrase])
        if phrase in WHOLE_REGION:
            return Place("region", "Hauts-de-France", REGION_DEPARTMENTS)
        if phrase in self.department_codes:
            return self._department_place(self.department_codes[phrase])
        communes = self.communes_by_name.get(phrase)
        if communes:
            return _commune_place(communes)
        if outside and phrase in self.outside_regions:
            return Place("outside", self.outside_regions[phrase])
        if outside and phrase in self.outside_communes:
            name, code, _ = self.outside_communes[phrase]
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
    if top.population >= _BIG_TOWN and top.population >= _DOMINANT_RATIO * runner_up.population:
        return Place("commune", top.name, (top.department,), tuple(ranked))
    return Place("ambiguous", top.name, departments, tuple(ranked))


def combine(places: list[Place]) -> Place:
    """One place from several mentions: the last place of the region, described by its most
    precise mention; a department or a postal code settles an ambiguous commune."""
    in_region = [p for p in places if p.in_region]
    if not in_region:
        return places[-1]
    ambiguous = [p for p in in_region if p.kind == "ambiguous"]
    settled = {p.department for p in in_region if p.department}
    if ambiguous and len(settled) == 1:
        code = settled.pop()
        candidates = tuple(c for c in ambiguous[-1].candidates if c.department == code)
        if candidates:
            return Place("commune", candidates[0].name, (code,), candidates, ambiguous[-1].span)
    last = in_region[-1]
    precise = [
        p for p in in_region if p.kind in ("commune", "postal_code") and p.departments == last.departments
    ]
    return (precise or in_region)[-1]


def _capital(raw: str) -> bool:
    """Written with a capital letter ("Amiens"; "AMIENS" but not "LE")."""
    return raw[:1].isupper() and (not raw.isupper() or len(raw) > 3)


def _is_cue(tokens: list[Token], i: int) -> bool:
    """Whether the word before token `i` announces a place."""
    if i == 0 or tokens[i - 1].word not in _CUES:
        return False
    if tokens[i - 1].raw == "a":  # an unaccented "à", unless it is the English article
        return i < 2 or tokens[i - 2].word not in _ENGLISH_BEFORE_A
    return True


def _bare_start(words: list[str]) -> int:
    i = 0
    while i < len(words) - 1 and words[i] in _FILLERS:
        i += 1
    return i


def _read_list(path: Path) -> set[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


_DOMAIN_WORDS: set[str] = set()


def _domain_words() -> set[str]:
    """Words of the domain vocabulary and French stop words: never places on their own."""
    if not _DOMAIN_WORDS:
        _DOMAIN_WORDS.update(fold((DATA_DIR / "vocabulary.yml").read_text(encoding="utf-8")).split())
        _DOMAIN_WORDS.update(fold(w) for w in STOP_WORDS)
    return _DOMAIN_WORDS
