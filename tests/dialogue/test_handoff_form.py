"""The hand-off form never traps (issue 21, class 5) and a French conversation stays in French
(class 6), over REST against the real servers. The requests are read back from the test
server's database, as in test_handoff_dialogue.py."""

from __future__ import annotations

import re
from typing import Any

import pytest
from rapidfuzz import fuzz, process

from handoff import store
from knowledge.text import fold
from tests.support.chat import Conversation
from tests.support.servers import DATA_DIR, signed, stored_events
from tests.support.training_data import training

REFERENCE = re.compile(r"HDF-[A-Z0-9]{6}")
CONSENT = "Acceptez-vous"
CONSENT_AGAIN = "Répondez « oui »"
NEAR = 90  # rapidfuzz ratio on folded texts: every sentence below stays under it

START = "je suis demandeuse d'emploi à Beauvais et je veux ouvrir une épicerie"
ASK_FOR_SOMEONE = "j'aimerais bien être rappelée par quelqu'un de chez vous"
ABOUT_A_SCHEME = "l'adie ça sert à quoi exactement"
QUESTION = "et ils ont un bureau près de chez moi ?"
NEW_PLACE = "finalement ce sera plutôt à Compiègne"
NAME_WITH_MORE = "Noémie Lefèvre, je suis dispo surtout en fin de journée"
PHONE_WITH_MORE = "0623456789 plutôt le matin si possible"
STOPS = ("non", "laissez tomber", "annuler")
LONE_WORDS = ("undefined", "true")
WITHDRAW = "merci d'annuler ma demande, je me suis trompée"
ENGLISH_LOOKING = ("Adie", "noemie.lefevre@exemple.fr", "ok", "Kevin Smith", "Initiative Oise")
NOTHING_TO_WITHDRAW = "finalement je préfère retirer ma demande"
ENGLISH = "sorry, could you explain that again in English for me"
SENTENCES = (
    START,
    ABOUT_A_SCHEME,
    ASK_FOR_SOMEONE,
    QUESTION,
    NEW_PLACE,
    NAME_WITH_MORE,
    PHONE_WITH_MORE,
    WITHDRAW,
    NOTHING_TO_WITHDRAW,
    ENGLISH,
)


@pytest.fixture(autouse=True)
def requests_database(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HDF_DATA_DIR", str(DATA_DIR))
    monkeypatch.delenv("HDF_DATABASE_URL", raising=False)


def requests_of(chat: Conversation) -> list[store.Request]:
    return [r for r in store.all_requests() if r.conversation_id == f"rest:{chat.sender}"]


def started(server: Any) -> tuple[Conversation, str]:
    """A conversation whose hand-off form shows its summary."""
    chat = Conversation(server.url)
    chat.say(START)
    chat.say(ABOUT_A_SCHEME)
    summary = chat.say(ASK_FOR_SOMEONE)
    assert CONSENT in summary and "Lieu : Beauvais (Oise)" in summary and "Dispositif : Adie" in summary
    return chat, summary


def test_sentences_are_not_training_sentences() -> None:
    _, _, folded = training()
    near = [s for s in SENTENCES if process.extractOne(fold(s), folded, scorer=fuzz.ratio, score_cutoff=NEAR)]
    assert not near


def test_a_question_after_the_summary_is_answered_then_consent_asked_again_once(rasa_server: Any) -> None:
    chat, _ = started(rasa_server)
    answer = chat.say(QUESTION)
    assert "09 69 32 81 10" in answer  # the Adie's contact: the question is answered
    assert answer.count(CONSENT_AGAIN) == 1 and CONSENT not in answer
    assert "votre nom" in chat.say("oui")


@pytest.mark.parametrize("stop", STOPS)
def test_no_or_cancel_ends_the_form_at_once(rasa_server: Any, stop: str) -> None:
    chat, _ = started(rasa_server)
    if stop != "non":
        chat.say("oui")  # at the name step too
    answer = chat.say(stop)
    assert "je n'envoie rien" in answer and "votre nom" not in answer
    assert "Je n'ai pas reconnu" not in chat.say("merci")  # the form is over
    assert requests_of(chat) == []


def test_a_new_place_updates_the_summary_and_shows_it_again(rasa_server: Any) -> None:
    chat, _ = started(rasa_server)
    answer = chat.say(NEW_PLACE)
    assert "Lieu : Compiègne (Oise)" in answer and CONSENT_AGAIN in answer
    chat.say("oui")
    chat.say("Noémie Lefèvre")
    chat.say("noemie.lefevre@exemple.fr")
    [request] = requests_of(chat)
    assert "Lieu : Compiègne (Oise)" in request.summary["lines"]
    store.erase(f"rest:{chat.sender}")


def test_name_and_phone_with_more_words_are_taken_and_the_rest_kept(rasa_server: Any) -> None:
    chat, _ = started(rasa_server)
    chat.say("oui")
    assert "e-mail ou à quel numéro" in chat.say(NAME_WITH_MORE)
    done = chat.say(PHONE_WITH_MORE)
    assert REFERENCE.search(done) and "+33 6 23 45 67 89" in done
    [request] = requests_of(chat)
    assert request.name == "Noémie Lefèvre" and request.contact == "+33 6 23 45 67 89"
    notes = [line for line in request.summary["lines"] if line.startswith("Précisions")]
    assert notes and "fin de journée" in notes[0] and "plutôt le matin" in notes[0]
    store.erase(f"rest:{chat.sender}")


@pytest.mark.parametrize("word", LONE_WORDS)
def test_a_lone_unknown_word_starts_no_hand_off(rasa_server: Any, word: str) -> None:
    chat = Conversation(rasa_server.url)
    assert CONSENT not in chat.say(word)
    chat.say(START)
    assert CONSENT in chat.say(ASK_FOR_SOMEONE)  # the summary holds no stray message


def test_the_button_starts_the_hand_off(rasa_server: Any) -> None:
    chat = Conversation(rasa_server.url)
    chat.say(START)
    assert CONSENT in chat.say(signed("/handoff"))


def test_a_stored_request_is_withdrawn(rasa_server: Any) -> None:
    chat, _ = started(rasa_server)
    chat.say("oui")
    chat.say("Noémie Lefèvre")
    reference = REFERENCE.search(chat.say("noemie.lefevre@exemple.fr"))
    assert reference and len(requests_of(chat)) == 1
    answer = chat.say(WITHDRAW)
    assert reference.group() in answer and "annulée" in answer
    assert requests_of(chat) == []
    assert "rien à annuler" in chat.say(NOTHING_TO_WITHDRAW)


def test_a_name_and_an_address_keep_the_hand_off_in_french(rasa_server: Any) -> None:
    chat, _ = started(rasa_server)
    chat.say("oui")
    assert "e-mail ou à quel numéro" in chat.say("Kevin Smith")
    done = chat.say("kevin.smith@exemple.co.uk")
    assert REFERENCE.search(done) and "Votre demande est enregistrée" in done
    [request] = requests_of(chat)
    assert request.language == "fr"
    store.erase(f"rest:{chat.sender}")


def languages_set(chat: Conversation) -> list[str]:
    events = stored_events(f"rest:{chat.sender}")
    return [e["value"] for e in events if e["event"] == "slot" and e["name"] == "language"]


def test_short_words_and_names_never_switch_but_a_sentence_does(rasa_server: Any) -> None:
    chat = Conversation(rasa_server.url)
    chat.say(START)
    for typed in ENGLISH_LOOKING:
        chat.say(typed)
    assert CONSENT in chat.say(ASK_FOR_SOMEONE)  # still French
    assert "en" not in languages_set(chat)
    chat.say("non")
    chat.say(ENGLISH)
    assert languages_set(chat)[-1] == "en"
