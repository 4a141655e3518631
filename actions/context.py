"""What the actions read from the conversation: language, profile, entities."""

from typing import Any

from rasa_sdk import Tracker

import knowledge
from actions.messages import join, say

OUTSIDE = "outside"


def kb() -> knowledge.Knowledge:
    return knowledge.load()


def language(tracker: Tracker) -> str:
    return tracker.get_slot("language") or "fr"


def intent(tracker: Tracker) -> str | None:
    return (tracker.latest_message.get("intent") or {}).get("name")


def candidate(encoded: str) -> tuple[str, str, str]:
    """(name, department, postal code) of a namesake, as the NLU encodes it: "Dury|80|80480".

    A former region's departments have no name or postal code: "|02"."""
    name, department, *postal = encoded.split("|")
    return name, department, postal[0] if postal else ""


def entities(tracker: Tracker, name: str) -> list[dict[str, Any]]:
    return [e for e in tracker.latest_message.get("entities", []) if e.get("entity") == name]


def resolved_place(tracker: Tracker) -> dict[str, Any] | None:
    """The place the latest message is about: label, place_kind, departments, candidates."""
    for entity in entities(tracker, "place"):
        if entity.get("resolved"):
            return entity["resolved"]
    return None


def profile(tracker: Tracker) -> knowledge.Profile:
    department = tracker.get_slot("department")
    return knowledge.Profile(
        department=department if department != OUTSIDE else None,
        audience=tracker.get_slot("audience"),
        stage=tracker.get_slot("stage"),
        project_kind=tracker.get_slot("project_kind"),
        outside_region=department == OUTSIDE,
    )


def who(tracker: Tracker, lang: str) -> str:
    """'étudiant' / 'student', or a neutral word when the audience is unknown."""
    audience = tracker.get_slot("audience")
    if audience in (None, "creator") and tracker.get_slot("stage") == "created":
        return say("who_business_owner", lang)
    if not audience:
        return say("who_creator", lang)
    return kb().vocabulary.label("audiences", audience, lang, key="who")


def where(tracker: Tracker, lang: str) -> str:
    """'à Amiens (Somme)' / 'dans l'Oise'."""
    department = tracker.get_slot("department")
    commune = tracker.get_slot("commune")
    if not department or department == OUTSIDE:
        return commune or ""
    in_department = kb().vocabulary.department_in(department, lang)
    if commune:
        town = commune.split(" (")[0]
        return say("where_town", lang, town=town, department=kb().places.department_name(department))
    return in_department


def departments_phrase(departments: tuple[str, ...], lang: str, national: bool = False) -> str:
    if national:
        return say("where_national", lang)
    names = [kb().places.department_name(d) for d in departments]
    if len(names) == 5:
        return say("where_region", lang)
    return join(names, lang)


def shown(tracker: Tracker) -> list[str]:
    return [s for s in (tracker.get_slot("shown_schemes") or []) if s in kb().index.by_id]


def current_scheme(tracker: Tracker) -> str | None:
    """The scheme the message names, else the one under discussion, else the first shown."""
    named = [e["value"] for e in entities(tracker, "scheme") if e.get("value") in kb().index.by_id]
    if named:
        return named[0]
    slot = tracker.get_slot("scheme")
    if slot in kb().index.by_id:
        return slot
    listed = shown(tracker)
    return listed[0] if listed else None


def covers(scheme: knowledge.Scheme, department: str | None) -> bool:
    """Whether a scheme is open in `department` (a national one is open everywhere)."""
    return department is None or scheme.national or department in scheme.departments
