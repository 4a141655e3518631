"""Contact questions and the hand-off to a human, over REST against the real servers.

The action server writes the requests to the test server's database (tests/artifacts/var),
the file the tracker store uses (conftest.py); this module reads them there."""

from __future__ import annotations

import re
from typing import Any

import pytest

from handoff import store
from tests.support.chat import Conversation
from tests.support.servers import DATA_DIR, stored_events


@pytest.fixture(autouse=True)
def requests_database(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HDF_DATA_DIR", str(DATA_DIR))
    monkeypatch.delenv("HDF_DATABASE_URL", raising=False)

REFERENCE = re.compile(r"HDF-[A-Z0-9]{6}")


def requests_of(chat: Conversation) -> list[store.Request]:
    return [r for r in store.all_requests() if r.conversation_id == f"rest:{chat.sender}"]


def test_contact_question_gives_the_nearest_site_with_its_source(rasa_server: Any) -> None:
    chat = Conversation(rasa_server.url)
    chat.say("bonjour, je cherche du travail et j'habite Creil, j'ai un projet de traiteur")
    answer = chat.say("l'adie ils sont installés ou ?")
    assert "Nogent-sur-Oise" in answer and "même intercommunalité" in answer
    assert "09 69 32 81 10" in answer and "Source" in answer
    answer = Conversation(rasa_server.url).say("je suis etudiant a chauny, le pepite c'est ou")
    assert "Laon" in answer or "PEPITE" in answer


def test_nearest_site_by_arrondissement(rasa_server: Any) -> None:
    chat = Conversation(rasa_server.url)
    chat.say("etudiante a Chauny")
    answer = chat.say("il se situe ou le pepite picardie ?")
    assert "Le plus proche de Chauny (même arrondissement) : Laon." in answer


def test_missing_contact_is_said_honestly_with_the_hand_off(rasa_server: Any) -> None:
    chat = Conversation(rasa_server.url)
    replies = chat.send("est-ce que vous auriez le numéro de téléphone du concours Créa60 ?")
    text = "\n".join(m.get("text", "") for m in replies)
    assert "Je n'ai pas de coordonnées publiques de la CCI Oise" in text
    assert "recontacté" in text
    assert any(b["title"] == "Être recontacté" for m in replies for b in m.get("buttons", []))


def test_hand_off_summary_consent_then_checked_contact(rasa_server: Any) -> None:
    chat = Conversation(rasa_server.url)
    chat.say("je suis salariée à Amiens et je veux reprendre une boulangerie")
    chat.say("c'est quoi l'adie ?")
    summary = chat.say("j'aimerais bien qu'un conseiller de l'adie me telephone")
    assert "Profil : salarié" in summary and "Lieu : Amiens (Somme)" in summary
    assert "Dispositif : Adie" in summary and "« c'est quoi l'adie ? »" in summary
    assert "Acceptez-vous" in summary and requests_of(chat) == []
    assert "votre nom" in chat.say("oui")
    assert "prénom et votre nom" in chat.say("42")
    assert "e-mail ou à quel numéro" in chat.say("Camille Martin")
    assert "n'est pas valide" in chat.say("camille.martin@exemple")
    assert "n'est pas un numéro de téléphone valide" in chat.say("06 12 34")
    done = chat.say("camille.martin@exemple.fr")
    reference = REFERENCE.search(done)
    assert reference and "camille.martin@exemple.fr" in done
    [request] = requests_of(chat)
    assert request.reference == reference.group() and request.state == "pending"
    assert request.name == "Camille Martin" and request.scheme_id == "adie"
    assert "Lieu : Amiens (Somme)" in request.summary["lines"]

    chat.say("effacer mes données")  # erases the conversation and its requests
    assert requests_of(chat) == [] and stored_events(f"rest:{chat.sender}") == []


def test_refusal_stores_and_sends_nothing(rasa_server: Any) -> None:
    chat = Conversation(rasa_server.url)
    chat.say("demandeur d'emploi à Lens")
    assert "Acceptez-vous" in chat.say("mettez-moi en contact avec quelqu'un de la bge")
    assert "je n'envoie rien" in chat.say("non merci")
    assert requests_of(chat) == []
    slots = {e["name"]: e["value"] for e in stored_events(f"rest:{chat.sender}") if e["event"] == "slot"}
    assert slots.get("handoff_name") is None and slots.get("handoff_contact") is None
    assert "handoff_consent" not in {k for k, v in slots.items() if v}


def test_cancel_in_the_middle_stores_nothing(rasa_server: Any) -> None:
    chat = Conversation(rasa_server.url)
    chat.say("porteur de projet a Soissons")
    assert "Acceptez-vous" in chat.say("faites moi rappeler par quelqu'un svp")
    chat.say("d'accord")
    assert "e-mail ou à quel numéro" in chat.say("je m'appelle Léa Durand")
    assert "je n'envoie rien" in chat.say("annuler")
    assert requests_of(chat) == []


def test_pupil_and_under_18_are_not_asked_contact_details(rasa_server: Any) -> None:
    for profile in ("je suis en seconde au lycée à Arras", "j'ai 16 ans et je veux monter ma boite a Lille"):
        chat = Conversation(rasa_server.url)
        chat.say(profile)
        answer = chat.say("un conseiller pourrait me rappeler ?")
        assert "professeur ou à vos parents" in answer
        assert "Acceptez-vous" not in answer and "votre nom" not in answer
        assert requests_of(chat) == []


def test_daily_limit(rasa_server: Any) -> None:
    chat = Conversation(rasa_server.url)
    for _ in range(2):  # the limit of this test server (HDF_HANDOFF_DAILY_LIMIT=2)
        store.add(f"rest:{chat.sender}", "bge", "default", "fr", "Camille Martin", "06 11 22 33 44", {})
    answer = chat.say("je voudrais etre recontacte par un conseiller")
    assert "déjà envoyé 2 demandes" in answer and "Acceptez-vous" not in answer
    assert len(requests_of(chat)) == 2
    store.erase(f"rest:{chat.sender}")
