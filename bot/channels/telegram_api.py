"""Telegram's Bot API as this project uses it: settings from credentials.yml or the
environment, a minimal client (its aiohttp session made in the running loop), and setWebhook.
Used by the channel (bot/channels/telegram.py) and the command line (telegram_cli.py)."""

from __future__ import annotations

import asyncio
import logging
import os
import re
from dataclasses import dataclass
from typing import Any

import aiohttp

logger = logging.getLogger(__name__)

DEFAULT_API_BASE_URL = "https://api.telegram.org"
ALLOWED_UPDATES = ["message", "callback_query"]
ENV_VARS = {
    "access_token": "TELEGRAM_ACCESS_TOKEN",
    "verify": "TELEGRAM_BOT_NAME",
    "webhook_url": "TELEGRAM_WEBHOOK_URL",
    "secret_token": "TELEGRAM_WEBHOOK_SECRET",
    "api_base_url": "TELEGRAM_API_BASE_URL",
}
# asyncio.TimeoutError is not the builtin TimeoutError before Python 3.11
_API_ERRORS = (aiohttp.ClientError, OSError, asyncio.TimeoutError, ValueError)
_UNEXPANDED_VAR = re.compile(r"\$(\w+|\{\w+\})")


@dataclass(frozen=True)
class TelegramSettings:
    """Channel settings resolved from credentials.yml and the environment."""

    access_token: str = ""
    verify: str = ""
    webhook_url: str = ""
    secret_token: str = ""
    api_base_url: str = DEFAULT_API_BASE_URL

    @classmethod
    def load(cls, credentials: dict[str, Any] | None = None) -> TelegramSettings:
        """Reads each setting from ``credentials``, else from the environment."""
        values: dict[str, str] = {}
        for key, env_name in ENV_VARS.items():
            raw = (credentials or {}).get(key)
            value = os.path.expandvars(str(raw)).strip() if raw is not None else ""
            if not value or _UNEXPANDED_VAR.search(value):
                value = os.environ.get(env_name, "").strip()
            values[key] = value
        values["verify"] = values["verify"].lstrip("@")
        values["api_base_url"] = (values["api_base_url"] or DEFAULT_API_BASE_URL).rstrip("/")
        return cls(**values)


class TelegramBotAPI:
    """Minimal Bot API client; its aiohttp session is made in the running loop."""

    def __init__(self, token: str, base_url: str = DEFAULT_API_BASE_URL, timeout: float = 15) -> None:
        """Stores the token and base URL; opens no connection."""
        self._token = token
        self._base_url = base_url.rstrip("/")
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._session: aiohttp.ClientSession | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def _redact(self, text: str) -> str:
        return text.replace(self._token, "<token>") if self._token else text

    async def call(self, method: str, params: dict[str, Any]) -> Any:
        """Calls ``method``; returns its result, or None after logging any failure."""
        loop = asyncio.get_running_loop()
        if self._session is None or self._session.closed or self._loop is not loop:
            self._session, self._loop = (
                aiohttp.ClientSession(timeout=self._timeout),
                loop,
            )
        url = f"{self._base_url}/bot{self._token}/{method}"
        try:
            async with self._session.post(url, json=params) as resp:
                status = resp.status
                body = await resp.json(content_type=None)
        except _API_ERRORS as error:
            logger.error("Telegram %s failed: %s", method, self._redact(repr(error)))
            return None
        if not isinstance(body, dict) or not body.get("ok"):
            detail = body.get("description") if isinstance(body, dict) else body
            logger.error(
                "Telegram %s refused (HTTP %s): %s",
                method,
                status,
                self._redact(str(detail)),
            )
            return None
        return body.get("result")

    async def close(self) -> None:
        """Closes the HTTP session if one was opened."""
        if self._session is not None and not self._session.closed:
            await self._session.close()


async def register_webhook(api: TelegramBotAPI, settings: TelegramSettings) -> Any:
    """Calls setWebhook with the configured URL and secret; returns result or None."""
    if not (settings.webhook_url and settings.secret_token):
        logger.error("Cannot set the webhook: TELEGRAM_WEBHOOK_URL or _SECRET unset")
        return None
    params = {
        "url": settings.webhook_url,
        "secret_token": settings.secret_token,
        "allowed_updates": ALLOWED_UPDATES,
    }
    result = await api.call("setWebhook", params)
    if result is not None:
        logger.info("Telegram webhook set to %s", settings.webhook_url)
    return result
