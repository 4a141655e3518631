"""A conversation's applied events, computed once per event instead of once per call.

Rasa 3.6's ``DialogueStateTracker.applied_events`` walks every event of the session at each
call, and a turn calls it many times (the processor, the policies, the dialogue states, the
tracker's ``current_state``): the cost of a turn grows with the conversation's length. This
replacement gives the very same list, computed incrementally: it keeps, per conversation,
the events already walked (the same objects), the loop names seen in them and the applied
events so far, and goes on from there when the tracker's events start with those very
objects. Rasa takes the loop names from all the events, later ones included: when a new
event names a loop not seen before, or the events do not continue the kept ones (a shorter
copy, a reset tracker, another conversation), it walks everything from the first event, as
Rasa does. The kept walks are bounded (least recently used first out).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from itertools import islice
from operator import is_
from typing import Iterable, List, Set

from rasa.shared.core.events import (
    ActionExecuted,
    ActionReverted,
    ActiveLoop,
    Event,
    Restarted,
    SessionStarted,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_patches.guard import replace
from bot.rasa_patches.kept import keep

MAX_KEPT = 1024  # conversations whose walk is kept
rasa_applied_events = DialogueStateTracker.applied_events


@dataclass
class _Walk:
    """The events walked so far, the loop names they hold, and the applied events."""

    loop_names: Set[str]
    walked: List[Event] = field(default_factory=list)
    applied: List[Event] = field(default_factory=list)


_kept: OrderedDict[str, _Walk] = OrderedDict()


def _loop_names(events: Iterable[Event]) -> Set[str]:
    return {event.name for event in events if isinstance(event, ActiveLoop) and event.name}


def _walk(tracker: DialogueStateTracker, walk: _Walk, events: Iterable[Event]) -> None:
    """The body of Rasa's loop in ``applied_events``, for each of `events`."""
    applied = walk.applied
    for event in events:
        if isinstance(event, (Restarted, SessionStarted)):
            applied.clear()
        elif isinstance(event, ActionReverted):
            tracker._undo_till_previous(ActionExecuted, applied)
        elif isinstance(event, UserUtteranceReverted):
            tracker._undo_till_previous(UserUttered, applied)
            tracker._undo_till_previous(ActionExecuted, applied)
        elif (
            isinstance(event, ActionExecuted)
            and event.action_name in walk.loop_names
            and not tracker._first_loop_execution_or_unhappy_path(event.action_name, applied)
        ):
            tracker._undo_till_previous_loop_execution(event.action_name, applied)
        else:
            applied.append(event)
        walk.walked.append(event)


def _continues(events: Iterable[Event], count: int, walk: _Walk) -> bool:
    """Whether `events` (`count` of them) start with the very events of `walk`."""
    return count >= len(walk.walked) and all(map(is_, events, walk.walked))


def applied_events(self: DialogueStateTracker) -> List[Event]:
    """DialogueStateTracker.applied_events, going on from this conversation's last walk."""
    events = self.events
    walk = _kept.pop(self.sender_id, None)
    if walk is None or not _continues(events, len(events), walk):
        walk = _Walk(_loop_names(events))
        _walk(self, walk, events)
    else:
        new = list(islice(events, len(walk.walked), None))
        if _loop_names(new) <= walk.loop_names:
            _walk(self, walk, new)
        else:  # Rasa would have walked the earlier events with this loop name known too
            walk = _Walk(_loop_names(events))
            _walk(self, walk, events)
    keep(_kept, self.sender_id, walk, MAX_KEPT)
    return list(walk.applied)


def install() -> None:
    replace(DialogueStateTracker, "applied_events", applied_events)
