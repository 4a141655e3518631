"""The tables about one scheme: what is asked of it, and its next step."""

from collections.abc import Callable

from actions import cues
from actions.answer import Reply
from actions.context import kb
from actions.replies import compare, scheme, steps
from actions.replies import scheme_lines as sl
from actions.replies.fit import fit
from actions.replies.recommendations import recommendations
from actions.replies.scheme import Asked, Question
from actions.router.core import (
    ALWAYS,
    REACH,
    REVIEW,
    STEP_TOPICS,
    TABLES,
    Ctx,
    Row,
    follows,
    goto,
    has,
    placed,
    practical,
    refer,
)
from actions.turn import Turn, local_variant, retriever


# --- about one scheme ---------------------------------------------------------------------------
def other_than(x: Ctx) -> list[str]:
    return x.t.named_here or ([x.t.current] if x.t.current else [])


def pair(x: Ctx) -> list[str]:
    """The two schemes just compared or listed (« les deux »)."""
    return x.t.shown[:2] if len(x.t.shown) >= 2 else []


def most_specific(x: Ctx) -> str:
    """Of several schemes named without a comparison, the one named with the most words."""
    department = x.t.person.department
    typed = {local_variant(i, words, department): len(words) for i, words in x.t.named}
    return max(x.t.named_here, key=lambda i: typed.get(i, 0))


def named_or_current(x: Ctx) -> str | None:
    return x.t.chosen or (most_specific(x) if x.t.named_here else x.t.current)


def hit_asked(x: Ctx):  # noqa: ANN201 - a Hit or None
    return None if x.t.named_here or x.t.chosen else x.t.hit


def for_me(x: Ctx) -> bool:
    """« c'est pour moi ? », or « et PEPITE Lille ? » right after it."""
    follows_for_me = follows(x, lambda said: "for_me" in x.t.cues_of(said)) and not x.t.topics
    return (has(x, "for_me") or follows_for_me) and not has(x, "what_fits")


def target(x: Ctx) -> str | None:
    """The scheme a question is about: the one picked, named, found by its words, or discussed."""
    hit = hit_asked(x)
    return hit.scheme.id if hit else named_or_current(x)


def contact_question(x: Ctx) -> bool:
    """« c'est où ? », « ils ouvrent à quelle heure ? »: a contact, not a fact, is asked (where a
    scheme has sites, they answer « où ? » better than its place facts)."""
    t, asked = x.t, kb().scheme(target(x))
    sites = bool(asked.contact and asked.contact.places) or not asked.facts_about("place")
    if not (t.contact_kinds and set(t.topics) <= {"place"} and sites and not has(x, "whom")):
        return False
    # « et ses 7 sites, ils sont où ? »: a place fact its words name answers better than a contact

    return not any(f.topic == "place" for f in retriever().facts_for(asked, t.question_text))


def asked_of(x: Ctx) -> Asked:
    """The question about the target scheme, as the parts below read it."""
    t, hit, about = x.t, hit_asked(x), kb().scheme(target(x))
    topics = list(t.topics)
    asked_facts = sl.chosen_facts(about, t.text, topics) if topics else ()
    if hit and hit.facts and not topics and x.q not in (Question.JOIN, Question.AUDIENCE):
        topics, asked_facts = ["words"], hit.facts  # « quelles actions concrètement ? »
    mine = for_me(x)
    verdict = fit(about, t, t.lang) if mine or x.q == Question.AUDIENCE else None
    return Asked(about, x.q, mine, verdict, topics, asked_facts, has(x, "before"))


PartRow = tuple[str, Callable[[Ctx, Asked], bool], Callable[[Turn, Asked], scheme.Part]]
# Which part of a scheme answers the question (the rest of the answer is the same for all).
SCHEME_PARTS: list[PartRow] = [
    ("for me, and the profile decides", lambda x, a: a.for_me and bool(a.verdict), scheme.part_verdict),
    (
        "facts asked (not how to join)",
        lambda x, a: (
            bool(a.asked_facts) and a.question != Question.JOIN and bool(set(a.topics) - {"audience"})
        ),
        scheme.part_asked_facts,
    ),
    (
        "a prerequisite no fact states: how to join",
        lambda x, a: "prerequisite" in a.topics and not a.asked_facts and not a.for_me,
        scheme.part_join,
    ),
    ("whom it is for", lambda x, a: a.question == Question.AUDIENCE, scheme.part_audience),
    (
        "what it is, asked with an audience",
        lambda x, a: (
            a.question == Question.INFO and "audience" in a.topics and bool(a.scheme.facts_about("audience"))
        ),
        scheme.part_info_audience,
    ),
    ("its facts", lambda x, a: a.question == Question.FACTS, scheme.part_facts),
    (
        "how to join a scheme that does not run",
        lambda x, a: a.question == Question.JOIN and bool(a.scheme.inactive_checked_on),
        scheme.part_nothing,
    ),
    ("how to join", lambda x, a: a.question == Question.JOIN, scheme.part_join),
    ("what it is", lambda x, a: True, scheme.part_info),
]


def about_scheme(x: Ctx) -> Reply:
    asked = asked_of(x)
    name, build = next((name, build) for name, when, build in SCHEME_PARTS if when(x, asked))
    reply = scheme.about_scheme(x.t, asked, build(x.t, asked), restating=build in scheme.RESTATING)
    reply.route.append(name)
    return reply


def source_asked(x: Ctx) -> bool:
    return (
        has(x, "source")
        and bool(named_or_current(x))
        and not cues.fact_topics(cues.without("source", x.t.text))
    )


def last_clause_asks_place_or_nothing(x: Ctx) -> bool:
    return set(cues.fact_topics(x.t.text.split(",")[-1])) <= {"place"}


SCHEME: list[Row] = [
    REVIEW,
    REACH,
    Row(
        "« et à part … ? »: what else fits",
        lambda x: has(x, "other_than") and bool(other_than(x)) and placed(x),
        lambda x: recommendations(x.t, x.t.person, exclude=tuple(other_than(x))),
    ),
    Row(
        "« une fois … fait, je vais où ? »: the next step",
        lambda x: has(x, "after") and last_clause_asks_place_or_nothing(x),
        lambda x: goto("action_next_step", Ctx(x.t)),
    ),
    Row(
        "do two schemes combine",
        lambda x: (
            has(x, "combine") and (len(x.t.named_here) >= 2 or (not x.t.named_here and len(pair(x)) == 2))
        ),
        lambda x: compare.combination(x.t, x.t.named_here[:2] if len(x.t.named_here) >= 2 else pair(x)),
    ),
    Row(
        "a comparison",
        lambda x: len(x.t.named_here) >= 2 and has(x, "compare"),
        lambda x: compare.comparison(x.t, x.t.named_here[:3]),
    ),
    Row(
        "where this comes from",
        source_asked,
        lambda x: scheme.sources_of(x.t, kb().scheme(named_or_current(x)), has(x, "what_is")),
    ),
    Row(
        "what fits me, no scheme named",
        lambda x: (
            not x.t.named_here
            and not x.t.chosen
            and has(x, "what_fits")
            and bool(x.t.person.department or x.t.person.audience)
        ),
        lambda x: recommendations(x.t, x.t.person),
    ),
    Row(
        "a practical question no scheme answers: who handles it",
        lambda x: practical(x, asked=False) is not None,
        refer,
    ),
    Row(
        "another scheme, found by the question's words",
        lambda x: bool(hit_asked(x)) and hit_asked(x).scheme.id != named_or_current(x) and not for_me(x),
        lambda x: scheme.retrieved(x.t, hit_asked(x)),
    ),
    Row(
        "no scheme in question, the person placed: what fits",
        lambda x: target(x) is None and placed(x),
        lambda x: recommendations(x.t, x.t.person),
    ),
    Row("no scheme in question: which one?", lambda x: target(x) is None, lambda x: scheme.which_scheme(x.t)),
    Row(
        "a contact asked as a fact",
        lambda x: x.q in (Question.FACTS, Question.JOIN) and contact_question(x),
        lambda x: goto("action_contact", Ctx(x.t)),
    ),
    Row(
        "a question about the scheme discussed that nothing of the base answers: who knows",
        lambda x: (
            x.q == Question.FACTS
            and not (x.t.named or x.t.chosen or x.t.topics or hit_asked(x))
            and "?" in x.t.text
        ),
        lambda x: scheme.unknown(x.t, kb().scheme(target(x))),
    ),
    Row("about the scheme", ALWAYS, about_scheme),
]


# --- the next step -------------------------------------------------------------------------------
def step_hit(x: Ctx):  # noqa: ANN201 - a Hit or None
    return None if x.t.named else x.t.hit


def step_scheme(x: Ctx):  # noqa: ANN201 - a Scheme or None
    hit = step_hit(x)
    scheme_id = hit.scheme.id if hit else x.t.current
    return kb().scheme(scheme_id) if scheme_id else None


def fact_not_step(x: Ctx) -> bool:
    """« et son objectif ? »: a fact the knowledge base has is asked, not the next step."""
    topics = set(x.t.topics)
    named_fact = bool(x.t.named and topics)  # « et pour le statut, ça coûte quelque chose ? »
    return (named_fact or sl.of_topics(step_scheme(x), list(topics - STEP_TOPICS))) and not has(x, "after")


def step_done(x: Ctx) -> bool:
    """The scheme's step was given, or the message says it is done (« une fois le CREI fait »)."""
    given = bool((x.t.named or step_hit(x)) and has(x, "after"))
    return given or steps.step_given(x.t, step_scheme(x))


NEXT: list[Row] = [
    REACH,
    Row(
        "a practical question: who handles it",
        lambda x: not has(x, "after") and practical(x, asked=False) is not None,
        refer,
    ),
    Row(
        "« et si la banque ne suit pas ? »: another scheme, by the question's words",
        lambda x: bool(step_hit(x)) and step_hit(x).scheme.id != x.t.current and not has(x, "after"),
        lambda x: scheme.retrieved(x.t, step_hit(x)),
    ),
    Row("no scheme discussed", lambda x: step_scheme(x) is None, lambda x: steps.need_profile(x.t)),
    Row(
        "a fact, not the next step",
        fact_not_step,
        lambda x: goto("action_scheme_answer", Ctx(x.t, Question.FACTS)),
    ),
    Row(
        "its step done: the scheme it leads to",
        lambda x: step_done(x) and bool(step_scheme(x).leads_to),
        lambda x: steps.then(x.t, step_scheme(x)),
    ),
    Row("its step done, nothing follows", step_done, lambda x: steps.end_of_path(x.t, step_scheme(x))),
    Row("its next step", ALWAYS, lambda x: steps.next_step(x.t, step_scheme(x))),
]


TABLES["action_scheme_answer"] = SCHEME
TABLES["action_next_step"] = NEXT
