"""Session fixtures: the real action server, a fake Telegram Bot API and the real Rasa server.

Each server starts once per test session, on a free port of 127.0.0.1, and is stopped by
its process id (SIGINT, then SIGTERM, then SIGKILL). Their logs go to tests/artifacts/.
The Rasa server keeps its conversations in a SQLite file of tests/artifacts/var/ (read
back by ``stored_events``), and serves its HTTP API behind API_TOKEN.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import requests

from bench.servers import Server, ServerError, start_action_server, start_rasa_server, stop
from bot import signing
from bot.channels import common
from tests.telegram_fake import FakeTelegramAPI

ROOT = Path(__file__).resolve().parent.parent
MODEL = Path(os.environ.get("HDF_TEST_MODEL") or ROOT / "models" / "current.tar.gz")
ARTIFACTS = ROOT / "tests" / "artifacts"
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


@pytest.fixture(scope="session")
def telegram_api() -> Iterator[FakeTelegramAPI]:
    """A fake Telegram Bot API on 127.0.0.1 that records the calls it gets."""
    api = FakeTelegramAPI().start()
    yield api
    api.stop()


_action_servers: list[Server] = []  # the session's action server, and any restart of it


@pytest.fixture(scope="session")
def action_server() -> Iterator[Server]:
    try:
        _action_servers.append(start_action_server(ARTIFACTS / "action-server.log", env=ACTION_SERVER_ENV))
    except ServerError as error:
        pytest.fail(str(error))
    yield _action_servers[0]
    for server in _action_servers:
        stop(server.process)


def restart_action_server(port: int) -> Server:
    """Starts the action server again on `port` (after a test stopped it)."""
    log = ARTIFACTS / "action-server-restarted.log"
    _action_servers.append(start_action_server(log, port=port, env=ACTION_SERVER_ENV))
    return _action_servers[-1]


@pytest.fixture(scope="session")
def rasa_server(action_server: Server, telegram_api: FakeTelegramAPI) -> Iterator[Server]:
    """The real Rasa server (REST, web widget, Telegram) with the trained model."""
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make model` (or `make test`)")
    shutil.rmtree(DATA_DIR, ignore_errors=True)
    env = {
        "ACTION_SERVER_URL": f"{action_server.url}/webhook",
        "TELEGRAM_API_BASE_URL": telegram_api.base_url,
        **TELEGRAM_ENV,
        **SERVER_ENV,
    }
    try:
        server = start_rasa_server(
            MODEL,
            ARTIFACTS / "rasa-server.log",
            endpoints="bot/endpoints.yml",
            credentials="bot/credentials.yml",
            env=env,
            extra_args=("--enable-api", "--auth-token", API_TOKEN),
        )
    except ServerError as error:
        pytest.fail(str(error))
    yield server
    stop(server.process)


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
