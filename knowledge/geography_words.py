"""The words the gazetteer reads around places, folded as messages are: the word lists of
knowledge/data/geography-words.yml, the names of inhabitants of geography-demonyms.yml, and the
words that are never places on their own."""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from spacy.lang.fr.stop_words import STOP_WORDS

from knowledge.text import fold, fold_place

DATA_DIR = Path(__file__).resolve().parent / "data"
WORDS_FILE = DATA_DIR / "geography-words.yml"
DEMONYMS_FILE = DATA_DIR / "geography-demonyms.yml"


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


def read_list(path: Path) -> set[str]:
    """The lines of a word list, without blank lines and # comments."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


@cache
def domain_words() -> frozenset[str]:
    """Words of the domain vocabulary and French stop words: never places on their own."""
    vocabulary = fold((DATA_DIR / "vocabulary.yml").read_text(encoding="utf-8")).split()
    return frozenset(vocabulary) | {fold(w) for w in STOP_WORDS}
