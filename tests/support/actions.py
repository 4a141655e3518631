"""Custom actions run in-process as the action server runs them, with a rasa_sdk Tracker."""

from __future__ import annotations

import asyncio
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

import knowledge


def run(
    action: Action, intent: str, text: str, more: tuple[dict[str, Any], ...] = (), **slots: Any
) -> tuple[str, list[dict[str, Any]]]:
    """The bot's answer to `text` (schemes found by their names, as the NLU does, and the `more`
    entities given) and its events."""
    entities = [
        {"entity": "scheme", "value": scheme_id, "start": span[0], "end": span[1]}
        for scheme_id, span in knowledge.load().index.mentions(text)
    ] + list(more)
    message = {"intent": {"name": intent}, "entities": entities, "text": text}
    events = [{"event": "user", "text": text}]
    tracker = Tracker("test", {"language": "fr", **slots}, message, events, False, None, {}, "rest")
    dispatcher = CollectingDispatcher()
    result = asyncio.run(action.run(dispatcher, tracker, {}))
    return "\n".join(m.get("text") or m.get("response") or "" for m in dispatcher.messages), result


def commune(text: str, label: str, department: str) -> dict[str, Any]:
    """The place entity the NLU gives for the commune `label` written in `text`."""
    start = text.lower().index(label.lower())
    resolved = {"label": label, "place_kind": "commune", "departments": [department], "area": ""}
    return {
        "entity": "place",
        "value": label,
        "start": start,
        "end": start + len(label),
        "resolved": {**resolved, "candidates": [f"{label}|{department}|"]},
    }
