"""The composer's rules (actions/compose.py) on replies built by hand: a message within 700
characters that keeps its lead line and its source, a turn of at most 3 messages and 900
characters, a text already sent replaced by a one-line pointer, the offer to be put in touch
once per conversation, each message's kind and answer id, and cards only where a channel draws
them. The limits are written here as the issue states them (issue 21, class 7), not read from
the composer, so that a changed constant fails."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker

from actions import compose
from actions.answer import Block, Item, Kind, Reply
from actions.messages import say

MESSAGE_CHARS = 700
TURN_CHARS = 900
TURN_MESSAGES = 3

LEAD = "Voici ce que je sais de ce dispositif :"
SOURCE = "Source : exemple.fr (page lue le 8 décembre 2026)."
OFFER = say("offer_handoff", "fr")


def history(*bot_texts: str) -> compose.History:
    """What the bot said earlier in the conversation: one bot event for each text."""
    events: list[dict[str, Any]] = [{"event": "user", "text": "bonjour"}]
    for text in bot_texts:
        events += [{"event": "bot", "text": text}, {"event": "user", "text": "d'accord, et ensuite ?"}]
    return compose.History(Tracker("test", {}, {}, events, False, None, {}, "rest"))


def line(word: str, number: int, words: int = 30) -> str:
    """A line of about `words` words, told apart by `word` and `number`."""
    return f"• {word} {number} : " + " ".join([word] * words) + "."


def items(count: int = 3) -> list[Item]:
    names = ["Adie", "BGE", "Initiative Somme"]
    return [
        Item(
            f"scheme-{i}",
            names[i],
            names[i],
            "un accompagnement proche",
            "prenez rendez-vous",
            f"https://s{i}.fr",
        )
        for i in range(count)
    ]


def recommendation(offer: str | None = None) -> Block:
    return Block(
        Kind.RECOMMENDATION, "fr", ["Voici ce qui vous correspond :"], items(), cards=True, offer=offer
    )


def texts(messages: list[dict[str, Any]]) -> list[str]:
    return [m["text"] for m in messages if "text" in m]


# --- one message ---------------------------------------------------------------------------------
def test_a_long_block_is_cut_within_700_characters_keeping_its_lead_and_its_source() -> None:
    block = Block(Kind.FACT, "fr", [LEAD] + [line("mot", i) for i in range(8)], source=SOURCE)
    assert len("\n".join([LEAD, *block.lines[1:], SOURCE])) > 1000
    [message] = compose.messages(Reply([block]), "rest", history())
    text = message["text"]
    assert len(text) <= MESSAGE_CHARS
    assert text.startswith(LEAD + "\n" + line("mot", 0)) and text.endswith("\n" + SOURCE)


def test_a_single_long_line_is_cut_at_a_word() -> None:
    block = Block(Kind.FACT, "fr", [LEAD, line("mot", 1, words=300)], source=SOURCE)
    [message] = compose.messages(Reply([block]), "rest", history())
    text = message["text"]
    assert len(text) <= MESSAGE_CHARS and text.startswith(LEAD) and text.endswith(SOURCE)
    assert " mot…\n" in text  # cut after a whole word, the cut shown


def test_details_are_left_out_before_the_other_lines() -> None:
    kept = [line("utile", 1, words=40), line("utile", 2, words=40)]
    details = [line("detail", 1, words=40), line("detail", 2, words=40)]
    said = [LEAD, kept[0], details[0], kept[1], details[1]]
    block = Block(Kind.FACT, "fr", said, source=SOURCE, details=set(details))
    # both details must go: without one of them, the message is still too long
    assert len("\n".join([LEAD, *kept, details[0], SOURCE])) > MESSAGE_CHARS
    assert len("\n".join([LEAD, *kept, SOURCE])) <= MESSAGE_CHARS
    [message] = compose.messages(Reply([block]), "rest", history())
    assert message["text"] == "\n".join([LEAD, *kept, SOURCE])


# --- one turn ------------------------------------------------------------------------------------
def test_a_turn_has_at_most_three_messages_the_offers_dropped_first() -> None:
    blocks = [
        Block(Kind.FACT, "fr", [f"Réponse {n}."], offer=f"Voulez-vous en savoir plus sur le point {n} ?")
        for n in (1, 2)
    ]
    blocks.append(Block(Kind.QUESTION, "fr", ["Où habitez-vous ?"]))
    out = compose.messages(Reply(blocks), "rest", history())
    assert len(out) <= TURN_MESSAGES
    assert texts(out) == ["Réponse 1.", "Réponse 2.", "Où habitez-vous ?"]  # every answer, no offer
    assert not any("optional" in m for m in out)  # the composer's mark is not sent


def test_a_turn_has_at_most_900_characters_the_first_message_whole() -> None:
    blocks = [
        Block(Kind.FACT, "fr", [f"Réponse {n}.", line("mot", n, words=60)], source=SOURCE) for n in (1, 2, 3)
    ]
    first = "\n".join([*blocks[0].lines, SOURCE])
    assert MESSAGE_CHARS >= len(first) > TURN_CHARS / 3
    out = compose.messages(Reply(blocks), "rest", history())
    said = texts(out)
    assert sum(len(text) for text in said) <= TURN_CHARS
    assert said[0] == first and len(said) >= 2  # the last ones are cut, the answer stays whole


# --- nothing twice -------------------------------------------------------------------------------
def test_a_recommendation_already_sent_becomes_the_same_leads_pointer() -> None:
    def again_asked() -> Reply:
        return Reply([recommendation(offer="Voulez-vous en savoir plus sur l'Adie ?")])

    sent = texts(compose.messages(again_asked(), "rest", history()))
    assert len(sent) == 2 and sent[0].startswith("Voici ce qui vous correspond")
    again = compose.messages(again_asked(), "rest", history(*sent))
    assert len(again) == 1 and "\n" not in again[0]["text"]  # one line, no offer under it
    pointer = again[0]["text"]
    assert "mêmes pistes" in pointer and all(name in pointer for name in ("Adie", "BGE", "Initiative Somme"))
    assert [b["title"] for b in again[0]["buttons"]] == [say("review_button", "fr")]


def test_an_answer_already_sent_becomes_a_one_line_pointer() -> None:
    def fact() -> Block:
        return Block(Kind.FACT, "fr", [LEAD, line("mot", 1), line("mot", 2)], source=SOURCE)

    sent = texts(compose.messages(Reply([fact()]), "rest", history()))[0]
    again = texts(compose.messages(Reply([fact()]), "rest", history(sent)))
    # the answer in one line: its first line after the lead
    assert again == [say("as_said_above", "fr", line=line("mot", 1).removeprefix("• "))]
    other = Block(Kind.FACT, "fr", [LEAD, line("autre", 1)], source=SOURCE)
    assert texts(compose.messages(Reply([other]), "rest", history(sent)))[0].startswith(LEAD)


def test_a_lead_alone_already_sent_becomes_the_said_above_pointer() -> None:
    def unknown() -> Block:
        return Block(Kind.UNKNOWN, "fr", ["Je n'ai pas cette information."], source=SOURCE)

    sent = texts(compose.messages(Reply([unknown()]), "rest", history()))[0]
    again = texts(compose.messages(Reply([unknown()]), "rest", history(sent)))
    assert again == [say("said_above", "fr")] and "je vous ai donné plus haut" in again[0].lower()


def test_a_long_answer_already_sent_becomes_the_pointer() -> None:
    def long_fact() -> Block:
        return Block(Kind.FACT, "fr", [LEAD] + [line("mot", i) for i in range(8)], source=SOURCE)

    sent = texts(compose.messages(Reply([long_fact()]), "rest", history()))[0]
    again = texts(compose.messages(Reply([long_fact()]), "rest", history(sent)))
    assert len(again) == 1 and "\n" not in again[0] and not again[0].startswith(LEAD)  # a pointer


def test_an_answer_holding_the_offer_already_sent_becomes_the_pointer() -> None:
    def referral() -> Block:
        return Block(Kind.REFERRAL, "fr", ["La chambre de métiers s'en occupe.", OFFER], source=SOURCE)

    sent = texts(compose.messages(Reply([referral()]), "rest", history()))[0]
    again = texts(compose.messages(Reply([referral()]), "rest", history(sent)))
    assert len(again) == 1 and "\n" not in again[0] and not again[0].startswith("La chambre")  # a pointer


# --- the offer to be put in touch ----------------------------------------------------------------
def test_the_offer_to_be_put_in_touch_is_made_once_in_a_turn() -> None:
    referral = Block(Kind.REFERRAL, "fr", ["La chambre de métiers s'en occupe.", OFFER], source=SOURCE)
    blocks = [recommendation(offer="Voulez-vous en savoir plus sur l'Adie ?"), referral]
    said = texts(compose.messages(Reply(blocks), "rest", history()))
    assert len(said) == 3 and "\n".join(said).count(OFFER) == 1
    assert said[1] == f"Voulez-vous en savoir plus sur l'Adie ? {OFFER}"  # made with the first offer
    assert said[2] == "La chambre de métiers s'en occupe.\n" + SOURCE


def test_the_offer_is_not_made_again_after_an_earlier_message_had_it() -> None:
    def reply() -> Reply:
        referral = Block(Kind.REFERRAL, "fr", ["La chambre de métiers s'en occupe.", OFFER], source=SOURCE)
        return Reply([referral, recommendation(offer="Voulez-vous en savoir plus sur l'Adie ?")])

    first = texts(compose.messages(reply(), "rest", history()))
    assert "\n".join(first).count(OFFER) == 1
    later = texts(compose.messages(reply(), "rest", history(f"Bien sûr.\n{OFFER}")))
    assert later and OFFER not in "\n".join(later)
    assert later[0] == "La chambre de métiers s'en occupe.\n" + SOURCE


# --- metadata and channels -----------------------------------------------------------------------
def test_every_message_says_its_kind_and_answer_id() -> None:
    blocks = [
        Block(Kind.SMALL_TALK, "fr", response="utter_greet"),
        recommendation(offer="Voulez-vous en savoir plus sur l'Adie ?"),
    ]
    out = compose.messages(Reply(blocks), "webchat", history())
    assert [m["kind"] for m in out] == ["small_talk", "recommendation", "recommendation"]
    assert all(isinstance(m["answer_id"], str) and m["answer_id"] for m in out)
    assert out[0]["answer_id"] != out[1]["answer_id"] == out[2]["answer_id"]  # one id per answer


@pytest.mark.parametrize("channel", ["webchat", "telegram"])
def test_the_widget_and_telegram_get_the_items_as_cards(channel: str) -> None:
    out = compose.messages(Reply([recommendation()]), channel, history())
    [drawn] = [m["json_message"] for m in out if "json_message" in m]
    if channel == "webchat":
        assert [card["title"] for card in drawn["cards"]] == ["Adie", "BGE", "Initiative Somme"]
        assert [card["url"] for card in drawn["cards"]] == ["https://s0.fr", "https://s1.fr", "https://s2.fr"]
    else:
        urls = [button["url"] for button in drawn["buttons"] if "url" in button]
        assert urls == ["https://s0.fr", "https://s1.fr", "https://s2.fr"]
        assert all(len(button["title"]) <= 64 for button in drawn["buttons"])


def test_rest_gets_no_cards_and_a_block_without_cards_gets_none() -> None:
    assert not any(
        "json_message" in m for m in compose.messages(Reply([recommendation()]), "rest", history())
    )
    plain = recommendation()
    plain.cards = False
    assert not any("json_message" in m for m in compose.messages(Reply([plain]), "webchat", history()))
