"""One turn put to the router (actions.router.respond) with a rasa_sdk Tracker, as the action
server would: the entities the knowledge extractor finds by name, the others given."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker

import knowledge
from actions.answer import Reply
from actions.router import respond


def found(text: str) -> list[dict[str, Any]]:
    """The scheme, operator and status entities the NLU's knowledge extractor gives for `text`
    (bot/components/knowledge_extractor.py: names and aliases of the knowledge base)."""
    kb = knowledge.load()
    entities = [
        {"entity": "scheme", "value": scheme_id, "start": start, "end": end}
        for scheme_id, (start, end) in kb.index.mentions(text)
    ]
    operator = kb.index.operator_in(text)
    if operator:
        entities.append(
            {"entity": "operator", "value": operator[0], "start": operator[1][0], "end": operator[1][1]}
        )
    schemes = [(e["start"], e["end"]) for e in entities if e["entity"] == "scheme"]
    seen: set[str] = set()
    for value, (start, end) in kb.vocabulary.mentions("audiences", text):
        if value not in seen and not any(a <= start < b for a, b in schemes):
            seen.add(value)
            entities.append({"entity": "audience", "value": value, "start": start, "end": end})
    return entities


def entity(text: str, name: str, typed: str, value: str | None = None) -> dict[str, Any]:
    """The entity `name` the NLU gives for the words `typed` of `text` (its value: `value`, else
    the words)."""
    start = text.lower().index(typed.lower())
    return {"entity": name, "value": value or typed, "start": start, "end": start + len(typed)}


def department(text: str, typed: str, code: str) -> dict[str, Any]:
    """The place entity the NLU gives for a department named in `text` (« dans l'Oise »)."""
    place = entity(text, "place", typed)
    described = {"place_kind": "department", "departments": [code], "candidates": [], "area": ""}
    return {**place, **described, "resolved": {"label": typed, **described}}


def user(text: str, intent: str | None = None) -> dict[str, Any]:
    """An earlier message of the person, as a tracker event."""
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}, "text": text}}


def route(
    entry: str,
    intent: str,
    text: str,
    more: tuple[dict[str, Any], ...] = (),
    events: tuple[dict[str, Any], ...] = (),
    loop: str | None = None,
    after: tuple[dict[str, Any], ...] = (),
    **slots: Any,
) -> Reply:
    """The router's reply for the Rasa action `entry` to `text` understood as `intent` with the
    entities found by name and `more`, after `events` and followed by `after` (what this turn's
    earlier actions did), in the form `loop` if given, with `slots`."""
    message = {"intent": {"name": intent}, "entities": found(text) + list(more), "text": text}
    history = [*events, user(text, intent), *after]
    active = {"name": loop} if loop else {}
    tracker = Tracker("test", {"language": "fr", **slots}, message, history, False, None, active, "rest")
    return respond(entry, tracker)
