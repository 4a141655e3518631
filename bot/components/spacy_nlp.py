"""Rasa's SpacyNLP, with the spaCy model loaded once per process and without the parts the
pipeline does not use.

Rasa 3.6 builds two graph nodes from the one `SpacyNLP` of the pipeline (the node that
provides the model to the tokenizer and featurizer, and the node that parses each message),
and each loads the spaCy model from disk: two copies in memory, 340 MB more with
fr_core_news_md. This class keeps the models it loaded, so that both nodes share one. The
class keeps Rasa's name `SpacyNLP`: the recipe finds the provider of the tokenizer's and
featurizer's model by that class name.

`exclude` names the spaCy components not loaded at all (Rasa only disables the parser, whose
weights stay in memory). This pipeline reads tokens, token vectors (the model's static vectors)
and the named entities (places); the lemmatizer's tables and the morphologizer cost about
150 MB and only give lemmas, which the CountVectorsFeaturizer then replaces by the words
themselves, and the shared `tok2vec` only feeds the morphologizer and the parser (the NER
embeds the words itself).

`on_demand` names the components loaded but not run when a message is read: a component
that needs their annotations runs them on the message's doc (`named_entities`). The NER
costs as much as the rest of spaCy's reading, and knowledge.geography asks for it only
when a place decision needs it.

The methods that override Rasa's pin the source of Rasa's (guard.overrides_rasa): the class
is refused when it is defined if Rasa's changed.
"""

from __future__ import annotations

import threading
from typing import Any, Dict, Iterable, List, Tuple

import spacy
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.model import InvalidModelError
from rasa.nlu.utils import spacy_utils
from rasa.nlu.utils.spacy_utils import SpacyModel
from spacy.language import Language
from spacy.tokens import Doc, Span

from bot.rasa_patches.guard import overrides_rasa

_LOADED: Dict[Tuple[str, Tuple[str, ...]], SpacyModel] = {}
_LOCK = threading.Lock()


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.MODEL_LOADER, DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER],
    is_trainable=False,
    model_from="SpacyNLP",
)
@overrides_rasa(
    get_default_config="daff36a48c045ff2984a42f2cb5c963afe538eb23c7fab4688cb254a265c4e44",
    create="59142d79b0abc24107589f10cebae47cee76dac7f8b4986cc084091fdb34110f",
    _doc_for_text="dfd4b0da6edf59144b44c271a9373b2a8ac76bbf6555d6b91a0d95397d69f884",
    _process_content_bearing_samples="81ca1d5112e36c706336ae51f979e0e4ed8d29e0e2ed6cd09e2eb5384dbb5f33",
    load_model="2e68d488b5c7a4f00b35fbb91810c3aa04f12a30eca9ad88b5d1963a2d7ad525",
)
class SpacyNLP(spacy_utils.SpacyNLP):
    """Provides the spaCy model, loaded once per model name, exclusions and process."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {**spacy_utils.SpacyNLP.get_default_config(), "exclude": ["parser"], "on_demand": []}

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SpacyNLP:
        config = {**cls.get_default_config(), **config}
        model = cls.load_model(config.get("model"), config["exclude"])
        cls.ensure_proper_language_model(model.model)
        return cls(model, config)

    def _doc_for_text(self, model: Language, text: str) -> Doc:
        return model(self._preprocess_text(text), disable=self._config["on_demand"])

    def _process_content_bearing_samples(
        self, model: Language, samples: List[Tuple[int, str]]
    ) -> List[Tuple[int, Doc]]:
        docs = model.pipe([text for _, text in samples], batch_size=50, disable=self._config["on_demand"])
        return [(index, doc) for (index, _), doc in zip(samples, docs, strict=True)]

    @staticmethod
    def load_model(spacy_model_name: str, exclude: Iterable[str] = ("parser",)) -> SpacyModel:
        key = (spacy_model_name, tuple(sorted(exclude)))
        with _LOCK:
            if key not in _LOADED:
                _LOADED[key] = _load(spacy_model_name, list(key[1]))
            return _LOADED[key]


def named_entities(doc: Doc, model: SpacyModel | None) -> Tuple[Span, ...]:
    """The doc's named entities, its NER run now if SpacyNLP left it for later."""
    if model is not None and not doc.has_annotation("ENT_IOB") and model.model.has_pipe("ner"):
        model.model.get_pipe("ner")(doc)
    return doc.ents


def _load(name: str, exclude: list) -> SpacyModel:
    """spacy.load with Rasa's checks: a model name, installed, for this version of spaCy."""
    if not name:
        raise InvalidModelError("SpacyNLP needs a model name in config.yml (`model: fr_core_news_md`).")
    try:
        language = spacy.load(name, exclude=exclude)
    except OSError as error:
        raise InvalidModelError(f"The spaCy model {name} is not installed (pip install it).") from error
    info = spacy.info(name)
    wanted = info.get("spacy_version") if isinstance(info, dict) else ""
    if not spacy.util.is_compatible_version(spacy.about.__version__, wanted):
        raise InvalidModelError(f"{name} needs spaCy {wanted}, not {spacy.about.__version__}.")
    return SpacyModel(model=language, model_name=name)
