"""The site of a scheme nearest to a person: same EPCI, then arrondissement, then department."""

import csv

import knowledge
from knowledge.contacts import nearest
from knowledge.geography import DATA_DIR

KB = knowledge.load()


def near(scheme: str, town: str, department: str) -> tuple[list[str], str | None]:
    sites, level = nearest(KB.scheme(scheme), KB.places.commune(town, [department]), KB.places)
    return [s.town for s in sites], level


def test_every_commune_has_its_epci_and_arrondissement() -> None:
    with open(DATA_DIR / "communes-hauts-de-france.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert rows and all(r["epci_code"] and r["arrondissement_code"] for r in rows)
    amiens = KB.places.commune("Amiens", ["80"])
    assert amiens and amiens.epci == "248000531" and amiens.arrondissement == "802"


def test_same_intercommunality_first() -> None:
    assert near("pepite-picardie", "Creil", "60") == (["Creil"], "epci")
    assert near("adie", "Montataire", "60") == (["Nogent-sur-Oise"], "epci")
    assert near("cma-hdf", "Abbeville", "80") == (["Abbeville"], "epci")


def test_then_arrondissement_then_department() -> None:
    assert near("pepite-picardie", "Chauny", "02") == (["Laon"], "arrondissement")
    assert near("adie", "Maubeuge", "59") == (["Lille", "Valenciennes"], "department")


def test_no_site_nearby_gives_them_all() -> None:
    towns, level = near("pepite-picardie", "Arras", "62")
    assert level is None and len(towns) == 7
    assert nearest(KB.scheme("crea60"), None, KB.places) == ([], None)


def test_an_area_is_looked_at_from_its_main_commune() -> None:
    main = KB.places.main_commune("Cambrésis", ["59"])
    assert main is not None and main.name == "Cambrai"
    sites, level = nearest(KB.scheme("pepite-lille-hdf"), main, KB.places)
    assert [s.town for s in sites] == ["Lille", "Valenciennes"] and level == "department"


def _tracker(entities: list[dict], **slots: str):
    from rasa_sdk import Tracker

    message = {"intent": {"name": "ask_contact"}, "entities": entities, "text": "où ?"}
    return Tracker("test", {"language": "fr", **slots}, message, [], False, None, {}, "rest")


def _place(label: str, kind: str, departments: list[str], area: str = "", candidates=()) -> dict:
    resolved = {"label": label, "place_kind": kind, "departments": departments, "area": area}
    return {"entity": "place", "value": label, "resolved": {**resolved, "candidates": list(candidates)}}


def test_the_place_the_message_names_comes_before_the_persons_commune() -> None:
    from actions.replies.contacts import origin
    from actions.router import read

    home = {"commune": "Amiens (Somme)", "department": "80"}
    clermont = _place("Clermont", "commune", ["60"], candidates=["Clermont|60|60600"])
    assert origin(read(_tracker([clermont], **home)))[0].name == "Clermont"
    cambresis = _place("Cambrésis", "department", ["59"], area="area")
    assert origin(read(_tracker([cambresis], **home))) == (KB.places.commune("Cambrai", ["59"]), "Cambrai")
    postal = _place("60600 (Clermont)", "postal_code", ["60"], candidates=["Clermont|60|60600"])
    assert origin(read(_tracker([postal], **home)))[1] == "Clermont"
    assert origin(read(_tracker([_place("Oise", "department", ["60"])], **home)))[0].name == "Amiens"
    assert origin(read(_tracker([], **home)))[1] == "Amiens"
