"""Real-browser tests of the website chat widget served by the bot itself.

Uses Debian's Chromium through the Python ``playwright`` package (no browser
download) against the bot started by the ``rasa_server`` fixture (conftest.py).
"""

import json
import time
import urllib.error
import urllib.request
from typing import Any, List
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.support.browser import (
    TIMEOUT_MS,
    bot_messages,
    page_url,
    send_with_keyboard,
    wait_for_bot_after_last_user,
)
from tests.support.paths import ARTIFACTS
from tests.support.servers import stored_events

STORAGE_KEY = "entreprendre-hdf.chat.v1"  # widget.js
SESSION_ID_JS = f"JSON.parse(localStorage['{STORAGE_KEY}']).sessionId"
XSS = "<img src=x onerror=alert(1)>"
XSS_FLAG = '<img src=x onerror="window.__xss=1">'
PHONE = {"width": 390, "height": 844}


class Recorder:
    """Collects every request, websocket, dialog and CSP report of a context."""

    def __init__(self, context: BrowserContext) -> None:
        self.urls: List[str] = []
        self.dialogs: List[str] = []
        self.console: List[str] = []
        context.on("request", lambda r: self.urls.append(r.url))
        context.on("page", self.watch)

    def watch(self, page: Page) -> None:
        page.on("websocket", lambda ws: self.urls.append(ws.url))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("console", lambda m: self.console.append(m.text))

    def foreign(self, origin_host: str) -> List[str]:
        return [u for u in self.urls if urlsplit(u).netloc != origin_host]


def settle(page: Page) -> int:
    """Waits until no new message has arrived for a second; returns the count."""
    count = -1
    while count != (count := page.locator("#chat-log > li").count()):
        page.wait_for_timeout(1000)
    return count


def user_texts(server: Any, sender_id: str) -> List[str]:
    """What the tracker store holds of the web session's messages."""
    return [str(e.get("text")) for e in stored_events(f"web:{sender_id}") if e["event"] == "user"]


def wait_for_user_event(server: Any, sender_id: str, text: str) -> None:
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while text not in user_texts(server, sender_id):
        assert time.monotonic() < deadline, f"{text!r} never reached tracker {sender_id}"
        time.sleep(0.2)


def test_conversation_reload_and_no_xss(rasa_server: Any, context: BrowserContext) -> None:
    rec = Recorder(context)
    page = context.new_page()
    page.goto(page_url(rasa_server))
    host = urlsplit(page.url).netloc

    # Greeting with the three quick replies, in French.
    expect(bot_messages(page).first).to_be_visible()
    for title in ("Je suis étudiant", "Je veux créer mon entreprise", "Je suis enseignant"):
        expect(page.get_by_role("button", name=title)).to_be_visible()

    # A quick reply is shown as the user's message and the buttons go away.
    page.get_by_role("button", name="Je suis étudiant").click()
    expect(page.locator("#chat-log > li.msg-user .bubble").last).to_have_text("Vous : Je suis étudiant")
    expect(page.locator("#chat-log .replies")).to_have_count(0)
    expect(page.get_by_label("Votre message")).to_be_focused()
    wait_for_bot_after_last_user(page)

    # Keyboard only: focus the input, type, press Enter.
    send_with_keyboard(page, "je suis étudiant à Amiens")
    answer = wait_for_bot_after_last_user(page, "PEPITE")
    assert "PEPITE" in answer

    # Reload: same session id, history still displayed, no second greeting.
    session_id = page.evaluate(SESSION_ID_JS)
    count = settle(page)
    page.reload()
    expect(page.locator("#chat-log > li")).to_have_count(count)
    expect(page.locator("#chat-log")).to_contain_text("je suis étudiant à Amiens")
    expect(page.locator("#chat-log")).to_contain_text("PEPITE")
    assert page.evaluate(SESSION_ID_JS) == session_id
    assert "je suis étudiant à Amiens" in user_texts(rasa_server, session_id)

    # Markup typed by the user is shown literally and never runs; the messages
    # sent after the reload reach the same server-side conversation.
    for payload in (XSS, XSS_FLAG):
        send_with_keyboard(page, payload)
        wait_for_user_event(rasa_server, session_id, payload)
    page.wait_for_timeout(500)
    assert rec.dialogs == []
    assert page.evaluate("window.__xss") is None
    assert page.locator("#chat-log img").count() == 0
    assert not [u for u in rec.urls if urlsplit(u).path.endswith("/x")]

    assert rec.foreign(host) == [], "third-party requests"
    assert not [m for m in rec.console if "Content Security Policy" in m], rec.console

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "webchat-desktop.png"))
    page.set_viewport_size(PHONE)
    page.screenshot(path=str(ARTIFACTS / "webchat-phone.png"))


def test_forget_button_erases_server_and_browser_copies(rasa_server: Any, context: BrowserContext) -> None:
    page = context.new_page()
    page.goto(page_url(rasa_server))
    expect(bot_messages(page).first).to_be_visible()
    send_with_keyboard(page, "je suis salariée à Beauvais")
    wait_for_bot_after_last_user(page, "Oise")
    old_session = page.evaluate(SESSION_ID_JS)
    assert user_texts(rasa_server, old_session)

    page.get_by_role("button", name="Effacer mes données").click()
    expect(page.locator("#chat-log")).to_contain_text("effacé")
    page.wait_for_function(f"() => JSON.parse(localStorage['{STORAGE_KEY}']).sessionId !== null")
    new_session = page.evaluate(SESSION_ID_JS)
    assert new_session != old_session
    assert page.evaluate(f"JSON.parse(localStorage['{STORAGE_KEY}']).messages") == []
    assert stored_events(f"web:{old_session}") == []

    # After a reload nothing of the erased conversation comes back.
    page.reload()
    expect(page.locator("#chat-log")).not_to_contain_text("Beauvais")


def test_bot_markup_is_text(rasa_server: Any, context: BrowserContext) -> None:
    """Bot messages go through the same rendering as restored history: seed it."""
    rec = Recorder(context)
    bot_text = (
        '<b>gras</b> <img src=x onerror="window.__xss=1"> <script>window.__xss=2</script> '
        "**étoiles** [lien](javascript:window.__xss=3) https://www.hautsdefrance.fr/aides"
    )
    history = {
        "sessionId": "webchat-test-markup",
        "messages": [{"from": "bot", "text": bot_text, "replies": [{"title": "<i>ok</i>", "payload": "ok"}]}],
    }
    context.add_init_script(f"localStorage.setItem('{STORAGE_KEY}', {json.dumps(json.dumps(history))})")
    page = context.new_page()
    page.goto(page_url(rasa_server))
    bubble = bot_messages(page).first
    expect(bubble).to_have_text("Assistant : " + bot_text)
    expect(page.get_by_role("button", name="<i>ok</i>")).to_be_visible()
    assert page.locator("#chat-log b, #chat-log img, #chat-log script, #chat-log i").count() == 0
    expect(page.locator("#chat-log a")).to_have_count(0)  # a URL in a message stays text
    page.wait_for_timeout(300)
    assert page.evaluate("window.__xss") is None and rec.dialogs == []
    assert rec.foreign(urlsplit(page.url).netloc) == []


def test_accessible_and_phone_layout(rasa_server: Any, browser: Browser) -> None:
    ctx = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="fr-FR")
    ctx.set_default_timeout(TIMEOUT_MS)
    try:
        page = ctx.new_page()
        page.goto(page_url(rasa_server))
        expect(page.get_by_role("button", name="Je suis enseignant")).to_be_visible()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "webchat-phone-greeting.png"))
        assert page.get_attribute("html", "lang") == "fr"
        assert "width=device-width" in str(page.get_attribute("meta[name=viewport]", "content"))
        log = page.get_by_role("log")
        expect(log).to_have_attribute("aria-live", "polite")
        expect(page.get_by_role("button", name="Envoyer")).to_be_visible()

        # Full-screen widget on a phone.
        box = page.locator("#chat").bounding_box()
        assert box and box["x"] == 0 and box["y"] == 0
        assert box["width"] == PHONE["width"] and box["height"] == PHONE["height"]

        # Keyboard focus is visible: Tab from the input lands on the send button.
        page.get_by_label("Votre message").focus()
        page.keyboard.press("Tab")
        expect(page.get_by_role("button", name="Envoyer")).to_be_focused()
        assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
        page.get_by_label("Votre message").focus()
        send_with_keyboard(page, "Je suis enseignant")
        wait_for_bot_after_last_user(page)
        page.screenshot(path=str(ARTIFACTS / "webchat-phone-keyboard.png"))

        # "Nouvelle conversation" starts a new session with a fresh greeting.
        old_id = page.evaluate(SESSION_ID_JS)
        page.get_by_role("button", name="Nouvelle conversation").click()
        expect(page.locator("#chat-log > li.msg-user")).to_have_count(0)
        expect(page.get_by_role("button", name="Je suis étudiant")).to_be_visible()
        new_id = page.evaluate(SESSION_ID_JS)
        assert new_id and new_id != old_id
    finally:
        ctx.close()


def test_headers_and_allow_list(rasa_server: Any) -> None:
    base = page_url(rasa_server).rsplit("/", 1)[0]
    for path in ("/chat", "/static/widget.js", "/static/widget.css", "/static/socket.io.min.js"):
        with urllib.request.urlopen(base + path, timeout=10) as resp:
            assert resp.status == 200
            assert resp.headers["X-Content-Type-Options"] == "nosniff"
            assert "script-src 'self'" in resp.headers["Content-Security-Policy"]
            assert "unsafe-inline" not in resp.headers["Content-Security-Policy"]
    for path in ("/static/index.html", "/static/..%2Fwebchat.py", "/static/package.json", "/static/"):
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(base + path, timeout=10)
        assert err.value.code == 404
