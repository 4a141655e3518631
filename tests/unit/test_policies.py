"""The project's policies (bot/policies.py): Rasa's predictions, less work on long conversations."""

from __future__ import annotations

import pytest
import yaml
from rasa.core.policies.memoization import MemoizationPolicy
from rasa.core.policies.rule_policy import (
    RULES,
    RULES_FOR_LOOP_UNHAPPY_PATH,
    RULES_NOT_IN_STORIES,
    RulePolicy,
)
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker

from bot.policies import BoundedMemoizationPolicy, BoundedRulePolicy, state_count
from tests.support.paths import ROOT
from tests.support.rasa_conversation import DOMAIN, conversation


def _policies(tmp_path, rasa: type = MemoizationPolicy, ours: type = BoundedMemoizationPolicy) -> tuple:
    """Rasa's policy and this project's, untrained, with their default settings."""
    context = ExecutionContext(GraphSchema({}), "test")
    storage = LocalModelStorage(tmp_path)
    return tuple(
        cls.create(cls.get_default_config(), storage, Resource(cls.__name__), context) for cls in (rasa, ours)
    )


def test_the_pipeline_uses_it() -> None:
    policies = yaml.safe_load((ROOT / "bot" / "config.yml").read_text(encoding="utf-8"))["policies"]
    names = [p["name"] for p in policies]
    assert "bot.policies.BoundedMemoizationPolicy" in names and "MemoizationPolicy" not in names
    assert "bot.policies.BoundedRulePolicy" in names and "RulePolicy" not in names


@pytest.mark.parametrize("compressed", [True, False])
def test_a_key_tells_how_many_states_it_holds(tmp_path, compressed: bool) -> None:
    rasa, _ = _policies(tmp_path)
    rasa.config["enable_feature_string_compression"] = compressed
    domain = Domain.from_yaml(DOMAIN)
    events = conversation()
    for count in (1, 5, 12, len(events)):
        tracker = DialogueStateTracker.from_events("memo", events[:count], domain.slots)
        states = rasa._prediction_states(tracker, domain)
        assert state_count(rasa._create_feature_key(states), compressed) == len(states)


def test_it_predicts_as_rasa_does_and_skips_longer_conversations(tmp_path, monkeypatch) -> None:
    rasa, bounded = _policies(tmp_path)
    domain = Domain.from_yaml(DOMAIN)
    events = conversation()
    stories = [
        rasa._prediction_states(
            DialogueStateTracker.from_events("memo", events[:count], domain.slots), domain
        )
        for count in (4, 9)
    ]
    actions = [["utter_hi"], ["utter_ask_city"]]
    rasa.lookup = rasa._create_lookup_from_states(stories, actions)
    bounded._create_lookup_from_states(stories, actions)
    assert bounded.lookup == rasa.lookup
    reloaded = BoundedMemoizationPolicy(
        bounded.config,
        bounded._model_storage,
        bounded._resource,
        ExecutionContext(GraphSchema({}), "t"),
        lookup=bounded.lookup,
    )
    keys: list[int] = []
    original = MemoizationPolicy._create_feature_key
    monkeypatch.setattr(
        MemoizationPolicy,
        "_create_feature_key",
        lambda self, states: keys.append(len(states)) or original(self, states),
    )
    recalled = 0
    for count in range(1, len(events) + 1):
        tracker = DialogueStateTracker.from_events("memo", events[:count], domain.slots)
        theirs = rasa.predict_action_probabilities(tracker, domain)
        for policy in (bounded, reloaded):
            ours = policy.predict_action_probabilities(tracker, domain)
            assert ours.probabilities == theirs.probabilities
        recalled += max(theirs.probabilities) > 0
    assert recalled >= 2  # both stories
    longest = max(len(states) for states in stories)
    assert max(keys) > longest  # Rasa's policy makes the key of every length
    keys.clear()
    for count in range(1, len(events) + 1):
        tracker = DialogueStateTracker.from_events("memo", events[:count], domain.slots)
        bounded.predict_action_probabilities(tracker, domain)
    assert keys and max(keys) == longest


def test_rules_predict_as_rasa_does_with_less_work(tmp_path, monkeypatch) -> None:
    rasa, bounded = _policies(tmp_path, RulePolicy, BoundedRulePolicy)
    domain = Domain.from_yaml(DOMAIN)
    events = conversation()

    def states(count: int) -> list:
        tracker = DialogueStateTracker.from_events("rules", events[:count], domain.slots)
        return rasa._prediction_states(tracker, domain)

    greet, inform = rasa._create_feature_key(states(2)[-1:]), rasa._create_feature_key(states(5)[-2:])
    start = rasa._create_feature_key(states(8))  # a whole short conversation: a rule's states
    for policy in (rasa, bounded):
        policy.lookup = {
            RULES: {greet: "utter_hi", inform: "utter_ask_city"},
            RULES_FOR_LOOP_UNHAPPY_PATH: {},
            RULES_NOT_IN_STORIES: [greet, start, "predicting default action with intent restart"],
        }
    checks = {RulePolicy: 0, BoundedRulePolicy: 0}
    applicable = RulePolicy._is_rule_applicable

    def counted(self, *args):
        checks[type(self)] += 1
        return applicable(self, *args)

    monkeypatch.setattr(RulePolicy, "_is_rule_applicable", counted)
    predicted = hidden = 0
    for count in range(1, len(events) + 1):
        tracker = DialogueStateTracker.from_events("rules", events[:count], domain.slots)
        theirs, ours = (p.predict_action_probabilities(tracker, domain) for p in (rasa, bounded))
        assert ours.probabilities == theirs.probabilities
        assert (
            ours.hide_rule_turn,
            ours.events,
            ours.is_end_to_end_prediction,
            ours.is_no_user_prediction,
        ) == (
            theirs.hide_rule_turn,
            theirs.events,
            theirs.is_end_to_end_prediction,
            theirs.is_no_user_prediction,
        )
        predicted += max(theirs.probabilities) == 1.0
        hidden += theirs.hide_rule_turn
    assert predicted and hidden  # rules applied, some of them not in the stories
    assert checks[BoundedRulePolicy] < 0.6 * checks[RulePolicy]
