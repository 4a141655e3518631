"""Dialogue states for the policies, computed once per event instead of once per prediction.

Rasa 3.6 recomputes the states of a conversation from its first event for each policy and
each prediction step (``Domain.states_for_tracker_history``): the cost of a turn grows with
the conversation's length. This replacement gives the same states, computed incrementally:
it keeps, per conversation and set of arguments, where the last computation stopped (the
events applied, the replayed tracker, the states, the rule-turn flags) and goes on from
there when the new tracker's applied events start with the very same event objects;
otherwise (a reverted action, another conversation) it starts from the first event, as
Rasa does. The kept computations are bounded (least recently used first out).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from operator import is_
from typing import Any, Dict, List

from rasa.shared.core import constants
from rasa.shared.core.domain import Domain, State, SubState
from rasa.shared.core.events import ActionExecuted, Event
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_patches.guard import replace
from bot.rasa_patches.kept import keep

MAX_KEPT = 2048  # computations kept: a few per conversation in progress
_rasa_states_for_tracker_history = Domain.states_for_tracker_history


@dataclass
class _History:
    """Where the computation of a conversation's states stopped (before its final state)."""

    domain: Domain
    tracker: DialogueStateTracker  # the events below replayed on a copy of the slots
    events: List[Event] = field(default_factory=list)
    states: List[State] = field(default_factory=list)
    last_ml_action: SubState | None = None
    turn_was_hidden: bool = False


_kept: OrderedDict[tuple, _History] = OrderedDict()


def _step(
    domain: Domain,
    history: _History,
    hide_rule_turn: bool,
    omit_unset_slots: bool,
    ignore_rule_only_turns: bool,
    rule_only_data: Dict[str, Any] | None,
) -> None:
    """The body of Rasa's loop over prior trackers, for the tracker as it is now."""
    tr, states = history.tracker, history.states
    if ignore_rule_only_turns:
        if not history.turn_was_hidden:
            history.last_ml_action = domain._get_prev_action_sub_state(tr)
        if not tr.followup_action and not tr.latest_action_name == tr.active_loop_name:
            history.turn_was_hidden = hide_rule_turn
        if history.turn_was_hidden:
            return
    state = domain.get_active_state(tr, omit_unset_slots=omit_unset_slots)
    if ignore_rule_only_turns:
        domain._remove_rule_only_features(state, rule_only_data)
        if states:
            domain._substitute_rule_only_user_input(state, states[-1])
        if history.last_ml_action:
            state[constants.PREVIOUS_ACTION] = history.last_ml_action
    states.append(domain._clean_state(state))


def _copy(state: State) -> State:
    """A copy the callers may change: Rasa's featurizers delete from the user's part."""
    copy = dict(state)
    if constants.USER in copy:
        copy[constants.USER] = dict(copy[constants.USER])
    return copy


def _resumed(key: tuple, domain: Domain, tracker: DialogueStateTracker, applied: List[Event]) -> _History:
    """The kept computation if `applied` continues its events, else a fresh one."""
    history = _kept.pop(key, None)
    if (
        history is None
        or history.domain is not domain
        or len(applied) < len(history.events)
        or not all(map(is_, applied, history.events))
    ):
        history = _History(domain, tracker.init_copy())
    keep(_kept, key, history, MAX_KEPT)
    return history


def states_for_tracker_history(
    self: Domain,
    tracker: DialogueStateTracker,
    omit_unset_slots: bool = False,
    ignore_rule_only_turns: bool = False,
    rule_only_data: Dict[str, Any] | None = None,
) -> List[State]:
    """Domain.states_for_tracker_history, going on from the last computation of this conversation."""
    options = (omit_unset_slots, ignore_rule_only_turns, rule_only_data)
    key = (
        tracker.sender_id,
        tracker.is_rule_tracker,
        tracker._max_event_history,
        omit_unset_slots,
        ignore_rule_only_turns,
        repr(rule_only_data),
    )
    applied = tracker.applied_events()
    history = _resumed(key, self, tracker, applied)
    for event in applied[len(history.events) :]:
        if isinstance(event, ActionExecuted):
            _step(self, history, event.hide_rule_turn, *options)
        history.tracker.update(event)
        history.events.append(event)
    kept = (len(history.states), history.last_ml_action, history.turn_was_hidden)
    _step(self, history, False, *options)  # the state of the tracker as it is now
    states = [_copy(state) for state in history.states]
    del history.states[kept[0] :]
    history.last_ml_action, history.turn_was_hidden = kept[1], kept[2]
    return states


def install() -> None:
    replace(Domain, "states_for_tracker_history", states_for_tracker_history)
