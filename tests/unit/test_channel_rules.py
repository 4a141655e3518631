"""What every channel does around a message: ids, commands, signed payloads, rate limit."""

from __future__ import annotations

import asyncio

import pytest

from bot import signing
from bot.channels import common, shared


@pytest.fixture(autouse=True)
def secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HDF_SECRET_KEY", "unit-test-secret")
    signing.secret_key.cache_clear()
    yield
    signing.secret_key.cache_clear()


def test_conversation_ids_carry_their_channel() -> None:
    assert common.conversation_id("telegram", "42") == "telegram:42"
    assert common.sender_of("telegram:42", "telegram") == "42"
    # A REST client naming a Telegram conversation gets its own REST one.
    assert common.conversation_id("rest", "telegram:42") == "rest:telegram:42"
    assert common.sender_of("rest:telegram:42", "rest") == "telegram:42"


def test_typed_intents_are_read_as_words() -> None:
    typed = '/inform_profile{"audience": "student"}'
    assert common.inbound_text(typed) == typed[1:]
    assert common.inbound_text("/ask_scheme_info") == "ask_scheme_info"
    assert common.inbound_text("/restart") == "/restart"
    assert common.inbound_text("/START") == "/greet"
    assert common.inbound_text("/forget") == "/forget"
    assert common.inbound_text(" bonjour ") == "bonjour"


def test_signed_payloads_round_trip_and_forgeries_fail() -> None:
    payload = '/choose_item{"ordinal": "premier"}'
    signed = common.outbound_payload(payload)
    assert signed != payload and common.inbound_text(signed) == payload
    assert common.outbound_payload("Et après ?") == "Et après ?"  # text needs no signature
    forged = payload + signing.SEPARATOR + "AAAAAAAAAAA"
    assert common.inbound_text(forged) == forged.lstrip("/")
    other = signed.replace("premier", "dernier")
    assert common.inbound_text(other).startswith("choose_item")  # tampered: words, not an intent
    buttons = common.outbound_buttons([{"title": "Oui", "payload": "/affirm"}, {"title": "x"}])
    assert common.inbound_text(buttons[0]["payload"]) == "/affirm" and buttons[1] == {"title": "x"}


def test_signatures_depend_on_the_secret_and_the_purpose(monkeypatch: pytest.MonkeyPatch) -> None:
    session = signing.new_session_id()
    assert signing.unsign(session, "session") and signing.unsign(session, "payload") is None
    monkeypatch.setenv("HDF_SECRET_KEY", "another-secret")
    signing.secret_key.cache_clear()
    assert signing.unsign(session, "session") is None


def test_the_key_file_is_made_once_and_private(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.delenv("HDF_SECRET_KEY")
    monkeypatch.setenv("HDF_DATA_DIR", str(tmp_path))
    signing.secret_key.cache_clear()
    first = signing.secret_key()
    signing.secret_key.cache_clear()
    assert signing.secret_key() == first and len(first) >= 32
    assert (tmp_path / signing.SECRET_FILE).stat().st_mode & 0o077 == 0


def test_rate_limit_lets_people_type_and_slows_scripts() -> None:
    state = shared.MemoryState()
    assert [state.take_at("web:a", 20, 3, now=0.0) for _ in range(4)] == [True, True, True, False]
    assert state.take_at("web:b", 20, 3, now=0.0)  # each conversation has its own bucket
    assert not state.take_at("web:a", 20, 3, now=1.0)
    assert state.take_at("web:a", 20, 3, now=4.0)  # one message every 3 s at 20 a minute


def test_memory_state_is_bounded() -> None:
    state = shared.MemoryState(max_keys=2)
    for key in ("a", "b", "c"):
        assert state.take_at(key, 1, 1, now=0.0)
    assert state.take_at("a", 1, 1, now=0.0)  # "a" was forgotten: a fresh bucket
    seen = [asyncio.run(state.first_time(key)) for key in ("1", "1", "2", "3", "1")]
    assert seen == [True, False, True, True, True]
