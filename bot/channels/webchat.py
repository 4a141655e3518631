"""Socket.IO channel that also serves the website chat widget on the bot's own port.

Routes (Rasa mounts channel blueprints under ``/webhooks/<name>``):
  GET /webhooks/webchat/chat            the chat page (bot/web/index.html)
  GET /webhooks/webchat/static/<file>   allow-listed widget files only
The Socket.IO endpoint stays where ``SocketIOInput`` attaches it (``/socket.io``).
"""

import html
import logging
import os
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, Tuple

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

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


class WebChatInput(SocketIOInput):
    """``SocketIOInput`` plus the chat page and its static files."""

    frame_ancestors = DEFAULT_FRAME_ANCESTORS

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
        channel = super().from_credentials(credentials)
        if frame_ancestors.strip():
            channel.frame_ancestors = frame_ancestors.strip()
        return channel

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = super().blueprint(on_new_message)
        for path, _ in STATIC_FILES.values():
            if not path.is_file():
                logger.warning(f"Web chat file missing: {path} (run `npm ci`?)")
        socket_path = html.escape(self.socketio_path or "/socket.io", quote=True)
        headers = security_headers(self.frame_ancestors)

        def send(body: bytes, content_type: str) -> HTTPResponse:
            return response.raw(body, content_type=content_type, headers=headers)

        @bp.route("/chat", methods=["GET"])
        async def page(request: Request) -> HTTPResponse:
            if request.path.endswith("/"):  # keep the page's relative links working
                return response.redirect(request.path.rstrip("/"))
            text = (WEB_DIR / "index.html").read_text(encoding="utf-8")
            text = text.replace("{{SOCKET_PATH}}", socket_path)
            return send(text.encode("utf-8"), "text/html; charset=utf-8")

        @bp.route("/static/<name:str>", methods=["GET"])
        async def static(_: Request, name: str) -> HTTPResponse:
            entry = STATIC_FILES.get(name)
            if entry is None or not entry[0].is_file():
                return response.text("Not found", status=404, headers=headers)
            return send(entry[0].read_bytes(), entry[1])

        return bp
