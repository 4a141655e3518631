"""The tables of the conversation: a recommendation, greetings, messages not understood, and
the profile form's questions."""

from dataclasses import replace

from rasa_sdk.events import SlotSet

from actions import intents
from actions.answer import Kind, Reply
from actions.context import kb
from actions.replies import conversation, scheme
from actions.replies import scheme_lines as sl
from actions.replies.fit import fit
from actions.replies.recommendations import recommendations
from actions.replies.scheme import Question
from actions.router.core import (
    ALWAYS,
    PROFILE_ENTITIES,
    REACH,
    REVIEW,
    TABLES,
    Ctx,
    Row,
    asks_only,
    both,
    decide,
    describe_person,
    gives_profile,
    goto,
    has,
    practical,
    question_answered,
    refer,
)


# --- a recommendation --------------------------------------------------------------------------------
def recommend_hit(x: Ctx):  # noqa: ANN201 - a Hit or None
    return None if (x.t.named or has(x, "what_fits", "for_me")) else x.t.hit


def recommend_for_me(x: Ctx) -> Reply:
    """« c'est pour moi si … ? »: the answer first, then the list."""
    asked = kb().scheme(x.t.slot("scheme"))
    listed = recommendations(x.t, x.t.person)
    first = scheme.verdict_first(x.t, asked, fit(asked, x.t, x.t.lang))
    return both(first, listed, listed.events + [SlotSet("scheme", sl.discussed(asked, x.t.person))])


def recommend_named(x: Ctx) -> Reply:
    """« Bpifrance Création ça sert à quoi ? » said with a profile: the answer, then the list."""
    answered = goto("action_scheme_answer", Ctx(x.t, Question.INFO))
    listed = recommendations(x.t, x.t.person)
    kept = [e for e in answered.events if e.get("name") == "scheme"]  # the one asked about stays
    return both(answered, listed, listed.events + kept)


def recommend_with_question(x: Ctx) -> Reply:
    """« la CCI d'Amiens fait des formations ? » said with a place: the answer, then the list."""
    answered = scheme.retrieved(x.t, recommend_hit(x))
    listed = recommendations(x.t, x.t.person, lead=recommend_hit(x).scheme.id)
    return both(answered, listed, listed.events + answered.events)


PROFILE_SLOTS = {"department", "commune", "audience", "stage", "project_kind"}


def new_profile(x: Ctx) -> bool:
    """Whether the latest message changed the person's profile (a slot set since it)."""
    for event in reversed(x.t.tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "slot" and event.get("name") in PROFILE_SLOTS:
            return True
    return False


RECOMMEND: list[Row] = [
    REACH,
    REVIEW,
    Row(
        "a practical question, asked alone: who handles it",
        lambda x: asks_only(x) and practical(x) is not None,
        refer,
    ),
    Row(
        "a question the base answers, asked alone",
        lambda x: question_answered(x) is not None,
        lambda x: question_answered(x),
    ),
    Row(
        "a question the base answers, with a profile",
        lambda x: bool(recommend_hit(x)) and ("?" in x.t.text or has(x, "question")),
        recommend_with_question,
    ),
    Row("a scheme named", lambda x: bool(x.t.named) and not has(x, "for_me"), recommend_named),
    Row(
        "« c'est pour moi ? » about the scheme discussed",
        lambda x: has(x, "for_me") and x.t.slot("scheme") in kb().index.by_id and not has(x, "what_fits"),
        recommend_for_me,
    ),
    Row(
        "a question that says nothing new of the person: I don't know, who knows",
        lambda x: (
            ("?" in x.t.text or has(x, "question"))
            and not has(x, "what_fits")
            and x.t.intent == intents.INFORM_PROFILE
            and not new_profile(x)
            and bool(x.t.current)
        ),
        lambda x: scheme.unknown(x.t, kb().scheme(x.t.current)),
    ),
    Row(
        "what fits",
        ALWAYS,
        lambda x: recommendations(
            x.t, x.t.person, lead=recommend_hit(x).scheme.id if recommend_hit(x) else None
        ),
    ),
]


# --- messages not understood, greetings ------------------------------------------------------------
def out_of_scope(x: Ctx) -> bool:
    return x.t.intent == intents.OUT_OF_SCOPE


BAD_INPUT: list[Row] = [
    REACH,
    REVIEW,
    Row(
        "nothing but symbols",
        lambda x: not any(ch.isalnum() for ch in x.t.text),
        lambda x: conversation.sentence(x.t, "empty", Kind.UNKNOWN),
    ),
    Row(
        "too long",
        lambda x: len(x.t.text) >= 1000,
        lambda x: conversation.sentence(x.t, "too_long", Kind.UNKNOWN),
    ),
    Row(
        "« d'où vient ton info ? »",
        lambda x: has(x, "source") and bool(x.t.current),
        lambda x: goto("action_scheme_answer", Ctx(x.t, Question.FACTS)),
    ),
    Row("a practical question: who handles it", lambda x: practical(x, asked=False) is not None, refer),
    Row(
        "a question in everyday words the base answers",
        lambda x: bool(x.t.hit) and (bool(x.t.hit.facts) or not out_of_scope(x)),
        lambda x: scheme.retrieved(x.t, x.t.hit),
    ),
    Row(
        "a profile (a place alone, out of scope, is none)",
        lambda x: (
            gives_profile(x) and (any(x.t.entities(n) for n in PROFILE_ENTITIES[1:]) or not out_of_scope(x))
        ),
        describe_person,
    ),
    Row("out of scope", out_of_scope, lambda x: conversation.sentence(x.t, "out_of_scope", Kind.UNKNOWN)),
    Row("not understood", ALWAYS, lambda x: conversation.sentence(x.t, "not_understood", Kind.UNKNOWN)),
]

GREET: list[Row] = [
    Row(
        "a greeting alone",
        lambda x: not gives_profile(x),
        lambda x: conversation.response(x.t, "utter_greet"),
    ),
    Row(
        "a greeting with a place or project",
        ALWAYS,
        lambda x: both(conversation.sentence(x.t, "greet_back", Kind.SMALL_TALK), describe_person(x)),
    ),
]


# --- the profile form's questions ---------------------------------------------------------------------
def asked_key(x: Ctx, question: str) -> str:
    person = x.t.person
    if question == "ask_department":
        person = replace(person, outside_region=True, department=None)  # national schemes only
    return f"{person.department}|{person.audience}|{person.stage}|{person.project_kind}|{question}"


def answered(x: Ctx) -> bool:
    """Whether an action already replied to the person's last message (the form asks after it)."""
    for event in reversed(x.t.tracker.events):
        if event.get("event") in ("user", "bot"):
            return event["event"] == "bot"
    return False


def help_first(x: Ctx, question: str) -> Reply:
    """What helps before the form's question: the scheme named, « pour moi ? », a question the
    base answers, else what fits what the person said so far (for a partial profile)."""
    return decide(HELP_FIRST, Ctx(x.t, scheme_id=question))


HELP_FIRST: list[Row] = [
    Row(
        "« y a un PEPITE du côté de Valenciennes ? »: that scheme",
        lambda x: bool(x.t.named),
        lambda x: goto("action_scheme_answer", Ctx(x.t, Question.INFO)),
    ),
    Row(
        "« je peux y aller ? je suis à Douai »: yes or no, and why",
        lambda x: has(x, "for_me") and x.t.slot("scheme") in kb().index.by_id,
        lambda x: goto("action_scheme_answer", Ctx(x.t, Question.AUDIENCE)),
    ),
    Row("a practical question: who handles it", lambda x: practical(x) is not None, refer),
    Row(
        "a question the base answers",
        lambda x: question_answered(x) is not None,
        lambda x: question_answered(x),
    ),
    Row(
        "what fits what was said so far",
        ALWAYS,
        lambda x: recommendations(
            x.t,
            replace(x.t.person, outside_region=True, department=None)
            if x.scheme_id == "ask_department"
            else x.t.person,
            refine=True,
        ),
    ),
]


def ask(x: Ctx, question: str) -> Reply:
    """Helps first, then asks the one question that refines it."""
    first = help_first(x, question)
    return both(
        first, conversation.profile_question(x.t, question, bool(first.events), asked_key(x, question))
    )


ASK_DEPARTMENT: list[Row] = [
    Row(
        "a commune of several departments",
        lambda x: bool(x.t.slot("place_candidates")) and not x.t.slot("department"),
        lambda x: conversation.ambiguous_place(x.t),
    ),
    Row(
        "a place not found",
        lambda x: bool(x.t.slot("place_unknown")),
        lambda x: conversation.unknown_place(x.t),
    ),
    Row(
        "no status yet: a question answered, then where",
        lambda x: not x.t.person.audience,
        lambda x: both(
            question_answered(x) or Reply(), conversation.sentence(x.t, "ask_department", Kind.QUESTION)
        ),
    ),
    Row(
        "already asked for this profile, and answered",
        lambda x: x.t.slot("asked") == asked_key(x, "ask_department") and answered(x),
        lambda x: Reply(),
    ),
    Row("help, then where", ALWAYS, lambda x: ask(x, "ask_department")),
]

ASK_AUDIENCE: list[Row] = [
    Row(
        "already asked for this profile, and answered",
        lambda x: x.t.slot("asked") == asked_key(x, "ask_audience") and answered(x),
        lambda x: Reply(),
    ),
    Row("help, then who", ALWAYS, lambda x: ask(x, "ask_audience")),
]


TABLES.update(
    {
        "action_recommend": RECOMMEND,
        "action_explain_bad_input": BAD_INPUT,
        "action_greet": GREET,
        "action_ask_department": ASK_DEPARTMENT,
        "action_ask_audience": ASK_AUDIENCE,
    }
)
