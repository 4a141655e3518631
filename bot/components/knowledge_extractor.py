"""NLU component that finds places, schemes, operators and statuses with the knowledge base.

Places use knowledge.geography (every commune of the region, postal codes, departments,
places elsewhere in France), helped by spaCy's LOC entities (its NER run only when a place
decision needs them); schemes and operators use the names and aliases of
knowledge/data/schemes.yml, and their names are not read as places ("Initiative Aisne").
Each place mentioned gives a `place` entity with `place_kind`, `departments` and
`candidates`; the one the message is about, all mentions considered ("Fleury dans
l'Oise"), also carries `resolved`; an intercommunality or an area also says
what it is (`area`: epci, arrondissement or area). A message about something else than the
person ("il fait quel temps à Lille demain ?") has no place, not even DIET's. Statuses
(`audience`) named with the words of knowledge/data/vocabulary.yml replace DIET's. A
university named instead of a town (« en master à l'UPJV », knowledge/data/institutions.yml)
tells a student, and its place (`area`: institution) when the message names no other.
"""

from typing import Any, Dict, List, Optional

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.constants import SPACY_DOCS
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.nlu.utils.spacy_utils import SpacyModel
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

import knowledge
from bot.components.base import StatelessComponent
from bot.components.spacy_nlp import named_entities
from knowledge.geography import Place, combine
from knowledge.institutions import INSTITUTION_AREA, Institution, Institutions

OWN_ENTITIES = ("place", "scheme", "operator")
STUDENT = "student"


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False, model_from="SpacyNLP"
)
class KnowledgeEntityExtractor(StatelessComponent, EntityExtractorMixin):
    """Adds `place`, `scheme` and `operator` entities found with the knowledge base."""

    def __init__(self) -> None:
        self.knowledge = knowledge.load()
        self.institutions = Institutions()

    # Optional, not `| None`: Rasa's graph validation reads the hint, with typing_utils
    def process(self, messages: List[Message], model: Optional[SpacyModel] = None) -> List[Message]:  # noqa: UP045
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str) or not text.strip() or text.startswith("/"):
                continue
            found = self._schemes(text)
            schools = self.institutions.mentions(text)
            masked = [(e["start"], e["end"]) for e in found] + [span for _, span in schools]
            found += self._places(message, text, masked, model) or self._institution_place(schools)
            audiences = self._audiences(
                text, mask=[(e["start"], e["end"]) for e in found if e["entity"] == "scheme"]
            )
            if schools and not audiences:  # « en master à l'UPJV »
                audiences = [_entity("audience", STUDENT, schools[0][1])]
            found += audiences
            if found or self.knowledge.places.unrelated(text):
                replaced = {e["entity"] for e in found} | set(OWN_ENTITIES)
                kept = [e for e in message.get(ENTITIES, []) if e.get("entity") not in replaced]
                message.set(ENTITIES, kept + self.add_extractor_name(found), add_to_output=True)
        return messages

    def _schemes(self, text: str) -> List[Dict[str, Any]]:
        entities = [
            _entity("scheme", scheme_id, span) for scheme_id, span in self.knowledge.index.mentions(text)
        ]
        if not entities:  # a name with a typo ("crea 6O"): no span, the whole message
            entities = [_entity("scheme", i, (0, len(text))) for i in self.knowledge.index.find(text)]
        operator = self.knowledge.index.operator_in(text)
        if operator:
            entities.append(_entity("operator", operator[0], operator[1]))
        return entities

    def _audiences(self, text: str, mask: List[tuple[int, int]]) -> List[Dict[str, Any]]:
        """Statuses named with the words of knowledge/data/vocabulary.yml ("lycéenne",
        "inscrit à France Travail"), each once; when there is none, DIET's stay."""
        first: Dict[str, tuple[int, int]] = {}  # "étudiante en BTS": one status
        for value, span in self.knowledge.vocabulary.mentions("audiences", text):
            if not any(a <= span[0] < b for a, b in mask):  # "Dessine-moi un entrepreneur"
                first.setdefault(value, span)
        return [_entity("audience", value, span) for value, span in first.items()]

    def _institution_place(self, schools: List[tuple[Institution, tuple[int, int]]]) -> List[Dict[str, Any]]:
        """The place of the first university named, as a resolved `place` entity."""
        if not schools:
            return []
        school, span = schools[0]
        places = self.knowledge.places
        commune = places.commune(school.commune) if school.commune else None
        if commune is not None:
            place = Place("commune", commune.name, (commune.department,), (commune,), span, INSTITUTION_AREA)
        elif len(school.departments) == 1:
            code = school.departments[0]
            place = Place("department", places.department_name(code), (code,), (), span, INSTITUTION_AREA)
        else:
            place = Place("region", school.name, school.departments, (), span, INSTITUTION_AREA)
        entity = _entity("place", school.name, span, **_describe(place))
        entity["resolved"] = {"label": place.label, **_describe(place)}
        return [entity]

    def _places(
        self, message: Message, text: str, mask: List[tuple[int, int]], model: SpacyModel | None
    ) -> List[Dict[str, Any]]:
        doc = message.get(SPACY_DOCS[TEXT])

        def hints() -> List[tuple[int, int]]:  # asked for only when a decision needs them
            if doc is None:
                return []
            return [(e.start_char, e.end_char) for e in named_entities(doc, model) if e.label_ == "LOC"]

        mentions = self.knowledge.places.mentions(text, hints, mask)
        if not mentions:
            return []
        entities = [_entity("place", text[p.span[0] : p.span[1]], p.span, **_describe(p)) for p in mentions]
        resolved = combine(mentions)
        chosen = next(
            (e for e, p in zip(entities, mentions, strict=True) if p.span == resolved.span), entities[-1]
        )
        chosen["resolved"] = {"label": resolved.label, **_describe(resolved)}
        return entities


def _describe(place: Place) -> Dict[str, Any]:
    return {
        "place_kind": place.kind,
        "departments": list(place.departments),
        "candidates": [f"{c.name}|{c.department}|{c.postal_codes[0]}" for c in place.candidates],
        "area": place.area,
    }


def _entity(name: str, value: str, span: tuple[int, int], **extra: Any) -> Dict[str, Any]:
    return {
        "entity": name,
        "value": value,
        "start": span[0],
        "end": span[1],
        "confidence_entity": 1.0,
        **extra,
    }
