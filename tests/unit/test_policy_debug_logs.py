"""The policies' debug-log details (bot/rasa_patches/policy_debug_logs.py): same predictions, work only
for debug logs."""

from __future__ import annotations

import inspect
import logging

import pytest
from rasa.core.policies.memoization import MemoizationPolicy
from rasa.core.policies.policy import Policy
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_patches import policy_debug_logs
from tests.support.rasa_conversation import DOMAIN, conversation


def test_the_replacements_took_effect() -> None:
    formatter = inspect.getattr_static(Policy, "format_tracker_states")
    assert formatter.__func__ is policy_debug_logs.format_tracker_states
    assert inspect.getattr_static(MemoizationPolicy, "predict_action_probabilities") is (
        policy_debug_logs.predict_action_probabilities
    )


@pytest.fixture
def log_level():
    """Sets a logger's level (through setLevel, which clears logging's cache), then puts it back."""
    changed = {}

    def set_level(name: str, level: int) -> None:
        logger = logging.getLogger(name)
        changed.setdefault(name, logger.level)
        logger.setLevel(level)

    yield set_level
    for name, level in changed.items():
        logging.getLogger(name).setLevel(level)


def test_states_are_formatted_only_for_debug_logs(log_level) -> None:
    states = [{"user": {"intent": "greet"}, "prev_action": {"action_name": "action_listen"}}]
    log_level("rasa.core.policies", logging.INFO)
    assert Policy.format_tracker_states(states) == ""
    log_level("rasa.core.policies", logging.DEBUG)
    assert Policy.format_tracker_states(states) == policy_debug_logs.rasa_format_tracker_states(states)
    assert "user intent: greet" in Policy.format_tracker_states(states)


@pytest.mark.parametrize("level", [logging.INFO, logging.DEBUG])
def test_memoization_predicts_as_rasa_does(tmp_path, log_level, level: int) -> None:
    log_level("rasa.core.policies.memoization", level)
    domain = Domain.from_yaml(DOMAIN)
    context = ExecutionContext(GraphSchema({}), "test")
    policy = MemoizationPolicy.create(
        MemoizationPolicy.get_default_config(), LocalModelStorage(tmp_path), Resource("memo"), context
    )
    events = conversation()
    story = DialogueStateTracker.from_events("memo", events[:20], domain.slots)
    states = policy._prediction_states(story, domain)
    policy.lookup = {policy._create_feature_key(states): "utter_hi"}
    recalled = 0
    for count in range(1, len(events) + 1):
        tracker = DialogueStateTracker.from_events("memo", events[:count], domain.slots)
        ours = policy.predict_action_probabilities(tracker, domain)
        theirs = policy_debug_logs.rasa_predict_action_probabilities(policy, tracker, domain)
        assert (ours.probabilities, ours.policy_name) == (theirs.probabilities, theirs.policy_name)
        recalled += max(ours.probabilities) > 0
    assert recalled  # the memorised states were recalled at least once


def test_rasa_graph_validation_reads_the_same_parameters() -> None:
    """`rasa train` validates a component's run function by its type hints: the replacement
    must ask for nothing more than Rasa's own (an annotated `self` broke training)."""
    from rasa.engine import validation

    ours, _ = validation._get_parameter_information(MemoizationPolicy, "predict_action_probabilities")
    original = dict(ours)
    MemoizationPolicy.predict_action_probabilities = policy_debug_logs.rasa_predict_action_probabilities
    try:
        original, _ = validation._get_parameter_information(MemoizationPolicy, "predict_action_probabilities")
    finally:
        MemoizationPolicy.predict_action_probabilities = policy_debug_logs.predict_action_probabilities
    assert validation._required_args(ours) == validation._required_args(original)
