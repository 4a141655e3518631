"""The hand-off form's readings of a typed name or contact (extra words kept for the advisor),
the withdrawal of a stored request, and the language rule (issue 21, classes 5 and 6)."""

from __future__ import annotations

import pytest

from actions import language
from actions.handoff import _note, normalised_contact, split_name
from handoff import store


@pytest.mark.parametrize(
    ("typed", "name", "note"),
    [
        ("Maëlle Girard", "Maëlle Girard", ""),
        ("maëlle girard, de préférence après 18h", "maëlle girard", "de préférence après 18h"),
        ("Maëlle Girard je travaille le matin", "Maëlle Girard", "je travaille le matin"),
        ("moi c'est Yann Le Goff et j'ai peu de temps", "Yann Le Goff", "j'ai peu de temps"),
        ("Jean de La Fontaine", "Jean de La Fontaine", ""),
        ("Zoé", "Zoé", ""),
    ],
)
def test_a_name_is_taken_with_the_words_after_it(typed: str, name: str, note: str) -> None:
    assert split_name(typed) == (name, note)


@pytest.mark.parametrize("typed", ["finalement on part sur Arras", "je suis à Douai", "oui", "17", "ok"])
def test_no_name_in_other_answers(typed: str) -> None:
    assert split_name(typed) is None


def test_a_contact_is_taken_with_what_the_person_adds() -> None:
    contact, problem, rest = normalised_contact("07 81 22 33 44, pas avant 10h")
    assert (contact, problem) == ("+33 7 81 22 33 44", None) and _note(rest) == "pas avant 10h"
    contact, _, rest = normalised_contact("mon adresse c'est maelle.girard@exemple.org")
    assert contact == "maelle.girard@exemple.org" and _note(rest) == ""
    assert normalised_contact("07 81 22")[1] == "handoff_bad_phone:07 81 22"
    assert normalised_contact("rien du tout")[1] == "handoff_no_contact:"


def test_withdraw_erases_only_what_is_not_sent(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setenv("HDF_DATABASE_URL", f"sqlite:///{tmp_path / 'requests.db'}")
    waiting = store.add("rest:a", "adie", "default", "fr", "Maëlle Girard", "+33 7 81 22 33 44", {})
    sent = store.add("rest:a", "bge", "default", "fr", "Maëlle Girard", "+33 7 81 22 33 44", {})
    other = store.add("rest:b", "bge", "default", "fr", "Yann Le Goff", "yann@exemple.org", {})
    store.done(sent.id)
    assert store.withdraw("rest:a") == ([waiting.reference], [sent.reference])
    assert {r.reference for r in store.all_requests()} == {sent.reference, other.reference}
    assert store.withdraw("rest:c") == ([], [])


@pytest.mark.parametrize(
    "typed",
    ["Kevin Smith", "kevin.smith@example.com", "ok", "yes", "hello", "thanks!", "Start Up Weekend Lille"],
)
def test_names_addresses_and_short_words_keep_the_language(typed: str) -> None:
    assert language.detect(typed, "fr") == "fr"


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("could you tell me which support suits my bakery project", "en"),
        ("Hello, I am a student and I want to start a business", "en"),
        ("je voudrais savoir quelles aides existent pour ma boulangerie", "fr"),
    ],
)
def test_a_sentence_in_the_other_language_switches(typed: str, code: str) -> None:
    other = "fr" if code == "en" else "en"
    assert language.detect(typed, other) == code


def test_a_sentence_counts_without_its_names_and_addresses() -> None:
    typed = "Contact: Mary Jane Watson, mary@example.com, www.example.com"
    assert language.sentence_words(typed) == ["Contact"]
