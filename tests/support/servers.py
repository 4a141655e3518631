"""The test servers' settings and calls to them: the Rasa server's HTTP API (behind
API_TOKEN), its tracker store read back, button payloads signed as the server signs them,
the action server restarted after a test stopped it."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import Any
from unittest import mock

import requests

from bench.servers import Server, start_action_server
from bot import signing
from bot.channels import common
from tests.support.paths import ARTIFACTS

DATA_DIR = ARTIFACTS / "var"
API_TOKEN = "test-api-token"
# The shared server: a short action timeout, and rate limits that fit tests typing fast.
SERVER_ENV = {
    "HDF_DATA_DIR": str(DATA_DIR),
    "HDF_ACTION_TIMEOUT": "3",
    "HDF_RATE_PER_MINUTE": "600",
    "HDF_RATE_BURST": "30",
    "HDF_SECRET_KEY": "tests-shared-secret",
    "HDF_HANDOFF_DAILY_LIMIT": "2",
}
# The action server writes the hand-off requests beside the conversations.
ACTION_SERVER_ENV = {name: SERVER_ENV[name] for name in ("HDF_DATA_DIR", "HDF_HANDOFF_DAILY_LIMIT")}
TELEGRAM_ENV = {
    "TELEGRAM_ACCESS_TOKEN": "123456:TEST",
    "TELEGRAM_BOT_NAME": "entreprendre_hdf_test_bot",
    "TELEGRAM_WEBHOOK_URL": "https://example.invalid/webhooks/telegram/webhook",
    "TELEGRAM_WEBHOOK_SECRET": "test-secret-123",
}

action_servers: list[Server] = []  # the session's action server, and any restart of it


def restart_action_server(port: int) -> Server:
    """Starts the action server again on `port` (after a test stopped it)."""
    log = ARTIFACTS / "action-server-restarted.log"
    action_servers.append(start_action_server(log, port=port, env=ACTION_SERVER_ENV))
    return action_servers[-1]


def api(server: Server, method: str, path: str, **kwargs: Any) -> requests.Response:
    """A call to the Rasa server's HTTP API, with the token."""
    params = {**kwargs.pop("params", {}), "token": API_TOKEN}
    return requests.request(method, f"{server.url}{path}", params=params, timeout=60, **kwargs)


def stored_events(conversation: str, data_dir: Path = DATA_DIR) -> list[dict[str, Any]]:
    """Every event of `conversation` in the tracker store's database, oldest first."""
    with sqlite3.connect(data_dir / "conversations.db") as db:
        rows = db.execute("SELECT data FROM events WHERE sender_id = ? ORDER BY id", (conversation,))
        return [json.loads(row[0]) for row in rows]


def signed(payload: str, key: str = SERVER_ENV["HDF_SECRET_KEY"]) -> str:
    """A button payload signed as a server with `key` (by default the shared one) signs it."""
    with mock.patch.dict(os.environ, {"HDF_SECRET_KEY": key}):
        signing.secret_key.cache_clear()
        try:
            return common.outbound_payload(payload)
        finally:
            signing.secret_key.cache_clear()


def listening_addresses(port: int) -> set[str]:
    """The local addresses on which something listens on TCP `port` (from /proc/net/tcp)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:
                found.add(address)
    return found
