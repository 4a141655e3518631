"""Telegram updates as Telegram sends them, posted to the served bot's webhook."""

from __future__ import annotations

import itertools
import json
import random
import time
import unicodedata
from typing import Any

import requests

from tests.support.servers import TELEGRAM_ENV

SECRET = TELEGRAM_ENV["TELEGRAM_WEBHOOK_SECRET"]
BOT_NAME = TELEGRAM_ENV["TELEGRAM_BOT_NAME"]
_update_ids = itertools.count(random.randint(10**8, 9 * 10**8))
_chat_ids = itertools.count(random.randint(10**8, 9 * 10**8), 17)


def new_chat() -> int:
    """A private chat id never used before in this session."""
    return next(_chat_ids)


def _user(chat_id: int) -> dict[str, Any]:
    return {
        "id": chat_id,
        "is_bot": False,
        "first_name": "Camille",
        "language_code": "fr",
    }


def message_update(chat_id: int, **content: Any) -> dict[str, Any]:
    """A Telegram ``message`` update from a private chat."""
    chat = {"id": chat_id, "type": "private", "first_name": "Camille"}
    message = {"message_id": random.randint(1, 10**6), "date": int(time.time())}
    message.update(chat=chat, **{"from": _user(chat_id)}, **content)
    return {"update_id": next(_update_ids), "message": message}


def text_update(chat_id: int, text: str) -> dict[str, Any]:
    """A text message update (with the bot_command entity Telegram adds)."""
    extra: dict[str, Any] = {}
    if text.startswith("/"):
        length = len(text.split()[0])
        extra["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
    return message_update(chat_id, text=text, **extra)


def callback_update(
    chat_id: int, data: str, keyboard: list[list[dict[str, str]]] | None = None
) -> dict[str, Any]:
    """A ``callback_query`` update: a press on an inline button with ``data``."""
    keyboard = keyboard or [[{"text": "Choix", "callback_data": data}]]
    message = {
        "message_id": random.randint(1, 10**6),
        "date": int(time.time()),
        "chat": {"id": chat_id, "type": "private"},
        "from": {"id": 123456, "is_bot": True, "username": BOT_NAME},
        "text": "Que souhaitez-vous ?",
        "reply_markup": {"inline_keyboard": keyboard},
    }
    query = {
        "id": str(random.randint(10**15, 10**16)),
        "from": _user(chat_id),
        "message": message,
        "chat_instance": "-42",
        "data": data,
    }
    return {"update_id": next(_update_ids), "callback_query": query}


def post_update(
    server: Any, update: Any, secret: str | None = SECRET, raw: bytes | None = None
) -> requests.Response:
    """POSTs an update to the webhook as Telegram would."""
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    body = raw if raw is not None else json.dumps(update).encode()
    url = f"{server.url}/webhooks/telegram/webhook"
    return requests.post(url, data=body, headers=headers, timeout=60)


def fold(text: str) -> str:
    """Lower-case without accents."""
    decomposed = unicodedata.normalize("NFKD", text)
    return decomposed.encode("ascii", "ignore").decode().lower()
