"""Trackers rebuilt from a kept replay (bot/rasa_patches/tracker_replay.py) against Rasa's, at every step."""

from __future__ import annotations

import inspect
from typing import Any

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_patches import tracker_replay
from tests.support.rasa_conversation import DOMAIN, long_conversation


def _state(tracker: DialogueStateTracker) -> dict[str, Any]:
    """Everything a tracker holds, slots and active loop by value."""
    state = dict(vars(tracker))
    state["events"] = list(tracker.events)
    state["slots"] = (type(tracker.slots), {k: (type(s), vars(s)) for k, s in tracker.slots.items()})
    state["active_loop"] = vars(tracker.active_loop) if tracker.active_loop else None
    return state


def _rasa_rebuilt(sender: str, events: list, slots: Any) -> DialogueStateTracker:
    return tracker_replay.rasa_from_events.__func__(DialogueStateTracker, sender, events, slots)


def test_the_replacements_took_effect() -> None:
    assert inspect.getattr_static(DialogueStateTracker, "from_events").__func__ is tracker_replay.from_events
    assert inspect.getattr_static(DialogueStateTracker, "copy") is tracker_replay.tracker_copy
    events = [ActionExecuted("action_listen"), SlotSet("city", "Lens"), ActionExecuted("action_listen")]
    DialogueStateTracker.from_events("took-effect", [*events, SlotSet("city", "Arras")])
    # kept: the replay up to the person's latest turn, not the events of the current one
    assert list(tracker_replay._kept["took-effect"][0].tracker.events) == events


def test_rebuilt_trackers_and_copies_are_rasa_s_at_every_step() -> None:
    domain = Domain.from_yaml(DOMAIN)
    events = long_conversation()
    tracker = DialogueStateTracker("steps", domain.slots)
    for count, event in enumerate(events, 1):
        tracker.update(event)
        expected = _state(_rasa_rebuilt("steps", events[:count], domain.slots))
        rebuilt = DialogueStateTracker.from_events("steps", events[:count], domain.slots, sender_source="s")
        assert _state(rebuilt) == {**expected, "sender_source": "s"}, count
        assert _state(tracker.copy()) == _state(tracker_replay.rasa_copy(tracker)) == expected, count
        assert _state(DialogueStateTracker.from_events("steps", events[:count])) == _state(
            _rasa_rebuilt("steps", events[:count], None)
        )
        # a temporary tracker with more events does not spoil the next rebuild
        more = events[:count] + [SlotSet("city", "Douai")]
        more = DialogueStateTracker.from_events("steps", more, domain.slots)
        assert more.get_slot("city") == "Douai"
        # what is done to a rebuilt tracker does not reach the next one
        rebuilt.update(SlotSet("city", "Calais"))
        rebuilt.update(ActionExecuted("action_listen"))
        if rebuilt.active_loop:
            rebuilt.active_loop.is_interrupted = not rebuilt.active_loop.is_interrupted
        assert _state(DialogueStateTracker.from_events("steps", events[:count], domain.slots)) == expected


def test_other_slots_restart_the_replay() -> None:
    domain = Domain.from_yaml(DOMAIN)
    other = Domain.from_yaml(DOMAIN.replace("flag: {type: bool", "flag: {type: bool, initial_value: true"))
    events = [ActionExecuted("action_listen"), SlotSet("city", "Lens"), ActionExecuted("action_listen")]
    DialogueStateTracker.from_events("domains", events, domain.slots)
    rebuilt = DialogueStateTracker.from_events("domains", events, other.slots)
    assert _state(rebuilt) == _state(_rasa_rebuilt("domains", events, other.slots))
    assert rebuilt.get_slot("flag") is True


def test_the_kept_replays_are_bounded(monkeypatch) -> None:
    monkeypatch.setattr(tracker_replay, "MAX_KEPT", 3)
    for sender in range(10):
        DialogueStateTracker.from_events(f"bound-{sender}", [ActionExecuted("action_listen")])
    assert len(tracker_replay._kept) == 3
