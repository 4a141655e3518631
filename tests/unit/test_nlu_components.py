"""The project's NLU components, without a trained model: the spaCy model loaded once, the
elongated letters shortened, business projects recognised with knowledge/data/projects.yml,
the indirect ways of telling a status found by the vocabulary's aliases (issue 7), and an
erasure only when the message asks for it."""

from __future__ import annotations

import numpy
import pytest
import spacy
import yaml
from rasa.nlu.constants import SPACY_DOCS
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

import knowledge
from bot.components.erasure_guard import ErasureGuard, erasure_pattern
from bot.components.input_guard import InputCleaner, SmsWords, TypedText, offsets_onto, unelongate
from bot.components.profile_answer import PROJECTS_FILE, ProfileAnswerClassifier, ProjectWords
from bot.components.spacy_nlp import SpacyNLP, named_entities
from knowledge.text import fold
from tests.support.paths import ROOT
from tests.support.training_data import nlu_examples

CONFIG = ROOT / "bot" / "config.yml"


def _pipeline() -> list[dict]:
    return yaml.safe_load(CONFIG.read_text(encoding="utf-8"))["pipeline"]


def test_the_pipeline_loads_spacy_once() -> None:
    pipeline = _pipeline()
    loaders = [c for c in pipeline if c["name"].endswith("SpacyNLP")]
    assert [c["name"] for c in loaders] == ["bot.components.spacy_nlp.SpacyNLP"]
    name, exclude = loaders[0]["model"], loaders[0].get("exclude", ["parser"])
    assert SpacyNLP.load_model(name, exclude) is SpacyNLP.load_model(name, list(reversed(exclude)))
    assert "parser" not in SpacyNLP.load_model(name, exclude).model.pipe_names


def test_the_excluded_spacy_parts_change_nothing_the_pipeline_reads() -> None:
    """Tokens, their vectors and the named entities are those of the whole spaCy model."""
    config = next(c for c in _pipeline() if c["name"].endswith("SpacyNLP"))
    light = SpacyNLP.load_model(config["model"], config["exclude"]).model
    whole = spacy.load(config["model"])
    places = 0
    for text in (
        "Bonsoir, nous habitons Saint-Quentin et voulons reprendre une quincaillerie",
        "j'ai 19 ans, en licence de chimie à Valenciennes",
        "Mon associée vit à Beauvais, moi près de Compiègne.",
    ):
        a, b = light(text), whole(text)
        assert [t.text for t in a] == [t.text for t in b]
        assert numpy.array_equal(numpy.array([t.vector for t in a]), numpy.array([t.vector for t in b]))
        assert [(e.start_char, e.end_char, e.label_) for e in a.ents] == [
            (e.start_char, e.end_char, e.label_) for e in b.ents
        ]
        places += sum(e.label_ == "LOC" for e in a.ents)
    assert places >= 2


def test_the_ner_runs_when_its_entities_are_asked_for() -> None:
    config = next(c for c in _pipeline() if c["name"].endswith("SpacyNLP"))
    assert config["on_demand"] == ["ner"]
    model = SpacyNLP.load_model(config["model"], config["exclude"])
    reader = SpacyNLP(model, {**SpacyNLP.get_default_config(), **config})
    message = Message({TEXT: "Ma sœur tient un café à Hazebrouck depuis 2019"})
    reader.process([message], model)
    doc = message.get(SPACY_DOCS[TEXT])
    assert not doc.has_annotation("ENT_IOB")  # not read yet
    read = message.get(TEXT).lower()  # Rasa's SpacyNLP reads lower case (case_sensitive: false)
    assert [(e.text, e.label_) for e in named_entities(doc, model)] == [
        (e.text, e.label_) for e in model.model(read).ents
    ]
    assert ("hazebrouck", "LOC") in [(e.text, e.label_) for e in doc.ents]


@pytest.mark.parametrize(
    "typed, read",
    [
        ("ouiiii", "oui"),
        ("nonnn", "non"),
        ("byeee", "byee"),
        ("MERCIIII", "MERCI"),
        ("une boite deja creee", "une boite deja cree"),  # « créée » without accents keeps two e
        ("je suis à Lille", "je suis à Lille"),
        ("59000 !!!", "59000 !!!"),
    ],
)
def test_elongated_letters_are_shortened(typed: str, read: str) -> None:
    assert unelongate(typed) == read
    message = Message({TEXT: typed})
    InputCleaner().process([message])
    assert message.get(TEXT) == read


@pytest.mark.parametrize(
    "typed, read",
    [
        ("Slt, chui sur Arras", "salut, je suis sur Arras"),
        ("dak, mrc bcp", "d'accord, mrc beaucoup"),  # « mrc » is not in the list
        ("A+ et bon courage", "à plus et bon courage"),
        ("les DS du lycée", "les DS du lycée"),  # in capitals: an acronym
        ("Tourcoing", "Tourcoing"),
    ],
)
def test_sms_abbreviations_are_spelled_out(typed: str, read: str) -> None:
    message = Message({TEXT: typed})
    InputCleaner().process([message])
    assert message.get(TEXT) == read


def test_offsets_of_respelled_words_map_onto_the_typed_ones() -> None:
    message = Message({TEXT: "chui ds le 62 ouiii"})
    InputCleaner().process([message])
    read = message.get(TEXT)
    assert read == "je suis dans le 62 oui"
    at = read.index("62")
    message.set(ENTITIES, [{"entity": "place", "value": "62", "start": at, "end": at + 2}])
    TypedText().process([message])
    entity = message.get(ENTITIES)[0]
    assert message.get(TEXT) == "chui ds le 62 ouiii"
    assert message.get(TEXT)[entity["start"] : entity["end"]] == "62"
    starts, ends = offsets_onto(read, "chui ds le 62 ouiii")
    assert (starts[read.index("dans")], ends[read.index("dans") + 4]) == (5, 7)  # « ds »


def test_no_sms_abbreviation_is_a_place_scheme_or_status() -> None:
    kb = knowledge.load()
    for word in SmsWords().words:
        assert not kb.places.mentions(word, [], []), word
        assert not kb.index.mentions(word), word
        assert not list(kb.vocabulary.mentions("audiences", word)), word


@pytest.mark.parametrize(
    "text",
    [
        "jveux ouvrir une creperie pres de la plage",
        "on pense racheter le camping de la commune",
        "mon reve c'est de me mettre a mon compte",
        "éleveur, je voudrais développer la vente directe",
        "I want to open a bakery",
        "entreprendre, c'est possible ici ?",
    ],
)
def test_business_projects_are_recognised(text: str) -> None:
    assert ProjectWords().describes_project(text)


@pytest.mark.parametrize(
    "text",
    [
        "réserve-moi une table dans un resto",
        "je voudrais commander une pizza",
        "quel temps fait-il",
        "ouvrir un compte en banque",
    ],
)
def test_consumer_requests_are_not_projects(text: str) -> None:
    assert not ProjectWords().describes_project(text)


def test_no_off_topic_training_example_reads_as_a_project() -> None:
    words = ProjectWords(PROJECTS_FILE)
    examples = nlu_examples(ROOT / "data" / "nlu.yml")
    assert not [t for i, t in examples if i == "out_of_scope" and words.describes_project(t)]


@pytest.mark.parametrize("intent", ["out_of_scope", "nlu_fallback"])
def test_a_project_taken_for_off_topic_is_about_the_profile(intent: str) -> None:
    text = "on voudrait reprendre la friterie du village"
    message = Message({TEXT: text, INTENT: {"name": intent}, ENTITIES: []})
    ProfileAnswerClassifier().process([message])
    assert message.get(INTENT)["name"] == "inform_profile"


def test_an_off_topic_question_stays_off_topic() -> None:
    message = Message({TEXT: "tu connais un bon resto ?", INTENT: {"name": "out_of_scope"}, ENTITIES: []})
    ProfileAnswerClassifier().process([message])
    assert message.get(INTENT)["name"] == "out_of_scope"


@pytest.mark.parametrize(
    "text, audience",
    [
        ("je suis en M2 a l'IAE de Lille", "student"),
        ("en doctorat a Compiegne", "student"),
        ("je suis en 4e au college", "pupil"),
        ("maitre de conf a Amiens", "higher_ed_staff"),
        ("je suis prof à l'université", "higher_ed_staff"),
        ("je touche le RSA", "job_seeker"),
        ("j'ai arrete le lycee a 17 ans", "young_out_of_school"),
        ("jeune retraitee a Berck", "creator"),
        ("j'ai deja une entreprise de plomberie", "creator"),
        ("je fais un master a Lille", "student"),
        ("jsuis au lycee a Calais", "pupil"),
        ("pas de diplome, sortie du systeme en seconde", "young_out_of_school"),
        ("j'ai 22 ans et je viens de finir mon bts", "young_graduate"),
    ],
)
def test_indirect_statuses_are_found(text: str, audience: str) -> None:
    found = [value for value, _ in knowledge.load().vocabulary.mentions("audiences", text)]
    assert found[:1] == [audience]


@pytest.mark.parametrize(
    "text, audience",
    [
        ("je percois le chomage depuis l'ete", "job_seeker"),
        ("j'ai ete licenciee au printemps", "job_seeker"),
        ("je bosse chez un sous-traitant auto", "employee"),
        ("intérimaire depuis trois ans", "employee"),
        ("je n'ai pas le bac mais des idees", "young_out_of_school"),
        ("j'ai lâché les cours, sortie en troisième", "young_out_of_school"),
        ("je suis patronne d'une petite agence de voyage", "creator"),
    ],
)
def test_more_indirect_statuses_are_found(text: str, audience: str) -> None:
    vocabulary = knowledge.load().vocabulary
    assert vocabulary.find("audiences", text)[:1] == [audience]


@pytest.mark.parametrize(
    "text, stage",
    [
        ("notre entreprise tourne depuis quatre ans et je veux lancer une gamme", "created"),
        ("je suis gérant d'une SAS et je voudrais prendre un apprenti", "created"),
        ("j'ai une boîte qui existe depuis 2015, je veux en racheter une autre", "takeover"),
        ("un bar est à vendre dans ma rue, ça me tente", "takeover"),
        ("je veux devenir chef d'entreprise un jour", "creation"),
    ],
)
def test_a_stage_overrides_the_ones_it_says_more_than(text: str, stage: str) -> None:
    assert knowledge.load().vocabulary.find("stages", text)[:1] == [stage]


def test_a_school_leaver_named_with_a_class_is_no_pupil() -> None:
    vocabulary = knowledge.load().vocabulary
    ranked = vocabulary.ranked("audiences", ["pupil", "young_out_of_school"])
    assert ranked == ["young_out_of_school", "pupil"]
    assert vocabulary.ranked("audiences", ["pupil", "teacher", "pupil"]) == ["pupil", "teacher"]


@pytest.mark.parametrize(
    "text",
    [
        "notre brasserie marche fort, on veut embaucher",
        "ma SASU de conseil a deux ans",
        "my shop needs a new website",
    ],
)
def test_a_business_of_ones_own_is_a_project(text: str) -> None:
    assert ProjectWords().describes_project(text)
    message = Message({TEXT: text, INTENT: {"name": "out_of_scope"}, ENTITIES: []})
    ProfileAnswerClassifier().process([message])
    assert message.get(INTENT)["name"] == "inform_profile"


def test_a_status_said_with_a_request_for_help_is_about_the_profile() -> None:
    audience = {"entity": "audience", "value": "young_out_of_school", "start": 0, "end": 14}
    text = "sans le bac, vous pouvez m'aider ?"
    message = Message({TEXT: text, INTENT: {"name": "help"}, ENTITIES: [audience]})
    ProfileAnswerClassifier().process([message])
    assert message.get(INTENT)["name"] == "inform_profile"


@pytest.mark.parametrize(
    "text, denied",
    [
        ("pas de diplome, sortie du systeme en troisieme", set()),  # a negation ends at the comma
        ("je n'ai pas le bac", set()),  # the negation is part of the status
        ("bon ben moi je suis pas etudiante", {"student"}),
        ("je ne suis plus enseignant", {"teacher"}),
    ],
)
def test_only_a_negation_of_the_same_clause_denies_a_status(text: str, denied: set[str]) -> None:
    from actions.profile import _denied

    assert _denied(knowledge.load().vocabulary, "audiences", text) == denied


def test_every_erasure_example_says_an_erasure_word() -> None:
    """The guard never blocks what the classifier learnt as a request to erase."""
    pattern = erasure_pattern()
    examples = nlu_examples(ROOT / "data" / "nlu.yml")
    assert not [t for i, t in examples if i == "forget" and not pattern.search(fold(t))]


@pytest.mark.parametrize(
    "text, kept",
    [
        ("pouvez-vous supprimer tout ce que j'ai écrit ?", True),
        ("vous pouvez suprimer ce que j'ai dit ?", True),  # typed with one p
        ("I'd rather you didn't keep any of this", True),
        ("/forget", True),
        ("est-ce que je garde mon chômage si je crée ?", False),
        ("je voudrais conserver une partie de mes indemnités", False),
    ],
)
def test_forget_needs_an_erasure_word(text: str, kept: bool) -> None:
    message = Message({TEXT: text, INTENT: {"name": "forget", "confidence": 0.9}, ENTITIES: []})
    ErasureGuard().process([message])
    assert message.get(INTENT)["name"] == ("forget" if kept else "nlu_fallback")


def test_the_erasure_guard_runs_after_every_component_that_chooses_the_intent() -> None:
    pipeline = _pipeline()
    names = [c["name"].rsplit(".", 1)[-1] for c in pipeline]
    order = [
        names.index(n)
        for n in ("DIETClassifier", "FallbackClassifier", "ProfileAnswerClassifier", "ErasureGuard")
    ]
    assert order == sorted(order)


def _taken_for_a_profile(text: str, entities: list | None = None) -> Message:
    ranking = [
        {"name": "inform_profile", "confidence": 0.98},
        {"name": "nlu_fallback", "confidence": 0.4},
        {"name": "affirm", "confidence": 0.01},
    ]
    message = Message({TEXT: text, INTENT: ranking[0], INTENT_RANKING_KEY: ranking, ENTITIES: entities or []})
    ProfileAnswerClassifier().process([message])
    return message


def test_a_profile_answer_without_any_profile_takes_the_next_intent() -> None:
    assert _taken_for_a_profile("tout à fait").get(INTENT)["name"] == "affirm"


@pytest.mark.parametrize(
    "text, entities",
    [
        ("Wambrechies", [{"entity": "place", "value": "Wambrechies", "start": 0, "end": 11}]),
        ("en reconversion", [{"entity": "audience", "value": "job_seeker", "start": 3, "end": 15}]),
        ("je voudrais ouvrir une boulangerie", []),  # project words
    ],
)
def test_a_profile_answer_with_a_profile_stays_one(text: str, entities: list) -> None:
    assert _taken_for_a_profile(text, entities).get(INTENT)["name"] == "inform_profile"
