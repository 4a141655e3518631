"""This project's changes to Rasa (bot/rasa_patches/): installed on the Rasa version they were
written for and refused on another one, in effect once installed, the subclasses' pinned Rasa
sources checked, the trained model's classes the project's, and each one in the README."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path
from typing import Iterator, List, Set

import pytest
import rasa.__main__
import rasa.core.run
from rasa.core.actions.action import RemoteAction
from rasa.core.agent import Agent
from rasa.core.policies.memoization import MemoizationPolicy
from rasa.core.policies.policy import Policy
from rasa.core.policies.rule_policy import RulePolicy
from rasa.core.processor import MessageProcessor
from rasa.core.tracker_store import TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig, read_endpoint_config

import bot
from bot import __main__ as entry
from bot import rasa_patches
from bot.components.spacy_nlp import SpacyNLP
from bot.policies import BoundedMemoizationPolicy, BoundedRulePolicy
from bot.rasa_patches import guard
from bot.store import ConversationStore
from tests.support.paths import ROOT

SECTION = "## What this project changes in Rasa 3.6.21, and why"


def test_every_replacement_took_effect() -> None:
    p = rasa_patches
    replaced = [
        (DialogueStateTracker, "applied_events", p.applied_events.applied_events),
        (Domain, "states_for_tracker_history", p.tracker_states.states_for_tracker_history),
        (DialogueStateTracker, "from_events", p.tracker_replay.from_events),
        (DialogueStateTracker, "copy", p.tracker_replay.tracker_copy),
        (Policy, "format_tracker_states", p.policy_debug_logs.format_tracker_states),
        (MemoizationPolicy, "predict_action_probabilities", p.policy_debug_logs.predict_action_probabilities),
        (RemoteAction, "_action_call_format", p.action_call_payload.action_call_format),
        (RemoteAction, "run", p.action_call_failures.run),
        (MessageProcessor, "_run_prediction_loop", p.silent_turns._run_prediction_loop),
        (RemoteAction, "_validate_action_result", p.action_response_validation.validate_action_result),
        (EndpointConfig, "request", p.endpoint_sessions.request),
        (rasa.core.run, "close_resources", p.endpoint_sessions.close_resources),
        (Agent, "_create_tracker_store", p.agent_tracker_store._create_tracker_store),
        (rasa.core.run, "load_agent_on_start", p.agent_loading.load_agent_on_start),
    ]
    warnings = p.command_line_warnings.configure_logging_and_warnings
    replaced.append((rasa.__main__, "configure_logging_and_warnings", warnings))
    for owner, name, new in replaced:
        value = inspect.getattr_static(owner, name)
        assert getattr(value, "__func__", value) is new, name  # a class or static method's function


def test_every_module_of_the_package_is_a_replacement_installed_or_a_helper() -> None:
    modules = {m.name for m in pkgutil.iter_modules(rasa_patches.__path__)}
    assert modules - {m.__name__.rsplit(".", 1)[1] for m in rasa_patches.PATCHES} == {"guard", "kept"}
    assert all(callable(getattr(m, "install", None)) for m in rasa_patches.PATCHES)


def test_installing_again_changes_nothing() -> None:
    before = inspect.getattr_static(RemoteAction, "run")
    rasa_patches.install()
    assert inspect.getattr_static(RemoteAction, "run") is before is rasa_patches.action_call_failures.run


def test_another_rasa_version_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    class Owner:
        method = None

    monkeypatch.setattr(rasa, "__version__", "3.7.0")
    with pytest.raises(RuntimeError, match=r"Owner\.method is replaced for Rasa 3\.6\.21, not 3\.7\.0"):
        guard.replace(Owner, "method", lambda: None)
    assert Owner.method is None
    with pytest.raises(RuntimeError, match="3.6.21"):
        rasa_patches.install()


def test_a_replacement_that_does_not_take_effect_is_refused() -> None:
    class Unchangeable(type):
        def __setattr__(cls, name: str, value: object) -> None:
            pass  # what a class that ignores the replacement (a descriptor, a proxy) would do

    class Owner(metaclass=Unchangeable):
        method = None

    with pytest.raises(RuntimeError, match=r"Owner\.method could not be replaced"):
        guard.replace(Owner, "method", lambda: None)


def test_a_subclass_is_refused_when_rasa_s_method_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    pinned = BoundedRulePolicy.rasa_sources

    def define() -> type:
        @guard.overrides_rasa(**pinned)
        class Rules(RulePolicy):
            def __init__(self) -> None:
                pass

            def _get_possible_keys(self) -> None:
                pass

            def _create_feature_key(self) -> None:
                pass

        return Rules

    assert define().rasa_sources == pinned  # Rasa's sources as they are: accepted

    def _get_possible_keys(self, lookup: dict, states: list) -> set:  # a changed Rasa method
        return set()

    monkeypatch.setattr(RulePolicy, "_get_possible_keys", _get_possible_keys)
    with pytest.raises(RuntimeError, match=r"_get_possible_keys overrides rasa\.core\.policies\.rule_policy"):
        define()


def test_a_subclass_overriding_an_unpinned_rasa_method_is_refused() -> None:
    with pytest.raises(RuntimeError, match=r"overrides \['__init__', '_is_rule_applicable'\] of Rasa"):

        @guard.overrides_rasa(__init__=BoundedRulePolicy.rasa_sources["__init__"])
        class Rules(RulePolicy):
            def __init__(self) -> None:
                pass

            def _is_rule_applicable(self) -> None:
                pass


def _project_classes() -> Iterator[type]:
    """Every class defined in bot/ with a Rasa class among its ancestors."""
    for module in pkgutil.walk_packages(bot.__path__, "bot."):
        if module.name != "bot.__main__":
            for value in vars(importlib.import_module(module.name)).values():
                if (
                    inspect.isclass(value)
                    and value.__module__ == module.name
                    and any(c.__module__.startswith("rasa.") for c in value.__mro__[1:])
                ):
                    yield value


def _guarded() -> List[type]:
    return [cls for cls in _project_classes() if "rasa_sources" in vars(cls)]


def test_every_class_overriding_a_private_rasa_method_pins_its_source() -> None:
    private = [
        cls
        for cls in _project_classes()
        if any(n.startswith("_") and not n.startswith("__") for n in guard.overridden(cls))
    ]
    assert private and set(private) <= set(_guarded())
    assert {BoundedMemoizationPolicy, BoundedRulePolicy, SpacyNLP, ConversationStore} <= set(_guarded())
    for cls in _guarded():
        owners = guard.overridden(cls)
        assert cls.rasa_sources == {n: guard.source_hash(getattr(o, n)) for n, o in owners.items()}


def test_the_trained_model_and_the_endpoints_use_the_project_s_classes(
    trained_model: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HDF_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("ACTION_SERVER_URL", "http://127.0.0.1:5055/webhook")
    endpoints = read_endpoint_config(str(ROOT / "bot" / "endpoints.yml"), "tracker_store")
    agent = Agent.load(str(trained_model), tracker_store=TrackerStore.create(endpoints))
    nodes = agent.processor.graph_runner._instantiated_nodes.values()
    used: Set[type] = {type(node._component) for node in nodes}
    assert {BoundedMemoizationPolicy, BoundedRulePolicy, SpacyNLP} <= used
    assert not {MemoizationPolicy, RulePolicy, SpacyNLP.__mro__[1]} & used
    assert type(agent.tracker_store) is ConversationStore  # not behind Rasa's fail-safe wrapper


def test_the_store_is_used_without_rasa_s_fail_safe_wrapper(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("HDF_DATA_DIR", str(tmp_path))
    ours = ConversationStore()
    assert Agent._create_tracker_store(ours, None) is ours
    assert type(Agent._create_tracker_store(None, None)).__name__ == "FailSafeTrackerStore"


def test_the_command_line_sets_its_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rasa.__main__, "main", lambda: None)
    monkeypatch.setattr("sys.argv", ["bot", "run"])
    monkeypatch.delenv("SANIC_REQUEST_MAX_SIZE", raising=False)
    monkeypatch.delenv("RASA_TELEMETRY_ENABLED", raising=False)
    entry.main()
    assert entry.os.environ["SANIC_REQUEST_MAX_SIZE"] == str(64 * 1024)
    assert entry.os.environ["RASA_TELEMETRY_ENABLED"] == "false"
    assert entry.sys.argv == ["rasa", "run"]


def _readme_section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert SECTION in text
    return text.split(SECTION, 1)[1].split("\n## ", 1)[0]


def test_the_readme_names_every_replacement_and_guarded_subclass() -> None:
    section = _readme_section()
    missing = [f"bot/rasa_patches/{m.__name__.rsplit('.', 1)[1]}.py" for m in rasa_patches.PATCHES]
    missing += [f"{cls.__module__}.{cls.__qualname__}" for cls in _guarded()]
    missing = [name for name in missing if f"`{name}`" not in section]
    assert not missing, f"not in the README's section « {SECTION[3:]} »: {missing}"
