"""The replacements of Rasa internals: in place on the Rasa version they were written for,
refused on another one."""

from __future__ import annotations

import inspect

import pytest
import rasa.__main__
import rasa.core.run
from rasa.core.actions.action import RemoteAction
from rasa.core.agent import Agent
from rasa.utils.endpoints import EndpointConfig

import bot  # noqa: F401 - applies the replacements
from bot import __main__ as entry
from bot import action_failures, action_session, action_validation, heap, internals, store


def test_every_replacement_took_effect() -> None:
    assert inspect.getattr_static(RemoteAction, "run") is action_failures.run
    assert inspect.getattr_static(RemoteAction, "_validate_action_result") is (
        action_validation.validate_action_result
    )
    assert inspect.getattr_static(Agent, "_create_tracker_store").__func__ is store._create_tracker_store
    assert inspect.getattr_static(EndpointConfig, "request") is action_session.request
    assert rasa.core.run.close_resources is action_session.close_resources
    assert rasa.core.run.load_agent_on_start is heap.load_agent_on_start


def test_the_store_is_used_without_rasa_s_fail_safe_wrapper(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("HDF_DATA_DIR", str(tmp_path))
    ours = store.ConversationStore()
    assert Agent._create_tracker_store(ours, None) is ours
    assert type(Agent._create_tracker_store(None, None)).__name__ == "FailSafeTrackerStore"


def test_another_rasa_version_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    class Owner:
        method = None

    monkeypatch.setattr(rasa, "__version__", "3.7.0")
    with pytest.raises(RuntimeError, match="3.6.21"):
        internals.replace(Owner, "method", lambda: None)
    assert Owner.method is None


def test_the_command_line_sets_its_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    # Everything main() changes is put back after the test.
    monkeypatch.setattr(rasa.__main__, "main", lambda: None)
    monkeypatch.setattr(rasa.__main__, "configure_logging_and_warnings", entry._rasa_configure)
    monkeypatch.setattr("sys.argv", ["bot", "run"])
    monkeypatch.delenv("SANIC_REQUEST_MAX_SIZE", raising=False)
    entry.main()
    assert rasa.__main__.configure_logging_and_warnings is entry.configure_logging_and_warnings
    assert entry.os.environ["SANIC_REQUEST_MAX_SIZE"] == str(64 * 1024)


DOMAIN = """
version: "3.1"
intents: [greet, inform, deny]
entities: [city]
slots:
  city: {type: text, mappings: [{type: from_entity, entity: city}]}
  flag: {type: bool, influence_conversation: true, mappings: [{type: custom}]}
forms:
  ask_form: {required_slots: [city]}
responses:
  utter_hi: [{text: "hi"}]
  utter_ask_city: [{text: "where"}]
"""


def _conversation() -> list:
    """Events of a conversation with slots, a form, an undone action and a rule-only turn."""
    from rasa.shared.core.events import (
        ActionExecuted,
        ActionReverted,
        ActiveLoop,
        SlotSet,
        UserUtteranceReverted,
        UserUttered,
    )

    def user(intent: str, entities: list | None = None) -> UserUttered:
        return UserUttered(intent, {"name": intent, "confidence": 1.0}, entities or [])

    listen = "action_listen"
    events = [ActionExecuted(listen), user("greet"), ActionExecuted("utter_hi"), ActionExecuted(listen)]
    events += [user("inform"), ActionExecuted("ask_form"), ActiveLoop("ask_form")]
    events += [SlotSet("requested_slot", "city")]
    lille = {"entity": "city", "value": "Lille", "start": 0, "end": 5}
    events += [ActionExecuted(listen), user("inform", [lille])]
    events += [SlotSet("city", "Lille"), ActionExecuted("ask_form"), ActiveLoop(None), SlotSet("flag", True)]
    events += [ActionExecuted("utter_hi", hide_rule_turn=True), ActionExecuted(listen), user("deny")]
    events += [ActionExecuted("utter_hi"), ActionReverted(), ActionExecuted(listen), user("greet")]
    events += [UserUtteranceReverted(), ActionExecuted(listen), user("greet"), ActionExecuted("utter_hi")]
    return events * 3


def test_dialogue_states_are_rasa_s_computed_incrementally() -> None:
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot import states

    assert inspect.getattr_static(Domain, "states_for_tracker_history") is states.states_for_tracker_history
    domain = Domain.from_yaml(DOMAIN)
    rule_only = {"rule_only_slots": ["flag"], "rule_only_loops": ["ask_form"]}
    options = [(o, i, r) for o in (False, True) for i in (False, True) for r in (None, rule_only)]
    events = _conversation()
    tracker = DialogueStateTracker("incremental", domain.slots)
    for count, event in enumerate(events, 1):
        tracker.update(event)
        rebuilt = DialogueStateTracker.from_events("incremental", events[:count], domain.slots)
        for omit, ignore, rule_only_data in options:
            expected = states._rasa_states_for_tracker_history(domain, tracker, omit, ignore, rule_only_data)
            for current in (tracker, rebuilt):
                got = current.past_states(domain, omit, ignore, rule_only_data)
                assert got == expected, (count, omit, ignore, rule_only_data)
                got[-1].clear()  # what a caller does to its copy does not reach the next call


def test_the_action_server_gets_the_recent_events_and_everything_else() -> None:
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity

    from bot import action_payload

    assert inspect.getattr_static(RemoteAction, "_action_call_format") is action_payload.action_call_format
    domain = Domain.from_yaml(DOMAIN)
    tracker = DialogueStateTracker("payload", domain.slots)
    for turn in range(30):
        tracker.update(ActionExecuted("action_listen"))
        tracker.update(UserUttered(f"message {turn}", {"name": "greet", "confidence": 1.0}))
        tracker.update(SlotSet("city", f"town {turn}"))
        tracker.update(ActionExecuted("utter_hi"))
    sent = RemoteAction("action_x", None)._action_call_format(tracker, domain)["tracker"]
    whole = tracker.current_state(EventVerbosity.ALL)
    assert sent["events"] == whole["events"][-len(sent["events"]) :]
    texts = [e["text"] for e in sent["events"] if e["event"] == "user"]
    assert texts == [f"message {turn}" for turn in range(10, 30)]
    sent.pop("events"), whole.pop("events")
    assert sent == whole
