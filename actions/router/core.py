"""The router's parts: a turn read with its cue kinds, the rows of a table, the registry of
tables by entry, and the readings that rows of several tables share."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from rasa_sdk import Tracker

from actions import cues, intents
from actions.answer import Kind, Reply
from actions.context import kb
from actions.replies import conversation, referrals, scheme
from actions.replies.recommendations import recommendations
from actions.replies.scheme import Question
from actions.turn import Turn

STEP_TOPICS = {"prerequisite", "format"}  # « je fais quoi concrètement ? » asks the next step
PROFILE_ENTITIES = ("place", "audience", "stage", "project_kind")
QUESTIONS = {
    intents.ASK_SCHEME_INFO: Question.INFO,
    intents.ASK_SCHEME_AUDIENCE: Question.AUDIENCE,
    intents.ASK_SCHEME_FACTS: Question.FACTS,
    intents.ASK_HOW_TO_JOIN: Question.JOIN,
}


def cue_kinds(text: str) -> frozenset[str]:
    """The cue kinds of `text`."""
    return frozenset(kind for kind in cues.CUE_KINDS if cues.asks(kind, text))


def read(tracker: Tracker) -> Turn:
    return Turn(tracker, cue_kinds)


class Ctx(NamedTuple):
    """What a row decides on: the turn, what is asked of a scheme, a scheme already chosen."""

    t: Turn
    q: Question = Question.OTHER
    scheme_id: str | None = None


@dataclass(frozen=True)
class Row:
    name: str  # what the row answers, for a reader and the tests
    when: Callable[[Ctx], bool]
    answer: Callable[[Ctx], Reply]


TABLES: dict[str, list[Row]] = {}  # entry (a Rasa action's name) -> its table, filled by each module


def decide(table: list[Row], ctx: Ctx) -> Reply:
    """The answer of the first row of `table` that holds (its name first in the reply's route)."""
    row = next(row for row in table if row.when(ctx))
    reply = row.answer(ctx)
    reply.route.insert(0, row.name)
    return reply


def goto(entry: str, ctx: Ctx) -> Reply:
    """The answer of the table of `entry` (a row that hands the turn to another table)."""
    return decide(TABLES[entry], ctx)


def both(first: Reply, then: Reply, events: list[dict] | None = None) -> Reply:
    """`first`'s blocks then `then`'s; the events given, else both replies' in order."""
    events = first.events + then.events if events is None else events
    return Reply(first.blocks + then.blocks, events, first.route + then.route)


ALWAYS: Callable[[Ctx], bool] = lambda x: True  # noqa: E731


# --- readings the rows share ------------------------------------------------------------------
def has(x: Ctx, *kinds: str) -> bool:
    return any(kind in x.t.cues for kind in kinds)


def placed(x: Ctx) -> bool:
    return bool(x.t.person.department or x.t.person.outside_region)


def follows(x: Ctx, previous: Callable[[str], bool]) -> bool:
    """Whether the message is a short « et … ? » that repeats the previous question (`previous`
    tells whether the person's previous message was that kind of question)."""
    if len(x.t.text.split()) > 5 or not has(x, "follow_up"):
        return False
    return len(x.t.users) >= 2 and previous(x.t.users[-2])


def asks_only(x: Ctx) -> bool:
    """Whether the message is a question that names no scheme and gives nothing of a profile
    (a status said of others, « il fait quoi pour les étudiants ? », is no profile)."""
    t = x.t
    given = any(t.entities(name) for name in ("place", "stage", "project_kind", "scheme"))
    given = given or bool(t.entities("audience") and has(x, "self_statement"))
    question = "?" in t.text or has(x, "question")
    return question and not given and not has(x, "what_fits", "for_me")


def question_answered(x: Ctx) -> Reply | None:
    """A question the knowledge base answers, asked alone; None otherwise."""
    return scheme.retrieved(x.t, x.t.hit) if asks_only(x) and x.t.hit else None


def gives_profile(x: Ctx) -> bool:
    """Whether the message tells where the person is or what they plan, outside the profile form."""
    return not x.t.tracker.active_loop_name and any(x.t.entities(name) for name in PROFILE_ENTITIES)


def describe_person(x: Ctx) -> Reply:
    """What fits the profile given so far, or, without a place, the question that asks for it."""
    if placed(x):
        return recommendations(x.t, x.t.person)
    return conversation.sentence(x.t, "ask_department", Kind.QUESTION)


def practical(x: Ctx, asked: bool = True) -> str | None:
    """The topic of a practical question (a diploma, a permit, a legal form…) that names no
    scheme and that no fact of the base answers by its words; `asked`: only in a question."""
    t = x.t
    if t.named or t.chosen or (asked and "?" not in t.text and not has(x, "question")):
        return None
    topic = cues.practical_topic(t.text)
    if not topic or (t.hit and cues.answers_topic(t.hit.scheme.id, topic)):
        return None  # « la banque ne suit pas »: the Adie, a scheme made for it, answers it
    return topic if kb().referrals.for_topic(topic, t.person.department) else None


def refer(x: Ctx) -> Reply:
    """« Je ne sais pas », and the body that handles the practical question."""
    return referrals.referral(x.t, practical(x, asked=False))


# « je veux parler à quelqu'un » taken for another intent: the way to the hand-off.
REACH = Row(
    "« je veux parler à quelqu'un »: the way to an advisor",
    lambda x: has(x, "reach_someone"),
    lambda x: conversation.reach_someone(x.t),
)

# « revoir les pistes » (or its button): the last recommendation, whole, whatever the intent.
REVIEW = Row(
    "« revoir les pistes »: the last recommendation, whole",
    lambda x: has(x, "review") and placed(x),
    lambda x: recommendations(x.t, x.t.person, again=True),
)
