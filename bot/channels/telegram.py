"""Telegram channel for Rasa 3.6: authenticated webhook, no network call at start-up.

Declared in credentials.yml as ``bot.channels.telegram.TelegramInput``. Each setting
(access_token, verify, webhook_url, secret_token, api_base_url) comes from the
credentials block; a value that is missing, empty or an unexpanded ``$VAR`` falls
back to the environment (TELEGRAM_ACCESS_TOKEN, TELEGRAM_BOT_NAME,
TELEGRAM_WEBHOOK_URL, TELEGRAM_WEBHOOK_SECRET, TELEGRAM_API_BASE_URL). Write
``$VAR`` rather than ``${VAR}``: Rasa refuses to start when a ``${VAR}`` is unset.
Without an access token the channel is disabled and its webhook answers 503.

Routes (under /webhooks/telegram): ``POST /webhook`` (Telegram updates, requires the
X-Telegram-Bot-Api-Secret-Token header), ``POST /set_webhook`` (same header) and
``GET /`` (health). The Bot API client and the settings are in telegram_api.py; the
command line, ``python -m bot.channels.telegram_cli set-webhook``, in telegram_cli.py.
"""

from __future__ import annotations

import hmac
import json
import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels import common, shared
from bot.channels.telegram_api import TelegramBotAPI, TelegramSettings, register_webhook
from knowledge.sentences import sentence

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
NON_TEXT_KINDS = (
    "sticker", "photo", "voice", "audio", "video", "video_note", "animation",
    "document", "location", "venue", "contact", "poll", "dice",
)  # fmt: skip
CALLBACK_DATA_MAX_BYTES = 64
BUTTON_REF = "#"  # callback data "#2": the third button of its message
MESSAGE_MAX_CHARS = 4000  # Telegram's limit is 4096 UTF-16 units
_VALID_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")


class MalformedUpdate(ValueError):
    """An update that is valid JSON but lacks what Telegram always sends."""


def _chat_id(recipient_id: str) -> Any:
    chat = common.sender_of(str(recipient_id), "telegram")
    return int(chat) if re.fullmatch(r"-?\d+", chat) else chat


def callback_data(payload: str, index: int) -> str:
    """A button's callback data: its payload (intents signed) when it fits in Telegram's
    64 bytes, else a reference to the button, resolved by its title when it is pressed."""
    data = common.outbound_payload(payload)
    if len(data.encode("utf-8")) <= CALLBACK_DATA_MAX_BYTES and not data.startswith(BUTTON_REF):
        return data
    return f"{BUTTON_REF}{index}"


def _split_text(text: str, limit: int = MESSAGE_MAX_CHARS) -> list[str]:
    parts, text = [], text.strip()
    while len(text) > limit:
        cut = text.rfind("\n", 0, limit)
        if cut < limit // 2:
            cut = text.rfind(" ", 0, limit)
        if cut < limit // 2:
            cut = limit
        parts.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    return parts + ([text] if text else [])


class TelegramOutput(OutputChannel):
    """Sends bot responses with the Bot API: plain text, inline keyboards, photos."""

    @classmethod
    def name(cls) -> str:
        """Channel name, as in the tracker's input_channel."""
        return "telegram"

    def __init__(self, api: TelegramBotAPI) -> None:
        """Uses ``api`` for calls."""
        self.api = api

    async def _send(self, recipient_id: str, text: str, markup: dict[str, Any] | None = None) -> None:
        parts = _split_text(text)
        for index, part in enumerate(parts):
            params: dict[str, Any] = {"chat_id": _chat_id(recipient_id), "text": part}
            if markup and index == len(parts) - 1:
                params["reply_markup"] = markup
            await self.api.call("sendMessage", params)

    @staticmethod
    def _button(button: dict[str, Any], index: int) -> dict[str, str] | None:
        title = str(button.get("title") or "").strip()
        payload = str(button.get("payload") or "").strip()
        url = button.get("url") or (payload if button.get("type") == "web_url" else None)
        if url:
            return {"text": title or str(url), "url": str(url)}
        if not (title or payload):
            return None
        return {"text": title or payload, "callback_data": callback_data(payload or title, index)}

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        """Sends ``text`` without parse_mode, split if longer than Telegram allows."""
        await self._send(recipient_id, text)

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        """Sends ``text`` with an inline keyboard, one button per row."""
        rows = [[b] for b in (self._button(button, i) for i, button in enumerate(buttons)) if b]
        markup = {"inline_keyboard": rows} if rows else None
        await self._send(
            recipient_id,
            text if text and text.strip() else sentence("telegram_buttons_default", "fr"),
            markup,
        )

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        """Sends a photo by URL; falls back to the link as text."""
        if await self.api.call("sendPhoto", {"chat_id": _chat_id(recipient_id), "photo": image}) is None:
            await self._send(recipient_id, image)

    async def send_attachment(self, recipient_id: str, attachment: Any, **kwargs: Any) -> None:
        """Sends an attachment as text (its URL or its JSON)."""
        await self._send(
            recipient_id,
            attachment if isinstance(attachment, str) else json.dumps(attachment),
        )

    async def send_custom_json(self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any) -> None:
        """Sends the ``text`` (and ``buttons``) of a custom payload, else nothing."""
        text, buttons = json_message.get("text"), json_message.get("buttons")
        if isinstance(buttons, list) and buttons:
            await self.send_text_with_buttons(recipient_id, str(text or ""), buttons)
        elif isinstance(text, str) and text.strip():
            await self._send(recipient_id, text)
        else:
            logger.debug(
                "Custom payload without text not sent to Telegram: %s",
                list(json_message),
            )


def _button_title(message: dict[str, Any], data: str) -> str | None:
    markup = message.get("reply_markup") or {}
    for row in markup.get("inline_keyboard") or []:
        for button in row if isinstance(row, list) else []:
            if isinstance(button, dict) and button.get("callback_data") == data:
                return str(button.get("text") or "") or None
    return None


class TelegramInput(InputChannel):
    """Receives updates on /webhooks/telegram/webhook and hands them to Rasa."""

    @classmethod
    def name(cls) -> str:
        """Channel name, used in the URL and as the tracker's input_channel."""
        return "telegram"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> TelegramInput:
        """Builds the channel from its credentials block (may be empty)."""
        return cls(TelegramSettings.load(credentials))

    def __init__(self, settings: TelegramSettings) -> None:
        """Prepares the channel; makes no network call."""
        self.settings = settings
        self.api = (
            TelegramBotAPI(settings.access_token, settings.api_base_url) if settings.access_token else None
        )
        self.output = TelegramOutput(self.api) if self.api else None
        self.limiter = common.RateLimiter.from_environment()
        if self.api is None:
            logger.warning("Telegram channel disabled: TELEGRAM_ACCESS_TOKEN unset")
        elif not settings.secret_token:
            logger.error("TELEGRAM_WEBHOOK_SECRET unset: Telegram updates get 403")
        else:
            if not _VALID_SECRET.fullmatch(settings.secret_token):
                logger.warning("TELEGRAM_WEBHOOK_SECRET: Telegram allows [A-Za-z0-9_-]")
            logger.info("Telegram channel enabled (Bot API %s)", settings.api_base_url)

    def get_output_channel(self) -> TelegramOutput | None:
        """Returns the output channel, or None when the channel is disabled."""
        return self.output

    def _refuse(self, request: Request) -> HTTPResponse | None:
        if self.api is None:
            return response.json({"ok": False, "error": "telegram channel not configured"}, status=503)
        given = request.headers.get(SECRET_HEADER, "").encode("utf-8")
        expected = self.settings.secret_token.encode("utf-8")
        if not expected or not hmac.compare_digest(given, expected):
            logger.warning(
                "Rejected %s from %s: missing or wrong secret token",
                request.path,
                request.ip,
            )
            return response.json({"ok": False, "error": "forbidden"}, status=403)
        return None

    @staticmethod
    async def _is_duplicate(update_id: Any) -> bool:
        """Whether this update was already received, by this or another server process."""
        return isinstance(update_id, int) and not await shared.state().first_time(f"telegram:{update_id}")

    def _command(self, text: str) -> str | None:
        """The text for Rasa (common.inbound_text); None for another bot's command."""
        text = text.strip()
        head, _, rest = text.partition(" ") if text.startswith("/") else (text, "", "")
        command, _, target = head.partition("@")
        if target:
            if self.settings.verify and target.lower() != self.settings.verify.lower():
                return None  # a command addressed to another bot in a group
            text = f"{command} {rest}".strip()
        return common.inbound_text(text) or None

    async def _dispatch(
        self,
        text: str,
        chat_id: int,
        sender: dict[str, Any],
        chat: dict[str, Any],
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
    ) -> None:
        assert self.api is not None
        await self.api.call("sendChatAction", {"chat_id": chat_id, "action": "typing"})
        metadata = {
            "language_code": sender.get("language_code"),
            "chat_type": chat.get("type"),
        }
        metadata = {k: v for k, v in metadata.items() if isinstance(v, str)}
        message = UserMessage(
            text,
            self.output,
            common.conversation_id("telegram", str(chat_id)),
            input_channel=self.name(),
            metadata=metadata,
        )
        await common.handle(message, on_new_message, self.limiter)

    async def _on_message(
        self,
        message: dict[str, Any],
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
    ) -> None:
        chat = message.get("chat")
        if not isinstance(chat, dict) or not isinstance(chat.get("id"), int):
            raise MalformedUpdate("message without chat id")
        sender = message.get("from") if isinstance(message.get("from"), dict) else {}
        if isinstance(message.get("text"), str):
            text = self._command(message["text"])
            if text:
                await self._dispatch(text, chat["id"], sender, chat, on_new_message)
        elif chat.get("type") == "private" and any(k in message for k in NON_TEXT_KINDS):
            assert self.output is not None
            reply = sentence("telegram_non_text", sender.get("language_code"))
            await self.output.send_text_message(str(chat["id"]), reply)

    async def _on_callback(
        self,
        query: dict[str, Any],
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
    ) -> None:
        assert self.api is not None
        message = query.get("message") if isinstance(query.get("message"), dict) else {}
        chat = message.get("chat") if isinstance(message.get("chat"), dict) else {"type": "private"}
        sender = query.get("from") if isinstance(query.get("from"), dict) else {}
        chat_id = chat.get("id", sender.get("id"))
        if not isinstance(query.get("id"), str) or not isinstance(chat_id, int):
            raise MalformedUpdate("callback_query without id or chat")
        data = query.get("data")
        payload = None
        if isinstance(data, str):
            title = _button_title(message, data) if data.startswith(BUTTON_REF) else None
            payload = common.inbound_text(title if data.startswith(BUTTON_REF) else data) or None
        answer = {"callback_query_id": query["id"]}
        if payload is None and isinstance(data, str):
            answer["text"] = sentence("telegram_expired_button", sender.get("language_code"))
        await self.api.call("answerCallbackQuery", answer)
        if payload:
            await self._dispatch(payload, chat_id, sender, chat, on_new_message)

    async def _receive(
        self, request: Request, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> HTTPResponse:
        """Answers a webhook request: refused (403, 503), malformed (400) or taken (200)."""
        refusal = self._refuse(request)
        if refusal is not None:
            return refusal
        try:
            update = json.loads(request.body or b"")
        except ValueError:
            return response.json({"ok": False, "error": "malformed JSON"}, status=400)
        if not isinstance(update, dict):
            return response.json(
                {"ok": False, "error": "an update must be a JSON object"},
                status=400,
            )
        try:
            await self._on_update(update, on_new_message)
        except MalformedUpdate as error:
            return response.json({"ok": False, "error": str(error)}, status=400)
        except Exception:  # still answer 200, or Telegram retries forever
            logger.exception("Telegram update %s could not be processed", update.get("update_id"))
        return response.json({"ok": True})

    async def _on_update(
        self, update: dict[str, Any], on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> None:
        """Hands a message or a pressed button to Rasa; ignores repeated and other updates."""
        if await self._is_duplicate(update.get("update_id")):
            logger.debug("Ignoring repeated Telegram update %s", update.get("update_id"))
        elif isinstance(update.get("message"), dict):
            await self._on_message(update["message"], on_new_message)
        elif isinstance(update.get("callback_query"), dict):
            await self._on_callback(update["callback_query"], on_new_message)
        else:
            logger.debug(
                "Ignoring Telegram update of kind %s",
                [k for k in update if k != "update_id"],
            )

    async def _set_webhook(self, request: Request) -> HTTPResponse:
        """Registers the webhook with Telegram (TELEGRAM_WEBHOOK_URL)."""
        refusal = self._refuse(request)
        if refusal is not None:
            return refusal
        if not self.settings.webhook_url:
            error = "TELEGRAM_WEBHOOK_URL is not set"
            return response.json({"ok": False, "error": error}, status=503)
        assert self.api is not None
        result = await register_webhook(self.api, self.settings)
        return response.json(
            {"ok": result is not None, "url": self.settings.webhook_url},
            status=200 if result is not None else 502,
        )

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Defines the health, webhook and set_webhook routes."""
        telegram = Blueprint("hdf_telegram_webhook", __name__)

        @telegram.listener("after_server_stop")
        async def close_session(*_: Any) -> None:
            if self.api is not None:
                await self.api.close()

        @telegram.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok", "configured": self.api is not None})

        @telegram.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            return await self._receive(request, on_new_message)

        @telegram.route("/set_webhook", methods=["POST"])
        async def set_webhook(request: Request) -> HTTPResponse:
            return await self._set_webhook(request)

        common.announce_on_start(telegram)
        return telegram
