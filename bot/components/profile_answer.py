"""NLU component: corrects the intent from what the knowledge base found in the message.

A message not understood, or a "no…", that names a place or a status is an answer about
the person's profile ("Dury", "non, dans le 60"); one that names a scheme without a clear
intent ("tu connais l'Adie ?", "kesako l'ARCE") asks about that scheme; one taken for off-topic
that tells the person's status or project is about their profile."""

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, INTENT
from rasa.shared.nlu.training_data.message import Message

from bot.components.base import StatelessComponent

PROFILE_INTENT = "inform_profile"
PROFILE_ENTITIES = {"place", "audience"}
SCHEME_INTENT = "ask_scheme_info"
# intent -> (entities that change it, the intent they change it into)
CORRECTIONS = {
    "nlu_fallback": [(PROFILE_ENTITIES, PROFILE_INTENT), ({"scheme"}, SCHEME_INTENT)],
    "deny": [(PROFILE_ENTITIES, PROFILE_INTENT)],
    "affirm": [(PROFILE_ENTITIES, PROFILE_INTENT)],
    "ask_next_step": [({"audience"}, PROFILE_INTENT)],  # "…je suis étudiant maintenant"
    "help": [({"scheme"}, SCHEME_INTENT)],
    # someone telling their status or project is never off-topic (a place alone may be:
    # "quel temps à Lille ?")
    "out_of_scope": [({"audience", "stage", "project_kind"}, PROFILE_INTENT), ({"scheme"}, SCHEME_INTENT)],
}


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class ProfileAnswerClassifier(StatelessComponent):
    """Applies CORRECTIONS to the predicted intent."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = (message.get(INTENT) or {}).get("name")
            found = {e.get("entity") for e in message.get(ENTITIES) or []}
            for entities, corrected in CORRECTIONS.get(intent, []):
                if found & entities:
                    message.set(INTENT, {"name": corrected, "confidence": 1.0}, add_to_output=True)
                    break
        return messages
