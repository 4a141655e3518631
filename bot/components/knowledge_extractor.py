"""NLU component that finds places, schemes and operators with the knowledge base.

Places use knowledge.geography (every commune of the region, postal codes, departments,
places elsewhere in France), helped by spaCy's LOC entities; schemes and operators use the
names and aliases of knowledge/data/schemes.yml. A `place` entity carries, besides its
value, `place_kind`, `departments` and `candidates`, so actions need not resolve it again.
"""

import re
from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

import knowledge
from knowledge.text import fold_place

SPACY_DOC = "text_spacy_doc"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class KnowledgeEntityExtractor(GraphComponent, EntityExtractorMixin):
    """Adds `place`, `scheme` and `operator` entities found with the knowledge base."""

    def __init__(self, config: Dict[str, Any]) -> None:
        self.knowledge = knowledge.load()

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> GraphComponent:
        return cls(config)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str) or not text.strip() or text.startswith("/"):
                continue
            found = [e for e in (self._place(message, text), *self._schemes(text)) if e]
            if found:
                entities = [
                    e
                    for e in message.get(ENTITIES, [])
                    if e.get("entity") not in ("place", "scheme", "operator")
                ]
                message.set(ENTITIES, entities + self.add_extractor_name(found), add_to_output=True)
        return messages

    def _place(self, message: Message, text: str) -> Dict[str, Any] | None:
        doc = message.get(SPACY_DOC)
        hints = [e.text for e in doc.ents if e.label_ == "LOC"] if doc is not None else []
        place = self.knowledge.places.resolve(text, hints)
        if place is None:
            return None
        start, end = _span_of(text, place.label.split(" (")[0])
        return {
            "entity": "place",
            "value": place.label,
            "start": start,
            "end": end,
            "confidence_entity": 1.0,
            "place_kind": place.kind,
            "departments": list(place.departments),
            "candidates": [f"{c.name}|{c.department}|{c.postal_codes[0]}" for c in place.candidates],
        }

    def _schemes(self, text: str) -> List[Dict[str, Any]]:
        entities = [
            {"entity": "scheme", "value": scheme_id, "start": 0, "end": len(text), "confidence_entity": 1.0}
            for scheme_id in self.knowledge.index.find(text)
        ]
        operator = self.knowledge.index.operator_in(text)
        if operator:
            start, end = _span_of(text, operator)
            entities.append(
                {
                    "entity": "operator",
                    "value": operator,
                    "start": start,
                    "end": end,
                    "confidence_entity": 1.0,
                }
            )
        return entities


def _span_of(text: str, label: str) -> tuple[int, int]:
    """Character offsets of `label` in `text`, compared without case, accents or "St"."""
    target = fold_place(label)
    words = [(m.start(), m.end()) for m in re.finditer(r"\w+", text)]
    for i in range(len(words)):
        for j in range(i, min(i + 8, len(words))):
            if fold_place(text[words[i][0] : words[j][1]]) == target:
                return words[i][0], words[j][1]
    return 0, len(text)
