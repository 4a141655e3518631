"""Resolving what people type about a place to a department of Hauts-de-France."""

from __future__ import annotations

import pytest

import knowledge
from knowledge.geography import Gazetteer


@pytest.fixture(scope="module")
def places() -> Gazetteer:
    return knowledge.load().places


@pytest.mark.parametrize(
    ("text", "department", "label"),
    [
        ("Compiègne", "60", "Compiègne"),
        ("compiegne", "60", "Compiègne"),
        ("je suis étudiant à Amiens", "80", "Amiens"),
        ("Saint-Quentin", "02", "Saint-Quentin"),
        ("St Quentin", "02", "Saint-Quentin"),
        ("st-quentin", "02", "Saint-Quentin"),
        ("j'habite à st omer", "62", "Saint-Omer"),
        ("boulogne sur mer", "62", "Boulogne-sur-Mer"),
        ("jsuis etudiante a amien", "80", "Amiens"),  # typo
        ("je suis à valencienne", "59", "Valenciennes"),  # typo
        ("je suis au chomage a soisson", "02", "Soissons"),
        ("je suis a lens", "62", "Lens"),
        ("je suis a lille", "59", "Lille"),
    ],
)
def test_communes(places: Gazetteer, text: str, department: str, label: str) -> None:
    place = places.resolve(text)
    assert place is not None and place.kind == "commune"
    assert place.department == department and place.label == label


@pytest.mark.parametrize(
    ("text", "department"),
    [
        ("60200", "60"),
        ("j'habite au 60200", "60"),
        ("au 59000", "59"),
        ("80000", "80"),
        ("le 80", "80"),
        ("dans le 80", "80"),
        ("62", "62"),
        ("je suis du 02", "02"),
        ("Pas de calais", "62"),
        ("pas-de-calais", "62"),
        ("dans l'Oise", "60"),
        ("je veux créer dans l oise", "60"),
        ("dans la Somme", "80"),
        ("je suis dans le nord", "59"),
        ("l'Aisne", "02"),
    ],
)
def test_postal_codes_and_departments(places: Gazetteer, text: str, department: str) -> None:
    place = places.resolve(text)
    assert place is not None and place.department == department, place


def test_postal_code_names_its_commune(places: Gazetteer) -> None:
    place = places.resolve("60200")
    assert place.kind == "postal_code" and "Compiègne" in place.label


@pytest.mark.parametrize(
    ("text", "departments"),
    [
        ("je suis en Picardie", ("02", "60", "80")),
        ("Nord-Pas-de-Calais", ("59", "62")),
        ("nord pas de calais", ("59", "62")),
    ],
)
def test_former_regions(places: Gazetteer, text: str, departments: tuple[str, ...]) -> None:
    place = places.resolve(text)
    assert place.kind == "region" and place.departments == departments and place.department is None


@pytest.mark.parametrize(
    ("text", "departments"),
    [
        ("Dury", ("02", "62", "80")),
        ("Fleury", ("02", "60", "62", "80")),
        ("je suis à Fleury", ("02", "60", "62", "80")),
    ],
)
def test_shared_names_are_ambiguous(places: Gazetteer, text: str, departments: tuple[str, ...]) -> None:
    place = places.resolve(text)
    assert place.kind == "ambiguous" and place.department is None
    assert place.departments == departments
    assert len(place.candidates) == len(departments)


def test_a_department_settles_an_ambiguous_name(places: Gazetteer) -> None:
    assert places.resolve("Fleury dans l'Oise").department == "60"
    assert places.resolve("Dury 80480").department == "80"


def test_a_town_that_dwarfs_its_namesake_is_taken_and_the_namesake_kept(places: Gazetteer) -> None:
    place = places.resolve("prof dans un collège à Senlis")
    assert place.department == "60"
    assert {c.department for c in place.candidates} == {"60", "62"}


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Lyon", "Lyon"),
        ("je suis à Lyon", "Lyon"),
        ("je vis a paris", "Paris"),
        ("75011", "75011"),
        ("j'habite à Rennes", "Rennes"),
        ("en Bretagne", "Bretagne"),
    ],
)
def test_places_outside_the_region(places: Gazetteer, text: str, label: str) -> None:
    place = places.resolve(text)
    assert place is not None and place.kind == "outside" and not place.in_region
    assert place.label == label and place.department is None


def test_unknown_place_tagged_by_ner(places: Gazetteer) -> None:
    place = places.resolve("je suis à Bruxelles", hints=[(10, 19)])
    assert place.kind == "unknown" and place.label == "Bruxelles" and place.span == (10, 19)
    assert places.resolve("jcomprends rien", hints=[(0, 10)]) is None  # not written like a name


def test_every_mention_has_its_span(places: Gazetteer) -> None:
    text = "j'habite Agny à côté d'Arras, dans le 62, au 62217"
    found = places.mentions(text)
    assert [text[p.span[0] : p.span[1]] for p in found] == ["Agny", "Arras", "62", "62217"]
    assert places.resolve(text).department == "62"


def test_scheme_names_are_not_places(places: Gazetteer) -> None:
    text = "des infos sur Initiative Aisne"
    assert places.resolve(text, mask=[(14, 30)]) is None


@pytest.mark.parametrize(
    "text",
    [
        "je suis étudiant",
        "je veux créer mon entreprise",
        "une somme de 5000 euros",
        "la somme de 500",
        "je pense à long terme",
        "au nord de la ville",
        "je suis à la rue",
        "à contre courant",
        "Y a-t-il des aides",
        "bye bye, have a nice day",
        "am I talking to a real person?",
        "je veux faire de la couture",
        "ca se passe en ligne ou en vrai ?",
        "bonjour",
        "c'est quoi le CREI ?",
        "le premier",
        "et après ?",
        "",
    ],
)
def test_common_words_are_not_places(places: Gazetteer, text: str) -> None:
    assert places.resolve(text) is None


@pytest.mark.parametrize("text", ["Rue", "Long"])
def test_a_bare_answer_that_is_also_a_word_is_a_place(places: Gazetteer, text: str) -> None:
    assert places.resolve(text).department == "80"
