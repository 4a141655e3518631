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
"""

import csv
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process
from spacy.lang.fr.stop_words import STOP_WORDS

from knowledge.areas import Area, AreaIndex, CommuneRow
from knowledge.text import Token, find_phrases, fold, fold_place, tokens

DATA_DIR = Path(__file__).resolve().parent / "data"
REGION_DEPARTMENTS = ("02", "59", "60", "62", "80")
WORDS_FILE = DATA_DIR / "geography-words.yml"
DEMONYMS_FILE = DATA_DIR / "geography-demonyms.yml"
Span = tuple[int, int]  # character offsets in the message
_POSTAL_CODE = re.compile(r"(?<!\d)(\d{5})(?!\d)")
_PUNCTUATION = re.compile(r"[,;:!?()]")  # never inside a place name
_MAX_WORDS = 7
_FUZZY_MIN_SCORE = 90
_FUZZY_MIN_LENGTH = 5
_BIG_TOWN = 10000  # a common-word name after a cue is a place only for a town this large
_DOMINANT_RATIO = 20  # a big town this many times larger than its namesakes is not ambiguous


@dataclass(frozen=True)
class Words:
    """The word lists of knowledge/data/geography-words.yml, folded as messages are."""

    cues: frozenset[str]
    strong_cues: tuple[tuple[str, ...], ...]
    strong_cue_min_population: int
    english_before_a: frozenset[str]
    articles: frozenset[str]
    fillers: frozenset[str]
    risky_department_names: frozenset[str]
    whole_region: frozenset[str]
    former_region_aliases: dict[str, str]  # alias -> folded name of the former region
    foreign_names: dict[str, str]  # foreign name -> folded French name of the commune
    epci_type_words: frozenset[str]  # single words naming a kind of intercommunality
    area_name_endings: tuple[str, ...]
    water_words: frozenset[str]
    name_links: frozenset[str]  # "en", "sur", "lès"… inside a commune's name
    name_tails: tuple[str, ...]  # "plage"… at the end of a commune's name
    contracted_articles: dict[str, str]  # "au" -> "le"
    short_name_min_population: int
    unrelated_topics: dict[str, str]
    about_the_person: dict[str, str]
    department_number: re.Pattern[str]  # "dans le 80", "département 02"
    data: dict  # the file as read, for knowledge.areas


def load_words(path: Path = WORDS_FILE) -> Words:
    """Read the word lists; every entry is folded (case, accents, apostrophes, hyphens)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))

    def folded(key: str) -> frozenset[str]:
        return frozenset(fold_place(str(w)) for w in data.get(key, []))

    epci_types = {k: [fold_place(w) for w in v] for k, v in data["epci_types"].items()}
    return Words(
        cues=folded("cues"),
        strong_cues=tuple(tuple(fold_place(p).split()) for p in data["strong_cues"]),
        strong_cue_min_population=int(data["strong_cue_min_population"]),
        english_before_a=folded("english_before_a"),
        articles=folded("articles"),
        fillers=folded("fillers"),
        risky_department_names=folded("risky_department_names"),
        whole_region=folded("whole_region"),
        former_region_aliases={
            fold_place(alias): fold_place(region)
            for region, aliases in data.get("former_region_aliases", {}).items()
            for alias in aliases
        },
        foreign_names={fold_place(k): fold_place(v) for k, v in data.get("foreign_names", {}).items()},
        epci_type_words=frozenset(w.split()[-1] for words in epci_types.values() for w in words),
        area_name_endings=tuple(fold_place(w) for w in data["area_name_endings"]),
        water_words=folded("water_words"),
        name_links=folded("name_links"),
        name_tails=tuple(fold_place(w) for w in data["name_tails"]),
        contracted_articles={fold_place(k): fold_place(v) for k, v in data["contracted_articles"].items()},
        short_name_min_population=int(data["short_name_min_population"]),
        unrelated_topics={fold_place(p): p for p in data.get("unrelated_topics", [])},
        about_the_person={fold_place(p): p for p in data.get("about_the_person", [])},
        department_number=re.compile(
            r"\b(?:" + "|".join(re.escape(w) for w in data["before_department_number"]) + r")\s*(\d{2})\b",
            re.IGNORECASE,
        ),
        data={
            **data,
            "epci_types": epci_types,
            **{
                k: [fold_place(w) for w in data[k]]
                for k in ("epci_suffixes", "epci_prefixes", "name_articles")
            },
        },
    )


WORDS = load_words()


def load_demonyms(path: Path = DEMONYMS_FILE) -> dict[str, tuple[str, str]]:
    """Every form of every demonym of the file, folded: "lilloises" -> ("commune", "Lille|59"),
    "nordiste" -> ("department", "59")."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    endings = sorted(data["feminine_endings"].items(), key=lambda e: len(e[0]), reverse=True)
    found: dict[str, tuple[str, str]] = {}
    entries = [("commune", e, f"{e['commune']}|{e['department']}") for e in data.get("communes", [])]
    entries += [("department", e, str(e["department"])) for e in data.get("departments", [])]
    for kind, entry, target in entries:
        masculine = fold_place(entry["demonym"])
        ending = next(((m, f) for m, f in endings if masculine.endswith(m)), None)
        feminine = masculine[: -len(ending[0])] + ending[1] if ending else masculine
        for form in {masculine, feminine}:
            found[form] = (kind, target)
            found[form if form.endswith(("s", "x")) else f"{form}s"] = (kind, target)
    return found


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

    kind is one of: commune, postal_code, department, region (a former region, the whole
    region or an area over several departments), ambiguous (a commune name in several
    departments), outside (outside Hauts-de-France) or unknown (tagged as a place, found
    nowhere). An intercommunality, arrondissement or traditional area has the kind of its
    departments (department for one, region for several) and says what it is in `area`
    (epci, arrondissement or area), its name in `label`.
    """

    kind: str
    label: str
    departments: tuple[str, ...] = ()
    candidates: tuple[Commune, ...] = field(default=(), compare=False)
    span: Span | None = field(default=None, compare=False)
    area: str = field(default="", compare=False)

    @property
    def in_region(self) -> bool:
        return self.kind not in ("outside", "unknown")

    @property
    def department(self) -> str | None:
        """The single department of the region this place is in, if there is one."""
        if self.in_region and len(self.departments) == 1:
            return self.departments[0]
        return None


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
class _Evidence:
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
        return self.multiword or self.cue or len(phrase) >= _FUZZY_MIN_LENGTH or self.strong

    def enough_for_an_area(self) -> bool:
        """Whether a derived or short area name ("MEL", "deux vallées") is a place here."""
        return self.cue or self.article or self.capital or self.bare or self.after_type or self.hint

    def enough_for_a_word(self, population: int, words: Words) -> bool:
        """Whether a name that is also a French word ("Long", "Paris") is a place here."""
        return (
            self.capital
            or self.alone
            or (self.cue and population >= _BIG_TOWN)
            or (self.strong_cue and population >= words.strong_cue_min_population)
            or self.hint
        )


class Gazetteer:
    """Index of the places of the region, and of France for recognising other places."""

    def __init__(self, data_dir: Path = DATA_DIR, words: Words = WORDS) -> None:
        self.words = words
        self.communes_by_name: dict[str, list[Commune]] = defaultdict(list)
        self.communes_by_postal_code: dict[str, list[Commune]] = defaultdict(list)
        self.department_names: dict[str, str] = {}  # code -> name, all of France
        self.department_codes: dict[str, str] = {}  # folded name -> code
        self.former_regions: dict[str, tuple[str, tuple[str, ...]]] = {}  # folded -> label, departments
        self.outside_regions: dict[str, str] = {}  # folded region name -> name
        self.outside_communes: dict[str, tuple[str, str, int]] = {}  # folded -> name, dept, population
        self.common_words = _read_list(data_dir / "communes-mots-courants.txt")
        rows = self._load(data_dir)
        avoid = set(self.communes_by_name) | set(self.department_codes) | self.common_words | _domain_words()
        self.areas = AreaIndex(rows, data_dir, words.data, avoid)
        self.short_names = self._short_names()
        demonyms = load_demonyms(data_dir / DEMONYMS_FILE.name)
        self.demonyms = {k: v for k, v in demonyms.items() if k not in avoid}
        self._name_keys = (
            list(self.communes_by_name)
            + [  # and the traditional areas' names
                key
                for key, area in self.areas.names.items()
                if area.kind == "area" and len(key) >= _FUZZY_MIN_LENGTH
            ]
            + [key for key in self.demonyms if key not in self.areas.names]
        )

    def _load(self, data_dir: Path) -> list[CommuneRow]:
        """Read the communes and departments; the communes' rows for knowledge.areas."""
        rows: list[CommuneRow] = []
        former: dict[str, tuple[str, set[str]]] = {}
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
                if row["type"] == "commune-actuelle":
                    rows.append(
                        CommuneRow(
                            commune.department, commune.epci, commune.arrondissement, commune.population
                        )
                    )
                former.setdefault(fold(row["ancienne_region"]), (row["ancienne_region"], set()))[1].add(
                    commune.department
                )
        self.former_regions = {key: (label, tuple(sorted(codes))) for key, (label, codes) in former.items()}
        with open(data_dir / "departements-france.csv", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                self.department_names[row["code"]] = row["nom"]
                self.department_codes[fold(row["nom"])] = row["code"]
                if row["region_code"] != "32" and row["region_nom"]:
                    self.outside_regions[fold(row["region_nom"])] = row["region_nom"]
        with open(data_dir / "communes-hors-region.csv", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                population = int(row["population"] or 0)
                rows.append(
                    CommuneRow(
                        row["departement_code"], row["epci_code"], row["arrondissement_code"], population
                    )
                )
                key = fold_place(row["nom"])
                if key not in self.communes_by_name:
                    self.outside_communes.setdefault(key, (row["nom"], row["departement_code"], population))
        return rows

    def _short_names(self) -> dict[str, str]:
        """Short names of compound communes ("bohain" for Bohain-en-Vermandois, "fort mahon" for
        Fort-Mahon-Plage): the words before "en", "sur", "lès"…, or without a tail such as
        "plage", when they name no other commune and the town dwarfs its namesakes."""
        heads: dict[str, list[Commune]] = defaultdict(list)
        for key, communes in self.communes_by_name.items():
            words = key.split()
            cut = next((k for k in range(1, len(words)) if words[k] in self.words.name_links), 0)
            if cut:
                heads[" ".join(words[:cut])] += communes
            for tail in self.words.name_tails:  # "fort mahon" for Fort-Mahon-Plage
                if key.endswith(f" {tail}") and len(words) > len(tail.split()) + 1:
                    heads[key[: -len(tail) - 1]] += communes
        found = {}
        for head, communes in heads.items():
            ranked = sorted(communes, key=lambda c: c.population, reverse=True)
            top = ranked[0]
            others = [c.population for c in ranked[1:]]
            if head in self.outside_communes:
                others.append(self.outside_communes[head][2])
            if (
                len(head) >= 4
                and head not in self.communes_by_name
                and head not in self.department_codes
                and not self._is_common_word(head)
                and top.population >= self.words.short_name_min_population
                and all(top.population >= _DOMINANT_RATIO * p for p in others)
            ):
                found[head] = fold_place(top.name)
        return found

    # -- public API -----------------------------------------------------------------------

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

    def area_names(self) -> list[str]:
        """The names of the traditional areas and the usual names of intercommunalities."""
        definitions = self.areas.definitions
        names = [n for d in definitions.get("areas", []) for n in (d["name"], *d.get("aliases", []))]
        names += [n for aliases in definitions.get("epci_aliases", {}).values() for n in aliases]
        return sorted(set(names))

    def department_name(self, code: str) -> str:
        return self.department_names.get(code, code)

    def former_region(self, department: str) -> tuple[str, tuple[str, ...]] | None:
        """The former region (before 2016) of a department of the region, from the communes
        file: ("Nord-Pas-de-Calais", ("59", "62")); None outside the region."""
        return next((found for found in self.former_regions.values() if department in found[1]), None)

    def commune(self, name: str, departments: Iterable[str] = REGION_DEPARTMENTS) -> Commune | None:
        """The most populous commune of the region called `name` in one of `departments`."""
        wanted = set(departments)
        found = [c for c in self.communes_by_name.get(fold_place(name), []) if c.department in wanted]
        return max(found, key=lambda c: c.population, default=None)

    def main_commune(self, area_name: str, departments: Iterable[str] = REGION_DEPARTMENTS) -> Commune | None:
        """The most populous commune of the region in the area called `area_name` (a Place's
        label when it has an `area`: "Calaisis", "CA du Boulonnais"), in one of `departments`."""
        area = next((a for a in self.areas.names.values() if a.name == area_name), None)
        if area is None:
            return None
        wanted = set(departments)
        found = [
            c
            for communes in self.communes_by_name.values()
            for c in communes
            if c.department in wanted and getattr(c, area.unit) in area.codes
        ]
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
        for match in self.words.department_number.finditer(text):
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

    def _names(self, tokens: list[Token], taken: set[int], hints: Hints, text: str) -> list[Place]:
        bare_start = _bare_start([t.word for t in tokens], self.words)
        found: list[Place] = []
        i = 0
        while i < len(tokens):
            match = self._match_at(i, tokens, taken, hints, text, bare_start)
            if match and match[1].kind == "outside":  # "à la côte picarde": not La Côte (70)
                for j in range(i + 1, i + match[0]):
                    later = self._match_at(j, tokens, taken, hints, text, bare_start)
                    if later and later[1].in_region and j + later[0] > i + match[0]:
                        match, i = later, j
                        break
            if match:
                found.append(match[1])
                taken.update(range(i, i + match[0]))
                i += match[0]
            else:
                i += 1
        return found or self._fuzzy(tokens, taken, hints, bare_start, text)

    def _match_at(
        self, i: int, tokens: list[Token], taken: set[int], hints: Hints, text: str, bare_start: int
    ) -> tuple[int, Place] | None:
        """The longest place name starting at token `i`, with its length in tokens."""
        words = [t.word for t in tokens]
        for length in range(min(_MAX_WORDS, len(tokens) - i), 0, -1):
            if any(j in taken for j in range(i, i + length)):
                continue
            span = (tokens[i].start, tokens[i + length - 1].end)
            phrase = " ".join(words[i : i + length])
            official = length >= 3 and phrase in self.areas.names  # "CA de Béthune-Bruay, Artois…"
            if _PUNCTUATION.search(text, *span) and not official:  # "non pas Lens, Liévin": two names
                continue
            cue = _is_cue(tokens, i, self.words)
            evidence = _Evidence(
                span=span,
                hints=hints,
                cue=cue,
                strong_cue=_is_strong_cue(words, i, self.words)
                or (cue and i == bare_start and i + length == len(tokens)),
                capital=_capital(tokens[i].raw),
                bare=i == bare_start and i + length == len(tokens),
                alone=len(tokens) == length,
                multiword=length > 1,
                article=i > 0 and words[i - 1] in self.words.articles,
                followed_by_de=i + length < len(words) and words[i + length] in ("de", "d"),
                after_type=_after_type(words, i, self.words),
                after_water=_after_water(words, i, self.words),
            )
            place = self._accept(phrase, evidence)
            article = self.words.contracted_articles.get(words[i - 1]) if i else None
            if place is None and article:  # "au Touquet": Le Touquet
                place = self._accept(f"{article} {phrase}", evidence)
            if place:
                return length, replace(place, span=span)
        return None

    def _accept(self, phrase: str, evidence: _Evidence) -> Place | None:
        if phrase in STOP_WORDS or len(phrase) < 2:
            return None
        if phrase in self.department_codes:
            if phrase in self.words.risky_department_names and not (
                (evidence.article and not evidence.followed_by_de) or evidence.strong
            ):
                return None
            return self._place_for_name(phrase, outside=True)
        region = self.words.former_region_aliases.get(phrase, phrase)
        if (
            region in self.former_regions
            or phrase in self.words.whole_region
            or phrase in self.outside_regions
        ):
            return self._place_for_name(region, outside=True)
        if evidence.after_water and not evidence.multiword:
            return None  # "en baie d'Authie": the river, not the village
        if phrase in self.communes_by_name:
            if self._is_common_word(phrase):
                population = max(c.population for c in self.communes_by_name[phrase])
                accepted = evidence.enough_for_a_word(population, self.words)
            else:
                accepted = evidence.enough_for_a_name(phrase)
            return self._place_for_name(phrase, outside=False) if accepted else None
        french = self.words.foreign_names.get(phrase) or self.short_names.get(phrase)
        if french in self.communes_by_name:
            accepted = evidence.enough_for_a_name(phrase)
            return self._place_for_name(french, outside=False) if accepted else None
        area = self.areas.names.get(phrase)
        if area:
            return self._area_place(area) if self._enough_for_area(phrase, area, evidence) else None
        if phrase in self.demonyms:  # « roubaisien ici », « je suis nordiste »
            return self._demonym_place(phrase)
        if phrase in self.outside_communes and len(phrase) >= 3:
            population = self.outside_communes[phrase][2]
            if self._is_common_word(phrase):
                accepted = evidence.enough_for_a_word(population, self.words)
            else:
                accepted = (evidence.cue and (evidence.multiword or population >= _BIG_TOWN)) or (
                    evidence.strong
                )
            return self._place_for_name(phrase, outside=True) if accepted else None
        area = self.areas.parts.get(phrase)
        if area and self._enough_for_area(phrase, area, evidence):
            return self._area_place(area)
        return None

    def _enough_for_area(self, phrase: str, area: Area, evidence: _Evidence) -> bool:
        """Whether an area's name is a place here. With a cue, an article, a capital…, always.
        Otherwise: a traditional area's name as a commune's ("Thiérache"); an official name of
        three words or more ("CA du Boulonnais"); one word ending like the name of a pays
        ("Boulonnais", "Calaisis"), but not "Sources" or "MEL"."""
        if evidence.enough_for_an_area():
            return True
        if self._is_common_word(phrase) or len(phrase) < _FUZZY_MIN_LENGTH:
            return False
        words = phrase.split()
        if area.kind == "area" or len(words) >= 3:
            return True
        return len(words) == 1 and phrase.endswith(self.words.area_name_endings)

    def _area_place(self, area: Area) -> Place:
        """An area as a department (one department) or a region to choose from (several)."""
        if not set(area.departments) & set(REGION_DEPARTMENTS):
            return Place("outside", area.name, area.departments, area=area.kind)
        kind = "department" if len(area.departments) == 1 else "region"
        return Place(kind, area.name, area.departments, area=area.kind)

    def _demonym_place(self, demonym: str) -> Place | None:
        """The commune or department whose inhabitants are called `demonym`."""
        kind, target = self.demonyms[demonym]
        if kind == "department":
            return self._department_place(target)
        name, department = target.split("|")
        commune = self.commune(name, [department])
        return Place("commune", commune.name, (department,), (commune,)) if commune else None

    def _is_common_word(self, name: str) -> bool:
        return name in self.common_words or name in _domain_words()

    def _fuzzy(
        self, tokens: list[Token], taken: set[int], hints: Hints, bare_start: int, text: str
    ) -> list[Place]:
        """Typo-tolerant match of the words after a cue ("à", "dans le"), of an NER hint, or of a
        bare answer."""
        words = [t.word for t in tokens]
        bare = 0 < len(words) - bare_start <= _MAX_WORDS
        starts = [
            i
            for i in range(len(words))
            if i not in taken
            and (
                _is_cue(tokens, i, self.words)
                or (bare and i == bare_start)
                or (i >= 2 and words[i - 1] in self.words.articles and _is_cue(tokens, i - 1, self.words))
            )
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
                    or phrase in self.areas.names
                    or phrase in self.common_words
                ):
                    continue
                found = process.extractOne(
                    phrase, self._name_keys, scorer=fuzz.ratio, score_cutoff=_FUZZY_MIN_SCORE
                )
                if found and (best is None or found[1] > best[0]):
                    area = self.areas.names.get(found[0]) if found[0] not in self.communes_by_name else None
                    if area:
                        place = self._area_place(area)
                    elif found[0] in self.demonyms:
                        place = self._demonym_place(found[0])
                    else:
                        place = self._place_for_name(found[0], outside=False)
                    if place:
                        best = (found[1], replace(place, span=(tokens[i].start, tokens[i + length - 1].end)))
        if best:
            return [best[1]]
        if not any(c.isupper() for c in text):
            return []  # no name written like one: no need to ask the NER
        for start, end in hints.spans:  # tagged as a place, and written like one, but found nowhere
            name = text[start:end]
            if name[:1].isupper() and fold_place(name) not in _domain_words():
                return [Place("unknown", name, span=(start, end))]
        return []

    def _place_for_name(self, phrase: str, outside: bool) -> Place | None:
        if phrase in self.former_regions:
            label, departments = self.former_regions[phrase]
            return Place("region", label, departments)
        if phrase in self.words.whole_region:
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


def _is_cue(tokens: list[Token], i: int, words: Words) -> bool:
    """Whether the word before token `i` announces a place."""
    if i == 0 or tokens[i - 1].word not in words.cues:
        return False
    if tokens[i - 1].raw == "a":  # an unaccented "à", unless it is the English article
        return i < 2 or tokens[i - 2].word not in words.english_before_a
    return True


def _is_strong_cue(text: list[str], i: int, words: Words) -> bool:
    """Whether the words before `i` say where the person is ("j'habite à", "du côté de")."""
    return any(i >= len(cue) and tuple(text[i - len(cue) : i]) == cue for cue in words.strong_cues)


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


def _bare_start(text: list[str], words: Words) -> int:
    i = 0
    while i < len(text) - 1 and text[i] in words.fillers:
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
