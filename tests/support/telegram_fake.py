"""Fake Telegram Bot API server (aiohttp, background thread, 127.0.0.1) for tests.

It answers ``POST /bot<token>/<method>`` like Telegram (``{"ok": true, "result": ...}``)
and records every call; ``fail(method)`` makes a method answer an error instead.
"""

from __future__ import annotations

import asyncio
import itertools
import socket
import threading
import time
from collections.abc import Callable
from typing import Any

from aiohttp import web

Call = dict[str, Any]


class FakeTelegramAPI:
    """A recording fake of the Telegram Bot API, served from a background thread."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        """Prepares the server; ``port`` 0 picks a free port at start()."""
        self.host, self.port = host, port
        self._calls: list[Call] = []
        self._failures: dict[str, tuple[int, str]] = {}
        self._lock = threading.Lock()
        self._message_ids = itertools.count(1000)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        """Base URL to give the bot, e.g. http://127.0.0.1:PORT."""
        return f"http://{self.host}:{self.port}"

    @property
    def calls(self) -> list[Call]:
        """A copy of the recorded calls: dicts with method, token, params, time."""
        with self._lock:
            return list(self._calls)

    def clear(self) -> None:
        """Forgets recorded calls and configured failures."""
        with self._lock:
            self._calls.clear()
            self._failures.clear()

    def fail(self, method: str, status: int = 500, description: str = "boom") -> None:
        """Makes ``method`` answer HTTP ``status`` with ok=false until clear()."""
        with self._lock:
            self._failures[method] = (status, description)

    def repair(self, method: str) -> None:
        """Makes ``method`` succeed again after fail()."""
        with self._lock:
            self._failures.pop(method, None)

    def calls_for(self, method: str | None = None, chat_id: Any = None) -> list[Call]:
        """Recorded calls, optionally filtered by method and by chat_id param."""
        return [
            c
            for c in self.calls
            if (method is None or c["method"] == method)
            and (chat_id is None or str(c["params"].get("chat_id")) == str(chat_id))
        ]

    def wait_for(
        self,
        method: str,
        count: int = 1,
        timeout: float = 10.0,
        predicate: Callable[[Call], bool] | None = None,
    ) -> list[Call]:
        """Waits until ``count`` matching calls are recorded; returns them all."""
        deadline = time.monotonic() + timeout
        while True:
            found = [c for c in self.calls if c["method"] == method and (predicate is None or predicate(c))]
            if len(found) >= count:
                return found
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"{len(found)}/{count} {method} calls after {timeout}s; "
                    f"recorded: {[(c['method'], c['params']) for c in self.calls]}"
                )
            time.sleep(0.05)

    def _result(self, method: str, params: dict[str, Any]) -> Any:
        chat = {"id": params.get("chat_id"), "type": "private"}
        message = {"message_id": next(self._message_ids), "date": int(time.time())}
        if method == "sendMessage":
            return {**message, "chat": chat, "text": params.get("text", "")}
        if method == "sendPhoto":
            return {**message, "chat": chat, "photo": [{"file_id": "photo-1"}]}
        if method == "getMe":
            return {"id": 123456, "is_bot": True, "username": "fake_bot"}
        return True

    async def _handle(self, request: web.Request) -> web.Response:
        params: dict[str, Any] = dict(request.query)
        if request.content_type == "application/json":
            body = await request.json()
            params.update(body if isinstance(body, dict) else {})
        elif request.can_read_body:
            form = await request.post()
            params.update({k: getattr(v, "filename", v) for k, v in form.items()})
        method = request.match_info["method"]
        with self._lock:
            self._calls.append(
                {
                    "method": method,
                    "token": request.match_info["token"],
                    "params": params,
                    "time": time.time(),
                }
            )
            failure = self._failures.get(method)
        if failure:
            status, description = failure
            body = {"ok": False, "error_code": status, "description": description}
            return web.json_response(body, status=status)
        return web.json_response({"ok": True, "result": self._result(method, params)})

    def start(self) -> FakeTelegramAPI:
        """Starts serving in a daemon thread; returns self once listening."""
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self.port))
        self.port = sock.getsockname()[1]
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        ready = threading.Event()
        loop = self._loop = asyncio.new_event_loop()

        def serve() -> None:
            asyncio.set_event_loop(loop)
            runner = web.AppRunner(app, access_log=None)
            loop.run_until_complete(runner.setup())
            loop.run_until_complete(web.SockSite(runner, sock).start())
            ready.set()
            loop.run_forever()
            loop.run_until_complete(runner.cleanup())
            loop.close()

        self._thread = threading.Thread(target=serve, name="fake-telegram", daemon=True)
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("fake Telegram API did not start")
        return self

    def stop(self) -> None:
        """Stops the server and its thread."""
        if self._loop is not None and self._thread is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(10)
            self._loop = self._thread = None
