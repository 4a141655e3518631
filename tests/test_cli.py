"""`rasa shell` against the action server: the terminal way to chat, driven like a person."""

from __future__ import annotations

import os
import sys

import pexpect
import pytest

from tests.conftest import MODEL, ROOT


def test_rasa_shell_holds_a_conversation(action_server) -> None:
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make model`")
    env = {"ACTION_SERVER_URL": f"{action_server.url}/webhook", "RASA_TELEMETRY_ENABLED": "false"}
    shell = pexpect.spawn(
        sys.executable,
        ["-m", "rasa", "shell", "--model", str(MODEL), "--endpoints", "bot/endpoints.yml"],
        cwd=ROOT,
        env={**os.environ, **env},
        encoding="utf-8",
        timeout=240,
    )
    try:
        shell.expect("Your input ->")
        shell.sendline("je suis étudiant à Amiens")
        shell.expect("PEPITE")
        shell.expect("Your input ->")
        shell.sendline("/stop")
        shell.expect(pexpect.EOF, timeout=60)
    finally:
        shell.close(force=True)
