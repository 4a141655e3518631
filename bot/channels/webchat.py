"""Socket.IO channel that also serves the website chat widget on the bot's own port.

Routes (Rasa mounts channel blueprints under ``/webhooks/<name>``):
  GET /webhooks/webchat/chat            the chat page (bot/web/index.html)
  GET /webhooks/webchat/static/<file>   allow-listed widget files only
The Socket.IO endpoint is ``/socket.io``. The client protocol is Rasa's (``session_request``,
``session_confirm``, ``user_uttered``, ``bot_uttered``), with two differences: the server
issues the session ids and signs them, and each message is taken for the session its socket
was confirmed in, never for an id the client merely names. Conversations are ``web:<id>``.
"""

import html
import logging
import os
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, Tuple

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput, SocketIOOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from bot import signing
from bot.channels import common
from bot.rasa_patches.guard import overrides_rasa

logger = logging.getLogger(__name__)

WEB_DIR = Path(__file__).resolve().parent.parent / "web"
REPO_ROOT = WEB_DIR.parent.parent  # bot/web -> bot -> repo root (not the cwd)
NODE_MODULES = REPO_ROOT / "node_modules"

JS = "text/javascript; charset=utf-8"
CSS = "text/css; charset=utf-8"
# URL name -> (file, content type). Nothing outside this table is ever served.
STATIC_FILES: Dict[str, Tuple[Path, str]] = {
    "widget.js": (WEB_DIR / "widget.js", JS),
    "widget.css": (WEB_DIR / "widget.css", CSS),
    "socket.io.min.js": (
        NODE_MODULES / "socket.io-client" / "dist" / "socket.io.min.js",
        JS,
    ),
}

DEFAULT_FRAME_ANCESTORS = "'self'"
TRANSPORTS = ("polling", "websocket")
# Behind several server processes, "websocket" alone: a websocket stays on one process.
DEFAULT_TRANSPORTS = "polling,websocket"
MAX_MESSAGE_BYTES = 64 * 1024  # a Socket.IO packet above this closes the connection


def security_headers(frame_ancestors: str = DEFAULT_FRAME_ANCESTORS) -> Dict[str, str]:
    """Headers of every response: a CSP that allows only this origin (and, for framing the
    page, the sites named in `frame_ancestors`), no MIME sniffing, no referrer."""
    csp = "; ".join(
        [
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "connect-src 'self'",
            "base-uri 'none'",
            "form-action 'none'",
            f"frame-ancestors {frame_ancestors}",
        ]
    )
    return {
        "Content-Security-Policy": csp,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-cache",
    }


@overrides_rasa(
    name="c1395b273b94febc706c996b0eeea994d4fcbc94f3277987531703abdd9258bb",
    _send_message="7e650a5b43f28180cf614960eae23e9fbaf94a3e429557a9b35f87057b661e00",
    send_custom_json="d777390bb194448a27d3afdfa73285728e5b85d0cb5de6a16f80363cba57e2c5",
)
class WebChatOutput(SocketIOOutput):
    """Sends to the session's room (the id without its ``web:``), with signed buttons."""

    @classmethod
    def name(cls) -> str:
        return "webchat"

    async def _send_message(self, socket_id: str, response: Any) -> None:
        if isinstance(response, dict) and response.get("quick_replies"):
            response["quick_replies"] = common.outbound_buttons(response["quick_replies"])
        await super()._send_message(common.sender_of(socket_id, "web"), response)

    async def send_custom_json(self, recipient_id: str, json_message: Dict[str, Any], **kwargs: Any) -> None:
        await self._send_message(recipient_id, json_message)


class WebChatInput(SocketIOInput):
    """The chat page, its static files, and a Socket.IO server with signed session ids."""

    frame_ancestors = DEFAULT_FRAME_ANCESTORS
    transports = DEFAULT_TRANSPORTS

    @classmethod
    def name(cls) -> str:
        return "webchat"

    @classmethod
    def from_credentials(cls, credentials: Dict[str, Any] | None) -> "WebChatInput":
        """Rasa's Socket.IO settings, plus `frame_ancestors`: the sites allowed to embed the
        page in an iframe (CSP syntax, e.g. "'self' https://www.example.org")."""
        credentials = dict(credentials or {})
        frame_ancestors = str(credentials.pop("frame_ancestors", None) or "")
        if frame_ancestors.startswith("$"):  # "$VARIABLE": Rasa leaves it unexpanded
            frame_ancestors = os.environ.get(frame_ancestors[1:], "")
        transports = str(credentials.pop("transports", None) or DEFAULT_TRANSPORTS)
        channel = super().from_credentials(credentials)
        channel.transports = ",".join(t.strip() for t in transports.split(",") if t.strip() in TRANSPORTS)
        if frame_ancestors.strip():
            channel.frame_ancestors = frame_ancestors.strip()
        channel.limiter = common.RateLimiter.from_environment()
        return channel

    def get_output_channel(self) -> WebChatOutput | None:
        return WebChatOutput(self.sio, self.bot_message_evt) if self.sio else None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        sio = AsyncServer(async_mode="sanic", cors_allowed_origins=[], max_http_buffer_size=MAX_MESSAGE_BYTES)
        self.sio = sio
        bp = SocketBlueprint(sio, self.socketio_path, "webchat", __name__)
        self._socket_events(sio, on_new_message)
        self._pages(bp)
        common.announce_on_start(bp)
        return bp

    def _socket_events(
        self, sio: AsyncServer, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> None:
        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: str, data: Any) -> None:
            asked = data.get("session_id") if isinstance(data, dict) else None
            valid = isinstance(asked, str) and signing.unsign(asked, "session") is not None
            session_id = asked if valid else signing.new_session_id()
            for room in sio.rooms(sid, namespace=self.namespace):
                if room != sid:
                    sio.leave_room(sid, room, namespace=self.namespace)
            sio.enter_room(sid, session_id, namespace=self.namespace)
            await sio.save_session(sid, {"session_id": session_id}, namespace=self.namespace)
            await sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def handle_message(sid: str, data: Any) -> None:
            session = await sio.get_session(sid, namespace=self.namespace)
            session_id = session.get("session_id")
            if not session_id or not isinstance(data, dict) or data.get("session_id") != session_id:
                logger.warning("Web chat message refused: no confirmed session for this socket")
                await sio.emit("session_refused", room=sid, namespace=self.namespace)
                return
            text = data.get("message")
            metadata = data.get(self.metadata_key)
            message = UserMessage(
                common.inbound_text(text if isinstance(text, str) else ""),
                self.get_output_channel(),
                common.conversation_id("web", session_id),
                input_channel=self.name(),
                metadata=metadata if isinstance(metadata, dict) else None,
            )
            await common.handle(message, on_new_message, self.limiter)

    def _pages(self, bp: Blueprint) -> None:
        for path, _ in STATIC_FILES.values():
            if not path.is_file():
                logger.warning(f"Web chat file missing: {path} (run `npm ci`?)")
        socket_path = html.escape(self.socketio_path or "/socket.io", quote=True)
        transports = html.escape(self.transports or DEFAULT_TRANSPORTS, quote=True)
        headers = security_headers(self.frame_ancestors)

        def send(body: bytes, content_type: str) -> HTTPResponse:
            return response.raw(body, content_type=content_type, headers=headers)

        @bp.route("/chat", methods=["GET"])
        async def page(request: Request) -> HTTPResponse:
            if request.path.endswith("/"):  # keep the page's relative links working
                return response.redirect(request.path.rstrip("/"))
            text = (WEB_DIR / "index.html").read_text(encoding="utf-8")
            text = text.replace("{{SOCKET_PATH}}", socket_path).replace("{{TRANSPORTS}}", transports)
            return send(text.encode("utf-8"), "text/html; charset=utf-8")

        @bp.route("/static/<name:str>", methods=["GET"])
        async def static(_: Request, name: str) -> HTTPResponse:
            entry = STATIC_FILES.get(name)
            if entry is None or not entry[0].is_file():
                return response.text("Not found", status=404, headers=headers)
            return send(entry[0].read_bytes(), entry[1])
