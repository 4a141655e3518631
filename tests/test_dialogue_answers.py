"""Issue 7, dialogue side: answers generated from the knowledge base's fields for any scheme
(« c'est pour moi ? », comparisons, « cumulable ? », another department's scheme), help before
asking, three schemes at once, a status denied. The actions run with a rasa_sdk Tracker."""

from __future__ import annotations

import asyncio
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

import knowledge
from actions.answers import ActionRecommend, ActionSchemeAnswer, fact_topics, ordinal_index
from actions.profile import ActionAskAudience, ActionValidateSlotMappings


def run(action: Action, intent: str, text: str, **slots: Any) -> tuple[str, list[dict[str, Any]]]:
    """The bot's answer to `text` (schemes found by their names, as the NLU does) and its events."""
    entities = [
        {"entity": "scheme", "value": scheme_id, "start": span[0], "end": span[1]}
        for scheme_id, span in knowledge.load().index.mentions(text)
    ]
    message = {"intent": {"name": intent}, "entities": entities, "text": text}
    events = [{"event": "user", "text": text}]
    tracker = Tracker("test", {"language": "fr", **slots}, message, events, False, None, {}, "rest")
    dispatcher = CollectingDispatcher()
    result = asyncio.run(action.run(dispatcher, tracker, {}))
    return "\n".join(m.get("text") or "" for m in dispatcher.messages), result


def test_for_me_is_answered_no_with_why() -> None:
    answer, _ = run(
        ActionSchemeAnswer(),
        "ask_scheme_audience",
        "pepite ça me concerne ?",
        department="60",
        audience="employee",
    )
    assert answer.startswith("Non, PEPITE Picardie n'est pas pour vous")
    assert "aux étudiants" in answer and "salarié" in answer


def test_for_me_is_answered_yes_with_why() -> None:
    answer, _ = run(
        ActionSchemeAnswer(),
        "ask_scheme_audience",
        "le CREI c'est pour moi ?",
        department="80",
        audience="student",
    )
    assert answer.startswith("Oui, CREI de l'Université de Picardie Jules Verne peut vous concerner")


def test_another_departments_scheme_says_so_and_gives_the_local_ones() -> None:
    answer, _ = run(
        ActionSchemeAnswer(),
        "ask_scheme_info",
        "c'est quoi le Pack Création ?",
        department="59",
        audience="creator",
    )
    assert "ne couvre que l'Oise" in answer and "Dans le Nord, voyez plutôt" in answer
    assert "La suite dans les idées" in answer


def test_a_shared_word_names_the_local_scheme() -> None:
    answer, events = run(
        ActionSchemeAnswer(), "ask_scheme_info", "c'est quoi pepite ?", department="59", audience="student"
    )
    assert "PEPITE Lille Hauts-de-France" in answer and "7 sites" not in answer and "Picard" not in answer
    assert {"event": "slot", "timestamp": None, "name": "scheme", "value": "pepite-lille-hdf"} in events


def test_two_schemes_are_compared_side_by_side() -> None:
    answer, _ = run(
        ActionSchemeAnswer(), "ask_scheme_info", "quelle différence entre l'Adie et Initiative Somme ?"
    )
    assert "côte à côte" in answer and "17 000 €" in answer and "sans intérêts et sans garantie" in answer


def test_combining_is_not_guessed() -> None:
    answer, _ = run(ActionSchemeAnswer(), "ask_scheme_facts", "l'Adie et Initiative Aisne c'est cumulable ?")
    assert answer.startswith("Je ne sais pas si") and "auprès de l'Adie et d'Initiative Aisne" in answer
    answer, _ = run(ActionSchemeAnswer(), "ask_scheme_facts", "ARCE et ACRE en même temps ?")
    assert "Je ne sais pas" in answer and "Il faut avoir obtenu l'ACRE" in answer


def test_help_before_asking_then_one_question() -> None:
    answer, events = run(
        ActionAskAudience(), "inform_profile", "j'habite à Lille et je veux entreprendre", department="59"
    )
    assert "voici ce qui s'adresse à tout porteur de projet" in answer and "Pour affiner" in answer
    assert answer.count("\n1. ") + answer.startswith("1. ") <= 1 and "\n4. " not in answer
    asked = [e["value"] for e in events if e.get("name") == "asked"]
    again, _ = run(ActionAskAudience(), "inform_profile", "euh", department="59", asked=asked[0])
    assert again == ""  # not repeated after every reply


def test_three_schemes_at_once_the_others_named() -> None:
    answer, _ = run(ActionRecommend(), "inform_profile", "je veux créer", department="59", audience="creator")
    assert "\n3. " in answer and "\n4. " not in answer and "D'autres pistes" in answer
    assert "un des acteurs du réseau" not in answer and "knowledge-sources" not in answer


def test_a_denied_status_is_removed() -> None:
    _, events = run(
        ActionValidateSlotMappings(), "inform_profile", "jsuis pas etudiant moi", audience="student"
    )
    assert {"event": "slot", "timestamp": None, "name": "audience", "value": None} in events


def test_question_words_are_data() -> None:
    assert "duration" in fact_topics("ça représente quel volume horaire ?")
    assert ordinal_index("deuxième") == 1 and ordinal_index("dernier") == -1
