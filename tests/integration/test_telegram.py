"""Telegram channel tests: a real Rasa server (rasa_server) and a fake Bot API.

The Rasa server runs with TELEGRAM_ACCESS_TOKEN=123456:TEST,
TELEGRAM_WEBHOOK_SECRET=test-secret-123 and TELEGRAM_API_BASE_URL=telegram_api.base_url.
Unit tests at the end drive the output channel directly against the fake API.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import subprocess
import sys
import time
from typing import Any

import pytest
import requests

from bot.channels import common
from bot.channels.telegram import TelegramOutput
from bot.channels.telegram_api import TelegramBotAPI
from knowledge.sentences import sentence
from tests.support.paths import ROOT
from tests.support.servers import TELEGRAM_ENV, api, signed, stored_events
from tests.support.telegram import (
    SECRET,
    _update_ids,
    _user,
    callback_update,
    fold,
    message_update,
    new_chat,
    post_update,
    text_update,
)

TOKEN = TELEGRAM_ENV["TELEGRAM_ACCESS_TOKEN"]
WEBHOOK_URL = TELEGRAM_ENV["TELEGRAM_WEBHOOK_URL"]


def user_events(server: Any, chat_id: int) -> list[dict[str, Any]]:
    """The user events of the chat's conversation, as stored (all sessions)."""
    return [e for e in stored_events(f"telegram:{chat_id}") if e.get("event") == "user"]


def test_text_message_is_answered_in_the_chat(rasa_server: Any, telegram_api: Any) -> None:
    """A student in Amiens is told about PEPITE, in plain text, in their chat."""
    chat_id = new_chat()
    assert post_update(rasa_server, text_update(chat_id, "je suis étudiant à Amiens")).status_code == 200

    def mentions_pepite(call: dict[str, Any]) -> bool:
        params = call["params"]
        return str(params.get("chat_id")) == str(chat_id) and "pepite" in fold(params.get("text", ""))

    telegram_api.wait_for("sendMessage", predicate=mentions_pepite, timeout=30)
    sent = telegram_api.calls_for("sendMessage", chat_id)
    assert all("parse_mode" not in c["params"] and c["token"] == TOKEN for c in sent)
    assert telegram_api.calls_for("sendChatAction", chat_id)
    event = user_events(rasa_server, chat_id)[-1]
    assert event["text"] == "je suis étudiant à Amiens"
    assert event["input_channel"] == "telegram"
    assert event["metadata"].get("language_code") == "fr"


def test_start_command_greets(rasa_server: Any, telegram_api: Any) -> None:
    """/start is the greet intent and gets an answer in the same chat."""
    chat_id = new_chat()
    assert post_update(rasa_server, text_update(chat_id, "/start")).status_code == 200
    telegram_api.wait_for("sendMessage", predicate=lambda c: str(c["params"]["chat_id"]) == str(chat_id))
    assert user_events(rasa_server, chat_id)[-1]["parse_data"]["intent"]["name"] == "greet"


def test_restart_command_restarts(rasa_server: Any, telegram_api: Any) -> None:
    """/restart becomes the restart intent, which restarts the conversation."""
    chat_id = new_chat()
    post_update(rasa_server, text_update(chat_id, "bonjour"))
    assert post_update(rasa_server, text_update(chat_id, "/restart")).status_code == 200
    assert any(e["event"] == "restart" for e in stored_events(f"telegram:{chat_id}"))
    telegram_api.wait_for(
        "sendMessage",
        predicate=lambda c: str(c["params"]["chat_id"]) == str(chat_id) and "recommence" in c["params"]["text"],  # noqa: E501
    )


def test_button_press_is_processed(rasa_server: Any, telegram_api: Any) -> None:
    """A callback query is acknowledged, then its payload (signed by the bot) is the user's message."""
    chat_id = new_chat()
    update = callback_update(chat_id, signed("/greet"))
    assert post_update(rasa_server, update).status_code == 200
    query_id = update["callback_query"]["id"]
    telegram_api.wait_for(
        "answerCallbackQuery",
        predicate=lambda c: c["params"].get("callback_query_id") == query_id,
    )
    telegram_api.wait_for("sendMessage", predicate=lambda c: str(c["params"]["chat_id"]) == str(chat_id))
    assert user_events(rasa_server, chat_id)[-1]["parse_data"]["intent"]["name"] == "greet"


def test_forged_intent_button_is_read_as_words(rasa_server: Any, telegram_api: Any) -> None:
    """Callback data a client made up ("/greet" unsigned) never becomes an intent."""
    chat_id = new_chat()
    assert post_update(rasa_server, callback_update(chat_id, '/inform_profile{"audience":"student"}')).ok
    telegram_api.wait_for("sendMessage", predicate=lambda c: str(c["params"]["chat_id"]) == str(chat_id))
    assert user_events(rasa_server, chat_id)[-1]["text"] == 'inform_profile{"audience":"student"}'


def test_button_reference_is_resolved_by_its_title(rasa_server: Any, telegram_api: Any) -> None:
    """A button whose payload did not fit is pressed as its title (no server-side table)."""
    chat_id = new_chat()
    key = "#0"
    keyboard = [[{"text": "je suis étudiant à Amiens", "callback_data": key}]]
    assert post_update(rasa_server, callback_update(chat_id, key, keyboard)).status_code == 200
    telegram_api.wait_for(
        "sendMessage",
        predicate=lambda c: (
            str(c["params"]["chat_id"]) == str(chat_id) and "pepite" in fold(c["params"]["text"])
        ),
        timeout=30,
    )


def test_bot_buttons_round_trip(rasa_server: Any, telegram_api: Any) -> None:
    """A domain response with buttons becomes an inline keyboard whose presses work."""
    domain = api(rasa_server, "GET", "/domain", headers={"Accept": "application/json"}).json()
    plain = {  # variations without condition: the ones used while slots are empty
        name: [v for v in variations if not v.get("condition")]
        for name, variations in (domain.get("responses") or {}).items()
    }
    with_buttons = [n for n, vs in plain.items() if vs and all(v.get("buttons") for v in vs)]
    if not with_buttons:
        pytest.skip("no domain response with buttons")
    chat_id = new_chat()
    conversation = f"/conversations/telegram:{chat_id}"
    listen = [{"event": "action", "name": "action_listen"}]
    assert api(rasa_server, "POST", f"{conversation}/tracker/events", json=listen).ok
    execute = api(
        rasa_server,
        "POST",
        f"{conversation}/execute",
        params={"output_channel": "telegram"},
        json={"name": with_buttons[0]},
    )
    assert execute.status_code == 200
    call = telegram_api.wait_for(
        "sendMessage",
        predicate=lambda c: str(c["params"]["chat_id"]) == str(chat_id) and "reply_markup" in c["params"],
    )[0]
    rows = call["params"]["reply_markup"]["inline_keyboard"]
    assert rows and all(len(row) == 1 for row in rows)
    buttons = [row[0] for row in rows if "callback_data" in row[0]]
    assert all(len(b["callback_data"].encode()) <= 64 for b in buttons)
    if not buttons:
        return
    payloads = {b["title"]: b["payload"] for v in plain[with_buttons[0]] for b in v["buttons"]}
    pressed = buttons[-1]
    assert (
        post_update(rasa_server, callback_update(chat_id, pressed["callback_data"], rows)).status_code == 200
    )
    text = user_events(rasa_server, chat_id)[-1]["text"]
    assert text == payloads.get(pressed["text"], text)  # titles may be interpolated


def test_sticker_gets_a_polite_reply_without_nlu(rasa_server: Any, telegram_api: Any) -> None:
    """Stickers, photos, voice, locations: a fixed French sentence, nothing for Rasa."""
    contents = [
        {
            "sticker": {
                "file_id": "CAACAgIAAxk",
                "file_unique_id": "u1",
                "width": 512,
                "height": 512,
                "is_animated": False,
                "is_video": False,
                "type": "regular",
                "emoji": "👍",
            }
        },
        {"photo": [{"file_id": "AgAC", "file_unique_id": "u2", "width": 90, "height": 90}]},
        {"voice": {"file_id": "AwAC", "file_unique_id": "u3", "duration": 2}},
        {"location": {"latitude": 49.89, "longitude": 2.29}},
    ]
    for content in contents:
        chat_id = new_chat()
        assert post_update(rasa_server, message_update(chat_id, **content)).status_code == 200
        sent = telegram_api.wait_for(
            "sendMessage",
            predicate=lambda c, i=chat_id: str(c["params"]["chat_id"]) == str(i),
        )
        assert sent[-1]["params"]["text"] == sentence("telegram_non_text", "fr")
        assert "écrit" in sent[-1]["params"]["text"]
        assert user_events(rasa_server, chat_id) == []


def test_other_update_kinds_are_ignored(rasa_server: Any, telegram_api: Any) -> None:
    """my_chat_member, edited_message, channel_post… get 200 and no reaction."""
    chat_id = new_chat()
    member = {"user": _user(chat_id), "status": "member"}
    chat = {"id": chat_id, "type": "private"}
    updates = [
        {
            "my_chat_member": {
                "chat": chat,
                "from": _user(chat_id),
                "date": 1,
                "old_chat_member": {**member, "status": "kicked"},
                "new_chat_member": member,
            }
        },
        {
            "edited_message": {
                "message_id": 1,
                "date": 1,
                "edit_date": 2,
                "chat": chat,
                "text": "bonjour",
            }
        },
        {
            "channel_post": {
                "message_id": 2,
                "date": 1,
                "chat": {"id": -100123, "type": "channel"},
                "text": "bonjour",
            }
        },
        {},
    ]
    for update in updates:
        response = post_update(rasa_server, {"update_id": next(_update_ids), **update})
        assert response.status_code == 200, response.text
    time.sleep(0.3)
    assert telegram_api.calls_for(chat_id=chat_id) == []
    assert user_events(rasa_server, chat_id) == []


@pytest.mark.parametrize("secret", [None, "", "wrong", "test-secret-124", SECRET + "x"])
def test_bad_or_missing_secret_is_rejected(rasa_server: Any, telegram_api: Any, secret: str | None) -> None:
    """Without the exact secret header: 403, and nothing reaches Rasa or Telegram."""
    chat_id = new_chat()
    assert post_update(rasa_server, text_update(chat_id, "bonjour"), secret=secret).status_code == 403
    callback = callback_update(chat_id, "/greet")
    assert post_update(rasa_server, callback, secret=secret).status_code == 403
    time.sleep(0.3)
    assert telegram_api.calls_for(chat_id=chat_id) == []
    query_id = callback["callback_query"]["id"]
    assert not [c for c in telegram_api.calls if c["params"].get("callback_query_id") == query_id]
    assert user_events(rasa_server, chat_id) == []


@pytest.mark.parametrize(
    "raw",
    [
        b"{not json",
        b"",
        b"[1, 2]",
        b'"text"',
        b'{"update_id": 1, "message": {"text": "hi"}}',
        b'{"update_id": 2, "message": {"chat": {"id": "x"}, "text": "hi"}}',
        b'{"update_id": 3, "callback_query": {"data": "/greet"}}',
    ],
)
def test_malformed_updates_get_400(rasa_server: Any, raw: bytes) -> None:
    """Malformed JSON or updates without chat: 400, never 500."""
    assert post_update(rasa_server, None, raw=raw).status_code == 400


def test_repeated_update_is_processed_once(rasa_server: Any, telegram_api: Any) -> None:
    """Telegram may resend an update: the same update_id is handled once."""
    chat_id = new_chat()
    update = text_update(chat_id, "bonjour")
    assert post_update(rasa_server, update).status_code == 200
    assert post_update(rasa_server, update).status_code == 200
    assert len(user_events(rasa_server, chat_id)) == 1


def test_bot_api_errors_do_not_break_the_webhook(rasa_server: Any, telegram_api: Any) -> None:
    """If Telegram refuses sendMessage, the webhook still answers 200."""
    chat_id = new_chat()
    telegram_api.fail("sendMessage", 403, "Forbidden: bot was blocked by the user")
    try:
        assert post_update(rasa_server, text_update(chat_id, "/start")).status_code == 200
    finally:
        telegram_api.repair("sendMessage")
    assert telegram_api.calls_for("sendMessage", chat_id)
    assert post_update(rasa_server, text_update(chat_id, "bonjour")).status_code == 200


def test_set_webhook_endpoint(rasa_server: Any, telegram_api: Any) -> None:
    """POST /webhooks/telegram/set_webhook needs the secret, then calls setWebhook."""
    url = f"{rasa_server.url}/webhooks/telegram/set_webhook"
    before = len(telegram_api.calls_for("setWebhook"))
    assert requests.post(url, timeout=30).status_code == 403
    assert (
        requests.post(url, headers={"X-Telegram-Bot-Api-Secret-Token": "nope"}, timeout=30).status_code == 403
    )
    assert len(telegram_api.calls_for("setWebhook")) == before
    response = requests.post(url, headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}, timeout=30)
    assert response.status_code == 200, response.text
    params = telegram_api.wait_for("setWebhook", count=before + 1)[-1]["params"]
    assert params["url"] == WEBHOOK_URL
    assert params["secret_token"] == SECRET
    assert set(params["allowed_updates"]) == {"message", "callback_query"}


def test_set_webhook_command(telegram_api: Any) -> None:
    """``python -m bot.channels.telegram_cli set-webhook`` calls setWebhook."""
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "RASA_TELEMETRY_ENABLED": "false",
        "TELEGRAM_ACCESS_TOKEN": "999:CLI",
        "TELEGRAM_WEBHOOK_URL": "https://cli.example.invalid/webhooks/telegram/webhook",
        "TELEGRAM_WEBHOOK_SECRET": "cli-secret",
        "TELEGRAM_API_BASE_URL": telegram_api.base_url,
    }
    command = [sys.executable, "-m", "bot.channels.telegram_cli", "set-webhook"]
    done = subprocess.run(
        command,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    call = [c for c in telegram_api.calls_for("setWebhook") if c["token"] == "999:CLI"][-1]
    assert call["params"]["url"] == env["TELEGRAM_WEBHOOK_URL"]
    assert call["params"]["secret_token"] == "cli-secret"
    assert set(call["params"]["allowed_updates"]) == {"message", "callback_query"}
    del env["TELEGRAM_ACCESS_TOKEN"]
    done = subprocess.run(
        command,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode != 0


def test_output_channel_against_fake_api(telegram_api: Any) -> None:
    """Text, buttons (long payload, URL), long text, image and API errors."""
    token = f"{random.randint(1, 10**6)}:UNIT"

    async def scenario() -> None:
        bot_api = TelegramBotAPI(token, telegram_api.base_url)
        out = TelegramOutput(bot_api)
        long = "/choose_item" + json.dumps({"ordinal": "premier", "scheme": "x" * 80})
        buttons = [
            {"title": "Oui", "payload": "/affirm"},
            {"title": "Option longue", "payload": long},
            {"title": "Site", "url": "https://example.org"},
        ]
        await out.send_response("telegram:42", {"text": "<b>Choisissez</b>", "buttons": buttons})
        await out.send_response("42", {"text": "x " * 3000})
        await out.send_response("42", {"image": "https://example.org/a.png"})
        await out.send_response("42", {"custom": {"text": "perso"}})
        await out.send_response("42", {"custom": {"foo": "bar"}})
        telegram_api.fail("sendPhoto")
        try:
            await out.send_image_url("42", "https://example.org/b.png")
        finally:
            telegram_api.repair("sendPhoto")
        await bot_api.close()

    asyncio.run(scenario())
    calls = [c for c in telegram_api.calls if c["token"] == token]
    sends = [c["params"] for c in calls if c["method"] == "sendMessage"]
    assert sends[0]["chat_id"] == 42 and sends[0]["text"] == "<b>Choisissez</b>"
    assert "parse_mode" not in sends[0]
    rows = sends[0]["reply_markup"]["inline_keyboard"]
    assert [len(r) for r in rows] == [1, 1, 1]
    assert rows[0][0]["text"] == "Oui"
    assert common.inbound_text(rows[0][0]["callback_data"]) == "/affirm"  # signed intent payload
    assert rows[1][0]["callback_data"] == "#1"  # too long: pressed as its title
    assert rows[2][0] == {"text": "Site", "url": "https://example.org"}
    assert len(sends[1]["text"]) <= 4096 and len(sends[2]["text"]) <= 4096  # split
    assert sends[3]["text"] == "perso"
    assert sends[4]["text"] == "https://example.org/b.png"  # sendPhoto failed: link
    assert len(sends) == 5
    assert [c["method"] for c in calls].count("sendPhoto") == 2
