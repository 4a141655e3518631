"""The places the NLU component gives the dialogue: areas in the shape of departments and
regions, and no place from a question about something else."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.components.knowledge_extractor import KnowledgeEntityExtractor


@pytest.fixture(scope="module")
def extractor() -> KnowledgeEntityExtractor:
    return KnowledgeEntityExtractor()


def _places(extractor: KnowledgeEntityExtractor, text: str, entities: list | None = None) -> list[dict]:
    message = Message(data={TEXT: text, ENTITIES: entities or []})
    extractor.process([message])
    return [e for e in message.get(ENTITIES, []) if e["entity"] == "place"]


def test_an_area_over_two_departments_is_a_region_to_choose_from(extractor: KnowledgeEntityExtractor) -> None:
    (place,) = _places(extractor, "on veut reprendre un camping dans le Valois")
    assert place["resolved"]["place_kind"] == "region" and place["resolved"]["departments"] == ["02", "60"]
    assert place["area"] == "area" and place["candidates"] == []


def test_an_intercommunality_is_its_department(extractor: KnowledgeEntityExtractor) -> None:
    (place,) = _places(extractor, "je suis dans l'agglo du Saint-Quentinois")
    assert place["resolved"]["place_kind"] == "department" and place["resolved"]["departments"] == ["02"]
    assert place["area"] == "epci"


def test_an_unrelated_question_has_no_place_not_even_diets(extractor: KnowledgeEntityExtractor) -> None:
    diet = {"entity": "place", "value": "Lens", "start": 24, "end": 28, "extractor": "DIETClassifier"}
    assert _places(extractor, "il y a match ce soir a Lens ?", [diet]) == []


def _entities(extractor: KnowledgeEntityExtractor, text: str) -> dict[str, list[dict]]:
    message = Message(data={TEXT: text, ENTITIES: []})
    extractor.process([message])
    found: dict[str, list[dict]] = {}
    for entity in message.get(ENTITIES, []):
        found.setdefault(entity["entity"], []).append(entity)
    return found


@pytest.mark.parametrize(
    "text, departments",
    [
        ("je prepare un master a l'UPJV", ["80"]),
        ("en deuxieme annee a l'UTC", ["60"]),
        ("inscrite a l'universite d'Artois", ["62"]),
        ("je suis a l'ULCO", ["59", "62"]),  # sites in two departments: asked back
    ],
)
def test_a_university_tells_a_student_and_where(
    extractor: KnowledgeEntityExtractor, text: str, departments: list[str]
) -> None:
    found = _entities(extractor, text)
    assert [e["value"] for e in found["audience"]] == ["student"]
    (place,) = found["place"]
    assert place["area"] == "institution" and place["resolved"]["departments"] == departments


def test_a_town_named_beside_a_university_is_the_place(extractor: KnowledgeEntityExtractor) -> None:
    (place,) = _entities(extractor, "doctorant UPJV mais je vis a Beauvais")["place"]
    assert place["resolved"]["label"] == "Beauvais" and place["area"] != "institution"


def test_a_university_does_not_make_its_staff_students(extractor: KnowledgeEntityExtractor) -> None:
    found = _entities(extractor, "je suis maitre de conferences a l'UPHF")
    assert [e["value"] for e in found["audience"]] == ["higher_ed_staff"]
