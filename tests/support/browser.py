"""Chromium driven by Playwright against the served web widget: the browser and context
fixtures (registered in tests/conftest.py) and what the widget tests do with a page."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

PAGE_PATH = "/webhooks/webchat/chat"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 30_000
DESKTOP = {"width": 1280, "height": 800}

# The bot messages that follow the last user message.
LAST_BOT_TEXT_JS = """() => {
  const items = [...document.querySelectorAll('#chat-log > li')];
  let i = items.length;
  while (i > 0 && items[i - 1].classList.contains('msg-bot')) i--;
  return items.slice(i).map(li => li.querySelector('.bubble').textContent).join('\\n');
}"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} missing: apt-get install -y chromium")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture()
def context(browser: Browser) -> Iterator[BrowserContext]:
    ctx = browser.new_context(viewport=DESKTOP, locale="fr-FR")
    ctx.set_default_timeout(TIMEOUT_MS)
    yield ctx
    ctx.close()


def page_url(server: Any) -> str:
    return str(server.url).rstrip("/") + PAGE_PATH


def bot_messages(page: Page) -> Any:
    return page.locator("#chat-log > li.msg-bot .bubble")


def send_with_keyboard(page: Page, text: str) -> None:
    box = page.get_by_label("Votre message")
    box.focus()
    page.keyboard.type(text)
    page.keyboard.press("Enter")
    expect(box).to_have_value("")
    expect(page.locator("#chat-log > li.msg-user .bubble").last).to_have_text("Vous : " + text)


def wait_for_bot_after_last_user(page: Page, needle: str = "") -> str:
    page.wait_for_function(
        f"() => ({LAST_BOT_TEXT_JS})().includes({json.dumps(needle)}) && ({LAST_BOT_TEXT_JS})().length > 0",
        timeout=TIMEOUT_MS,
    )
    return str(page.evaluate(LAST_BOT_TEXT_JS))
