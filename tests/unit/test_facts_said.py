"""What the bot now says of each fact corrected in issue 11, with its page and its date.

The router answers directly from a rasa_sdk Tracker (no Rasa server); the answer is read whole,
before the composer fits it to a phone screen (tests/unit/test_compose.py checks that part).
"""

from __future__ import annotations

import pytest
from rasa_sdk import Tracker

import knowledge
from actions import compose, router
from actions.actions import ActionRecommend, ActionSchemeAnswer, RoutedAction

READ = "page lue le 28 novembre 2026"


def said(action: RoutedAction, intent: str, text: str = "", scheme: str | None = None, **slots: str) -> str:
    """The bot's whole answer to one message, as the router gives it (before it is shortened)."""
    entities = [{"entity": "scheme", "value": scheme}] if scheme else []
    tracker = Tracker(
        "test",
        {"language": "fr", **slots},
        {"intent": {"name": intent}, "entities": entities, "text": text},
        [],
        False,
        None,
        {},
        None,
    )
    reply = router.respond(action.entry, tracker)
    return "\n".join("\n".join(compose.lines(block)) for block in reply.blocks)


def facts(scheme: str, text: str = "qu'est-ce que je dois savoir ?", **slots: str) -> str:
    return said(ActionSchemeAnswer(), "ask_scheme_facts", text, scheme, **slots)


def info(scheme: str, **slots: str) -> str:
    return said(ActionSchemeAnswer(), "ask_scheme_info", "c'est quoi ?", scheme, **slots)


def test_acre_follows_the_2026_reform() -> None:
    answer = facts("acre")
    assert "Depuis le 1er janvier 2026, elle est réservée notamment aux demandeurs d'emploi" in answer
    assert "zone France ruralités revitalisation (ZFRR)" in answer
    assert "En 2026, d'après f2p.fr, l'exonération est plafonnée à 25 % des cotisations" in answer
    assert "passe de 50 % à 25 % pour les activités créées à partir du 1er juillet 2026" in answer
    assert "au plus tard 60 jours après le début de l'activité" in answer
    assert "efl.fr (page lue le 28 novembre 2026)" in answer and "https://" not in answer
    assert "Conditions à vérifier auprès de l'URSSAF." in answer
    assert "knowledge-sources" not in answer and "shared/" not in answer


def test_acre_deadline_question_gets_the_60_days() -> None:
    answer = facts("acre", "avant quel délai faut-il la demander ?")
    assert "60 jours" in answer and "previssima.fr" in answer and "efl.fr" not in answer


def test_arce_requires_the_acre() -> None:
    answer = facts("arce")
    assert "Il faut avoir obtenu l'ACRE (information de 2024, à vérifier)." in answer
    assert "ont obtenu l'ACRE (dont les conditions ont changé le 1er janvier 2026)" in info("arce")


def test_adie_ceiling_is_dated_and_sourced() -> None:
    answer = facts("adie", "combien ça prête ?")
    assert "le plafond légal du microcrédit professionnel est de 17 000 € depuis le 1er janvier" in answer
    assert "En 2024, l'Adie Hauts-de-France disait financer des projets jusqu'à 15 000 €" in answer
    assert "(information de 2024, à vérifier)" in answer
    assert "nouvelle-aquitaine.dreets.gouv.fr" in answer and "auprès de l'Adie" in answer
    assert "environ 12 000" not in answer


def test_snee_d2e_is_mandatory_for_graduates() -> None:
    answer = facts("snee")
    assert "Pour les diplômés, l'inscription au D2E est obligatoire" in answer
    assert "au D2E ne peut pas dépasser 500 € par an (information de 2015, à vérifier)." in answer
    assert "au PEPITE de votre choix si vous êtes diplômé" in answer
    assert "en option" not in answer and "optionnel" not in answer
    assert "obligatoire" in info("snee") and "auprès de votre PEPITE" in answer


def test_pepite_lille_is_in_the_nord_only_with_about_270_students() -> None:
    answer = info("pepite-lille-hdf")
    assert "métropoles de Lille et de Valenciennes" in answer
    assert "où : Nord." in answer and "Pas-de-Calais" not in answer
    sized = facts("pepite-lille-hdf", "combien d'étudiants ?")
    assert "un peu plus de 270 étudiants porteurs de projet accompagnés par an" in sized
    assert "270 projets" not in sized and "kohesio.eu" in sized
    student_in_62 = knowledge.Profile(department="62", audience="student")
    assert "pepite-lille-hdf" not in [r.scheme.id for r in knowledge.load().recommend(student_in_62)]


def test_initiative_sources_names_and_counts() -> None:
    somme = info("initiative-somme")
    assert somme.startswith("Initiative Somme France Active Picardie")
    assert "gazetteoise.fr (page lue" in somme and "https://" not in somme
    aisne = info("initiative-aisne")
    assert "couvre l'ensemble de l'Aisne" in aisne
    assert "https://" not in aisne
    nord = facts("initiative-nord-pas-de-calais", "combien de plateformes ?")
    assert "une vingtaine de plateformes dans l'ensemble des Hauts-de-France, Picardie comprise" in nord
    assert "(information de juin 2020, à vérifier)" in nord


def test_region_start_up_conditions() -> None:
    answer = facts("region-start-up")
    assert "société de capitaux (SARL, SA, SAS…)" in answer
    assert "le dirigeant n'a pas de mandat de gestion dans une autre société commerciale" in answer
    assert "le capital n'est pas détenu à 50 % ou plus par d'autres sociétés" in answer
    assert "c'est une priorité, pas une règle" in answer
    assert "pas seulement aux entreprises innovantes" in answer
    assert "(information du 5 octobre 2023, à vérifier)" in answer


def test_la_suite_dans_les_idees_says_what_the_seed_says_and_that_it_shows_no_activity() -> None:
    answer = info("la-suite-dans-les-idees")
    assert "Je n'ai trouvé aucune page montrant que La suite dans les idées est encore actif" in answer
    assert "voyez plutôt : PEPITE Lille Hauts-de-France, plateformes Initiative du Nord" in answer
    assert "article non daté « L'esprit d'entreprendre de Paris jusqu'à Roubaix »" in answer
    assert "(lasuitedanslesidees.fr)" in answer and "http" not in answer
    scheme = knowledge.load().scheme("la-suite-dans-les-idees")
    assert set(scheme.stages) == {"discovery", "idea"} and "craft" not in scheme.project_kinds
    joining = said(ActionSchemeAnswer(), "ask_how_to_join", "comment m'inscrire ?", "la-suite-dans-les-idees")
    assert "voyez plutôt" in joining and "Rapprochez-vous" not in joining


def test_a_scheme_with_no_sign_of_activity_is_not_recommended() -> None:
    """Described when asked (above), never recommended (issue 22): a pupil in the Nord, whom only
    « La suite dans les idées » was made for, hears honestly that nothing else is known."""
    answer = said(ActionRecommend(), "inform", "collégienne à Sebourg", department="59", audience="pupil")
    assert "La suite dans les idées" not in answer and "Je n'ai pas, dans ma base, de dispositif" in answer


@pytest.mark.parametrize(
    ("scheme", "page"),
    [
        ("cci-amiens-picardie-formations", "lagazettefrance.fr (page lue"),
        ("bpifrance-creation", "frenchweb.fr (page lue"),
        ("acre", "efl.fr (page lue"),
    ],
)
def test_sources_are_pages(scheme: str, page: str) -> None:
    answer = info(scheme)
    assert page in answer and READ in answer and "https://" not in answer  # issue 21: no raw URL
    assert "knowledge-sources" not in answer and "(articles de" not in answer


def test_seed_schemes_name_the_undated_article() -> None:
    answer = info("cci-oise-pack-creation")
    assert "Source : article non daté « L'esprit d'entreprendre de Paris jusqu'à Roubaix »" in answer
    assert "(lasuitedanslesidees.fr)" in answer and "http" not in answer


def test_the_age_limit_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HDF_FACT_MAX_AGE_MONTHS", "600")
    knowledge.load.cache_clear()
    try:
        assert "(information du 5 octobre 2023" not in facts("region-start-up")
    finally:
        monkeypatch.delenv("HDF_FACT_MAX_AGE_MONTHS")
        knowledge.load.cache_clear()
    assert "(information du 5 octobre 2023, à vérifier)" in facts("region-start-up")


def test_english_answers_are_dated_too() -> None:
    answer = facts("adie", "how much money?", language="en")
    assert "(information from 2024, to be checked)" in answer
    assert "read on 28 November 2026" in answer and "Conditions to be checked with Adie." in answer


@pytest.mark.parametrize(
    ("scheme", "words"),
    [
        ("initiative-aisne", "Conditions à vérifier auprès d'Initiative Aisne."),
        ("pepite-lille-hdf", "Conditions à vérifier auprès du PEPITE Lille Hauts-de-France."),
        ("crei-upjv", "Conditions à vérifier auprès du CREI de l'Université de Picardie Jules Verne."),
        ("adie", "Conditions à vérifier auprès de l'Adie."),
    ],
)
def test_whom_to_check_with_is_said_in_correct_french(scheme: str, words: str) -> None:
    assert words in info(scheme)


def test_recommendations_say_whom_to_check_with_in_correct_french() -> None:
    """A recommendation's line is short (issue 21); whom to check with comes with the scheme's
    answer, in correct French."""
    answer = said(ActionRecommend(), "inform", "je veux créer à Laon", department="02", audience="creator")
    assert "Initiative Aisne — " in answer and "auprès de Initiative" not in answer
    assert "auprès d'Initiative Aisne" in info("initiative-aisne")
