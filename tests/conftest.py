"""Session fixtures: the real action server, a fake Telegram Bot API and the real Rasa server.

Each server starts once per test session, on a free port of 127.0.0.1, and is stopped by
its process id (SIGINT, then SIGTERM, then SIGKILL). Their logs go to tests/artifacts/.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.servers import Server, ServerError, start_action_server, start_rasa_server, stop
from tests.telegram_fake import FakeTelegramAPI

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "current.tar.gz"
ARTIFACTS = ROOT / "tests" / "artifacts"
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


@pytest.fixture(scope="session")
def action_server() -> Iterator[Server]:
    try:
        server = start_action_server(ARTIFACTS / "action-server.log")
    except ServerError as error:
        pytest.fail(str(error))
    yield server
    stop(server.process)


@pytest.fixture(scope="session")
def rasa_server(action_server: Server, telegram_api: FakeTelegramAPI) -> Iterator[Server]:
    """The real Rasa server (REST, web widget, Telegram) with the trained model."""
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make model` (or `make test`)")
    env = {
        "ACTION_SERVER_URL": f"{action_server.url}/webhook",
        "TELEGRAM_API_BASE_URL": telegram_api.base_url,
        **TELEGRAM_ENV,
    }
    try:
        server = start_rasa_server(
            MODEL,
            ARTIFACTS / "rasa-server.log",
            endpoints="bot/endpoints.yml",
            credentials="bot/credentials.yml",
            env=env,
        )
    except ServerError as error:
        pytest.fail(str(error))
    yield server
    stop(server.process)
