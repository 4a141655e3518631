"""The dialogue states computed incrementally (bot/rasa_patches/tracker_states.py) against
Rasa's own function, at every step."""

from __future__ import annotations

import inspect

from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_patches import tracker_states
from tests.support.rasa_conversation import DOMAIN, conversation


def test_dialogue_states_are_rasa_s_computed_incrementally() -> None:
    replaced = inspect.getattr_static(Domain, "states_for_tracker_history")
    assert replaced is tracker_states.states_for_tracker_history
    domain = Domain.from_yaml(DOMAIN)
    rule_only = {"rule_only_slots": ["flag"], "rule_only_loops": ["ask_form"]}
    options = [(o, i, r) for o in (False, True) for i in (False, True) for r in (None, rule_only)]
    events = conversation()
    tracker = DialogueStateTracker("incremental", domain.slots)
    for count, event in enumerate(events, 1):
        tracker.update(event)
        rebuilt = DialogueStateTracker.from_events("incremental", events[:count], domain.slots)
        for omit, ignore, rule_only_data in options:
            rasa = tracker_states._rasa_states_for_tracker_history
            expected = rasa(domain, tracker, omit, ignore, rule_only_data)
            for current in (tracker, rebuilt):
                got = current.past_states(domain, omit, ignore, rule_only_data)
                assert got == expected, (count, omit, ignore, rule_only_data)
                got[-1].clear()  # what a caller does to its copy does not reach the next call
