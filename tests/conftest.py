"""Session fixtures: the real action server, a fake Telegram Bot API and the real Rasa server;
the browser of the browser and deploy tests. Each test gets the marker of its folder.

Each server starts once per test session, on a free port of 127.0.0.1, and is stopped by
its process id (SIGINT, then SIGTERM, then SIGKILL). Their logs go to tests/artifacts/.
The Rasa server keeps its conversations in a SQLite file of tests/artifacts/var/ (read
back by ``tests.support.servers.stored_events``), and serves its HTTP API behind API_TOKEN.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.servers import Server, ServerError, start_action_server, start_rasa_server, stop
from tests.support.browser import browser, context  # noqa: F401 - fixtures
from tests.support.paths import ARTIFACTS, MODEL
from tests.support.servers import (
    ACTION_SERVER_ENV,
    API_TOKEN,
    DATA_DIR,
    SERVER_ENV,
    TELEGRAM_ENV,
    action_servers,
)
from tests.support.telegram_fake import FakeTelegramAPI

FOLDERS = ("unit", "dialogue", "integration", "browser", "deploy")  # each one a marker
HERE = Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Marks each test with its folder's name (tests/unit/... gets `unit`)."""
    for item in items:
        folder = Path(item.path).relative_to(HERE).parts[0]
        if folder not in FOLDERS:
            raise pytest.UsageError(f"{item.nodeid}: tests live in one of the folders {', '.join(FOLDERS)}")
        item.add_marker(folder)


@pytest.fixture(scope="session")
def trained_model() -> Path:
    """The trained model file, for tests that load it without serving it; skipped without one."""
    if not MODEL.exists():
        pytest.skip(f"no trained model at {MODEL}: `make model` trains one")
    return MODEL


@pytest.fixture(scope="session")
def telegram_api() -> Iterator[FakeTelegramAPI]:
    """A fake Telegram Bot API on 127.0.0.1 that records the calls it gets."""
    api = FakeTelegramAPI().start()
    yield api
    api.stop()


@pytest.fixture(scope="session")
def action_server() -> Iterator[Server]:
    try:
        action_servers.append(start_action_server(ARTIFACTS / "action-server.log", env=ACTION_SERVER_ENV))
    except ServerError as error:
        pytest.fail(str(error))
    yield action_servers[0]
    for server in action_servers:
        stop(server.process)


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
