"""Resolving what people type about a place to a department of Hauts-de-France."""

from __future__ import annotations

import pytest

import knowledge
from knowledge.geography import Gazetteer
from knowledge.text import fold_place


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


def test_the_ner_is_asked_only_when_a_decision_needs_it(places: Gazetteer) -> None:
    asked: list[str] = []

    def hints(text: str, span: tuple[int, int]):
        return lambda: asked.append(text) or [span]

    # a common word after « à », in lower case: a place only if the NER says so
    text = "mon magasin sera à long"
    assert places.resolve(text, hints=hints(text, (19, 23))).label == "Long" and asked == [text]
    assert places.resolve(text, hints=lambda: []) is None
    # names found without it, a message with no place and no capital: not asked
    for text in ("je suis à Arras", "j'habite amiens", "Lille", "et après, on fait quoi"):
        places.resolve(text, hints=hints(text, (0, 2)))
    assert asked == ["mon magasin sera à long"]
    # a capitalised name found nowhere: the NER tells whether it is a place
    text = "je suis à Tombouctou"
    assert places.resolve(text, hints=hints(text, (10, 20))).kind == "unknown" and asked[-1] == text


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


# -- intercommunalities, arrondissements and traditional areas (issue 7) -----------------------


@pytest.mark.parametrize(
    ("text", "department", "kind"),
    [
        ("nous sommes installés dans la communauté de communes du Clermontois", "60", "epci"),
        ("je cherche un local dans la CA du Caudrésis et du Catésis", "59", "epci"),
        ("ma boutique sera dans le Douaisis", "59", "epci"),
        ("un projet de brasserie en pévèle", "59", "epci"),
        ("je bosse à la CUD", "59", "epci"),
        ("on est dans la com com thelloise", "60", "epci"),
        ("Communauté de communes du Vimeu, c'est là que je vis", "80", "epci"),
        ("je vis dans l'arrondissement de Péronne", "80", "arrondissement"),
        ("arrondissement d'Avesnes-sur-Helpe", "59", "arrondissement"),
        ("mon garage est dans l'avesnois", "59", "area"),
        ("on s'installe en Santerre avec mon frère", "80", "area"),
        ("du côté du cambrésis", "59", "area"),
        ("un atelier dans l'Audomarois", "62", "area"),
        ("je vis dans le valencienois", "59", "area"),  # typo
        ("une ferme dans le Montreuillois", "62", "epci"),  # the EPCI whose names end in it
        ("a guesthouse on the Somme Bay", "80", "epci"),
    ],
)
def test_intercommunalities_arrondissements_and_areas(
    places: Gazetteer, text: str, department: str, kind: str
) -> None:
    place = places.resolve(text)
    assert place is not None and place.area == kind, place
    assert place.kind == "department" and place.department == department


@pytest.mark.parametrize(
    ("text", "departments"),
    [
        ("notre ferme, au coeur du pays de Bray", ("60", "76")),
        ("j'ouvre un gîte dans le Valois", ("02", "60")),
        ("on monte un food truck pour la côte d'Opale", ("59", "62")),
        ("des balades à cheval autour de la baie d'Authie", ("62", "80")),
    ],
)
def test_an_area_over_several_departments_is_asked_back(
    places: Gazetteer, text: str, departments: tuple[str, ...]
) -> None:
    """The same shape as a former region: the dialogue asks which department."""
    place = places.resolve(text)
    assert place.kind == "region" and place.area == "area" and place.in_region
    assert place.departments == departments and place.department is None and not place.candidates


@pytest.mark.parametrize(
    ("area", "commune"),
    [("Calaisis", "Calais"), ("CA du Boulonnais", "Boulogne-sur-Mer"), ("Avesnois", "Maubeuge")],
)
def test_the_main_commune_of_an_area(places: Gazetteer, area: str, commune: str) -> None:
    """For the dialogue: where the nearest office of an area is looked for."""
    assert places.main_commune(area).name == commune
    assert places.main_commune("Pays de Bray").department == "60"  # the region's part only


def test_names_do_not_run_over_punctuation(places: Gazetteer) -> None:
    found = places.mentions("pas Lens, plutôt Liévin")
    assert [p.label for p in found] == ["Lens", "Liévin"] and not any(p.area for p in found)


def test_a_commune_settles_an_area(places: Gazetteer) -> None:
    place = places.resolve("dans le Valois, à Crépy-en-Valois")
    assert place.kind == "commune" and place.department == "60"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("our family runs a bakery near dunkirk", "Dunkerque"),
        ("my shop is in rijsel", "Lille"),
        ("j'habite à marle depuis dix ans", "Marle"),
        ("je vis a roye", "Roye"),
        ("plutôt du côté de sissonne", "Sissonne"),
        ("je suis originaire de formerie", "Formerie"),
        ("jhabite hirson", "Hirson"),
        ("on s'installe à fere", "Fère-en-Tardenois"),  # short name of a compound commune
        ("ma mère tient un bar à cires", "Cires-lès-Mello"),
        ("un glacier à fort mahon", "Fort-Mahon-Plage"),
        ("une école de voile au touquet", "Le Touquet-Paris-Plage"),
        ("je bosse du côté du quesnoy", "Le Quesnoy"),
    ],
)
def test_foreign_names_and_small_communes_after_a_cue(places: Gazetteer, text: str, label: str) -> None:
    place = places.resolve(text)
    assert place is not None and place.kind == "commune" and place.label == label


@pytest.mark.parametrize(
    "text",
    [
        "je fais comme je veux, à ma guise",
        "quelles sont vos sources ?",
        "j'ai une serre dans mon jardin",
        "je suis à bout",
        "quel temps fait-il à Amiens ce week-end ?",
        "le match de foot à Lens c'est à quelle heure",
        "les horaires du train pour Arras",
        "tu crois qu'il fera beau à Lens dimanche",
        "une guinguette au bord de la vallée de la Hem",  # the river, not the town of Hem (Nord)
    ],
)
def test_no_place_from_words_or_unrelated_questions(places: Gazetteer, text: str) -> None:
    assert places.resolve(text) is None


def test_a_place_in_a_question_is_kept_when_the_message_is_about_the_person(places: Gazetteer) -> None:
    assert places.resolve("je suis à Arras, il pleut, je veux créer ma boîte").department == "62"


EXPECTED_AREA_DEPARTMENTS = {
    "Côte d'Opale": ("59", "62"),
    "Calaisis": ("62",),
    "Thiérache": ("02", "59"),
    "Pays de Bray": ("60", "76"),
    "Avesnois": ("59",),
    "Valenciennois": ("59",),
    "Cambrésis": ("59",),
    "Audomarois": ("62",),
    "Valois": ("02", "60"),
    "Santerre": ("80",),
    "Bassin minier": ("59", "62"),
    "Flandre intérieure": ("59",),
    "Soissonnais": ("02",),
    "Laonnois": ("02",),
    "Baie d'Authie": ("62", "80"),
    "Flandre": ("59",),
    "Westhoek": ("59",),
    "Côte picarde": ("80",),
}


def _commune_codes() -> dict[str, set[tuple[str, str]]]:
    """(EPCI, arrondissement) of every commune name of France."""
    import csv

    from knowledge.geography import DATA_DIR

    found: dict[str, set[tuple[str, str]]] = {}
    for name in ("communes-hauts-de-france.csv", "communes-hors-region.csv"):
        with open(DATA_DIR / name, encoding="utf-8") as f:
            for row in csv.DictReader(f):
                found.setdefault(row["nom"], set()).add((row["epci_code"], row["arrondissement_code"]))
    return found


def test_every_area_has_a_source_and_its_computed_departments(places: Gazetteer) -> None:
    definitions = places.areas.definitions["areas"]
    assert {d["name"] for d in definitions} == set(EXPECTED_AREA_DEPARTMENTS)
    communes = _commune_codes()
    for definition in definitions:
        assert "departments" not in definition, "departments are computed, never typed"
        assert definition["basis"] and definition["sources"], definition["name"]
        for source in definition["sources"]:
            assert source["url"].startswith("http") and source["title"] and source["says"]
            assert str(source["read"]) == "2026-11-28"
        codes = set(definition.get("epci") or definition.get("arrondissements"))
        for town in definition["towns"]:  # the towns the sources name lie in the area
            assert any(epci in codes or arrondissement in codes for epci, arrondissement in communes[town]), (
                town
            )
        area = places.areas.names[fold_place(definition["name"])]
        assert area.departments == EXPECTED_AREA_DEPARTMENTS[definition["name"]]


def test_intercommunalities_and_arrondissements_are_all_named(places: Gazetteer) -> None:
    epci = {a.codes for a in places.areas.names.values() if a.kind == "epci" and len(a.codes) == 1}
    arrondissements = {a.codes for a in places.areas.names.values() if a.kind == "arrondissement"}
    assert len(epci) == 92 and len(arrondissements) == 26


def test_a_curator_adds_a_word_without_touching_code(tmp_path) -> None:
    from knowledge.geography import WORDS_FILE, load_words

    text = WORDS_FILE.read_text(encoding="utf-8").replace(
        "foreign_names:\n", "foreign_names:\n  amiens city: Amiens\n"
    )
    (tmp_path / "words.yml").write_text(text, encoding="utf-8")
    gazetteer = Gazetteer(words=load_words(tmp_path / "words.yml"))
    assert gazetteer.resolve("I study in amiens city").label == "Amiens"


def test_every_intercommunality_and_arrondissement_is_read_by_its_official_name(places: Gazetteer) -> None:
    import csv

    from knowledge.geography import DATA_DIR

    with open(DATA_DIR / "communes-hauts-de-france.csv", encoding="utf-8") as f:
        official = {row["epci_nom"] for row in csv.DictReader(f) if row["epci_nom"]}
    assert len(official) == 92
    for name in official:  # without "(Combles - Péronne - Roisel)", which names communes
        place = places.resolve(f"nous vivons dans la {name.split(' (')[0]}")
        assert place.area == "epci" and place.label == name and place.in_region, name
    with open(DATA_DIR / "arrondissements-hauts-de-france.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            place = places.resolve(f"dans l'arrondissement de {row['nom']}")
            assert place.area == "arrondissement" and place.department == row["departement_code"], row["nom"]


@pytest.mark.parametrize(
    ("text", "kind", "department", "label"),
    [
        ("dunkerquoise depuis toujours, je veux ouvrir une boutique", "commune", "59", "Dunkerque"),
        ("les Tourquennois ont-ils des aides", "commune", "59", "Tourcoing"),
        ("moi je suis arrageois", "commune", "62", "Arras"),
        ("une beauvaisienne qui se lance", "commune", "60", "Beauvais"),
        ("lensoise, je reprends un salon", "commune", "62", "Lens"),
        ("je suis compiegnoi", "commune", "60", "Compiègne"),  # typo after a cue
        ("un cambresien qui veut ouvrir un bar", "commune", "59", "Cambrai"),
        ("en tant que nordiste", "department", "59", "Nord"),
        ("les axonaises qui veulent créer", "department", "02", "Aisne"),
        ("isarien de naissance", "department", "60", "Oise"),
    ],
)
def test_names_of_inhabitants(places: Gazetteer, text: str, kind: str, department: str, label: str) -> None:
    place = places.resolve(text)
    assert place is not None and place.kind == kind
    assert place.department == department and place.label == label


def test_a_name_of_inhabitants_that_names_an_area_is_the_area(places: Gazetteer) -> None:
    place = places.resolve("valenciennoise, je monte ma boîte")
    assert place.area == "arrondissement" or place.area == "area"
    assert place.department == "59"


def test_a_curator_adds_a_name_of_inhabitants_without_touching_code(places: Gazetteer, tmp_path) -> None:
    import shutil

    from knowledge.geography import DATA_DIR

    for name in DATA_DIR.iterdir():
        if name.is_file():
            shutil.copy(name, tmp_path / name.name)
    text = (
        (tmp_path / "geography-demonyms.yml")
        .read_text(encoding="utf-8")
        .replace(
            "communes:\n", "communes:\n  - {demonym: peronnais, commune: Péronne, department: '80'}\n", 1
        )
    )
    (tmp_path / "geography-demonyms.yml").write_text(text, encoding="utf-8")
    assert places.resolve("péronnaises, nous voulons créer") is None
    place = Gazetteer(data_dir=tmp_path).resolve("péronnaises, nous voulons créer")
    assert place.label == "Péronne" and place.department == "80"


def test_every_name_of_inhabitants_has_a_source_and_a_commune_of_the_region(places: Gazetteer) -> None:
    import yaml

    from knowledge.geography import DEMONYMS_FILE

    data = yaml.safe_load(DEMONYMS_FILE.read_text(encoding="utf-8"))
    for entry in data["communes"] + data["departments"]:
        source = entry["source"]
        assert source["url"].startswith("http") and source["title"] and source["says"], entry["demonym"]
        assert str(source["read"]) == "2026-11-28"
        assert fold_place(entry["demonym"]) not in places.areas.names, "an area's name is read as the area"
    for entry in data["communes"]:
        assert places.commune(entry["commune"], [entry["department"]]), entry["commune"]


@pytest.mark.parametrize(
    "text",
    [
        "on reprend une crêperie sur la côte picarde",
        "je suis à la cote picarde",  # not La Côte, a commune of the Haute-Saône
        "un gîte sur le littoral picard",
    ],
)
def test_the_picardy_coast_is_in_the_somme(places: Gazetteer, text: str) -> None:
    place = places.resolve(text)
    assert place.label == "Côte picarde" and place.department == "80"


def test_the_thierache_spans_the_aisne_and_the_nord_and_is_asked_back(places: Gazetteer) -> None:
    place = places.resolve("nous habitons en Thiérache")
    assert place.kind == "region" and place.departments == ("02", "59")


def test_a_commune_in_a_long_message_about_a_takeover_is_read(places: Gazetteer) -> None:
    text = "une brasserie près du port de dunkerque est à céder et je voudrais la racheter"
    assert places.resolve(text).label == "Dunkerque"
    assert places.resolve("on mange au resto à Dunkerque ce soir ?") is None
