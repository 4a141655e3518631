"""Who handles what: the bodies of knowledge/data/referrals.yml, loaded, validated and looked up
by topic."""

import json
import os
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import jsonschema

from knowledge.loader import DATA_DIR, FORMATS, KnowledgeError, read_yaml
from knowledge.models import Channel, Place, Referral, Source
from knowledge.text import fold

# HDF_REFERRALS_FILE lets a curator try a draft file without replacing the real one.
REFERRALS_FILE = Path(os.environ.get("HDF_REFERRALS_FILE") or DATA_DIR / "referrals.yml")
SCHEMA_FILE = DATA_DIR / "referral.schema.json"
SCHEMA = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
TOPICS: tuple[str, ...] = tuple(SCHEMA["definitions"]["topic"]["enum"])


class Referrals:
    """The referral bodies, in the order of the file."""

    def __init__(self, referrals: list[Referral]) -> None:
        self.all = referrals
        self.by_id = {r.id: r for r in referrals}

    def __iter__(self) -> Iterator[Referral]:
        return iter(self.all)

    def __len__(self) -> int:
        return len(self.all)

    def for_topic(self, topic_id: str, department: str | None = None) -> list[Referral]:
        """The bodies that handle `topic_id` and serve `department` (any, when None)."""
        if topic_id not in TOPICS:
            raise ValueError(f"unknown referral topic {topic_id!r} (known: {', '.join(TOPICS)})")
        return [r for r in self.all if topic_id in r.topics and r.serves(department)]


def load_referrals(path: Path = REFERRALS_FILE) -> Referrals:
    """Read, validate and return the referrals of `path`; raise KnowledgeError if invalid."""
    entries = read_yaml(path)
    if not isinstance(entries, list) or not entries:
        raise KnowledgeError(f"{path.name}: expected a non-empty list of referrals")
    validator = jsonschema.Draft7Validator(SCHEMA, format_checker=FORMATS)
    for index, entry in enumerate(entries):
        label = entry.get("id", f"#{index + 1}") if isinstance(entry, dict) else f"#{index + 1}"
        errors = sorted(validator.iter_errors(entry), key=lambda e: list(e.absolute_path))
        if errors:
            where = ".".join(str(p) for p in errors[0].absolute_path) or "(entry)"
            raise KnowledgeError(f"{path.name}: referral '{label}', field '{where}': {errors[0].message}")
        _check_channels(path, label, entry)
    duplicates = [i for i, n in Counter(e["id"] for e in entries).items() if n > 1]
    if duplicates:
        raise KnowledgeError(f"{path.name}: referral '{duplicates[0]}', field 'id': duplicate id")
    return Referrals([_build(e) for e in entries])


def _check_channels(path: Path, label: str, entry: dict) -> None:
    """Each website, phone and town is in the quote of its page (a website may be the page's own
    site, or a site its quote names)."""
    where = f"{path.name}: referral '{label}'"
    items = [("website", entry["website"])] if "website" in entry else []
    items += [(f"phones.{i}", item) for i, item in enumerate(entry.get("phones", []))]
    for field_name, item in items:
        value, quote = item["value"], item["quote"]
        if field_name == "website":
            named = {_domain(d) for d in re.findall(r"[\w.-]+\.[a-z]{2,}", quote.lower())}
            site = _domain(value)
            found = any(d == site or d.endswith("." + site) for d in {_domain(item["page"]), *named})
        else:
            found = _digits(value) in _digits(quote)
        if not found:
            raise KnowledgeError(f"{where}, field '{field_name}': '{value}' is not in its quote")
    for i, place in enumerate(entry.get("places", [])):
        for town in place["towns"]:
            if fold(town) not in fold(place["quote"]):
                raise KnowledgeError(f"{where}, field 'places.{i}': '{town}' is not in its quote")


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _domain(url: str) -> str:
    return url.split("//", 1)[-1].split("/", 1)[0].removeprefix("www.")


def _source(data: dict) -> Source:
    fields = {k: data[k] for k in ("page", "quote", "publisher", "published", "read_on") if k in data}
    return Source(origin="complement", departments=tuple(data.get("departments", ())), **fields)


def _build(entry: dict) -> Referral:
    def channel(item: dict) -> Channel:
        return Channel(item["value"], _source(item))

    return Referral(
        id=entry["id"],
        name=entry["name"]["fr"],
        name_en=entry["name"]["en"],
        topics=tuple(entry["topics"]),
        departments=tuple(entry.get("departments", ())),
        does=entry["does"]["fr"],
        does_en=entry["does"]["en"],
        sources=tuple(map(_source, entry["sources"])),
        website=channel(entry["website"]) if "website" in entry else None,
        phones=tuple(map(channel, entry.get("phones", []))),
        places=tuple(Place(tuple(p["towns"]), p.get("name"), _source(p)) for p in entry.get("places", [])),
    )
