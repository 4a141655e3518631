"""Turns a reply into the messages of the person's channel: text for REST and `rasa shell`,
cards for the web widget, URL and callback buttons for Telegram; short enough for a phone
(MAX_MESSAGES, MAX_CHARS, MAX_TURN_CHARS), never a block already sent, the offer to be put in
touch once, and each message's kind of answer in its metadata."""

import json
import uuid
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.answer import Block, Item, Kind, Reply
from actions.messages import join, say

MAX_CARDS = 3
MAX_MESSAGES = 3  # messages in one turn, cards included
MAX_CHARS = 700  # characters of one message (buttons excluded)
MAX_TURN_CHARS = 900  # characters of one turn's messages


def handoff_button(scheme_id: str | None, lang: str) -> dict[str, str]:
    """« Être recontacté »: a self-contained payload (signed by the channels, within Telegram's 64 bytes)."""
    entity = json.dumps({"scheme": scheme_id}, separators=(",", ":")) if scheme_id else ""
    return {"title": say("handoff_button", lang), "payload": f"/handoff{entity}"}


def review_button(lang: str) -> dict[str, str]:
    """« Revoir les pistes »: the last recommendation, whole, again."""
    return {"title": say("review_button", lang), "payload": say("review_button", lang)}


def item_line(number: int, item: Item, lang: str) -> str:
    """« 1. Name — why. → Prochaine étape : … » (its site is on its card, or asked for)."""
    step = say("next_step", lang, step=item.step)
    step = f"{step}{'' if step.endswith('.') else '.'} {item.way}" if item.way else step
    return f"{number}. {item.name} — {item.why}. {step}"


def lines(block: Block) -> list[str]:
    """The block's text, line by line: its lines, its items, the rest, its source."""
    said = list(block.lines)
    said += [item_line(number, item, block.lang) for number, item in enumerate(block.items, 1)]
    return said + block.after + ([block.source] if block.source else [])


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


def shortened(said: list[str], limit: int, details: set[str] = frozenset(), sourced: bool = True) -> str:
    """The lines joined, within `limit` characters: the `details` are left out first, from the
    last; then the lead line, the first line after it and, when `sourced`, the last one (the
    source) are kept, the lines before it dropped from the last; then the longest line left is
    cut at a word."""
    kept = list(said)
    for line in reversed(said[1:]):
        if len("\n".join(kept)) <= limit:
            break
        if line in details:
            kept.remove(line)
    while len("\n".join(kept)) > limit and len(kept) > (3 if sourced else 2):
        del kept[-2 if sourced else -1]
    excess = len("\n".join(kept)) - limit
    if excess > 0:
        longest = max(range(len(kept)), key=lambda i: len(kept[i]))
        line = kept[longest]
        kept[longest] = line[: max(len(line) - excess - 1, 0)].rsplit(" ", 1)[0] + "…"
    return "\n".join(kept)[:limit]


class History:
    """What the bot already said in the conversation (its texts), to say nothing twice."""

    def __init__(self, tracker: Tracker) -> None:
        self.texts = {_plain(e.get("text") or "") for e in tracker.events if e.get("event") == "bot"}
        self.handoff_offered = any(
            say("offer_handoff", lang) in (e.get("text") or "")
            for e in tracker.events
            if e.get("event") == "bot"
            for lang in ("fr", "en")
        )

    def said(self, text: str) -> bool:
        """Whether `text` was sent before (the offer to be put in touch aside)."""
        return _plain(text) in self.texts


def _plain(text: str) -> str:
    """A message without the offer to be put in touch, which is said once."""
    offers = {say("offer_handoff", lang) for lang in ("fr", "en")}
    return "\n".join(line for line in text.split("\n") if line not in offers)


def _repeat(block: Block) -> str:
    """One line that points back to what was said, instead of the same block again."""
    if block.items:
        names = join([item.name for item in block.items], block.lang)
        if block.subject:  # for whom, so that the person sees the profile was kept
            return say("same_schemes_for", block.lang, subject=block.subject, names=names)
        return say("same_schemes", block.lang, names=names)
    if block.kind == Kind.FACT and len(block.lines) > 1:  # the answer in one line: the line after the lead
        return say("as_said_above", block.lang, line=block.lines[1].removeprefix("• "))
    return say("said_above", block.lang)


def messages(reply: Reply, channel: str, history: History) -> list[dict[str, Any]]:
    """The messages of `reply` for `channel`, each a dict for `utter_message`."""
    out: list[dict[str, Any]] = []
    for block in reply.blocks:
        meta = {"kind": block.kind.value, "answer_id": uuid.uuid4().hex[:16]}
        if block.response:
            out.append({"response": block.response, **meta})
            continue
        offer_line = say("offer_handoff", block.lang)
        said = [line for line in lines(block) if not (history.handoff_offered and line == offer_line)]
        buttons = block.buttons
        history.handoff_offered = history.handoff_offered or offer_line in said
        text = shortened(said, MAX_CHARS, block.details, bool(block.source)) if said else ""
        repeated = bool(said) and not block.again and (history.said("\n".join(said)) or history.said(text))
        if repeated:
            text = _repeat(block)
            buttons = [review_button(block.lang)] if block.items else block.buttons
        if text:
            out.append({"text": text, "buttons": buttons or None, **meta})
        if block.offer and not repeated:  # no offer under a pointer
            offer = block.offer
            if not history.handoff_offered:
                offer = f"{offer} {say('offer_handoff', block.lang)}"
                history.handoff_offered = True
            out.append({"text": offer, "buttons": block.offer_buttons, "optional": True, **meta})
        drawn = cards(block.items, channel, block.lang) if block.cards and block.items else None
        if drawn:
            out.append({"json_message": drawn, **meta})
    return _within_budget(out)


def _within_budget(out: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """At most MAX_MESSAGES messages (offers to know more dropped first) and MAX_TURN_CHARS
    characters: the last texts are cut first (the first message answers the question)."""
    while len(out) > MAX_MESSAGES and any(m.get("optional") for m in out):
        out.remove(next(m for m in reversed(out) if m.get("optional")))
    out = out[:MAX_MESSAGES]
    for message in out:
        message.pop("optional", None)
    total = 0
    for message in out:
        text = message.get("text")
        if text is None:
            continue
        room = max(MAX_TURN_CHARS - total, 0)
        if len(text) > room:
            message["text"] = shortened(text.split("\n"), room, sourced=False) if room > 80 else ""
        total += len(message["text"])
    return [m for m in out if m.get("text") != ""]


def send(reply: Reply, dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """Utters `reply` as the person's channel shows it."""
    channel = tracker.get_latest_input_channel() or ""
    for message in messages(reply, channel, History(tracker)):
        dispatcher.utter_message(**message)
