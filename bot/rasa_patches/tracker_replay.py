"""Trackers rebuilt from events: going on from the last rebuild instead of the first event.

Rasa 3.6 rebuilds a conversation's tracker by replaying every event of the session: when it
reads it from the store (``DialogueStateTracker.from_events``), before each action it runs
(``tracker.copy()`` in the processor and forms) and for slot validation: the cost of a turn
grows with the conversation's length. These replacements give the same trackers: per
conversation they keep up to KEPT_PER_CONVERSATION private trackers replayed up to the
person's latest turn (the latest ``action_listen``), with the very events they replayed.
When the events to rebuild start with those same objects and the slots are defined alike,
the kept tracker replays the newer turn events, and the result is a copy of its state
(slots and the active loop copied, events shared as in a replay) with the events of the
current turn replayed on it; otherwise it is replayed from the first event, as Rasa does.
Events of the current turn never reach a kept tracker, so the temporary trackers Rasa
builds during a turn do not spoil them. Subclasses and bounded histories use Rasa's own.
"""

from __future__ import annotations

import copy
from collections import OrderedDict, deque
from dataclasses import dataclass
from itertools import islice
from operator import is_
from typing import Any, Iterable, List, Sequence

from rasa.shared.constants import DEFAULT_SENDER_ID
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import ActionExecuted, Event
from rasa.shared.core.slots import Slot
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_patches.guard import replace
from bot.rasa_patches.kept import keep

MAX_KEPT = 1024  # conversations whose replays are kept
KEPT_PER_CONVERSATION = 2  # e.g. the whole session, and what follows a restart
_VALUE_FIELDS = ("_value", "_has_been_set")
_IMMUTABLE = (str, int, float, bool, tuple, frozenset, type(None), Event)
rasa_from_events = DialogueStateTracker.from_events
rasa_copy = DialogueStateTracker.copy


@dataclass
class _Replay:
    """A private tracker replayed from `tracker.events`, and how its slots are defined."""

    tracker: DialogueStateTracker
    slots: list | None


_kept: OrderedDict[str, List[_Replay]] = OrderedDict()


def _definition(slots: Iterable[Slot] | None) -> list | None:
    """The slots' types and settings, without their values (None: any slot, Rasa's default)."""
    if slots is None:
        return None
    return [(type(s), {k: v for k, v in vars(s).items() if k not in _VALUE_FIELDS}) for s in slots]


def _settled(events: Sequence[Event]) -> int:
    """How many events come before the current turn: up to the latest `action_listen`."""
    for index in range(len(events) - 1, -1, -1):
        event = events[index]
        if isinstance(event, ActionExecuted) and event.action_name == ACTION_LISTEN_NAME:
            return index + 1
    return 0


def _state_copy(tracker: DialogueStateTracker, events: Iterable[Event]) -> DialogueStateTracker:
    """A tracker in the same state with `events`: what events change in place (slots, loop…)
    copied, the rest shared as a replay shares it."""
    new = copy.copy(tracker)
    new.events = deque(events)
    for name, value in vars(tracker).items():
        if name == "events":
            continue
        if name == "slots":
            slots = copy.copy(value)
            slots.update((key, copy.copy(slot)) for key, slot in value.items())
            new.slots = slots
        elif not isinstance(value, _IMMUTABLE):
            setattr(new, name, copy.copy(value))
    return new


def _rebuilt(sender_id: str, slots: Iterable[Slot] | None, events: Sequence[Event]) -> DialogueStateTracker:
    """A tracker of `events` (replayed on fresh `slots`), from a kept replay when possible."""
    definition = _definition(slots)
    settled = _settled(events)
    replays = _kept.pop(sender_id, [])
    replay = next(
        (
            r
            for r in replays
            if r.slots == definition
            and len(r.tracker.events) <= settled
            and all(map(is_, events, r.tracker.events))
        ),
        None,
    )
    if replay is None:
        replay = _Replay(DialogueStateTracker(sender_id, slots), definition)
    else:
        replays.remove(replay)
    for event in islice(events, len(replay.tracker.events), settled):
        replay.tracker.update(event)
    keep(_kept, sender_id, [replay, *replays][:KEPT_PER_CONVERSATION], MAX_KEPT)
    tracker = _state_copy(replay.tracker, islice(events, settled))
    for event in islice(events, settled, None):
        tracker.update(event)
    return tracker


def from_events(
    cls: type,
    sender_id: str,
    evts: List[Event],
    slots: Iterable[Slot] | None = None,
    max_event_history: int | None = None,
    sender_source: str | None = None,
    domain: Any = None,
) -> DialogueStateTracker:
    """DialogueStateTracker.from_events, going on from the conversation's kept replay."""
    if cls is not DialogueStateTracker or max_event_history is not None:
        rasa = rasa_from_events.__func__
        return rasa(cls, sender_id, evts, slots, max_event_history, sender_source, domain)
    slots = list(slots) if slots is not None else None
    tracker = _rebuilt(sender_id, slots, list(evts))
    tracker.sender_source = sender_source
    return tracker


def tracker_copy(self: DialogueStateTracker) -> DialogueStateTracker:
    """DialogueStateTracker.copy, going on from the conversation's kept replay."""
    if type(self) is not DialogueStateTracker or self._max_event_history is not None or self.is_rule_tracker:
        return rasa_copy(self)
    return _rebuilt(self.sender_id or DEFAULT_SENDER_ID, list(self.slots.values()), list(self.events))


def install() -> None:
    replace(DialogueStateTracker, "from_events", classmethod(from_events))
    replace(DialogueStateTracker, "copy", tracker_copy)
