"""Send the action server the recent part of a conversation, not all of it.

Rasa 3.6 sends the whole tracker, every event of the session, to the action server at each
custom action call (several per turn), which serialises, sends and parses it: the cost of
a turn grows with the conversation's length. This project's actions read the slots, the
latest message and, in the events, the current and previous turns and the hand-off's last
question (actions/answers.py, profile.py, handoff.py; Rasa SDK's forms read the current
turn): the request keeps everything but the events older than the last RECENT_USER_TURNS
messages of the person.
"""

from __future__ import annotations

from typing import Any, Dict, List

import rasa
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity

from bot.rasa_patches.guard import replace

RECENT_USER_TURNS = 20


def recent_events(tracker: DialogueStateTracker) -> List[Event]:
    """The events from the person's RECENT_USER_TURNS-th last message on (all when fewer)."""
    events = list(tracker.events)
    seen = 0
    for index in range(len(events) - 1, -1, -1):
        if isinstance(events[index], UserUttered):
            seen += 1
            if seen == RECENT_USER_TURNS:
                return events[index:]
    return events


def action_call_format(self: RemoteAction, tracker: DialogueStateTracker, domain: Any) -> Dict[str, Any]:
    """RemoteAction._action_call_format, with the recent events only."""
    state = tracker.current_state(EventVerbosity.NONE)
    state["events"] = [event.as_dict() for event in recent_events(tracker)]
    result = {
        "next_action": self._name,
        "sender_id": tracker.sender_id,
        "tracker": state,
        "version": rasa.__version__,
    }
    explicit = domain.does_custom_action_explicitly_need_domain(self.name())
    if not self._is_selective_domain_enabled() or explicit:
        result["domain"] = domain.as_dict()
    return result


def install() -> None:
    replace(RemoteAction, "_action_call_format", action_call_format)
