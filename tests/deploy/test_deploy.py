"""The production profile (deploy/): PostgreSQL, Redis, two Rasa processes, the action
server and nginx, all started by deploy/start.sh on free ports of 127.0.0.1, in a data
folder of tests/artifacts/; the Kubernetes manifests checked against the API schemas."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import pytest
import requests
from playwright.sync_api import Browser, expect

from bench.servers import free_port
from tests.support.browser import bot_messages, send_with_keyboard
from tests.support.chat import Conversation
from tests.support.paths import ARTIFACTS, ROOT
from tests.support.servers import TELEGRAM_ENV, listening_addresses, signed
from tests.support.telegram import SECRET, new_chat, text_update

DEPLOY_VAR = ARTIFACTS / "deploy-var"


@dataclass
class Profile:
    """The running profile: its ports and secrets."""

    nginx: int
    rasa: tuple[int, int]
    postgres: int
    redis: int
    secrets: dict[str, str]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.nginx}"

    def chat(self) -> Conversation:
        return Conversation(self.url, token=self.secrets["HDF_REST_TOKEN"])

    def rasa_pid(self, port: int) -> int:
        """The Rasa server on `port` (a child of its supervising loop)."""
        loop = (DEPLOY_VAR / "run" / f"rasa-{port}.pid").read_text().strip()
        found = subprocess.run(["pgrep", "-P", loop], capture_output=True, text=True).stdout.split()
        assert len(found) == 1, found
        return int(found[0])

    def upstreams(self) -> list[str]:
        """The Rasa process nginx sent each REST request to, in order."""
        log = (DEPLOY_VAR / "log" / "nginx-access.log").read_text()
        return re.findall(r"POST /webhooks/rest/webhook \d+ upstream=\S*?(\d+)$", log, re.M)

    def user_texts(self, conversation: str) -> list[str]:
        """The person's messages as PostgreSQL stores them."""
        query = (
            f"SELECT data FROM events WHERE sender_id = '{conversation}' AND type_name = 'user' ORDER BY id"
        )
        found = subprocess.run(
            [
                "psql",
                "-h",
                "127.0.0.1",
                "-p",
                str(self.postgres),
                "-U",
                "hdf",
                "-d",
                "hdf",
                "-qtA",
                "-c",
                query,
            ],
            env={**os.environ, "PGPASSWORD": self.secrets["PG_PASSWORD"]},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return [json.loads(line)["text"] for line in found.splitlines() if line.strip()]


def _script(name: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", f"deploy/{name}"], cwd=ROOT, env=env, capture_output=True, text=True)


@pytest.fixture(scope="module")
def profile(telegram_api: Any) -> Iterator[Profile]:
    installed = subprocess.run(["bash", "deploy/install.sh"], cwd=ROOT, capture_output=True, text=True)
    assert installed.returncode == 0, installed.stderr[-2000:]
    ports = {name: free_port() for name in ("NGINX_PORT", "ACTIONS_PORT", "PG_PORT", "REDIS_PORT")}
    rasa = (free_port(), free_port())
    env = {
        **os.environ,
        **{name: str(port) for name, port in ports.items()},
        "RASA_PORTS": f"{rasa[0]} {rasa[1]}",
        "DEPLOY_VAR": str(DEPLOY_VAR),
        "TELEGRAM_API_BASE_URL": telegram_api.base_url,
        **TELEGRAM_ENV,
    }
    for name in ("HDF_SECRET_KEY", "HDF_REST_TOKEN", "HDF_REDIS_URL", "HDF_DATA_DIR"):
        env.pop(name, None)
    _script("stop.sh", env)  # a profile left by an interrupted run
    started = _script("start.sh", env)
    try:
        logs = "\n".join(p.read_text()[-1500:] for p in (DEPLOY_VAR / "log").glob("*.log"))
        assert started.returncode == 0, started.stdout[-2000:] + started.stderr[-2000:] + logs
        secrets = dict(
            line.split("=", 1)
            for line in (DEPLOY_VAR / "secrets.env").read_text().splitlines()
            if "=" in line
        )
        yield Profile(ports["NGINX_PORT"], rasa, ports["PG_PORT"], ports["REDIS_PORT"], secrets)
    finally:
        _script("stop.sh", env)


def test_everything_listens_on_loopback_only(profile: Profile) -> None:
    for port in (profile.nginx, *profile.rasa, profile.postgres, profile.redis):
        assert listening_addresses(port) == {"0100007F"}, port
    assert requests.get(f"{profile.url}/ready", timeout=30).json()["checks"] == {
        "model": True,
        "tracker_store": True,
        "lock_store": True,
    }
    assert requests.get(f"{profile.url}/", timeout=30).status_code == 404
    polling = requests.get(
        f"{profile.url}/socket.io/", params={"EIO": "4", "transport": "polling"}, timeout=30
    )
    assert polling.status_code == 400  # websockets only behind several processes


def test_turns_through_both_processes_keep_the_profile(profile: Profile) -> None:
    chat = profile.chat()
    before = len(profile.upstreams())
    assert "Somme" in chat.say("je suis salariée à Abbeville et je veux créer")
    assert chat.say("et après ?")
    assert "Abbeville (Somme)" in chat.say("que me conseillez-vous ?")  # asked of the other process
    used = set(profile.upstreams()[before:])
    assert used == {str(port) for port in profile.rasa}  # both idle: least_conn takes them in turn
    assert profile.user_texts(f"rest:{chat.sender}")[0] == "je suis salariée à Abbeville et je veux créer"


def test_rate_limit_and_buttons_hold_across_processes(profile: Profile) -> None:
    """The rate limit is one bucket in Redis, whichever process gets the message; a button
    payload signed by one process is accepted by the other."""
    fast = profile.chat()
    with ThreadPoolExecutor(20) as pool:
        answers = list(pool.map(lambda _: fast.say("merci"), range(20)))
    allowed = [a for a in answers if "plus vite" not in a]
    assert 1 <= len(allowed) <= 8  # a burst of 6 (and a refill) in all, not 6 per process
    chat = profile.chat()
    payload = signed("/greet", profile.secrets["HDF_SECRET_KEY"])
    before = len(profile.upstreams())
    assert all("Bonjour" in chat.say(payload) for _ in range(2))
    assert set(profile.upstreams()[before:]) == {str(port) for port in profile.rasa}


def test_telegram_update_delivered_to_both_processes_is_answered_once(
    profile: Profile, telegram_api: Any
) -> None:
    chat_id = new_chat()
    update = text_update(chat_id, "bonjour")
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    alive = [p for p in profile.rasa if _alive(p)]
    for port in alive + alive[:1]:
        url = f"http://127.0.0.1:{port}/webhooks/telegram/webhook"
        assert requests.post(url, json=update, headers=headers, timeout=60).status_code == 200
    telegram_api.wait_for("sendMessage", predicate=lambda c: str(c["params"]["chat_id"]) == str(chat_id))
    time.sleep(2)
    sent = [
        c for c in telegram_api.calls if c["method"] == "sendMessage" and c["params"]["chat_id"] == chat_id
    ]
    assert len(sent) == 1


def _alive(port: int) -> bool:
    try:
        return requests.get(f"http://127.0.0.1:{port}/webhooks/health/ready", timeout=5).ok
    except requests.RequestException:
        return False


def test_widget_over_websocket_survives_its_process(profile: Profile, browser: Browser) -> None:  # noqa: F811
    """The widget through nginx: kill -9 the process holding its websocket, it goes on."""
    context = browser.new_context(locale="fr-FR")
    context.set_default_timeout(60_000)
    page = context.new_page()
    try:
        page.goto(f"{profile.url}/webhooks/webchat/chat")
        expect(bot_messages(page).first).to_be_visible()
        send_with_keyboard(page, "je suis demandeuse d'emploi a beauvais")
        expect(page.locator("#chat-log")).to_contain_text("Oise")
        holder = _websocket_holder(profile)
        os.kill(profile.rasa_pid(holder), signal.SIGKILL)
        status = page.locator("#chat-status")
        expect(status).to_contain_text("Connexion perdue")  # what the person sees, then
        expect(status).to_have_text("", timeout=60_000)  # reconnected, through nginx, elsewhere
        send_with_keyboard(page, "et après ?")
        expect(page.locator("#chat-log > li.msg-bot").last).to_contain_text("Pack Création", timeout=60_000)
    finally:
        context.close()


def _websocket_holder(profile: Profile) -> int:
    """The Rasa port with an open connection from nginx: the widget's websocket (nginx
    closes its idle upstream connections after 5 s, so it is the only one left)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        held = [
            port
            for port in profile.rasa
            if _alive(port)
            and subprocess.run(
                ["ss", "-Htn", "state", "established", f"( sport = :{port} )"], capture_output=True, text=True
            ).stdout.strip()
        ]
        if len(held) == 1:
            return held[0]
        time.sleep(1)
    raise AssertionError("no single websocket found")


def test_a_killed_process_loses_no_turn(profile: Profile) -> None:
    deadline = time.monotonic() + 180
    while not all(_alive(port) for port in profile.rasa):  # a process killed earlier restarts
        assert time.monotonic() < deadline, "a Rasa process was not restarted"
        time.sleep(1)
    chat = profile.chat()
    assert "PEPITE" in chat.say("je suis etudiant a compiegne")
    os.kill(profile.rasa_pid(profile.rasa[0]), signal.SIGKILL)
    while listening_addresses(profile.rasa[0]):
        time.sleep(0.05)  # until its socket is closed: the kill falls between two turns
    texts = ["et après ?", "c'est pour qui ?", "que me conseillez-vous ?"]
    answers = [chat.say(text) for text in texts]
    assert all(answers) and "Compiègne (Oise)" in answers[-1]  # the profile went on
    # Each message once in the store: none lost, none answered twice.
    assert profile.user_texts(f"rest:{chat.sender}") == ["je suis etudiant a compiegne", *texts]
