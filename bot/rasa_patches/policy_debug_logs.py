"""The policies' debug-log details, computed only when debug logs are on.

Rasa 3.6's MemoizationPolicy deep-copies the conversation's dialogue states, and its
RulePolicy formats them as text, at each prediction, only to pass them to a debug log line
that is then dropped (the server logs at INFO): with this project's unbounded history, that
work grows with the conversation's length. These replacements do the same when the
policies' debug logs are on, and skip that work otherwise; predictions are unchanged.
"""

from __future__ import annotations

import copy
import logging
from typing import Any, Dict, List

import structlog
from rasa.core.policies import memoization
from rasa.core.policies.memoization import MemoizationPolicy
from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.shared.core.domain import Domain, State
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_patches.guard import replace

structlogger = structlog.get_logger(memoization.__name__)
rasa_format_tracker_states = Policy.format_tracker_states
rasa_predict_action_probabilities = MemoizationPolicy.predict_action_probabilities


def debug_on(module: str) -> bool:
    """Whether `module`'s debug log lines are written (Rasa's filter_by_level)."""
    return logging.getLogger(module).isEnabledFor(logging.DEBUG)


def format_tracker_states(states: List[Dict]) -> str:
    """Policy.format_tracker_states when the policies log debug lines, else empty text."""
    return rasa_format_tracker_states(states) if debug_on("rasa.core.policies") else ""


def predict_action_probabilities(  # `self` unannotated: Rasa's graph validation reads the hints
    self,
    tracker: DialogueStateTracker,
    domain: Domain,
    rule_only_data: Dict[str, Any] | None = None,
    **kwargs: Any,
) -> PolicyPrediction:
    """MemoizationPolicy.predict_action_probabilities; the states' copy for debug logs only."""
    result = self._default_predictions(domain)
    states: List[State] = self._prediction_states(tracker, domain, rule_only_data=rule_only_data)
    if debug_on(memoization.__name__):
        structlogger.debug("memoization.predict.actions", tracker_states=copy.deepcopy(states))
    predicted_action_name = self.recall(states, tracker, domain, rule_only_data=rule_only_data)
    if predicted_action_name is not None:
        memoization.logger.debug(f"There is a memorised next action '{predicted_action_name}'")
        result = self._prediction_result(predicted_action_name, tracker, domain)
    else:
        memoization.logger.debug("There is no memorised next action")
    return self._prediction(result)


def install() -> None:
    replace(Policy, "format_tracker_states", staticmethod(format_tracker_states))
    replace(MemoizationPolicy, "predict_action_probabilities", predict_action_probabilities)
