"""Session fixtures: the real action server, a fake Telegram Bot API and the real Rasa server.

Each server starts once per test session, on a free port of 127.0.0.1, and is stopped by
its process id (SIGINT, then SIGTERM, then SIGKILL). Their logs go to tests/artifacts/.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

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


@dataclass(frozen=True)
class Server:
    """A server started for the tests."""

    url: str
    process: subprocess.Popen


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(name: str, command: list[str], env: dict[str, str], ready_url: str, timeout: float) -> Server:
    """Start `command`, wait until `ready_url` answers 200, or fail with the end of its log."""
    ARTIFACTS.mkdir(exist_ok=True)
    log_path = ARTIFACTS / f"{name}.log"
    log = open(log_path, "w")  # noqa: SIM115 - closed with the process
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{name} exited ({process.returncode}):\n{log_path.read_text()[-3000:]}")
        try:
            if requests.get(ready_url, timeout=2).status_code == 200:
                return Server(ready_url.rsplit("/", 1)[0], process)
        except requests.RequestException:
            pass
        time.sleep(0.5)
    stop(process)
    pytest.fail(f"{name} not ready after {timeout} s:\n{log_path.read_text()[-3000:]}")


def stop(process: subprocess.Popen) -> None:
    """Stop a server by its process group: SIGINT, then SIGTERM, then SIGKILL."""
    for sig, grace in ((signal.SIGINT, 10), (signal.SIGTERM, 5), (signal.SIGKILL, 5)):
        if process.poll() is not None:
            return
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            continue


@pytest.fixture(scope="session")
def telegram_api() -> Iterator[FakeTelegramAPI]:
    """A fake Telegram Bot API on 127.0.0.1 that records the calls it gets."""
    api = FakeTelegramAPI().start()
    yield api
    api.stop()


@pytest.fixture(scope="session")
def action_server() -> Iterator[Server]:
    port = free_port()
    server = start(
        "action-server",
        [sys.executable, "-m", "actions", "--port", str(port)],
        {},
        f"http://127.0.0.1:{port}/health",
        timeout=60,
    )
    yield server
    stop(server.process)


@pytest.fixture(scope="session")
def rasa_server(action_server: Server, telegram_api: FakeTelegramAPI) -> Iterator[Server]:
    """The real Rasa server (REST, web widget, Telegram) with the trained model."""
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make model` (or `make test`)")
    port = free_port()
    env = {
        "ACTION_SERVER_URL": f"{action_server.url}/webhook",
        "TELEGRAM_API_BASE_URL": telegram_api.base_url,
        **TELEGRAM_ENV,
    }
    command = [
        sys.executable,
        "-m",
        "rasa",
        "run",
        "--enable-api",
        "--model",
        str(MODEL),
        "--endpoints",
        "bot/endpoints.yml",
        "--credentials",
        "bot/credentials.yml",
        "--interface",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    server = start("rasa-server", command, env, f"http://127.0.0.1:{port}/status", timeout=180)
    yield server
    stop(server.process)
