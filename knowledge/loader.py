"""Load and validate the knowledge base files of knowledge/data."""

import json
import os
import re
from collections import Counter
from pathlib import Path
from typing import Any

import jsonschema
import phonenumbers
import yaml
from email_validator import EmailNotValidError, validate_email

from knowledge.models import Channel, Contact, Fact, Place, Scheme, SeedArticle, Settings, Source
from knowledge.text import fold

DATA_DIR = Path(__file__).resolve().parent / "data"
# HDF_SCHEMES_FILE lets a curator try a draft file without replacing the real one.
SCHEMES_FILE = Path(os.environ.get("HDF_SCHEMES_FILE") or DATA_DIR / "schemes.yml")
VOCABULARY_FILE = DATA_DIR / "vocabulary.yml"
SCHEMA_FILE = DATA_DIR / "scheme.schema.json"
SETTINGS_FILE = DATA_DIR / "settings.yml"

_VOCABULARY_FIELDS = {
    "audiences": "audiences",
    "stages": "stages",
    "project_kinds": "project_kinds",
    "kinds": "kinds",
}


class KnowledgeError(ValueError):
    """The knowledge base is invalid; the message names the file, the scheme and the field."""


FORMATS = jsonschema.FormatChecker()


@FORMATS.checks("fr-phone", raises=phonenumbers.NumberParseException)
def _is_french_phone(value: object) -> bool:
    number = phonenumbers.parse(str(value), "FR")
    return phonenumbers.is_valid_number(number) and phonenumbers.region_code_for_number(number) == "FR"


@FORMATS.checks("email", raises=EmailNotValidError)
def _is_email(value: object) -> bool:
    return bool(validate_email(str(value), check_deliverability=False))


class _UniqueKeyLoader(yaml.SafeLoader):
    """A YAML loader that refuses a key given twice in a mapping (the last would silently win)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        keys = [self.construct_object(key, deep=deep) for key, _ in node.value]
        repeated = {key for key in keys if keys.count(key) > 1}
        if repeated:
            raise yaml.constructor.ConstructorError(
                None, None, f"key {sorted(map(str, repeated))[0]!r} given twice", node.start_mark
            )
        return super().construct_mapping(node, deep)


def read_yaml(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)
    except yaml.YAMLError as error:
        raise KnowledgeError(f"{path.name}: not valid YAML: {error}") from error


def load_vocabulary(path: Path = VOCABULARY_FILE) -> dict[str, Any]:
    vocabulary = read_yaml(path)
    for section in ("audiences", "stages", "project_kinds", "kinds", "departments"):
        if not isinstance(vocabulary, dict) or not vocabulary.get(section):
            raise KnowledgeError(f"{path.name}: missing section '{section}'")
    return vocabulary


def load_settings(path: Path = SETTINGS_FILE) -> Settings:
    """The settings; HDF_FACT_MAX_AGE_MONTHS overrides `fact_max_age_months`."""
    data = read_yaml(path)
    try:
        months = int(os.environ.get("HDF_FACT_MAX_AGE_MONTHS") or data["fact_max_age_months"])
        return Settings(months, SeedArticle(**data["seed"]))
    except (KeyError, TypeError, ValueError) as error:
        raise KnowledgeError(f"{path.name}: invalid settings: {error}") from error


def load_schemes(
    path: Path = SCHEMES_FILE, vocabulary: dict[str, Any] | None = None, settings: Settings | None = None
) -> list[Scheme]:
    """Read, validate and return the schemes of `path`; raise KnowledgeError if invalid."""
    vocabulary = vocabulary or load_vocabulary()
    settings = settings or load_settings()
    entries = read_yaml(path)
    if not isinstance(entries, list) or not entries:
        raise KnowledgeError(f"{path.name}: expected a non-empty list of schemes")
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema, format_checker=FORMATS)
    for index, entry in enumerate(entries):
        label = entry.get("id", f"#{index + 1}") if isinstance(entry, dict) else f"#{index + 1}"
        errors = sorted(validator.iter_errors(entry), key=lambda e: list(e.absolute_path))
        if errors:
            error = errors[0]
            where = ".".join(str(p) for p in error.absolute_path) or _missing_field(error)
            raise KnowledgeError(f"{path.name}: scheme '{label}', field '{where}': {error.message}")
        _check_vocabulary(path, label, entry, vocabulary)
        _check_contact(path, label, entry.get("contact", {}))
    _check_references(path, entries)
    return _build(entries, settings)


def _missing_field(error: jsonschema.ValidationError) -> str:
    if error.validator == "required":
        return str(error.message).split("'")[1]
    return "(entry)"


def _check_vocabulary(path: Path, label: str, entry: dict, vocabulary: dict[str, Any]) -> None:
    for field_name, section in _VOCABULARY_FIELDS.items():
        for value in entry[field_name]:
            if value not in vocabulary[section]:
                known = ", ".join(vocabulary[section])
                raise KnowledgeError(
                    f"{path.name}: scheme '{label}', field '{field_name}': unknown value "
                    f"'{value}' (known: {known})"
                )
    if ("verify_with" in entry) != ("verify_with" in entry["en"]):
        raise KnowledgeError(
            f"{path.name}: scheme '{label}', field 'en.verify_with': give it in both languages or in neither"
        )
    for department, name in entry.get("local_names", {}).items():
        if department not in entry["departments"] or name not in entry["aliases"]:
            raise KnowledgeError(
                f"{path.name}: scheme '{label}', field 'local_names.{department}': '{name}' must be one of "
                "its aliases, in one of its departments"
            )
    if len(entry["en"]["facts"]) != len(entry["facts"]):
        raise KnowledgeError(
            f"{path.name}: scheme '{label}', field 'en.facts': expected "
            f"{len(entry['facts'])} translations, found {len(entry['en']['facts'])}"
        )


def _check_contact(path: Path, label: str, contact: dict) -> None:
    """Each contact value is in the quote of its page (a website may be the page's own site)."""
    items = [("website", contact["website"])] if "website" in contact else []
    for kind in ("phones", "emails"):
        items += [(f"{kind}.{i}", item) for i, item in enumerate(contact.get(kind, []))]
    for field_name, item in items:
        value, quote = item["value"], item["quote"]
        if field_name.startswith("phones"):
            found = _digits(value) in _digits(quote)
        elif field_name == "website":
            named = re.findall(r"[\w.-]+\.[a-z]{2,}", quote.lower())  # the domains the quote names
            found = _domain(value) in (_domain(item["page"]), *named)
        else:
            found = fold(value) in fold(quote)
        if not found:
            raise KnowledgeError(
                f"{path.name}: scheme '{label}', field 'contact.{field_name}': '{value}' is not in its quote"
            )
    for i, place in enumerate(contact.get("places", [])):
        for value in [*place["towns"], *([place["name"]] if "name" in place else [])]:
            if fold(value) not in fold(place["quote"]):
                where = f"field 'contact.places.{i}'"
                raise KnowledgeError(f"{path.name}: scheme '{label}', {where}: '{value}' is not in its quote")


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _domain(url: str) -> str:
    return url.split("//", 1)[-1].split("/", 1)[0].removeprefix("www.")


def _check_references(path: Path, entries: list[dict]) -> None:
    duplicates = [i for i, n in Counter(e["id"] for e in entries).items() if n > 1]
    if duplicates:
        raise KnowledgeError(f"{path.name}: scheme '{duplicates[0]}', field 'id': duplicate id")
    ids = {e["id"] for e in entries}
    for entry in entries:
        instead = entry.get("no_sign_of_activity", {}).get("instead", [])
        targets = [("leads_to", entry.get("leads_to"))]
        targets += [("no_sign_of_activity.instead", target) for target in instead]
        for field_name, target in targets:
            if target is not None and target not in ids:
                raise KnowledgeError(
                    f"{path.name}: scheme '{entry['id']}', field '{field_name}': unknown scheme '{target}'"
                )


def _source(data: dict, settings: Settings) -> Source:
    fields = {**data, "origin": data.get("origin", "complement")}
    if fields["origin"] == "seed":
        fields["page"] = settings.seed.page
    fields["departments"] = tuple(fields.get("departments", ()))
    return Source(**fields)


def _fact_source(fact: dict, entry: dict, sources: dict[int, Source], settings: Settings) -> Source:
    """The fact's own page, or its scheme's source."""
    return _source(fact["source"], settings) if "source" in fact else sources[id(entry)]


def _contact(data: dict, settings: Settings) -> Contact:
    def channel(item: dict) -> Channel:
        return Channel(item["value"], _source({k: v for k, v in item.items() if k != "value"}, settings))

    def place(item: dict) -> Place:
        fields = {k: v for k, v in item.items() if k not in ("towns", "name")}
        return Place(tuple(item["towns"]), item.get("name"), _source(fields, settings))

    return Contact(
        website=channel(data["website"]) if "website" in data else None,
        phones=tuple(map(channel, data.get("phones", []))),
        emails=tuple(map(channel, data.get("emails", []))),
        places=tuple(map(place, data.get("places", []))),
    )


def _build(entries: list[dict], settings: Settings) -> list[Scheme]:
    preceded: dict[str, list[str]] = {}
    for entry in entries:
        if entry.get("leads_to"):
            preceded.setdefault(entry["leads_to"], []).append(entry["id"])
    sources = {id(e): _source(e["source"], settings) for e in entries}
    return [
        Scheme(
            id=e["id"],
            name=e["name"],
            aliases=tuple(e["aliases"]),
            operator=e["operator"],
            departments=tuple(e["departments"]),
            audiences=tuple(e["audiences"]),
            stages=tuple(e["stages"]),
            project_kinds=tuple(e["project_kinds"]),
            kinds=tuple(e["kinds"]),
            description=e["description"],
            next_step=e["next_step"],
            facts=tuple(
                Fact(f["topic"], f["text"], en, _fact_source(f, e, sources, settings))
                for f, en in zip(e["facts"], e["en"]["facts"], strict=True)
            ),
            source=sources[id(e)],
            name_en=e["en"]["name"],
            description_en=e["en"]["description"],
            next_step_en=e["en"]["next_step"],
            national=e.get("national", False),
            leads_to=e.get("leads_to"),
            verify_with=e.get("verify_with"),
            verify_with_en=e["en"].get("verify_with"),
            preceded_by=tuple(preceded.get(e["id"], ())),
            inactive_checked_on=e.get("no_sign_of_activity", {}).get("checked_on"),
            contact=_contact(e["contact"], settings) if "contact" in e else None,
            instead=tuple(e.get("no_sign_of_activity", {}).get("instead", ())),
            local_names=tuple(sorted(e.get("local_names", {}).items())),
            needs=tuple(e.get("needs", ())),
        )
        for e in entries
    ]
