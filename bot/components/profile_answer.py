"""NLU component: corrects the intent from what the knowledge base found in the message.

A message not understood, or a "no…", that names a place or a status is an answer about
the person's profile ("Dury", "non, dans le 60"); one that names a scheme without a clear
intent ("tu connais l'Adie ?", "kesako l'ARCE") asks about that scheme; one taken for off-topic
that tells the person's status or project is about their profile. A project is also told
with the words of knowledge/data/projects.yml: « je veux me mettre à mon compte », or an
intention and a trade (« ouvrir une crêperie », « reprendre le garage de mon oncle »), or a
business of the person's own (« ma SARL de plomberie tourne bien »): any creation, takeover
or growth project is in scope, whatever the trade. A message made of
places and a few words of an answer (« Dury », « moi c'est le 02 ») answers « where? ». A
message taken for a profile answer that tells nothing of a profile (no place, status,
stage, kind of project or project words: « absolutely », « good evening », « Créa60, c'est
chaque année ? ») is not one: the classifier's next intent is taken."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Set

import yaml
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.components.base import StatelessComponent
from knowledge.text import find_phrases, fold, tokens

PROFILE_INTENT = "inform_profile"
PROFILE_ENTITIES = {"place", "audience"}
SCHEME_INTENT = "ask_scheme_info"
# intents that start or withdraw a request to be contacted: only a clear request does
REQUEST_INTENTS = ("handoff", "withdraw_request")
PROJECT = "project"  # the words of PROJECTS_FILE, handled like an entity below
PROJECTS_FILE = Path(__file__).resolve().parents[2] / "knowledge" / "data" / "projects.yml"
# intent -> (entities that change it, the intent they change it into)
CORRECTIONS = {
    DEFAULT_NLU_FALLBACK_INTENT_NAME: [
        (PROFILE_ENTITIES, PROFILE_INTENT),
        ({"scheme"}, SCHEME_INTENT),
        ({PROJECT}, PROFILE_INTENT),
    ],
    "deny": [(PROFILE_ENTITIES, PROFILE_INTENT)],
    "affirm": [(PROFILE_ENTITIES, PROFILE_INTENT)],
    "ask_next_step": [({"audience"}, PROFILE_INTENT)],  # "…je suis étudiant maintenant"
    "help": [({"scheme"}, SCHEME_INTENT), ({"audience"}, PROFILE_INTENT)],  # « … sans le bac, aidez-moi »
    # someone telling their status or project is never off-topic (a place alone may be:
    # "quel temps à Lille ?")
    "out_of_scope": [
        ({"audience", "stage", "project_kind"}, PROFILE_INTENT),
        ({"scheme"}, SCHEME_INTENT),
        ({PROJECT}, PROFILE_INTENT),
    ],
}
# intents that a bare place does not change: « et à Douai ? » lists its schemes, « à Lens ? »
# after a contact asks for the nearest site
PLACE_ANSWER_KEPT = {PROFILE_INTENT, "list_schemes", "ask_contact", "ask_next_step"}
# what makes a message a profile answer, with project words: without any, the next intent is
# the message's
PROFILE_CONTENT = {"place", "audience", "stage", "project_kind"}


class ProjectWords:
    """Tells whether a message describes a business project, with the words of projects.yml."""

    def __init__(self, path: Path = PROJECTS_FILE) -> None:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        self.projects = _phrases(data.get("projects", []))
        self.intentions = _phrases(data.get("intentions", []))
        self.trades = _phrases(data.get("trades", []), plurals=True)
        self.owners = {fold(w) for w in data.get("owners", [])}
        self.answer_words = {fold(w) for w in data.get("place_answer_words", [])}

    def describes_project(self, text: str) -> bool:
        if find_phrases(text, self.projects):
            return True
        trades = find_phrases(text, self.trades)
        if trades and find_phrases(text, self.intentions):
            return True
        starts = {start for _, (start, _) in trades}  # « ma SARL », « notre resto »: their own business
        words = tokens(text)
        pairs = zip(words, words[1:], strict=False)
        return any(before.word in self.owners and word.start in starts for before, word in pairs)

    def only_places(self, text: str, places: List[tuple]) -> bool:
        """Whether `text` is its places (spans) and words of an answer, nothing else."""
        if not places:
            return False
        rest = [t.word for t in tokens(text) if not any(a <= t.start < b for a, b in places)]
        return all(word in self.answer_words for word in rest)


def _phrases(words: List[str], plurals: bool = False) -> Dict[str, str]:
    found = {fold(w): w for w in words if fold(w)}
    if plurals:
        found.update({f"{k}{end}": w for k, w in list(found.items()) for end in ("s", "x")})
    return found


def _take_next_intent(message: Message) -> None:
    """The message's intent becomes the next of its ranking (not the fallback), if any; never
    one of REQUEST_INTENTS (« undefined » is no request for a human)."""
    ranking = message.get(INTENT_RANKING_KEY) or []
    skipped = (PROFILE_INTENT, DEFAULT_NLU_FALLBACK_INTENT_NAME, *REQUEST_INTENTS)
    following = [r for r in ranking[1:] if r.get("name") not in skipped]
    if following:
        message.set(INTENT, dict(following[0]), add_to_output=True)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class ProfileAnswerClassifier(StatelessComponent):
    """Applies CORRECTIONS to the predicted intent."""

    def __init__(self) -> None:
        self.project_words = ProjectWords()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = (message.get(INTENT) or {}).get("name")
            text = message.get(TEXT)
            entities = message.get(ENTITIES) or []
            places = [(e["start"], e["end"]) for e in entities if e.get("entity") == "place" and "start" in e]
            readable = isinstance(text, str) and not text.startswith("/")
            ordinal = any(e.get("entity") == "ordinal" for e in entities)  # « le dernier » is no place
            if intent and intent not in PLACE_ANSWER_KEPT and readable and not ordinal:
                if self.project_words.only_places(text, places):
                    message.set(INTENT, {"name": PROFILE_INTENT, "confidence": 1.0}, add_to_output=True)
                    continue
            found: Set[str] = {e.get("entity") for e in entities}
            if intent == PROFILE_INTENT:
                if readable and not (found & PROFILE_CONTENT or self.project_words.describes_project(text)):
                    _take_next_intent(message)
                continue
            corrections = CORRECTIONS.get(intent, [])
            if not corrections:
                continue
            if readable and self.project_words.describes_project(text):
                found.add(PROJECT)
            for wanted, corrected in corrections:
                if found & wanted:
                    message.set(INTENT, {"name": corrected, "confidence": 1.0}, add_to_output=True)
                    break
        return messages
