"""The conversation store used as it is, not behind Rasa's fail-safe wrapper.

Rasa 3.6's ``Agent._create_tracker_store`` wraps every tracker store in
``FailSafeTrackerStore``, which answers a failed read with an empty tracker: the person would
silently start over, and the next save would write that fresh start after the stored events.
This replacement returns a ``ConversationStore`` (bot/store.py) unwrapped, so a failure
reaches the channel, which apologises (bot/channels/common.py); other stores are wrapped as
Rasa does.
"""

from __future__ import annotations

from typing import Any

from rasa.core.agent import Agent
from rasa.core.tracker_store import TrackerStore

from bot.rasa_patches.guard import replace
from bot.store import ConversationStore

_rasa_create_tracker_store = Agent._create_tracker_store


def _create_tracker_store(store: TrackerStore | None, domain: Any) -> TrackerStore:
    """Agent._create_tracker_store, without the fail-safe wrapper for a ConversationStore."""
    if isinstance(store, ConversationStore):
        store.domain = domain
        return store
    return _rasa_create_tracker_store(store, domain)


def install() -> None:
    replace(Agent, "_create_tracker_store", staticmethod(_create_tracker_store))
