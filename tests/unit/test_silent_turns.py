"""The safety net of bot/rasa_patches/silent_turns.py: a turn whose actions said nothing gets the
short fallback reply, stored in the conversation and sent on the channel, and a warning naming
the conversation, the intent and the actions predicted; a turn with a reply is left alone.

Rasa's prediction loop is stood in for by the events a silent turn of issue 21 left (« c'est
quand le prochain examen a lille »: the profile form took the message and asked nothing)."""

from __future__ import annotations

import asyncio
import logging
from typing import Any, List

import pytest
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.processor import MessageProcessor
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    ConversationPaused,
    Event,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_patches import silent_turns
from knowledge.sentences import sentence

CONVERSATION = "rest:silent"
SILENT_TURN = [
    ActionExecuted("profile_form"),
    SlotSet("requested_slot", "audience"),
    ActionExecuted(ACTION_LISTEN_NAME),
]


def tracker(language: str = "fr", external: bool = False) -> DialogueStateTracker:
    text = "EXTERNAL: remind" if external else "et l'examen suivant a lieu quand à Lille ?"
    events = [
        ActionExecuted(ACTION_LISTEN_NAME),
        UserUttered(text, {"name": "ask_scheme_facts", "confidence": 0.99}),
        SlotSet("language", language),
    ]
    return DialogueStateTracker.from_events(CONVERSATION, events)


def play(monkeypatch: pytest.MonkeyPatch, tracker: DialogueStateTracker, turn: List[Event]) -> List[Any]:
    """Runs the installed prediction loop over `tracker`, Rasa's loop leaving `turn`; the messages sent."""

    async def rasa_loop(processor: Any, output: Any, tracked: DialogueStateTracker) -> None:
        for event in turn:
            tracked.update(event)

    monkeypatch.setattr(silent_turns, "_rasa_loop", rasa_loop)
    output = CollectingOutputChannel()
    asyncio.run(MessageProcessor._run_prediction_loop(None, output, tracker))  # type: ignore[arg-type]
    return output.messages


def test_the_installed_loop_is_the_safety_net() -> None:
    assert MessageProcessor._run_prediction_loop is silent_turns._run_prediction_loop


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_turn_without_a_message_gets_the_fallback_and_a_warning(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, language: str
) -> None:
    silent = tracker(language)
    with caplog.at_level(logging.WARNING, logger=silent_turns.__name__):
        sent = play(monkeypatch, silent, SILENT_TURN)
    expected = sentence("no_reply", language)
    assert [m["text"] for m in sent] == [expected]
    assert sent[0]["recipient_id"] == CONVERSATION
    stored = silent.events[-1]
    assert isinstance(stored, BotUttered) and stored.text == expected
    assert stored.metadata["fallback"] == "no_reply" and stored.metadata["kind"] == "unknown"
    [record] = caplog.records
    assert record.levelno == logging.WARNING
    assert record.getMessage() == (
        f"Turn without a reply in conversation {CONVERSATION}: intent ask_scheme_facts, "
        "actions predicted: profile_form; sent the 'no_reply' fallback"
    )


def test_the_fallback_says_it_has_no_answer_and_who_can_help() -> None:
    assert sentence("no_reply", "fr").startswith("Je n'ai pas de réponse à cela ; ")
    assert "recontacté" in sentence("no_reply", "fr") and "CCI" in sentence("no_reply", "fr")
    assert sentence("no_reply", "en").startswith("I don't have an answer to that; ")


def test_a_turn_with_a_reply_is_left_alone(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    answered = tracker()
    turn = [ActionExecuted("action_scheme_answer"), BotUttered("La CMA organise l'examen."), *SILENT_TURN]
    with caplog.at_level(logging.WARNING, logger=silent_turns.__name__):
        assert play(monkeypatch, answered, turn) == []
    assert not caplog.records
    assert [e.text for e in answered.events if isinstance(e, BotUttered)] == ["La CMA organise l'examen."]


def test_an_intent_triggered_through_the_api_is_left_as_rasa_leaves_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert play(monkeypatch, tracker(external=True), SILENT_TURN) == []


def test_a_paused_conversation_is_left_silent(monkeypatch: pytest.MonkeyPatch) -> None:
    paused = tracker()
    paused.update(ConversationPaused())
    assert play(monkeypatch, paused, SILENT_TURN) == []
