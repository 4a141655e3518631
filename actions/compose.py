"""Turns a reply into the messages of the person's channel: text for REST and `rasa shell`,
cards for the web widget, URL and callback buttons for Telegram."""

import json
from typing import Any

from rasa_sdk.executor import CollectingDispatcher

from actions.answer import Block, Item, Reply
from actions.messages import say

MAX_CARDS = 3


def handoff_button(scheme_id: str | None, lang: str) -> dict[str, str]:
    """« Être recontacté »: a self-contained payload (signed by the channels, within Telegram's 64 bytes)."""
    entity = json.dumps({"scheme": scheme_id}, separators=(",", ":")) if scheme_id else ""
    return {"title": say("handoff_button", lang), "payload": f"/handoff{entity}"}


def item_line(number: int, item: Item, lang: str) -> str:
    """« 1. Name — why. → Prochaine étape : … »."""
    step = say("next_step", lang, step=item.step)
    step = f"{step}{'' if step.endswith('.') else '.'} {item.way}" if item.way else step
    return f"{number}. {item.name} — {item.why}. {step}"


def text(block: Block) -> str:
    """The block's text: its lines, its items one line each (and their sites), then the rest."""
    lines = list(block.lines)
    for number, item in enumerate(block.items, 1):
        lines.append(item_line(number, item, block.lang))
        if item.url:
            lines.append(say("site_line", block.lang, url=item.url))
    lines += block.after
    if block.source:
        lines.append(block.source)
    return "\n".join(lines)


def cards(items: list[Item], channel: str, lang: str) -> dict[str, Any] | None:
    """The items as cards: the widget draws them (its buttons are signed as quick replies),
    Telegram shows URL and callback buttons. None for text-only channels."""
    items = items[:MAX_CARDS]
    if channel == "telegram":
        buttons = []
        for item in items:
            if item.url:
                buttons.append({"title": f"{say('card_site', lang)} — {item.title}"[:64], "url": item.url})
            contact = handoff_button(item.scheme_id, lang)
            buttons.append({**contact, "title": f"{contact['title']} — {item.title}"[:64]})
        return {"text": say("cards_intro", lang), "buttons": buttons}
    if channel == "webchat":
        drawn = [
            {
                "title": item.title,
                "text": item.why,
                "url": item.url,
                "site_label": say("card_site", lang),
                "reply": i,
            }
            for i, item in enumerate(items)
        ]
        return {"cards": drawn, "quick_replies": [handoff_button(item.scheme_id, lang) for item in items]}
    return None


def send(reply: Reply, dispatcher: CollectingDispatcher, channel: str) -> None:
    """Utters each block of `reply` as `channel` shows it."""
    for block in reply.blocks:
        if block.response:
            dispatcher.utter_message(response=block.response)
            continue
        if block.lines or block.items or block.after or block.source:
            dispatcher.utter_message(text=text(block), buttons=block.buttons or None)
        if block.offer:
            dispatcher.utter_message(text=block.offer, buttons=block.offer_buttons)
        drawn = cards(block.items, channel, block.lang) if block.cards and block.items else None
        if drawn:
            dispatcher.utter_message(json_message=drawn)
