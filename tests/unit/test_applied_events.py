"""The incremental applied events (bot/applied.py) against Rasa's own function, at every step."""

from __future__ import annotations

import inspect
from collections import deque

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActionExecutionRejected,
    ActiveLoop,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from bot import applied
from tests.unit.test_internals import DOMAIN, _conversation


def _user(intent: str) -> UserUttered:
    return UserUttered(intent, {"name": intent, "confidence": 1.0})


def _events() -> list:
    """Forms, undone actions, rewinds and rule-only turns, then a restart, a session start,
    a rejected form and a form run before any event names it as a loop."""
    listen = "action_listen"
    events = _conversation()
    events += [Restarted(), ActionExecuted(listen), _user("greet"), ActionExecuted("other_form")]
    events += [ActionExecuted(listen), _user("inform"), ActionExecuted("other_form"), ActionExecuted(listen)]
    events += [SessionStarted(), ActionExecuted(listen), _user("inform"), ActionExecuted("ask_form")]
    events += [ActiveLoop("ask_form"), ActionExecuted(listen), _user("deny")]
    events += [ActionExecutionRejected("ask_form"), ActionExecuted("utter_hi"), ActionExecuted("ask_form")]
    events += [SlotSet("city", "Arras"), ActionExecuted("ask_form"), ActionExecuted(listen), _user("inform")]
    events += [ActionExecuted("other_form"), ActiveLoop("other_form"), ActionExecuted(listen), _user("greet")]
    events += [ActionExecuted("other_form"), ActiveLoop(None), ActionExecuted(listen)]
    return events


def test_the_replacement_took_effect() -> None:
    assert inspect.getattr_static(DialogueStateTracker, "applied_events") is applied.applied_events
    tracker = DialogueStateTracker.from_events("took-effect", [ActionExecuted("action_listen")])
    tracker.applied_events()
    assert [*applied._kept["took-effect"].walked] == [*tracker.events]


def test_applied_events_are_rasa_s_at_every_step() -> None:
    domain = Domain.from_yaml(DOMAIN)
    events = _events()
    tracker = DialogueStateTracker("steps", domain.slots)
    for count, event in enumerate(events, 1):
        tracker.update(event)
        expected = applied.rasa_applied_events(tracker)
        rebuilt = DialogueStateTracker.from_events("steps", events[:count], domain.slots)
        shorter = DialogueStateTracker.from_events("steps", events[: count // 2], domain.slots)
        for current in (tracker, rebuilt, shorter, tracker):
            got = current.applied_events()
            assert got == applied.rasa_applied_events(current), count
            assert all(a is b for a, b in zip(got, applied.rasa_applied_events(current), strict=True))
        got = tracker.applied_events()
        assert got == expected
        got.clear()  # what a caller does to its list does not reach the next call
        assert tracker.applied_events() == expected


def test_a_loop_named_late_is_walked_again_as_rasa_does() -> None:
    listen = "action_listen"
    events = [ActionExecuted(listen), _user("greet"), ActionExecuted("late_form"), ActionExecuted(listen)]
    events += [_user("inform"), ActionExecuted("late_form"), ActionExecuted(listen), _user("inform")]
    tracker = DialogueStateTracker.from_events("late", events)
    before = tracker.applied_events()
    tracker.update(ActiveLoop("late_form"))
    after = tracker.applied_events()
    assert after == applied.rasa_applied_events(tracker)
    assert after != before + [tracker.events[-1]]  # the earlier form runs are undone now


def test_other_conversations_and_bounded_histories() -> None:
    events = _events()
    bounded = DialogueStateTracker("bounded", None, max_event_history=15)
    other = DialogueStateTracker("other", None)
    for event in events:
        bounded.update(event)
        other.update(event)
        assert bounded.applied_events() == applied.rasa_applied_events(bounded)
        assert other.applied_events() == applied.rasa_applied_events(other)
    other.events = deque(events[5:])  # replaced, not continued
    assert other.applied_events() == applied.rasa_applied_events(other)


def test_the_kept_walks_are_bounded(monkeypatch) -> None:
    monkeypatch.setattr(applied, "MAX_KEPT", 3)
    for sender in range(10):
        tracker = DialogueStateTracker.from_events(f"bound-{sender}", [ActionExecuted("action_listen")])
        tracker.applied_events()
    assert len(applied._kept) == 3
