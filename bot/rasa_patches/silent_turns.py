"""Never a turn without a reply: a short answer, and a warning that says why.

Rasa ends a turn when its policies predict ``action_listen``, whether or not an action said
anything: a form that takes a message and has nothing new to ask, or a reply composed empty,
left the person with no answer at all and nothing in the log. This wraps
``MessageProcessor._run_prediction_loop`` (every channel's turns go through it, `rasa shell`
included): once Rasa's loop has ended, a person's message that got no bot message is answered
with the sentence ``no_reply`` of actions/sentences.yml in the conversation's language, stored
in the conversation like any reply, and the server logs a warning naming the conversation, the
intent and the actions predicted. A paused conversation and an intent triggered through the
HTTP API (not typed by anyone) are left as Rasa leaves them.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from rasa.core.channels.channel import OutputChannel
from rasa.core.processor import MessageProcessor
from rasa.shared.core.constants import ACTION_LISTEN_NAME, EXTERNAL_MESSAGE_PREFIX
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from bot.rasa_patches.guard import replace
from knowledge.sentences import sentence

logger = logging.getLogger(__name__)

NO_REPLY = "no_reply"  # the sentence's key, and the mark of the fallback in its metadata

_rasa_loop = MessageProcessor._run_prediction_loop


def last_turn(tracker: DialogueStateTracker) -> tuple[UserUttered | None, list[Event]]:
    """The person's last message and the events after it (None, [] before any message)."""
    after: list[Event] = []
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return event, after[::-1]
        after.append(event)
    return None, []


def unanswered(tracker: DialogueStateTracker) -> tuple[UserUttered, list[str]] | None:
    """The person's last message and the actions run after it, when none of them said anything."""
    message, after = last_turn(tracker)
    if message is None or tracker.is_paused() or (message.text or "").startswith(EXTERNAL_MESSAGE_PREFIX):
        return None
    if any(isinstance(event, BotUttered) for event in after):
        return None
    return message, [e.action_name for e in after if isinstance(e, ActionExecuted)]


async def _run_prediction_loop(
    self: MessageProcessor, output_channel: OutputChannel, tracker: DialogueStateTracker
) -> None:
    """Rasa's prediction loop, then the fallback reply if the turn said nothing."""
    await _rasa_loop(self, output_channel, tracker)
    found = unanswered(tracker)
    if found is None:
        return
    message, actions = found
    predicted = [name for name in actions if name != ACTION_LISTEN_NAME] or ["none"]
    logger.warning(
        "Turn without a reply in conversation %s: intent %s, actions predicted: %s; sent the '%s' fallback",
        tracker.sender_id,
        message.intent.get(INTENT_NAME_KEY),
        ", ".join(predicted),
        NO_REPLY,
    )
    reply = fallback(tracker.get_slot("language"))
    tracker.update(reply)
    await output_channel.send_response(tracker.sender_id, reply.message())


def fallback(language: Any) -> BotUttered:
    """The short reply to a message nothing else answered, marked in its metadata."""
    metadata = {"kind": "unknown", "answer_id": uuid.uuid4().hex[:16], "fallback": NO_REPLY}
    return BotUttered(sentence(NO_REPLY, language), metadata=metadata)


def install() -> None:
    replace(MessageProcessor, "_run_prediction_loop", _run_prediction_loop)
