"""Full conversations over the REST channel with the real Rasa server and action server."""

from __future__ import annotations

import pytest

from tests.support.chat import Conversation


@pytest.fixture()
def chat(rasa_server) -> Conversation:
    return Conversation(rasa_server.url)


def test_student_in_amiens_gets_pepite_and_the_crei(chat: Conversation) -> None:
    answer = chat.say("je suis étudiant à Amiens")
    assert "PEPITE" in answer and "CREI" in answer
    assert "La suite dans les idées" not in answer
    assert "Prochaine étape" in answer


def test_creating_in_the_oise_gets_the_workshop_then_the_pack(chat: Conversation) -> None:
    answer = chat.say("je veux créer mon entreprise dans l'Oise")
    assert answer.index("Êtes-vous prêt à créer") < answer.index("Pack Création")
    assert "Prochaine étape : Inscrivez-vous auprès de la CCI Oise à l'atelier" in answer
    after = chat.say("et après ?")
    assert "Pack Création" in after and "120 heures" in after
    assert "120" in chat.say("ça dure combien de temps ?")


def test_teacher_in_senlis_gets_dessine_moi_un_entrepreneur(chat: Conversation) -> None:
    answer = chat.say("je suis prof dans un collège à Senlis")
    assert "Dessine-moi un entrepreneur" in answer
    assert "Pas-de-Calais" in answer  # the namesake village is mentioned, not silently ignored


def test_association_in_douai_is_not_sent_to_a_programme_with_no_sign_of_activity(chat: Conversation) -> None:
    answer = chat.say("je veux monter une association à Douai")
    assert "La suite dans les idées" not in answer  # no sign of activity: never recommended (issue 22)
    assert "association" in answer.lower()  # said for an association, which no scheme is made for
    assert "CCI Oise" not in answer and "PEPITE Picardie" not in answer


def test_what_is_the_crei(chat: Conversation) -> None:
    answer = chat.say("c'est quoi le CREI ?")
    assert "Centre de Ressources pour l'Entrepreneuriat et l'Innovation" in answer
    assert "Source" in answer


def test_the_form_asks_only_for_what_is_missing(chat: Conversation) -> None:
    assert "Où" in chat.say("je suis demandeur d'emploi")
    answer = chat.say("Laon")
    assert "Pour vous (demandeur d'emploi, à Laon (Aisne))" in answer
    assert "ARCE" in answer


def test_an_answer_carrying_more_than_asked(chat: Conversation) -> None:
    chat.say("bonjour")
    assert "Où" in chat.say("que me conseillez-vous ?")
    answer = chat.say("je suis étudiante à Beauvais")
    assert "PEPITE" in answer and "Oise" in answer


def test_ambiguous_commune_gets_a_question_then_an_answer(chat: Conversation) -> None:
    chat.say("je suis salarié")
    question = chat.say("Dury")
    assert "plusieurs communes" in question and "80480" in question
    answer = chat.say("celle de la Somme")
    assert "Amiens-Picardie" in answer


def test_correction_updates_the_recommendation(chat: Conversation) -> None:
    assert "PEPITE Picardie" in chat.say("je suis étudiant à Amiens")
    answer = chat.say("en fait je suis à Lille")
    assert "PEPITE Lille" in answer and "CREI" not in answer


def test_outside_the_region_is_said_honestly(chat: Conversation) -> None:
    answer = chat.say("je suis étudiant à Lyon")
    assert "n'est pas dans les Hauts-de-France" in answer
    assert "CREI" not in answer and "CCI Oise" not in answer


def test_nothing_fits_is_said_honestly(chat: Conversation) -> None:
    answer = chat.say("je suis enseignant dans l'Aisne")
    assert "Je n'ai pas" in answer
    assert "Dessine-moi" not in answer and "La suite dans les idées" not in answer


def test_english_is_answered_in_english(chat: Conversation) -> None:
    answer = chat.say("Hello, I'm an international student in Lille")
    assert "here is what I suggest" in answer and "PEPITE Lille" in answer


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "   ",
        "😀😀😀",
        "<img src=x onerror=alert(1)>",
        "x" * 20000,
        "\x00\x01\x02",
        "こんにちは、元気ですか",
    ],
)
def test_bad_input_gets_a_polite_answer_and_the_conversation_goes_on(chat: Conversation, bad: str) -> None:
    assert "Où" in chat.say("je suis étudiant")
    reply = chat.say(bad)
    assert reply.strip(), f"silence after {bad[:20]!r}"
    assert "Traceback" not in reply
    answer = chat.say("Amiens")
    assert "PEPITE" in answer  # the profile given before the bad input was kept
