"""Links people can press: the recommended schemes as cards in the widget (checked with
axe-core, WCAG 2.1 AA) and as URL and callback buttons on Telegram."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import BrowserContext, expect

from tests.support.browser import page_url, send_with_keyboard, wait_for_bot_after_last_user
from tests.support.paths import ROOT
from tests.support.telegram import callback_update, fold, new_chat, post_update, text_update

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CRAFT = "je suis salarié à Amiens et je veux me lancer comme artisan plombier"
CMA_SITE = "https://cma-hautsdefrance.fr/"


def axe_violations(page: Any) -> list[dict[str, Any]]:
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_AA
    )
    return [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]]} for v in result["violations"]]


def test_cards_links_keyboard_and_axe(rasa_server: Any, context: BrowserContext) -> None:  # noqa: F811
    page = context.new_page()
    page.goto(page_url(rasa_server))
    send_with_keyboard(page, CRAFT)
    cards = page.locator("#chat-log .card")
    expect(cards.first).to_be_visible()
    first = cards.first
    expect(first.get_by_role("heading")).to_contain_text("CMA")
    link = first.get_by_role("link", name=re.compile(r"^Site"))
    expect(link).to_have_attribute("href", CMA_SITE)
    expect(link).to_have_attribute("target", "_blank")
    expect(link).to_have_attribute("rel", "noopener noreferrer")
    colours = link.evaluate("a => [getComputedStyle(a).color, getComputedStyle(a).backgroundColor]")
    assert colours[0] != colours[1]  # readable: axe leaves some contrasts "incomplete"
    # The site is on its card; the message's text has no raw address (issue 21), and no link.
    assert all(CMA_SITE not in text for text in page.locator("#chat-log .bubble").all_inner_texts())
    assert page.locator("#chat-log .bubble a").count() == 0
    assert axe_violations(page) == []

    # A URL the person types stays text.
    send_with_keyboard(page, "j'ai vu https://exemple.org/aide?x=1 c'est fiable ?")
    wait_for_bot_after_last_user(page)
    assert page.locator("#chat-log li.msg-user a").count() == 0
    assert page.locator("#chat-log a").count() == page.locator("#chat-log .card a").count()

    # « Être recontacté » of a card, with the keyboard: the summary comes first.
    button = first.get_by_role("button", name=re.compile("^Être recontacté"))
    button.focus()
    page.keyboard.press("Enter")
    text = wait_for_bot_after_last_user(page, "Acceptez-vous")
    assert "Dispositif : Chambre de métiers" in text
    assert axe_violations(page) == []


def test_telegram_url_and_callback_buttons(rasa_server: Any, telegram_api: Any) -> None:
    chat_id = new_chat()
    assert post_update(rasa_server, text_update(chat_id, CRAFT)).status_code == 200

    def keyboard(call: dict[str, Any]) -> list[dict[str, str]]:
        markup = call["params"].get("reply_markup") or {}
        return [b for row in markup.get("inline_keyboard", []) for b in row]

    def has_site(call: dict[str, Any]) -> bool:
        return str(call["params"].get("chat_id")) == str(chat_id) and any(
            b.get("url") == CMA_SITE for b in keyboard(call)
        )

    [call] = telegram_api.wait_for("sendMessage", predicate=has_site, timeout=30)[-1:]
    buttons = keyboard(call)
    contact = [b for b in buttons if b["text"].startswith("Être recontacté")]
    assert contact and all(len(b["callback_data"].encode()) <= 64 for b in contact)
    assert contact[0]["callback_data"].startswith('/handoff{"scheme":"cma-hdf"}')

    # Pressing it: the signed payload is self-contained, the summary comes back.
    update = callback_update(chat_id, contact[0]["callback_data"], [[contact[0]]])
    assert post_update(rasa_server, update).status_code == 200
    telegram_api.wait_for(
        "sendMessage",
        predicate=lambda c: (
            str(c["params"].get("chat_id")) == str(chat_id)
            and "acceptez-vous" in fold(c["params"].get("text", ""))
        ),
        timeout=30,
    )
