"""What every channel of this project does around a person's message.

- A conversation id carries its channel (``telegram:42``, ``web:…``, ``rest:…``): a client of
  one channel can never reach a conversation of another. Clients never see the prefix.
- A message starting with ``/`` is one of the channels' commands, or the payload of a button
  the bot itself sent (signed), never an intent with entities typed by a client.
- Someone writing faster than a person types is slowed down, politely.
- When handling the message fails (tracker store, bug), the person gets an apology, not silence.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage

from bot import signing
from bot.channels import shared
from knowledge.sentences import sentence

logger = logging.getLogger(__name__)

# The commands people may type (Telegram shows them in its menu), and the intent each sends.
COMMANDS = {"start": "/greet", "restart": "/restart", "forget": "/forget", "help": "/help"}
OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


def conversation_id(channel: str, sender: str) -> str:
    """The tracker's id of `sender` on `channel`."""
    return f"{channel}:{sender}"


def sender_of(conversation: str, channel: str) -> str:
    """The id the client knows, from a conversation id of `channel`."""
    prefix = f"{channel}:"
    return conversation[len(prefix) :] if conversation.startswith(prefix) else conversation


def inbound_text(text: str) -> str:
    """The text handed to Rasa: a command's intent, a signed payload, or plain words."""
    text = text.strip()
    if not text.startswith("/"):
        return text
    payload = signing.unsign(text, "payload")
    if payload is not None:
        return payload
    command = text[1:].split(maxsplit=1)[0].lower() if len(text) > 1 else ""
    # Anything else is read as words: "/inform{...}" never becomes an intent.
    return COMMANDS.get(command) or text.lstrip("/").strip()


def outbound_payload(payload: str) -> str:
    """A button payload as sent to a client: intents ("/…") signed, text as it is."""
    return signing.sign(payload, "payload") if payload.startswith("/") else payload


def outbound_buttons(buttons: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """`buttons` with their intent payloads signed."""
    return [
        {**b, "payload": outbound_payload(str(b["payload"]))} if b.get("payload") else dict(b)
        for b in buttons or []
    ]


class RateLimiter:
    """At most `burst` messages at once per conversation, then `per_minute` (a token bucket,
    kept where bot/channels/shared.py says: this process, or Redis)."""

    def __init__(self, per_minute: float, burst: int) -> None:
        self.per_minute = per_minute
        self.burst = burst

    @classmethod
    def from_environment(cls) -> RateLimiter:
        """HDF_RATE_PER_MINUTE (default 20) and HDF_RATE_BURST (default 6)."""
        per_minute = float(os.environ.get("HDF_RATE_PER_MINUTE") or 20)
        burst = int(os.environ.get("HDF_RATE_BURST") or 6)
        return cls(per_minute, burst)

    async def allow(self, key: str) -> bool:
        """Takes a token for `key`; False when its bucket is empty."""
        return await shared.state().take(key, self.per_minute, self.burst)


async def handle(message: UserMessage, on_new_message: OnNewMessage, limiter: RateLimiter) -> None:
    """Hands `message` to Rasa, unless it comes too fast; apologises if that fails."""
    metadata = message.metadata or {}
    language = metadata.get("language") or metadata.get("language_code")
    output = message.output_channel
    if not await limiter.allow(message.sender_id):
        logger.info("Rate limit: message of %s not processed", message.sender_id)
        await output.send_text_message(message.sender_id, sentence("slow_down", language))
        return
    try:
        await on_new_message(message)
    except Exception:
        logger.exception("The message of %s could not be handled", message.sender_id)
        await output.send_text_message(message.sender_id, sentence("apology", language))


def announce_on_start(blueprint: Any) -> None:
    """Logs, once the server is up, its channels, whether its HTTP API is on, and the
    tracker store Rasa actually created."""

    @blueprint.listener("after_server_start")
    async def announce(app: Any, _: Any) -> None:
        if getattr(app.ctx, "hdf_announced", False):
            return
        app.ctx.hdf_announced = True
        channels = ", ".join(c.name() for c in getattr(app.ctx, "input_channels", []))
        api = any(route.path.startswith("conversations/") for route in app.router.routes)
        store = app.ctx.agent.tracker_store
        described = store.describe() if hasattr(store, "describe") else type(store).__name__
        logger.info(
            "Channels: %s. HTTP API: %s. Tracker store: %s.", channels, "on" if api else "off", described
        )
