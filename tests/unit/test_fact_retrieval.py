"""The question retriever (knowledge/retrieve.py): needs in everyday words find their scheme,
fact questions find their fact, the person's department weighs in, and an unclear question
gets no answer. Pure Python, no Rasa."""

import pytest

import knowledge
from actions.actions import ActionExplainBadInput, ActionNextStep, ActionRecommend, ActionSchemeAnswer
from actions.cues import about, fact_topics
from knowledge.retrieve import Retriever, stem, words
from knowledge.text import fold
from tests.support.actions import commune, run
from tests.support.seed import STATEMENTS


@pytest.fixture(scope="module")
def retriever() -> Retriever:
    return Retriever(knowledge.load().schemes)


def best(retriever: Retriever, question: str, **context: object) -> knowledge.Scheme | None:
    hit = retriever.best(about(question), tuple(fact_topics(question)), **context)
    return hit.scheme.id if hit else None


@pytest.mark.parametrize(
    ("question", "department", "expected"),
    [
        ("mon banquier refuse de me financer, je fais comment ?", "62", "adie"),
        ("j'ai droit a des indemnites chomage, je les garde si je me lance ?", "80", "arce"),
        ("les charges sociales de la premiere annee, on peut les alleger ?", "02", "acre"),
        ("je voudrais tester mon activite avant de m'immatriculer, une couveuse ?", "59", "bge"),
        ("des dirigeants experimentes peuvent me parrainer pour une reprise ?", "59", "reseau-entreprendre"),
        ("la Region verse une subvention pour une societe innovante ?", "60", "region-start-up"),
        ("mon entreprise marche bien mais je dois recruter, qui m'aide ?", "80", "conseillers-entreprises"),
        ("un concours annuel pour les jeunes entreprises, ca existe ?", "60", "crea60"),
        ("any bank refusing credit to people like me, who else lends?", "59", "adie"),
    ],
)
def test_a_need_in_everyday_words_finds_its_scheme(retriever, question, department, expected):
    assert best(retriever, question, department=department) == expected


@pytest.mark.parametrize(
    ("question", "department", "expected"),
    [
        ("un pret a taux zero dans mon coin ?", "80", "initiative-somme"),
        ("un pret a taux zero dans mon coin ?", "02", "initiative-aisne"),
        ("un pret a taux zero dans mon coin ?", "60", "initiative-oise"),
        ("un pret a taux zero dans mon coin ?", "62", "initiative-nord-pas-de-calais"),
    ],
)
def test_the_department_picks_the_local_scheme(retriever, question, department, expected):
    assert best(retriever, question, department=department) == expected


@pytest.mark.parametrize(
    ("question", "current", "expected_words"),
    [
        ("la formation, au total, ca represente combien d'heures ?", "cci-oise-pack-creation", "120 heures"),
        ("un conseiller s'occupera de moi personnellement ?", "cci-oise-pack-creation", "conseiller"),
        ("quel est le but de ce pole ?", "pepite-picardie", "passage à l'acte"),
        ("leurs sites, ca se trouve dans quelles villes ?", "pepite-picardie", "Saint-Quentin"),
        ("ils organisent quel type d'actions ?", "la-suite-dans-les-idees", "visite d'entreprise"),
        ("l'aide en capital, elle tombe en combien de fois ?", "arce", "en deux fois"),
        ("l'exoneration s'etend sur quelle periode ?", "acre", "12 mois"),
        ("is the student status free?", "snee", "gratuit"),
    ],
)
def test_a_fact_question_finds_its_fact(retriever, question, current, expected_words):
    hit = retriever.best(about(question), tuple(fact_topics(question)), current=current)
    assert hit is not None and hit.scheme.id == current
    assert any(expected_words in fact.text for fact in hit.facts)


def test_a_scheme_outside_the_department_is_weighed_down(retriever):
    question = "un stage court a la chambre de commerce pour apprendre la gestion ?"
    in_somme = retriever.rank(about(question), tuple(fact_topics(question)), department="80")
    in_nord = retriever.rank(about(question), tuple(fact_topics(question)), department="59")
    score = {h.scheme.id: h.score for h in in_somme}
    elsewhere = {h.scheme.id: h.score for h in in_nord}
    assert elsewhere["cci-amiens-picardie-formations"] < score["cci-amiens-picardie-formations"]


@pytest.mark.parametrize(
    "question",
    [
        "il va pleuvoir ce week-end ?",
        "tu preferes les chats ou les chiens ?",
        "et donc ?",
        "c'est quoi le mieux pour moi ?",
    ],
)
def test_no_answer_when_no_scheme_clearly_matches(retriever, question):
    assert best(retriever, question, department="59") is None


def test_the_scheme_under_discussion_must_be_clearly_beaten(retriever):
    # « prêt » is said by several schemes: the one discussed keeps the question
    question = "et le pret il se rembourse comment ?"
    assert best(retriever, question, department="80", current="initiative-somme") == "initiative-somme"


def test_typos_and_plurals_are_forgiven(retriever):
    assert stem("cotisations") == stem("cotisation")
    assert best(retriever, "les cotisasions du debut ?", department="59") == "acre"
    assert "quoi" not in " ".join(words("c'est quoi"))


def test_every_scheme_has_need_words():
    for scheme in knowledge.load().schemes:
        assert scheme.needs, scheme.id
        assert all(len(need.split()) <= 3 for need in scheme.needs), scheme.id


@pytest.mark.parametrize(("statement", "scheme_id", "said"), STATEMENTS, ids=[s[0][:40] for s in STATEMENTS])
def test_each_seed_statement_is_reached_by_its_own_words(retriever, statement, scheme_id, said):
    """Class 8: the seed's words lead to the scheme (in its department), and to the fact that
    carries them when a fact does."""
    scheme = knowledge.load().scheme(scheme_id)
    topics = tuple(fact_topics(statement))
    ranked = [h.scheme.id for h in retriever.rank(statement, topics, department=scheme.departments[0])]
    assert scheme_id in ranked[:3]
    carrying = [f for f in scheme.facts if fold(said) in fold(f.text)]
    if carrying and fold(said) not in fold(scheme.description):
        assert set(carrying) & set(retriever.facts_for(scheme, statement, topics))


def test_a_fallback_question_is_answered_from_the_knowledge_base():
    """The NLU did not understand; the retriever finds the need and answers with its source."""
    answer, events = run(
        ActionExplainBadInput(),
        "nlu_fallback",
        "si mon banquier me dit non, vers qui me tourner ?",
        department="80",
        scheme="cci-amiens-picardie-formations",
    )
    assert "Adie" in answer and "Source" in answer and "pas compris" not in answer
    assert {"event": "slot", "timestamp": None, "name": "scheme", "value": "adie"} in events


def test_a_fallback_without_a_clear_answer_stays_polite():
    answer, _ = run(ActionExplainBadInput(), "nlu_fallback", "bof, on verra bien demain", department="59")
    assert "pas compris" in answer


def test_a_follow_up_about_another_need_switches_scheme():
    answer, _ = run(
        ActionSchemeAnswer(),
        "ask_scheme_facts",
        "et les charges sociales la premiere annee, elles sont allegees ?",
        department="62",
        audience="job_seeker",
        scheme="adie",
    )
    assert answer.startswith("ACRE") and "12 premiers mois" in answer


def test_a_word_sharing_a_stem_with_a_scheme_name_does_not_name_it(retriever):
    # « conseillez » and « Conseillers-Entreprises » share their first 7 letters, not the word
    def named(word: str) -> float:
        return {h.scheme.id: h.word_score for h in retriever.rank(word)}.get("conseillers-entreprises", 0)

    assert named("conseillez") < named("conseillers") / 2
    assert best(retriever, "vous nous conseillez quoi pour bien démarrer", department="59") is None


def test_each_kind_of_fact_asked_gets_its_facts(retriever):
    question = "quel montant d'exonération, et sur quelle durée ?"
    hit = retriever.best(about(question), tuple(fact_topics(question)), current="acre")
    assert hit is not None and {"amount", "duration"} <= {f.topic for f in hit.facts}


def test_a_fact_asked_as_a_next_step_is_answered_as_a_fact():
    answer, _ = run(ActionNextStep(), "ask_next_step", "et sa mission, alors ?", scheme="pepite-picardie")
    assert "passage à l'acte" in answer and "Ensuite" not in answer


def test_a_source_question_the_nlu_missed_is_about_the_scheme_discussed():
    answer, _ = run(ActionExplainBadInput(), "nlu_fallback", "c'est sourcé, tout ça ?", scheme="adie")
    assert answer.startswith("Adie") and "lemoniteur77.com" in answer and "Bpifrance" not in answer


def test_the_words_of_an_audience_question_bring_the_fact_they_name():
    answer, _ = run(
        ActionSchemeAnswer(),
        "ask_scheme_audience",
        "et des classes de BTS, elles sont concernées ?",
        department="60",
        scheme="dessine-moi-un-entrepreneur",
    )
    assert "établissements de BTS" in answer


def test_words_only_the_description_says_bring_the_description():
    answer, _ = run(
        ActionSchemeAnswer(),
        "ask_scheme_audience",
        "le CREI suit aussi les projets de reprise ?",
        department="80",
    )
    assert "création ou de reprise" in answer


def test_a_place_fact_named_by_its_words_answers_rather_than_a_contact():
    answer, _ = run(
        ActionSchemeAnswer(),
        "ask_scheme_facts",
        "les sites du pôle, c'est où exactement ?",
        scheme="pepite-picardie",
    )
    assert "Compiègne" in answer and "Soissons" in answer


def test_a_question_said_with_a_place_is_answered_then_listed_with_its_scheme_kept():
    text = "je suis à Laon, est-ce que la Région finance les sociétés innovantes ?"
    answer, events = run(
        ActionRecommend(), "inform_profile", text, (commune(text, "Laon", "02"),), department="02"
    )
    assert answer.startswith("Aide « Start'Up »") and "\n1. " in answer
    schemes = [e["value"] for e in events if e.get("name") == "scheme"]
    assert schemes[-1] == "region-start-up"


def test_a_scheme_named_by_a_need_word_says_what_its_facts_say_of_it():
    answer, _ = run(
        ActionSchemeAnswer(), "ask_scheme_info", "un prêt d'honneur, ça consiste en quoi ?", department="02"
    )
    assert answer.startswith("Initiative Aisne") and "sans intérêts" in answer
