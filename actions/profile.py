"""Fill the profile slots from each message, and ask for what is missing."""

import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import language as language_detection
from actions import router
from actions.context import (
    OUTSIDE,
    candidate,
    entities,
    kb,
    language,
    resolved_place,
)
from actions.turn import local_variant
from knowledge.institutions import INSTITUTION_AREA

PROFILE_SLOTS = {
    "department",
    "commune",
    "place_candidates",
    "place_unknown",
    "audience",
    "stage",
    "project_kind",
}
# « j'ai 16 ans », « je suis mineure », « I'm 15 »: the hand-off then asks no contact details.
_MINOR = re.compile(
    r"\b(?:j'? ?ai|jai|[âa]g[ée]e? de|i'?m|i am|age)\s*1[0-7](?! ?(?:ans|years?) (?:d'? ?exp|of exp))(?!\d)"
    r"|\bmineure?s?\b|\bmoins de 18 ans\b|\bunder 18\b",
    re.IGNORECASE,
)
# the hand-off form's questions whose answer (a name, an e-mail) never tells the language
NAME_ANSWERS = ("handoff_name", "handoff_contact")
_SECTIONS = {"audience": "audiences", "stage": "stages", "project_kind": "project_kinds"}


class ActionValidateSlotMappings(Action):
    """Runs after every user message: language, place, audience, stage, project, scheme."""

    def name(self) -> str:
        return "action_validate_slot_mappings"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        text = tracker.latest_message.get("text") or ""
        slots: dict[str, Any] = {}
        lang = language_detection.detect(_without_names(text, tracker), language(tracker))
        if lang != language(tracker) and tracker.get_slot("requested_slot") not in NAME_ANSWERS:
            slots["language"] = lang
        place = resolved_place(tracker)
        school = place and place.get("area") == INSTITUTION_AREA and tracker.get_slot("department")
        if place and not school and not _lives_elsewhere(place, tracker, text):
            # a school's or university's place only when the person has not said where they are
            slots.update(_place_slots(place, tracker.get_slot("commune")))
        slots.update(_profile_slots(tracker, text))
        if _MINOR.search(text):
            slots["minor"] = True
        schemes = [e for e in entities(tracker, "scheme") if e.get("value") in kb().index.by_id]
        if schemes:  # « PEPITE » said in the Nord is PEPITE Lille Hauts-de-France
            start, end = schemes[0].get("start", 0), schemes[0].get("end", 0)
            department = slots.get("department", tracker.get_slot("department"))
            department = None if department == OUTSIDE else department
            slots["scheme"] = local_variant(schemes[0]["value"], text[start:end], department)
        return [SlotSet(name, value) for name, value in slots.items() if tracker.get_slot(name) != value]


def _lives_elsewhere(place: dict[str, Any], tracker: Tracker, text: str) -> bool:
    """Whether a place outside the region is only where the person lives or works (« je suis
    salarié à Paris »), the project being already placed in the region: it does not move it."""
    department = tracker.get_slot("department")
    if place.get("place_kind") != OUTSIDE or department in (None, OUTSIDE):
        return False
    if router.corrects(tracker):  # « non, pardon, c'est à Rouen »: the place moves
        return False
    return not entities(tracker, "stage") and not kb().vocabulary.find("stages", text)


def _without_names(text: str, tracker: Tracker) -> str:
    """The message without the places and schemes it names, which mislead language detection."""
    named = [*entities(tracker, "place"), *entities(tracker, "scheme"), *entities(tracker, "operator")]
    spans = [(e.get("start", 0), e.get("end", 0)) for e in named]
    spans = [(start, end) for start, end in spans if 0 < end - start < len(text)]
    return "".join(" " if any(a <= i < b for a, b in spans) else c for i, c in enumerate(text))


def _place_slots(place: dict[str, Any], previous_commune: str | None) -> dict[str, Any]:
    kind = place.get("place_kind")
    departments = place.get("departments") or []
    label = place.get("label")
    if kind == "postal_code":
        names = {candidate(c)[0] for c in place.get("candidates") or []}
        label = previous_commune if previous_commune in names else (names.pop() if len(names) == 1 else label)
    if kind == "unknown":
        return {"place_unknown": label}
    slots: dict[str, Any] = {"place_unknown": None, "place_candidates": None}
    if kind == OUTSIDE:
        return {**slots, "department": OUTSIDE, "commune": label}
    if len(departments) == 1:
        commune = None if kind == "department" else label
        others = [
            c
            for c in place.get("candidates") or []
            if candidate(c)[1] != departments[0] and candidate(c)[0] == label
        ]
        return {**slots, "department": departments[0], "commune": commune, "place_candidates": others or None}
    # several departments: an ambiguous commune or a former region
    candidates = place.get("candidates") or [f"|{d}" for d in departments]
    return {
        **slots,
        "department": None,
        "commune": label if kind == "ambiguous" else None,
        "place_candidates": candidates,
    }


def _profile_slots(tracker: Tracker, text: str) -> dict[str, Any]:
    """Audience, stage and project kind, from the NLU's entities or, failing that, from words.

    Words count, and a status at all, when the message tells about the person: a profile
    intent, an answer to the form's question, or a statement such as "je suis lycéenne"
    (not "c'est pour les lycéens ?"). A specific kind of project
    ("artisanat") wins over a generic one ("ma boîte").
    """
    vocabulary = kb().vocabulary
    about_person = (
        router.speaks_of_self(tracker)  # a profile intent, « je suis … », « j'y ai droit ? »
        or tracker.get_slot("requested_slot") is not None
        or _opens_with_status(vocabulary, text)  # « étudiante à Calais, je vais où ? »
    )
    slots: dict[str, Any] = {}
    for slot, section in _SECTIONS.items():
        if not about_person and slot == "audience":
            continue  # "c'est réservé aux lycéens ?" asks about a scheme, not about the person
        denied = _denied(vocabulary, section, text)
        values = [
            vocabulary.canonical(section, str(e.get("value", "")))
            for e in entities(tracker, slot)
            if not _negated(text, e.get("start"))
        ]
        values = [v for v in values if v and v not in denied]
        if about_person:
            values += [v for v in vocabulary.find(section, text) if v not in denied]
        values = vocabulary.ranked(section, values)
        if not values and denied and tracker.get_slot(slot) in denied:
            slots[slot] = None  # « je ne suis pas étudiant »: the status is removed, not confirmed
            continue
        if slot == "project_kind":
            values.sort(key=lambda v: v == "business")
        if values:
            slots[slot] = values[0]
    known_audience = slots.get("audience") or tracker.get_slot("audience")
    if not known_audience and (slots.get("stage") or slots.get("project_kind")):
        slots["audience"] = "creator"  # "je veux créer…" tells who the person is
    return slots


def _opens_with_status(vocabulary: Any, text: str) -> bool:
    """Whether the message opens with a status, as people introduce themselves (« salariée
    à Douai, … »), not with a question about a group (« c'est pour les étudiants ? »)."""
    start = len(text) - len(text.lstrip(" ,.!-"))
    return any(span[0] == start for _, span in vocabulary.mentions("audiences", text))


_NEGATION = re.compile(
    r"(\b(?:pas|(?<!en )(?<!de )plus|ni|jamais|not|no longer|n't|nor)\b|\bne\b|\bn'|\bn )(?:\s+\S+){0,2}\s*$",
    re.IGNORECASE,
)


# A status said with a negation (« pas de diplôme », « sans le bac »): the words before it
# belong to it (« je n'ai pas le bac »), they do not deny it.
_CLAUSES = re.compile(r"[,;.!?]")
_NEGATIVE_STATUS = re.compile(r"\s*(?:pas|sans|aucun|aucune|no|not|without)\b", re.IGNORECASE)


def _negated(text: str, start: Any) -> bool:
    """Whether the words just before `start`, in the same clause, deny what follows (« pas
    étudiant », « plus prof »; not « pas de diplôme, sortie en seconde »)."""
    if not isinstance(start, int) or start <= 0 or _NEGATIVE_STATUS.match(text, start):
        return False
    clause = _CLAUSES.split(text[max(0, start - 30) : start])[-1]
    return bool(_NEGATION.search(clause))


def _denied(vocabulary: Any, section: str, text: str) -> set[str]:
    """The values of `section` the message denies: « jsuis pas etudiant moi »."""
    return {value for value, span in vocabulary.mentions(section, text) if _negated(text, span[0])}


class ValidateProfileForm(Action):
    """Tells the form which profile slots this message changed, so that an answer that
    says something useful (an ambiguous town, a place outside the region) is not rejected."""

    def name(self) -> str:
        return "validate_profile_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        changed: dict[str, Any] = {}
        for event in reversed(tracker.events):
            if event.get("event") == "user":
                break
            if event.get("event") == "slot" and event.get("name") in PROFILE_SLOTS:
                changed.setdefault(event["name"], event.get("value"))
        return [SlotSet(name, value) for name, value in changed.items()]
