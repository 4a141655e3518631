"""NLU component: a message that was not understood but names a place or a status is an
answer about the person's profile ("Dury", "au 80480", "étudiante") — not a fallback."""

from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

FALLBACK_INTENT = "nlu_fallback"
PROFILE_INTENT = "inform_profile"
PROFILE_ENTITIES = {"place", "audience"}


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class ProfileAnswerClassifier(GraphComponent):
    """Turns the fallback intent into `inform_profile` when a place or status was found."""

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> GraphComponent:
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            names = {e.get("entity") for e in message.get(ENTITIES) or []}
            if intent.get("name") == FALLBACK_INTENT and names & PROFILE_ENTITIES:
                message.set(INTENT, {"name": PROFILE_INTENT, "confidence": 1.0}, add_to_output=True)
        return messages
