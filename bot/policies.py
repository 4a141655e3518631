"""Rasa's two policies of this project, without work that grows with a conversation and
cannot change a prediction.

- MemoizationPolicy: with Rasa's default `max_history` (none), its key is the whole
  conversation's states, written as JSON and compressed, at each prediction, for a lookup
  that cannot succeed once the conversation has more states than the longest key. This one
  reads that length from its keys and skips the lookup beyond it.
- RulePolicy: to find the rules that apply, Rasa's checks each rule against every state of
  the conversation, reading the rule's JSON again for each, long after the rule's own states
  are behind; and when no rule applies it writes the whole conversation's states as JSON, to
  tell whether they are a rule not used in the stories. This one stops checking once no
  rule is left or every rule's states are behind, and skips that JSON when the conversation
  is longer than every such rule.

Their predictions are Rasa's (the policy tests compare them). Each pins the source of the
Rasa methods it overrides: it is refused when defined if Rasa's changed.
"""

from __future__ import annotations

import base64
import json
import zlib
from typing import Any, Dict, Iterable, List, Set

from rasa.core.featurizers.tracker_featurizers import TrackerFeaturizer
from rasa.core.policies import memoization
from rasa.core.policies.rule_policy import RULES_NOT_IN_STORIES, RulePolicy
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.core.domain import State

from bot.rasa_patches.guard import overrides_rasa


def state_count(key: str, compressed: bool) -> int:
    """How many states a lookup key holds: the dictionaries of its outer list."""
    text = zlib.decompress(base64.b64decode(key)).decode() if compressed else key
    depth = count = 0
    for char in text:
        if char in "[{":
            count += depth == 1 and char == "{"
            depth += 1
        elif char in "]}":
            depth -= 1
    return count


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT], is_trainable=True
)
@overrides_rasa(
    __init__="86309a96f8acd8bef02ec92f9a20865b039bcc44500397a91bf0e9b0d7c16a83",
    _create_lookup_from_states="992a8fb990086d551a5b1fbb557915374d0141c71dced84868c9886d0cc2be58",
    _recall_states="549ef85ae8f5cd8c3cd51ce96e418fba75e32547dfc12998b10627b4c0ad1b7b",
)
class BoundedMemoizationPolicy(memoization.MemoizationPolicy):
    """MemoizationPolicy that looks up only conversations no longer than its longest key."""

    def __init__(
        self,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        featurizer: TrackerFeaturizer | None = None,
        lookup: Dict | None = None,
    ) -> None:
        super().__init__(config, model_storage, resource, execution_context, featurizer, lookup)
        self._longest = self._longest_key()

    def _longest_key(self) -> int:
        compressed = self.config["enable_feature_string_compression"]
        return max((state_count(key, compressed) for key in self.lookup), default=0)

    def _create_lookup_from_states(
        self, trackers_as_states: List[List[State]], trackers_as_actions: List[List[str]]
    ) -> Dict[str, str]:
        self.lookup = super()._create_lookup_from_states(trackers_as_states, trackers_as_actions)
        self._longest = self._longest_key()
        return self.lookup

    def _recall_states(self, states: List[State]) -> str | None:
        if len(states) > self._longest:
            return None
        return super()._recall_states(states)


def _longest_rule(keys: Iterable[str]) -> int:
    """How many states the longest of these rule keys holds (JSON lists of states; Rasa's other
    sources, such as « predicting default action with intent restart », hold none)."""
    return max((len(json.loads(key)) for key in keys if key.startswith("[")), default=0)


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT], is_trainable=True
)
@overrides_rasa(
    __init__="a415f8eb6ecaed0f3d26e5ec2620e042c20782a0ad7129d3caf8fbdeff786ddf",
    _get_possible_keys="2915fd81711e194c6d667728e00bd0e51e9c1c2791a0be14c55f0ef9938f9936",
    _create_feature_key="641eda8d019918ce3001989a2b64c1d32281ede2fd2f68a4e17693a3c47c4e71",
)
class BoundedRulePolicy(RulePolicy):
    """RulePolicy that stops checking rules, and writing the states, when it cannot matter."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._longest: Dict[int, int] = {}  # id of a lookup table -> its longest key

    def _longest_key(self, table: Dict[str, Any] | List[str]) -> int | None:
        """The states of the table's longest key, once trained (the tables no longer change)."""
        if RULES_NOT_IN_STORIES not in self.lookup:  # its last table, made at the end of training
            return None
        if id(table) not in self._longest:
            self._longest[id(table)] = _longest_rule(table)
        return self._longest[id(table)]

    def _get_possible_keys(self, lookup: Dict[str, str], states: List[State]) -> Set[str]:
        possible_keys = set(lookup)
        longest = self._longest_key(lookup)
        for i, state in enumerate(reversed(states)):
            if not possible_keys or (longest is not None and i >= longest):
                break  # nothing left, or every rule left applies from here on
            possible_keys = {key for key in possible_keys if self._is_rule_applicable(key, i, state)}
        return possible_keys

    def _create_feature_key(self, states: List[State]) -> str | None:
        longest = self._longest_key(self.lookup.get(RULES_NOT_IN_STORIES, []))
        if longest is not None and len(states) > longest:
            return None  # asked only to look it up among the rules not in stories: none of them
        return super()._create_feature_key(states)
