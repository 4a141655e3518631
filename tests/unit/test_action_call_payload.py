"""What the action server gets (bot/rasa_patches/action_call_payload.py): Rasa's request, with
the recent events only."""

from __future__ import annotations

import inspect

from rasa.core.actions.action import RemoteAction
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity

from bot.rasa_patches import action_call_payload
from tests.support.rasa_conversation import DOMAIN


def test_the_action_server_gets_the_recent_events_and_everything_else() -> None:
    replaced = inspect.getattr_static(RemoteAction, "_action_call_format")
    assert replaced is action_call_payload.action_call_format
    domain = Domain.from_yaml(DOMAIN)
    tracker = DialogueStateTracker("payload", domain.slots)
    for turn in range(30):
        tracker.update(ActionExecuted("action_listen"))
        tracker.update(UserUttered(f"message {turn}", {"name": "greet", "confidence": 1.0}))
        tracker.update(SlotSet("city", f"town {turn}"))
        tracker.update(ActionExecuted("utter_hi"))
    sent = RemoteAction("action_x", None)._action_call_format(tracker, domain)["tracker"]
    whole = tracker.current_state(EventVerbosity.ALL)
    assert sent["events"] == whole["events"][-len(sent["events"]) :]
    texts = [e["text"] for e in sent["events"] if e["event"] == "user"]
    assert texts == [f"message {turn}" for turn in range(10, 30)]
    sent.pop("events"), whole.pop("events")
    assert sent == whole
