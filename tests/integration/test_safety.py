"""Safe to put online: closed by default, one conversation per person, never silent, forget me.

Against the shared Rasa server (conftest.py) and, for what needs its own processes (kill -9,
a broken store, the HTTP API off), the assistant started as `make run` starts it:
scripts/serve.sh, on free ports of 127.0.0.1, with its own data folder.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import requests
import socketio

from bench.servers import free_port, stop
from tests.support.chat import Conversation
from tests.support.paths import ARTIFACTS, ROOT
from tests.support.servers import api, listening_addresses, restart_action_server, signed, stored_events
from tests.support.telegram import new_chat, post_update, text_update

TYPED_INTENT = '/inform_profile{"audience": "student", "place": "Amiens"}'


def user_texts(conversation: str, data_dir: Path | None = None) -> list[str]:
    events = stored_events(conversation, data_dir) if data_dir else stored_events(conversation)
    return [e["text"] for e in events if e["event"] == "user"]


# --- closed by default ------------------------------------------------------------------


def test_http_api_needs_the_token(rasa_server: Any) -> None:
    chat = Conversation(rasa_server.url)
    chat.say("bonjour")
    path = f"/conversations/rest:{chat.sender}/tracker"
    assert requests.get(f"{rasa_server.url}{path}", timeout=30).status_code == 401
    assert requests.get(f"{rasa_server.url}{path}", params={"token": "wrong"}, timeout=30).status_code == 401
    assert api(rasa_server, "GET", path).status_code == 200
    model = requests.put(f"{rasa_server.url}/model", json={"model_server": {"url": "http://127.0.0.1:1/m"}})
    assert model.status_code == 401


def test_requests_over_64_kib_get_413(rasa_server: Any) -> None:
    big = "a" * (65 * 1024)
    rest = requests.post(
        f"{rasa_server.url}/webhooks/rest/webhook", json={"sender": "big", "message": big}, timeout=30
    )
    assert rest.status_code == 413
    telegram = post_update(rasa_server, text_update(new_chat(), big))
    assert telegram.status_code == 413
    assert stored_events("rest:big") == []


def test_a_long_message_below_the_limit_is_cut_and_answered(rasa_server: Any) -> None:
    answer = Conversation(rasa_server.url).say("je cherche de l'aide pour mon projet " * 200)
    assert "Où habitez-vous" in answer  # it read the beginning: a project, no place yet


def test_messages_faster_than_a_person_types_are_slowed_down(rasa_server: Any) -> None:
    fast, calm = Conversation(rasa_server.url), Conversation(rasa_server.url)
    with ThreadPoolExecutor(45) as pool:  # all at once, as a script would
        answers = list(pool.map(lambda _: fast.say("merci"), range(45)))
    slowed = [a for a in answers if "plus vite" in a]
    assert 10 <= len(slowed) < 45  # the shared server allows bursts of 30
    assert len(user_texts(f"rest:{fast.sender}")) == 45 - len(slowed)
    assert "plus vite" not in calm.say("merci")  # other conversations are not affected


# --- one conversation per person per channel ------------------------------------------


def test_a_rest_client_cannot_reach_a_telegram_conversation(rasa_server: Any, telegram_api: Any) -> None:
    chat_id = new_chat()
    post_update(rasa_server, text_update(chat_id, "je suis etudiante a amiens"))
    assert "Amiens" in json.dumps(stored_events(f"telegram:{chat_id}"))
    for sender in (str(chat_id), f"telegram:{chat_id}"):
        chat = Conversation(rasa_server.url, sender=sender)
        answer = chat.send("et après ?")
        assert answer and all(m["recipient_id"] == sender for m in answer)
        assert "PEPITE" not in json.dumps(answer, ensure_ascii=False)
        assert user_texts(f"rest:{sender}") == ["et après ?"]
    assert user_texts(f"telegram:{chat_id}") == ["je suis etudiante a amiens"]


def test_typed_intents_are_refused_on_every_channel(rasa_server: Any, telegram_api: Any) -> None:
    rest = Conversation(rasa_server.url)
    rest.say(TYPED_INTENT)
    chat_id = new_chat()
    post_update(rasa_server, text_update(chat_id, TYPED_INTENT))
    web = asyncio.run(web_conversation(rasa_server.url, [TYPED_INTENT]))
    for conversation in (f"rest:{rest.sender}", f"telegram:{chat_id}", f"web:{web['session_id']}"):
        assert user_texts(conversation) == [TYPED_INTENT[1:]]  # read as words by the NLU


async def web_conversation(
    url: str, messages: list[str], session_id: str | None = None, claim: str | None = None
) -> dict[str, Any]:
    """A widget-like Socket.IO client: asks for a session, sends `messages`, collects replies.
    `claim` is the session id it then pretends to have in its messages."""
    client = socketio.AsyncClient()
    got: dict[str, Any] = {"replies": [], "refused": 0}
    confirmed = asyncio.Event()

    @client.on("session_confirm")
    async def on_confirm(data: Any) -> None:
        got["session_id"] = data
        confirmed.set()

    @client.on("bot_uttered")
    async def on_bot(data: Any) -> None:
        got["replies"].append(data)

    @client.on("session_refused")
    async def on_refused(*_: Any) -> None:
        got["refused"] += 1

    await client.connect(url, transports=["polling"], socketio_path="/socket.io")
    try:
        await client.emit("session_request", {"session_id": session_id})
        await asyncio.wait_for(confirmed.wait(), 30)
        for message in messages:
            before = len(got["replies"])
            await client.emit("user_uttered", {"message": message, "session_id": claim or got["session_id"]})
            for _ in range(300):
                if len(got["replies"]) > before or got["refused"]:
                    break
                await asyncio.sleep(0.1)
            await asyncio.sleep(0.5)  # the rest of the answer
    finally:
        await client.disconnect()
    return got


def test_web_session_ids_are_issued_and_checked(rasa_server: Any) -> None:
    first = asyncio.run(web_conversation(rasa_server.url, ["je suis enseignant a laon"]))
    session = first["session_id"]
    assert first["replies"] and user_texts(f"web:{session}") == ["je suis enseignant a laon"]
    # A forged id is replaced by a new one; a real one is kept.
    forged = asyncio.run(web_conversation(rasa_server.url, [], session_id="mine~AAAAAAAAAAA"))
    assert forged["session_id"] != "mine~AAAAAAAAAAA"
    again = asyncio.run(web_conversation(rasa_server.url, ["merci"], session_id=session))
    assert again["session_id"] == session and user_texts(f"web:{session}")[-1] == "merci"
    # A socket cannot write into a session it was not confirmed in.
    intruder = asyncio.run(web_conversation(rasa_server.url, ["et après ?"], claim=session))
    assert intruder["refused"] == 1 and intruder["replies"] == []
    assert user_texts(f"web:{session}") == ["je suis enseignant a laon", "merci"]


def test_socket_messages_over_64_kib_are_dropped(rasa_server: Any) -> None:
    got = asyncio.run(web_conversation(rasa_server.url, ["x" * (65 * 1024)]))
    assert got["replies"] == [] and stored_events(f"web:{got['session_id']}") == []


def test_concurrent_conversations_on_sqlite(rasa_server: Any) -> None:
    texts = ["je suis demandeur d'emploi a arras", "et après ?", "merci"]

    def converse(_: int) -> tuple[str, list[str]]:
        chat = Conversation(rasa_server.url)
        return chat.sender, [chat.say(text) for text in texts]

    with ThreadPoolExecutor(12) as pool:
        conversations = list(pool.map(converse, range(24)))
    for sender, answers in conversations:
        assert all(answer.strip() for answer in answers)
        assert "problème technique" not in " ".join(answers) and "Pas-de-Calais" in answers[0]
        assert user_texts(f"rest:{sender}") == texts
    assert "database is locked" not in (ARTIFACTS / "rasa-server.log").read_text()


# --- never silent -----------------------------------------------------------------------


def test_action_server_stopped_then_slow(rasa_server: Any, action_server: Any) -> None:
    chat = Conversation(rasa_server.url)
    assert "PEPITE" in chat.say("je suis étudiant à Amiens")
    port = int(action_server.url.rsplit(":", 1)[1])
    assert action_server.process.poll() is None
    os.kill(action_server.process.pid, signal.SIGSTOP)  # slow: accepts, never answers
    try:
        started = time.monotonic()
        answer = chat.say("c'est quoi le CREI ?")
        assert "ne répond pas" in answer and time.monotonic() - started < 15
    finally:
        os.kill(action_server.process.pid, signal.SIGCONT)
    assert "Centre de Ressources" in chat.say("c'est quoi le CREI ?")

    stop(action_server.process)  # down
    try:
        assert "ne répond pas" in chat.say("et après ?")
    finally:
        restart_action_server(port)
    assert "PEPITE" in chat.say("et après ?") or "CREI" in chat.say("c'est pour qui ?")  # profile kept


# --- forget me ---------------------------------------------------------------------------


def test_forget_me_in_the_chat_erases_the_conversation(rasa_server: Any) -> None:
    chat = Conversation(rasa_server.url)
    chat.say("je suis salarié à Compiègne")
    assert stored_events(f"rest:{chat.sender}")
    answer = chat.say("merci de supprimer toutes les informations que vous avez sur moi")
    assert "effacé" in answer
    assert stored_events(f"rest:{chat.sender}") == []
    assert "Compiègne" not in chat.say("et après ?")


def test_forget_command_on_telegram(rasa_server: Any, telegram_api: Any) -> None:
    chat_id = new_chat()
    post_update(rasa_server, text_update(chat_id, "je suis demandeuse d'emploi a lens"))
    assert post_update(rasa_server, text_update(chat_id, "/forget")).status_code == 200
    telegram_api.wait_for(
        "sendMessage",
        predicate=lambda c: str(c["params"]["chat_id"]) == str(chat_id) and "effacé" in c["params"]["text"],
    )
    assert stored_events(f"telegram:{chat_id}") == []


def test_operator_forget_command(rasa_server: Any) -> None:
    chat = Conversation(rasa_server.url)
    chat.say("bonjour")
    done = operator_command(ARTIFACTS / "var", "forget", f"rest:{chat.sender}")
    assert done.returncode == 0, done.stderr[-2000:]
    assert stored_events(f"rest:{chat.sender}") == []
    missing = operator_command(ARTIFACTS / "var", "forget", "rest:nobody")
    assert missing.returncode == 1 and "not found" in missing.stdout


def operator_command(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    """`python -m bot.conversations ARGS` on the store of `data_dir`."""
    return subprocess.run(
        [sys.executable, "-m", "bot.conversations", *args],
        cwd=ROOT,
        env={**os.environ, "HDF_DATA_DIR": str(data_dir)},
        capture_output=True,
        text=True,
        timeout=120,
    )


# --- the assistant as `make run` serves it ---------------------------------------------


class Deployment:
    """scripts/serve.sh on free ports with its own data folder, REST behind a token as in
    production; its output in a log file."""

    rest_token = "rest-token-for-tests"

    def __init__(self, data_dir: Path, log: Path) -> None:
        self.data_dir, self.log = data_dir, log
        self.port, self.actions_port = free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {
            **os.environ,
            "RASA_PORT": str(self.port),
            "ACTIONS_PORT": str(self.actions_port),
            "HDF_DATA_DIR": str(data_dir),
            "ACTION_SERVER_URL": f"http://127.0.0.1:{self.actions_port}/webhook",
            "HDF_REST_TOKEN": self.rest_token,
        }
        for name in ("RASA_API_TOKEN", "RASA_JWT_SECRET", "HDF_SECRET_KEY"):
            env.pop(name, None)
        self.process = subprocess.Popen(
            ["bash", "scripts/serve.sh"],
            cwd=ROOT,
            env=env,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_ready(self, timeout: float = 240) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log.read_text()[-3000:]
            try:
                if requests.get(self.url, timeout=2).ok:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.5)
        raise AssertionError(f"not ready: {self.log.read_text()[-3000:]}")

    def chat(self) -> Conversation:
        return Conversation(self.url, token=self.rest_token)

    def rasa_pid(self) -> int:
        found = subprocess.run(
            ["pgrep", "-f", f"bot run .*--port {self.port}"], capture_output=True, text=True
        ).stdout.split()
        assert len(found) == 1, found
        return int(found[0])

    def stop(self) -> None:
        stop(self.process)


@pytest.fixture(scope="module")
def deployment() -> Iterator[Deployment]:
    data_dir = ARTIFACTS / f"var-serve-{uuid.uuid4().hex[:6]}"
    served = Deployment(data_dir, ARTIFACTS / "serve.log")
    try:
        served.wait_ready()
        yield served
    finally:
        served.stop()


def test_served_closed_by_default(deployment: Deployment) -> None:
    assert listening_addresses(deployment.port) == {"0100007F"}  # 127.0.0.1 only
    assert listening_addresses(deployment.actions_port) == {"0100007F"}
    assert requests.get(f"{deployment.url}/conversations/x/tracker", timeout=30).status_code == 404
    assert requests.put(f"{deployment.url}/model", json={}, timeout=30).status_code in (404, 405)
    log = deployment.log.read_text()
    assert "HTTP API: off" in log and "Tracker store: ConversationStore (sqlite:///" in log
    assert "Channels: health, rest, webchat, telegram" in log
    assert "DeprecationWarning" not in log


def test_rest_behind_a_token(deployment: Deployment) -> None:
    url = f"{deployment.url}/webhooks/rest/webhook"
    body = {"sender": "someone", "message": "bonjour"}
    assert requests.post(url, json=body, timeout=30).status_code == 401
    wrong = {"Authorization": "Bearer not-the-token"}
    assert requests.post(url, json=body, headers=wrong, timeout=30).status_code == 401
    assert deployment.chat().say("bonjour")


def test_conversation_survives_kill_9_and_make_run_restarts_rasa(deployment: Deployment) -> None:
    chat = deployment.chat()
    assert "Oise" in chat.say("je suis demandeur d'emploi à Creil")
    web = asyncio.run(web_conversation(deployment.url, ["je suis étudiante à Saint-Quentin"]))
    os.kill(deployment.rasa_pid(), signal.SIGKILL)
    time.sleep(2)
    deployment.wait_ready()
    assert "restarting it" in deployment.log.read_text()
    answer = chat.say("et après ?")
    assert "Pack Création" in answer or "120 heures" in answer  # the Oise path goes on
    again = asyncio.run(web_conversation(deployment.url, ["c'est pour qui ?"], session_id=web["session_id"]))
    assert again["session_id"] == web["session_id"]  # the widget keeps its session after a restart
    texts = user_texts(f"web:{web['session_id']}", deployment.data_dir)
    assert texts == ["je suis étudiante à Saint-Quentin", "c'est pour qui ?"]
    # A button the bot sent before the restart still works: its payload carries its signature.
    key = (deployment.data_dir / "secret.key").read_text().strip()
    assert "Bonjour" in chat.say(signed("/greet", key))


def test_a_failing_store_gets_an_apology_not_a_fresh_start(deployment: Deployment) -> None:
    chat = deployment.chat()
    chat.say("je suis salariée à Soissons")
    # another writer holds the database: the store cannot save the turn (the store keeps its
    # file open, so moving the file away no longer makes it fail)
    locker = sqlite3.connect(deployment.data_dir / "conversations.db", isolation_level=None)
    try:
        locker.execute("BEGIN EXCLUSIVE")
        assert "problème technique" in chat.say("et après ?")
    finally:
        locker.close()
    assert "Soissons" in json.dumps(stored_events(f"rest:{chat.sender}", deployment.data_dir))
    assert "problème technique" not in chat.say("et après ?")


def test_purge_erases_idle_conversations(deployment: Deployment) -> None:
    old, recent = deployment.chat(), deployment.chat()
    old.say("bonjour")
    recent.say("bonjour")
    with sqlite3.connect(deployment.data_dir / "conversations.db") as db:
        aged = "UPDATE events SET timestamp = timestamp - 200 * 86400 WHERE sender_id = ?"
        db.execute(aged, (f"rest:{old.sender}",))
    done = operator_command(deployment.data_dir, "purge", "--older-than", "180")
    assert done.returncode == 0, done.stderr[-2000:]
    assert stored_events(f"rest:{old.sender}", deployment.data_dir) == []
    assert stored_events(f"rest:{recent.sender}", deployment.data_dir)
