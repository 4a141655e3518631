"""A small domain and conversations that exercise what Rasa's trackers do with events (slots,
a form, undone actions, rewinds, rule-only turns, restarts), for the tests that compare this
project's replacements of Rasa internals with Rasa's own."""

from __future__ import annotations

from rasa.shared.core.events import (
    ActionExecuted,
    ActionExecutionRejected,
    ActionReverted,
    ActiveLoop,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUtteranceReverted,
    UserUttered,
)

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
LISTEN = "action_listen"


def user(intent: str, entities: list | None = None) -> UserUttered:
    return UserUttered(intent, {"name": intent, "confidence": 1.0}, entities or [])


def conversation() -> list:
    """Events of a conversation with slots, a form, an undone action and a rule-only turn."""
    events = [ActionExecuted(LISTEN), user("greet"), ActionExecuted("utter_hi"), ActionExecuted(LISTEN)]
    events += [user("inform"), ActionExecuted("ask_form"), ActiveLoop("ask_form")]
    events += [SlotSet("requested_slot", "city")]
    lille = {"entity": "city", "value": "Lille", "start": 0, "end": 5}
    events += [ActionExecuted(LISTEN), user("inform", [lille])]
    events += [SlotSet("city", "Lille"), ActionExecuted("ask_form"), ActiveLoop(None), SlotSet("flag", True)]
    events += [ActionExecuted("utter_hi", hide_rule_turn=True), ActionExecuted(LISTEN), user("deny")]
    events += [ActionExecuted("utter_hi"), ActionReverted(), ActionExecuted(LISTEN), user("greet")]
    events += [UserUtteranceReverted(), ActionExecuted(LISTEN), user("greet"), ActionExecuted("utter_hi")]
    return events * 3


def long_conversation() -> list:
    """conversation(), then a restart, a session start, a rejected form and a form run before
    any event names it as a loop."""
    events = conversation()
    events += [Restarted(), ActionExecuted(LISTEN), user("greet"), ActionExecuted("other_form")]
    events += [ActionExecuted(LISTEN), user("inform"), ActionExecuted("other_form"), ActionExecuted(LISTEN)]
    events += [SessionStarted(), ActionExecuted(LISTEN), user("inform"), ActionExecuted("ask_form")]
    events += [ActiveLoop("ask_form"), ActionExecuted(LISTEN), user("deny")]
    events += [ActionExecutionRejected("ask_form"), ActionExecuted("utter_hi"), ActionExecuted("ask_form")]
    events += [SlotSet("city", "Arras"), ActionExecuted("ask_form"), ActionExecuted(LISTEN), user("inform")]
    events += [ActionExecuted("other_form"), ActiveLoop("other_form"), ActionExecuted(LISTEN), user("greet")]
    events += [ActionExecuted("other_form"), ActiveLoop(None), ActionExecuted(LISTEN)]
    return events
