"""The REST channel: ``POST /webhooks/rest/webhook`` with ``{"sender": …, "message": …}``.

Same address and JSON as Rasa's own REST channel, for local use, tests and benchmarks. Its
conversations are ``rest:<sender>``; with a token configured (``token`` in credentials.yml,
or HDF_REST_TOKEN) every request must carry ``Authorization: Bearer <token>``.
"""

from __future__ import annotations

import hmac
import os
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels import common
from bot.rasa_patches.guard import overrides_rasa

MAX_SENDER_CHARS = 128


@overrides_rasa(
    name="465767469931578a154bb14c95a393c7301d841f58f145502ecff0479628bfe6",
    _persist_message="0e9a47646e4e93145588445e6f1bfee9a79c09ed56346c5dac97a5b5a8fb9ac1",
)
class RestOutput(CollectingOutputChannel):
    """Collects the replies, as the client knows them: its own sender id, signed buttons."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    async def _persist_message(self, message: dict[str, Any]) -> None:
        message["recipient_id"] = common.sender_of(str(message.get("recipient_id")), "rest")
        if message.get("buttons"):
            message["buttons"] = common.outbound_buttons(message["buttons"])
        await super()._persist_message(message)


class RestInput(InputChannel):
    """Receives one message per request and answers with the bot's replies."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> RestInput:
        token = str((credentials or {}).get("token") or "")
        if not token or token.startswith("$"):  # unset, or an unexpanded $VARIABLE
            token = os.environ.get("HDF_REST_TOKEN", "")
        return cls(token.strip())

    def __init__(self, token: str = "") -> None:
        self.token = token
        self.limiter = common.RateLimiter.from_environment()

    def _authorised(self, request: Request) -> bool:
        if not self.token:
            return True
        given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        return hmac.compare_digest(given.encode(), self.token.encode())

    def blueprint(self, on_new_message: common.OnNewMessage) -> Blueprint:
        rest = Blueprint("hdf_rest_webhook", __name__)

        @rest.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @rest.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not self._authorised(request):
                return response.json({"error": "unauthorised"}, status=401)
            try:
                body = request.json
            except Exception:  # Sanic raises its own error type on malformed JSON
                body = None
            sender = body.get("sender") if isinstance(body, dict) else None
            text = body.get("message") if isinstance(body, dict) else None
            if (
                not isinstance(sender, str)
                or not 0 < len(sender) <= MAX_SENDER_CHARS
                or not isinstance(text, (str, type(None)))
            ):
                return response.json({"error": 'expected {"sender": str, "message": str}'}, status=400)
            metadata = body.get("metadata") if isinstance(body.get("metadata"), dict) else None
            collector = RestOutput()
            message = UserMessage(
                common.inbound_text(text or ""),
                collector,
                common.conversation_id(self.name(), sender),
                input_channel=self.name(),
                metadata=metadata,
            )
            await common.handle(message, on_new_message, self.limiter)
            return response.json(collector.messages)

        common.announce_on_start(rest)
        return rest
