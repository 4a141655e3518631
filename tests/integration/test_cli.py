"""`rasa shell` against the action server: the terminal way to chat, driven like a person."""

from __future__ import annotations

import os
import sys

import pexpect
import pytest

from bench.servers import free_port
from tests.support.paths import ARTIFACTS, MODEL, ROOT


def test_rasa_shell_holds_a_conversation(action_server) -> None:
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make model`")
    env = {
        "ACTION_SERVER_URL": f"{action_server.url}/webhook",
        "RASA_TELEMETRY_ENABLED": "false",
        "HDF_DATA_DIR": str(ARTIFACTS / "var-shell"),
    }
    # rasa shell runs its own server: a free port; the terminal is raw, so Enter is "\r".
    shell = pexpect.spawn(
        sys.executable,
        [
            "-m",
            "bot",
            "shell",
            "--model",
            str(MODEL),
            "--endpoints",
            "bot/endpoints.yml",
            "--interface",
            "127.0.0.1",
            "--port",
            str(free_port()),
        ],
        cwd=ROOT,
        env={**os.environ, **env},
        encoding="utf-8",
        timeout=240,
    )
    try:
        shell.expect("Your input ->")
        shell.send("je suis étudiant à Amiens\r")
        shell.expect("PEPITE")
        shell.expect("Type out your own message")  # the answer's buttons, as a menu
        shell.send("\r")  # the first button: "C'est quoi CREI ?"
        shell.expect("Centre de Ressources pour l'Entrepreneuriat")
        shell.expect("Your input ->")
        shell.send("/stop\r")
        shell.expect(pexpect.EOF, timeout=60)
    finally:
        shell.close(force=True)
