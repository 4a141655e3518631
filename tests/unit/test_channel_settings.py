"""The channels' and the deployment's settings, read without a server: Telegram's credentials
and commands, the sites allowed to embed the web widget, the Kubernetes manifests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.channels.telegram import TelegramInput
from bot.channels.telegram_api import TelegramSettings
from bot.channels.webchat import WebChatInput, security_headers
from tests.support.paths import ROOT
from tests.support.telegram import BOT_NAME


def test_settings_from_credentials_and_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Unexpanded or empty values fall back to TELEGRAM_*; no token: disabled."""
    for name in (
        "TELEGRAM_ACCESS_TOKEN",
        "TELEGRAM_WEBHOOK_SECRET",
        "TELEGRAM_API_BASE_URL",
    ):
        monkeypatch.delenv(name, raising=False)
    creds = {
        "access_token": "$TELEGRAM_ACCESS_TOKEN",
        "secret_token": "",
        "verify": "@my_bot",
    }
    settings = TelegramSettings.load(creds)
    assert settings.access_token == "" and settings.api_base_url == "https://api.telegram.org"
    assert settings.verify == "my_bot"
    assert TelegramInput(settings).get_output_channel() is None
    monkeypatch.setenv("TELEGRAM_ACCESS_TOKEN", "1:A")
    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", "s")
    settings = TelegramSettings.load(creds)
    assert (settings.access_token, settings.secret_token) == ("1:A", "s")
    assert TelegramSettings.load({"access_token": "2:B"}).access_token == "2:B"
    assert TelegramSettings.load(None).access_token == "1:A"


def test_commands() -> None:
    """/start, /restart, /forget, /help map to intents; other commands lose their slash."""
    channel = TelegramInput(TelegramSettings(access_token="1:A", secret_token="s", verify=BOT_NAME))
    assert channel._command("/start") == "/greet"
    assert channel._command(f"/start@{BOT_NAME} deep-link") == "/greet"
    assert channel._command("/restart") == "/restart"
    assert channel._command("/forget") == "/forget"
    assert channel._command("/start@another_bot") is None
    assert channel._command('/inform_profile{"audience": "x"}') == 'inform_profile{"audience": "x"}'
    assert channel._command("  bonjour ") == "bonjour"


def test_sites_allowed_to_embed_the_page_are_configurable(monkeypatch: pytest.MonkeyPatch) -> None:
    assert "frame-ancestors 'self'" in security_headers()["Content-Security-Policy"]
    monkeypatch.setenv("WEBCHAT_FRAME_ANCESTORS", "'self' https://www.example.org")
    channel = WebChatInput.from_credentials({"frame_ancestors": "$WEBCHAT_FRAME_ANCESTORS"})
    assert channel.frame_ancestors == "'self' https://www.example.org"
    monkeypatch.delenv("WEBCHAT_FRAME_ANCESTORS")
    assert (
        WebChatInput.from_credentials({"frame_ancestors": "$WEBCHAT_FRAME_ANCESTORS"}).frame_ancestors
        == "'self'"
    )


def test_kubernetes_manifests_are_valid() -> None:
    manifests = sorted(str(p) for p in (ROOT / "deploy" / "k8s").glob("*.yaml"))
    checked = subprocess.run(
        [str(Path(sys.executable).parent / "kubernetes-validate"), "-k", "1.28.0", "--strict", *manifests],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.count("passed") >= 6
