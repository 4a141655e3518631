"""The outbox worker against real parts on 127.0.0.1: an SMTP server (aiosmtpd), a webhook
receiver checking the HMAC signature, an SMTP server down then up, a worker killed with
kill -9 in the middle of a send then restarted. Each request reaches the operator once."""

from __future__ import annotations

import asyncio
import email
import hashlib
import hmac
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from bench.servers import free_port
from handoff import store
from tests.support.paths import ROOT

SECRET = "test-webhook-secret"


class Inbox:
    """An SMTP handler that keeps each message it accepts; `slow_rcpt` seconds on the first RCPT."""

    def __init__(self, slow_rcpt: float = 0) -> None:
        self.messages: list[email.message.Message] = []
        self.rcpt_seen = threading.Event()
        self.slow_rcpt = slow_rcpt

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        envelope.rcpt_tos.append(address)
        if not self.rcpt_seen.is_set():
            self.rcpt_seen.set()
            await asyncio.sleep(self.slow_rcpt)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.content)
        message["X-Envelope-To"] = ",".join(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 Message accepted"


class Webhook(BaseHTTPRequestHandler):
    received: list[dict[str, Any]] = []
    refused = 0

    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        body = self.rfile.read(int(self.headers["Content-Length"]))
        expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(self.headers.get("X-HDF-Signature", ""), expected):
            Webhook.refused += 1
            self.send_response(401)
        else:
            Webhook.received.append({"body": json.loads(body), "key": self.headers.get("Idempotency-Key")})
            self.send_response(204)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def outbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    """A database, an inboxes file (e-mail and webhook), the environment of the worker."""
    webhook = ThreadingHTTPServer(("127.0.0.1", 0), Webhook)
    Webhook.received, Webhook.refused = [], 0
    threading.Thread(target=webhook.serve_forever, daemon=True).start()
    config = tmp_path / "inboxes.yml"
    config.write_text(
        "default:\n  label: l'équipe régionale\n  email: region@example.org\n"
        "inboxes:\n  - label: l'Adie\n    email: adie@example.org\n"
        f"    webhook: http://127.0.0.1:{webhook.server_port}/hook\n    schemes: [adie]\n",
        encoding="utf-8",
    )
    env = {
        "HDF_DATABASE_URL": f"sqlite:///{tmp_path / 'conversations.db'}",
        "HDF_HANDOFF_CONFIG": str(config),
        "HDF_SMTP_HOST": "127.0.0.1",
        "HDF_SMTP_PORT": str(free_port()),
        "HDF_SMTP_TLS": "none",
        "HDF_SMTP_FROM": "assistant@entreprendre-hdf.test",
        "HDF_HANDOFF_WEBHOOK_SECRET": SECRET,
        "HDF_HANDOFF_POLL_SECONDS": "0.2",
        "HDF_HANDOFF_BACKOFF_SECONDS": "0.5",
        "HDF_HANDOFF_LEASE_SECONDS": "3",
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    workers: list[subprocess.Popen] = []
    yield {"env": env, "workers": workers, "port": int(env["HDF_SMTP_PORT"])}
    for worker in workers:
        if worker.poll() is None:
            worker.kill()
        worker.wait()
    webhook.shutdown()


def start_worker(outbox: dict[str, Any]) -> subprocess.Popen:
    worker = subprocess.Popen(
        [sys.executable, "-m", "handoff"],
        cwd=ROOT,
        env={**os.environ, **outbox["env"]},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    outbox["workers"].append(worker)
    return worker


def smtp(outbox: dict[str, Any], inbox: Inbox) -> Controller:
    controller = Controller(inbox, hostname="127.0.0.1", port=outbox["port"])
    controller.start()
    return controller


def wait_for(condition: Callable[[], Any], seconds: float = 20) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out")


def new_request(scheme: str = "adie", contact: str = "camille@exemple.fr") -> store.Request:
    return store.add(
        conversation_id="rest:test",
        scheme_id=scheme,
        inbox="inbox-1" if scheme == "adie" else "default",
        language="fr",
        name="Camille Martin",
        contact=contact,
        summary={"lines": ["Profil : demandeur d'emploi", "Lieu : Lens (Pas-de-Calais)"], "scheme": "Adie"},
    )


def test_mail_and_signed_webhook_reach_the_operator_once(outbox: dict[str, Any]) -> None:
    inbox = Inbox()
    controller = smtp(outbox, inbox)
    try:
        request = new_request()
        worker = start_worker(outbox)
        wait_for(lambda: store.get(request.id).state == "sent")
        time.sleep(1)  # a few more polls: nothing is sent again
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(10) == 0
    finally:
        controller.stop()
    assert len(inbox.messages) == 1
    mail = inbox.messages[0]
    assert mail["X-Envelope-To"] == "adie@example.org"
    assert mail["Message-ID"] == f"<{request.reference.lower()}.{request.id}@entreprendre-hdf.test>"
    assert request.reference in mail["Subject"]
    body = mail.get_payload(decode=True).decode("utf-8")
    assert "Camille Martin" in body and "camille@exemple.fr" in body and "Lens (Pas-de-Calais)" in body
    assert len(Webhook.received) == 1 and Webhook.refused == 0
    assert Webhook.received[0]["body"]["reference"] == request.reference
    assert Webhook.received[0]["key"] == mail["Message-ID"]


def test_smtp_down_then_up_delivers_once(outbox: dict[str, Any]) -> None:
    request = new_request(scheme="bge")  # the default inbox: e-mail only
    start_worker(outbox)
    wait_for(lambda: store.get(request.id).attempts >= 2)
    pending = store.get(request.id)
    assert pending.state in ("pending", "sending") and pending.last_error
    inbox = Inbox()
    controller = smtp(outbox, inbox)
    try:
        wait_for(lambda: store.get(request.id).state == "sent")
        time.sleep(1.5)
    finally:
        controller.stop()
    assert len(inbox.messages) == 1
    assert inbox.messages[0]["X-Envelope-To"] == "region@example.org"


def test_worker_killed_while_sending_then_restarted_delivers_once(outbox: dict[str, Any]) -> None:
    inbox = Inbox(slow_rcpt=6)
    controller = smtp(outbox, inbox)
    try:
        request = new_request(scheme="bge")
        worker = start_worker(outbox)
        assert inbox.rcpt_seen.wait(20)  # in the middle of the SMTP transaction
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait()
        assert store.get(request.id).state == "sending"
        start_worker(outbox)  # takes it again once the lease (3 s) has expired
        wait_for(lambda: store.get(request.id).state == "sent", 30)
        time.sleep(1.5)
    finally:
        controller.stop()
    assert len(inbox.messages) == 1
    assert store.get(request.id).attempts == 2


def test_requests_list_and_retry(outbox: dict[str, Any]) -> None:
    request = new_request(scheme="bge")
    store.mark(request.id, state="failed", next_attempt_at=time.time() + 3600, last_error="boom")
    env = {**os.environ, **outbox["env"]}

    def cli(*args: str) -> str:
        command = [sys.executable, "-m", "handoff", "requests", *args]
        return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=True).stdout

    listed = cli("list")
    assert request.reference in listed and "failed" in listed and "boom" in listed
    assert "1 request(s) due now" in cli("retry", request.reference)
    again = store.get(request.id)
    assert again.state == "pending" and again.next_attempt_at <= time.time()
    store.mark(request.id, state="sent", created_at=time.time() - 200 * 86400)
    assert "1 request(s) erased" in cli("purge", "--older-than", "180")
    assert store.all_requests() == []


def test_erase_and_recent_count(outbox: dict[str, Any]) -> None:
    new_request()
    new_request(contact="+33 6 12 34 56 78")
    assert store.recent_count(conversation_id="rest:test") == 2
    assert store.recent_count(contact="camille@exemple.fr") == 1
    assert store.erase("rest:test") == 2
    assert store.recent_count(conversation_id="rest:test") == 0
