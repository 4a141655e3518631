"""Issue 7: the right schemes for who and where the person is. The nearest PEPITE where none of
the knowledge base covers the department, a project's place kept when the person says where
they live, a new place said in passing, the local variant of a scheme named, « is it for me? »
with the key figure, and what comes before a scheme. The actions run with a rasa_sdk Tracker."""

from __future__ import annotations

from typing import Any

import knowledge
from actions.actions import (
    ActionAskAudience,
    ActionContact,
    ActionNextStep,
    ActionRecommend,
    ActionSchemeAnswer,
)
from actions.profile import ActionValidateSlotMappings
from knowledge.recommend import ways_in
from tests.support.actions import commune, run


def _slot(events: list[dict[str, Any]], name: str) -> Any:
    return next((e["value"] for e in events if e.get("name") == name), "unset")


def _outside(text: str, label: str) -> dict[str, Any]:
    """The place entity the NLU gives for a commune outside the region."""
    start = text.lower().index(label.lower())
    resolved = {"label": label, "place_kind": "outside", "departments": [], "area": "", "candidates": []}
    return {
        "entity": "place",
        "value": label,
        "start": start,
        "end": start + len(label),
        "resolved": resolved,
    }


def test_the_former_region_of_a_department_comes_from_the_communes_file() -> None:
    places = knowledge.load().places
    assert places.former_region("62") == ("Nord-Pas-de-Calais", ("59", "62"))
    assert places.former_region("80") == ("Picardie", ("02", "60", "80"))
    assert places.former_region("75") is None


def test_the_ways_into_a_scheme_are_those_of_the_department_else_of_the_former_region() -> None:
    kb = knowledge.load()
    snee = kb.scheme("snee")
    here, covered = ways_in(snee, kb.schemes, "80", ("02", "60", "80"))
    assert [s.id for s in here] == ["pepite-picardie"] and covered
    nearest, covered = ways_in(snee, kb.schemes, "62", ("59", "62"))
    assert [s.id for s in nearest] == ["pepite-lille-hdf"] and not covered


def test_a_student_where_no_pepite_is_known_hears_of_the_nearest_one_as_such() -> None:
    text = "je suis en licence à l'université du Littoral"
    answer, _ = run(ActionRecommend(), "inform_profile", text, department="62", audience="student")
    assert "Je n'ai pas de source qui dise quel PEPITE couvre le Pas-de-Calais" in answer
    assert "demandez à PEPITE Lille Hauts-de-France ou au service entrepreneuriat" in answer
    assert "7 sites" not in answer
    # a student who names no school may study anywhere: their school's PEPITE is theirs
    answer, _ = run(
        ActionRecommend(), "inform_profile", "je suis en licence", department="62", audience="student"
    )
    assert "quel PEPITE couvre le Pas-de-Calais : demandez au service entrepreneuriat" in answer
    assert "PEPITE Lille" not in answer
    # a graduate may apply to the PEPITE of their choice
    slots = {"department": "62", "audience": "young_graduate"}
    answer, _ = run(ActionRecommend(), "inform_profile", "diplômée l'an passé", **slots)
    assert "demandez à PEPITE Lille Hauts-de-France." in answer
    answer, _ = run(
        ActionRecommend(), "inform_profile", "je suis en licence", department="80", audience="student"
    )
    assert "Je n'ai pas de source" not in answer


def test_where_to_go_with_no_scheme_named_gives_the_next_steps_of_the_profile() -> None:
    text = "inscrite à l'ULCO, je vais voir qui pour démarrer ?"
    answer, _ = run(ActionSchemeAnswer(), "ask_how_to_join", text, department="62", audience="student")
    assert "De quel dispositif" not in answer and "\n1. " in answer and "PEPITE Lille" in answer


def test_a_status_that_opens_the_message_is_the_persons() -> None:
    _, events = run(ActionValidateSlotMappings(), "ask_how_to_join", "salariée dans une banque, je vais où ?")
    assert _slot(events, "audience") == "employee"
    _, events = run(ActionValidateSlotMappings(), "ask_scheme_audience", "c'est ouvert aux salariés ?")
    assert _slot(events, "audience") == "unset"


def test_where_the_person_lives_does_not_move_the_project() -> None:
    text = "je bosse à Lyon en ce moment"
    _, events = run(
        ActionValidateSlotMappings(), "inform_profile", text, (_outside(text, "Lyon"),), department="80"
    )
    assert _slot(events, "department") == "unset"
    text = "non pardon, j'habite à Lyon"
    _, events = run(
        ActionValidateSlotMappings(), "inform_profile", text, (_outside(text, "Lyon"),), department="80"
    )
    assert _slot(events, "department") == "outside"
    text = "je vais créer à Lyon"
    _, events = run(
        ActionValidateSlotMappings(), "inform_profile", text, (_outside(text, "Lyon"),), department="80"
    )
    assert _slot(events, "department") == "outside"


def test_whom_to_call_for_a_scheme_no_page_shows_running_names_it_and_the_current_ones() -> None:
    answer, _ = run(
        ActionNextStep(),
        "ask_next_step",
        "bon, je téléphone à qui lundi ?",
        department="59",
        audience="creator",
        project_kind="sport",
        scheme="la-suite-dans-les-idees",
    )
    assert "La suite dans les idées" in answer and "Adie Hauts-de-France" in answer


def test_a_new_place_said_in_passing_gives_what_fits_there() -> None:
    text = "au final je m'installe à Laon, j'ai signé le bail"
    answer, _ = run(
        ActionContact(), "ask_contact", text, (commune(text, "Laon", "02"),), department="02", scheme="crea60"
    )
    assert "Initiative Aisne" in answer and "Pour joindre" not in answer


def test_a_network_named_near_a_town_is_its_platform_there() -> None:
    text = "il y a des plateformes initiative côté Compiègne ?"
    answer, _ = run(
        ActionContact(), "ask_contact", text, (commune(text, "Compiègne", "60"),), department="60"
    )
    assert "Initiative de l'Oise" in answer and "Initiative Oise-Est" in answer


def test_a_scheme_said_by_a_shared_word_is_the_departments_variant() -> None:
    text = "le pepite ça marche comment ?"
    entity = {"entity": "scheme", "value": "pepite-picardie", "start": 3, "end": 9}
    _, events = run(ActionValidateSlotMappings(), "ask_scheme_info", text, (entity,), department="59")
    assert _slot(events, "scheme") == "pepite-lille-hdf"


def test_for_me_in_english_gives_the_key_figure_then_what_comes_before() -> None:
    slots = {"language": "en", "department": "60", "audience": "job_seeker"}
    answer, _ = run(ActionSchemeAnswer(), "ask_scheme_audience", "could i do the pack creation?", **slots)
    assert answer.startswith("Yes") and "120 hours" in answer
    answer, _ = run(
        ActionSchemeAnswer(),
        "ask_scheme_facts",
        "what do i do before it?",
        scheme="cci-oise-pack-creation",
        **slots,
    )
    assert answer.startswith("Before it: “Êtes-vous prêt à créer ?” workshop")


def test_for_me_with_a_place_while_the_form_asks_answers_about_the_scheme_discussed() -> None:
    text = "je peux m'inscrire ? je suis à Roubaix"
    answer, _ = run(
        ActionAskAudience(),
        "inform_profile",
        text,
        (commune(text, "Roubaix", "59"),),
        department="59",
        scheme="crea60",
    )
    assert answer.startswith("Non, concours Créa60 n'est pas pour vous") and "Oise" in answer


def test_a_young_graduate_is_told_yes_for_the_pepite_of_the_department() -> None:
    text = "et si j'ai fini mes études en juin, c'est pour moi ?"
    slots = {"department": "59", "audience": "young_graduate", "scheme": "pepite-lille-hdf"}
    answer, _ = run(ActionRecommend(), "ask_recommendation", text, **slots)
    assert answer.startswith("Oui, PEPITE Lille Hauts-de-France peut vous concerner")


def test_other_than_the_scheme_named_lists_what_else_fits() -> None:
    text = "et à part la BGE, quoi d'autre ?"
    entity = {"entity": "scheme", "value": "bge", "start": 11, "end": 14}
    slots = {"department": "02", "audience": "creator"}
    answer, _ = run(ActionSchemeAnswer(), "ask_scheme_info", text, (entity,), **slots)
    assert "\n1. " in answer and "BGE" not in answer and "Initiative Aisne" in answer


def test_a_no_for_the_persons_status_gives_what_fits_them() -> None:
    slots = {"department": "62", "audience": "employee", "scheme": "snee"}
    answer, _ = run(ActionSchemeAnswer(), "ask_scheme_audience", "et moi j'y ai droit ?", **slots)
    assert answer.startswith("Non") and "Pour vous, voyez plutôt :" in answer


def test_a_local_scheme_reached_through_another_gets_no_nearest_note() -> None:
    answer, _ = run(
        ActionRecommend(), "inform_profile", "je suis en BTS", department="02", audience="student"
    )
    assert "PEPITE Picardie" in answer and "Je n'ai pas de source" not in answer


def test_a_place_said_after_a_contact_question_asks_the_same_there() -> None:
    text = "et à Amiens"
    answer, _ = run(
        ActionContact(), "ask_contact", text, (commune(text, "Amiens", "80"),), department="80", scheme="adie"
    )
    assert answer.startswith("Pour joindre Adie Hauts-de-France")
