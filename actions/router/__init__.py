"""The dialogue's decisions, in one place: for each entry (the Rasa action the dialogue rules
chose for the intent), an ordered table of rows « when this holds → this answer »; the first
row that holds answers (actions/router/schemes.py, places.py, talk.py). Cue words come from
knowledge/data/questions.yml; intents are the constants of actions/intents.py. The answers
(actions/replies/) know nothing of intents or cue words: only this package reads them."""

from rasa_sdk import Tracker

from actions import intents
from actions.answer import Reply
from actions.replies.scheme import Question
from actions.router import places, schemes, talk  # noqa: F401 - each registers its tables
from actions.router.core import QUESTIONS, TABLES, Ctx, decide, read


def respond(entry: str, tracker: Tracker) -> Reply:
    """The reply to the latest message, for the Rasa action `entry`."""
    t = read(tracker)
    return decide(TABLES[entry], Ctx(t, QUESTIONS.get(t.intent or "", Question.OTHER)))


# --- what the slot filling and the hand-off form ask of the message
def speaks_of_self(tracker: Tracker) -> bool:
    """Whether the message tells about the person: a profile intent, « je suis … », « pour moi ? »."""
    t = read(tracker)
    return t.intent in intents.PROFILE or bool(t.cues & {"self_statement", "for_me"})


def corrects(tracker: Tracker) -> bool:
    """« non, pardon, c'est à Rouen »: the person corrects what they said."""
    return "correction" in read(tracker).cues


def affirms(tracker: Tracker) -> bool:
    return read(tracker).intent == intents.AFFIRM


def cancels(tracker: Tracker) -> bool:
    """« non », « annuler », « laisse tomber »: the person stops the hand-off."""
    return read(tracker).intent in intents.CANCEL or stops(tracker)


def stops(tracker: Tracker) -> bool:
    """« annuler », « laissez tomber », « stop »: the words that stop the hand-off, whatever
    the intent (they are no name)."""
    return "cancel" in read(tracker).cues


def questions(tracker: Tracker) -> bool:
    """Whether the message asks something: « ? », « comment … », or words (not « 42 ») read as a
    question intent."""
    t = read(tracker)
    worded = any(c.isalpha() for c in t.text)
    return (worded and t.intent in intents.QUESTIONS) or "?" in t.text or "question" in t.cues


def aside(tracker: Tracker) -> bool:
    """Whether a message said during the hand-off form answers no question of the form: a
    question, or something about the person (« finalement je suis à Lille »); the rules
    answer it, then the form asks again."""
    t = read(tracker)
    return questions(tracker) or speaks_of_self(tracker) or t.intent == intents.HANDOFF


def last_question(tracker: Tracker) -> str | None:
    """The last question the person asked before asking for a human, as typed."""
    seen_request = False
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        name = str((event.get("parse_data") or {}).get("intent", {}).get("name"))
        text = str(event.get("text") or "").strip()
        if name == intents.HANDOFF:
            seen_request = True
        elif seen_request and name in intents.QUESTIONS and not text.startswith("/"):
            return text
    return None
