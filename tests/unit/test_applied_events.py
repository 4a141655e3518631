"""The incremental applied events (bot/rasa_patches/applied_events.py) against Rasa's own, at every step."""

from __future__ import annotations

import inspect
from collections import deque

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
)
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_patches import applied_events
from tests.support.rasa_conversation import DOMAIN, long_conversation, user


def test_the_replacement_took_effect() -> None:
    assert inspect.getattr_static(DialogueStateTracker, "applied_events") is applied_events.applied_events
    tracker = DialogueStateTracker.from_events("took-effect", [ActionExecuted("action_listen")])
    tracker.applied_events()
    assert [*applied_events._kept["took-effect"].walked] == [*tracker.events]


def test_applied_events_are_rasa_s_at_every_step() -> None:
    domain = Domain.from_yaml(DOMAIN)
    events = long_conversation()
    tracker = DialogueStateTracker("steps", domain.slots)
    for count, event in enumerate(events, 1):
        tracker.update(event)
        expected = applied_events.rasa_applied_events(tracker)
        rebuilt = DialogueStateTracker.from_events("steps", events[:count], domain.slots)
        shorter = DialogueStateTracker.from_events("steps", events[: count // 2], domain.slots)
        for current in (tracker, rebuilt, shorter, tracker):
            got = current.applied_events()
            assert got == applied_events.rasa_applied_events(current), count
            assert all(a is b for a, b in zip(got, applied_events.rasa_applied_events(current), strict=True))
        got = tracker.applied_events()
        assert got == expected
        got.clear()  # what a caller does to its list does not reach the next call
        assert tracker.applied_events() == expected


def test_a_loop_named_late_is_walked_again_as_rasa_does() -> None:
    listen = "action_listen"
    events = [ActionExecuted(listen), user("greet"), ActionExecuted("late_form"), ActionExecuted(listen)]
    events += [user("inform"), ActionExecuted("late_form"), ActionExecuted(listen), user("inform")]
    tracker = DialogueStateTracker.from_events("late", events)
    before = tracker.applied_events()
    tracker.update(ActiveLoop("late_form"))
    after = tracker.applied_events()
    assert after == applied_events.rasa_applied_events(tracker)
    assert after != before + [tracker.events[-1]]  # the earlier form runs are undone now


def test_other_conversations_and_bounded_histories() -> None:
    events = long_conversation()
    bounded = DialogueStateTracker("bounded", None, max_event_history=15)
    other = DialogueStateTracker("other", None)
    for event in events:
        bounded.update(event)
        other.update(event)
        assert bounded.applied_events() == applied_events.rasa_applied_events(bounded)
        assert other.applied_events() == applied_events.rasa_applied_events(other)
    other.events = deque(events[5:])  # replaced, not continued
    assert other.applied_events() == applied_events.rasa_applied_events(other)


def test_the_kept_walks_are_bounded(monkeypatch) -> None:
    monkeypatch.setattr(applied_events, "MAX_KEPT", 3)
    for sender in range(10):
        tracker = DialogueStateTracker.from_events(f"bound-{sender}", [ActionExecuted("action_listen")])
        tracker.applied_events()
    assert len(applied_events._kept) == 3
