"""Areas people name instead of a commune: intercommunalities (EPCI), arrondissements and the
traditional areas of knowledge/data/geography-areas.yml.

Every area is a set of EPCI or arrondissement codes; its departments are computed from the
communes of those codes (a department holding less than a tenth of the area's inhabitants is
left out: one village across a border does not make an area ambiguous). The names of an EPCI
are derived from its official name (« CA du Boulonnais »: « communauté d'agglomération du
Boulonnais », « Boulonnais »); usual names that cannot be derived (« MEL ») are data.
"""

import csv
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from knowledge.text import fold_place

MIN_DEPARTMENT_SHARE = 0.1
_PARENTHESES = re.compile(r"\([^)]*\)")
_SEGMENTS = re.compile(r"\s+-\s+|,\s*")  # « Lens - Liévin », « Béthune-Bruay, Artois-Lys Romane »
_TWO_NAMES = re.compile(r"^([A-ZÉÈ][\w']+)-([A-ZÉÈ][\w' ]+)$")  # « Pévèle-Carembault »


@dataclass(frozen=True)
class Area:
    """An area: kind is epci, arrondissement or area (a traditional area)."""

    name: str
    kind: str
    codes: tuple[str, ...]
    departments: tuple[str, ...]
    unit: str = "epci"  # what the codes are: epci or arrondissement


@dataclass(frozen=True)
class CommuneRow:
    """What an area needs to know of a commune."""

    department: str
    epci: str
    arrondissement: str
    population: int


class AreaIndex:
    """Names of areas, folded, in two tiers: `names` (areas, EPCI and arrondissement names)
    and `parts` (one part of a compound EPCI name, « Pévèle » of « Pévèle-Carembault »)."""

    def __init__(
        self, communes: Iterable[CommuneRow], data_dir: Path, words: dict[str, Any], avoid: set[str]
    ) -> None:
        """`avoid`: names that mean something else first (communes, departments)."""
        self._population: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for c in communes:
            self._population[("epci", c.epci)][c.department] += c.population
            self._population[("arrondissement", c.arrondissement)][c.department] += c.population
        self.names: dict[str, Area] = {}
        self.parts: dict[str, Area] = {}
        self.definitions = yaml.safe_load((data_dir / "geography-areas.yml").read_text(encoding="utf-8"))
        self._words = words
        self._epci(data_dir, avoid)
        self._arrondissements(data_dir)
        self._areas()

    def departments(self, kind: str, codes: Iterable[str]) -> tuple[str, ...]:
        """The departments of the communes of `codes` (EPCI or arrondissement codes)."""
        total: dict[str, int] = defaultdict(int)
        for code in codes:
            for department, population in self._population.get((kind, code), {}).items():
                total[department] += population
        everyone = sum(total.values())
        return tuple(sorted(d for d, p in total.items() if everyone and p >= MIN_DEPARTMENT_SHARE * everyone))

    # -- loading --------------------------------------------------------------------------

    def _epci(self, data_dir: Path, avoid: set[str]) -> None:
        official: dict[str, str] = {}
        with open(data_dir / "communes-hauts-de-france.csv", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                if row["epci_code"]:
                    official[row["epci_code"]] = row["epci_nom"]
        parts: dict[str, set[str]] = defaultdict(set)
        for code, name in official.items():
            area = Area(name, "epci", (code,), self.departments("epci", [code]))
            for key in self._epci_names(name):
                self.names.setdefault(key, area)
            for alias in self.definitions.get("epci_aliases", {}).get(code, []):
                self.names[fold_place(alias)] = area
            for part in self._parts(name):
                parts[part].add(code)
        self._pays_words(official, avoid)
        everything = " | ".join(f" {fold_place(n)} " for n in official.values())
        for key, codes in parts.items():
            unique = len(codes) == 1 and everything.count(f" {key} ") == 1
            if unique and len(key) >= 5 and key not in self.names and key not in avoid:
                code = codes.pop()
                self.parts[key] = Area(official[code], "epci", (code,), self.departments("epci", [code]))

    def _pays_words(self, official: dict[str, str], avoid: set[str]) -> None:
        """A word of EPCI names that ends like a pays (« Montreuillois » of « CA des Deux Baies en
        Montreuillois » and « CC du Haut Pays du Montreuillois ») names all those EPCI."""
        codes: dict[str, list[str]] = defaultdict(list)
        spelling: dict[str, str] = {}
        for code, name in official.items():
            for word in re.findall(r"\w+", _PARENTHESES.sub("", name)):
                key = fold_place(word)
                if len(key) >= 5 and key.endswith(tuple(self._words["area_name_endings"])):
                    codes[key].append(code)
                    spelling.setdefault(key, word)
        for key, found in codes.items():
            if key not in self.names and key not in avoid:
                self.names[key] = Area(spelling[key], "epci", tuple(found), self.departments("epci", found))

    def _parts(self, official: str) -> list[str]:
        """The parts of a compound name: « CC Pévèle-Carembault » → pevele, carembault."""
        kind, _, rest = official.partition(" ")
        if kind not in self._words["epci_types"]:
            return []
        found = []
        for segment in _SEGMENTS.split(_PARENTHESES.sub("", rest).strip()):
            words = segment.split(" ")
            while words and fold_place(words[0]) in self._words["name_articles"]:
                words.pop(0)
            segment = " ".join(words)
            pair = _TWO_NAMES.match(segment)
            found += [pair.group(1), pair.group(2)] if pair else [segment]
        return [self._core(fold_place(p)) for p in found if p] if len(found) > 1 else []

    def _epci_names(self, official: str) -> set[str]:
        """The folded names of an EPCI: official, with its kind spelled out, and its core."""
        folded = fold_place(_PARENTHESES.sub("", official))
        kind, rest = official.split(" ", 1)[0], folded.split(" ", 1)[-1]
        names = {folded}
        expansions = self._words["epci_types"].get(kind)
        if not expansions:
            return names
        names.update(f"{e} {rest}" for e in expansions)
        core = self._core(rest)
        names.add(core)
        prefixes = tuple(f"{p} " for p in self._words["epci_prefixes"])
        if core.startswith(prefixes):
            names.add(self._core(core.split(" ", 1)[1]))
        return {n for n in names if n}

    def _core(self, name: str) -> str:
        """`name` without leading articles and trailing words people leave out."""
        words = name.split()
        while words and words[0] in self._words["name_articles"]:
            words.pop(0)
        while len(words) > 1 and words[-1] in self._words["epci_suffixes"]:
            words.pop()
        return " ".join(words)

    def _arrondissements(self, data_dir: Path) -> None:
        with open(data_dir / "arrondissements-hauts-de-france.csv", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                area = Area(
                    f"arrondissement de {row['nom']}",
                    "arrondissement",
                    (row["code"],),
                    self.departments("arrondissement", [row["code"]]),
                    "arrondissement",
                )
                name = fold_place(row["nom"])
                for key in (
                    f"arrondissement de {name}",
                    f"arrondissement d {name}",
                    f"arrondissement {name}",
                ):
                    self.names[key] = area

    def _areas(self) -> None:
        for definition in self.definitions.get("areas", []):
            kind = "arrondissement" if definition.get("arrondissements") else "epci"
            codes = tuple(definition.get("arrondissements") or definition.get("epci") or ())
            area = Area(definition["name"], "area", codes, self.departments(kind, codes), kind)
            for alias in (definition["name"], *definition.get("aliases", [])):
                self.names[fold_place(alias)] = area
                self.parts.pop(fold_place(alias), None)
