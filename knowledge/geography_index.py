"""The index of places the gazetteer reads from knowledge/data: the communes of the region and
of France, their postal codes, the departments, the former and other regions, the areas
(knowledge.areas), the short names of compound communes and the names of inhabitants; and the
place each name or code stands for."""

import csv
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from knowledge.areas import Area, AreaIndex, CommuneRow
from knowledge.geography_places import (
    DOMINANT_RATIO,
    LONG_NAME,
    REGION_DEPARTMENTS,
    Commune,
    Place,
    commune_place,
)
from knowledge.geography_words import (
    DATA_DIR,
    DEMONYMS_FILE,
    WORDS,
    Words,
    domain_words,
    load_demonyms,
    read_list,
)
from knowledge.text import fold, fold_place


class PlaceIndex:
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
        self.common_words = read_list(data_dir / "communes-mots-courants.txt")
        rows = self._load(data_dir)
        avoid = set(self.communes_by_name) | set(self.department_codes) | self.common_words | domain_words()
        self.areas = AreaIndex(rows, data_dir, words.data, avoid)
        self.short_names = self._short_names()
        demonyms = load_demonyms(data_dir / DEMONYMS_FILE.name)
        self.demonyms = {k: v for k, v in demonyms.items() if k not in avoid}
        self.name_keys = (  # the names a mistyped name is compared with
            list(self.communes_by_name)
            + [  # and the traditional areas' names
                key for key, area in self.areas.names.items() if area.kind == "area" and len(key) >= LONG_NAME
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
                and not self.is_common_word(head)
                and top.population >= self.words.short_name_min_population
                and all(top.population >= DOMINANT_RATIO * p for p in others)
            ):
                found[head] = fold_place(top.name)
        return found

    # -- lookups --------------------------------------------------------------------------

    def is_common_word(self, name: str) -> bool:
        """Whether a name is also a common word ("Long", "Nice") or a word of the domain."""
        return name in self.common_words or name in domain_words()

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

    # -- the place a name or a code stands for ----------------------------------------------

    def place_for_name(self, phrase: str, outside: bool) -> Place | None:
        """The place of a folded name: a region, a department, a commune of the region, or
        (when `outside`) a region or commune outside it."""
        if phrase in self.former_regions:
            label, departments = self.former_regions[phrase]
            return Place("region", label, departments)
        if phrase in self.words.whole_region:
            return Place("region", "Hauts-de-France", REGION_DEPARTMENTS)
        if phrase in self.department_codes:
            return self.department_place(self.department_codes[phrase])
        communes = self.communes_by_name.get(phrase)
        if communes:
            return commune_place(communes)
        if outside and phrase in self.outside_regions:
            return Place("outside", self.outside_regions[phrase])
        if outside and phrase in self.outside_communes:
            name, code, _ = self.outside_communes[phrase]
            return Place("outside", name, (code,))
        return None

    def postal_code_place(self, code: str) -> Place | None:
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

    def department_place(self, code: str) -> Place | None:
        if code in REGION_DEPARTMENTS:
            return Place("department", self.department_names[code], (code,))
        if code in self.department_names:
            return Place("outside", self.department_names[code], (code,))
        return None

    def area_place(self, area: Area) -> Place:
        """An area as a department (one department) or a region to choose from (several)."""
        if not set(area.departments) & set(REGION_DEPARTMENTS):
            return Place("outside", area.name, area.departments, area=area.kind)
        kind = "department" if len(area.departments) == 1 else "region"
        return Place(kind, area.name, area.departments, area=area.kind)

    def demonym_place(self, demonym: str) -> Place | None:
        """The commune or department whose inhabitants are called `demonym`."""
        kind, target = self.demonyms[demonym]
        if kind == "department":
            return self.department_place(target)
        name, department = target.split("|")
        commune = self.commune(name, [department])
        return Place("commune", commune.name, (department,), (commune,)) if commune else None
