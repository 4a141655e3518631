"""What to do next: the next step of the scheme discussed, then the scheme it leads to."""

from rasa_sdk.events import SlotSet

import knowledge
from actions.answer import Block, Kind, Reply, said
from actions.context import kb
from actions.messages import de, join, say
from actions.replies import scheme_lines as sl
from actions.replies.phrases import gist
from actions.turn import Turn

STEP_MEMORY = 2  # previous answers in which a next step counts as already given


def step_given(turn: Turn, scheme: knowledge.Scheme) -> bool:
    """Whether the bot's answers to the last STEP_MEMORY messages already gave this scheme's
    next step (« et ensuite ? » then asks what comes after it)."""
    step = scheme.text("next_step", turn.lang)
    said = (step, gist(step))  # whole, or its first clause in a recommended item
    users_seen = 0
    for event in reversed(turn.tracker.events):
        if event.get("event") == "user":
            users_seen += 1
            if users_seen > STEP_MEMORY:
                return False
        elif event.get("event") == "bot" and any(words in (event.get("text") or "") for words in said):
            return True
    return False


def need_profile(turn: Turn) -> Reply:
    """No scheme discussed yet: who and where the person is, to find one."""
    return said(Block(Kind.QUESTION, turn.lang, [say("need_profile", turn.lang)]))


def then(turn: Turn, scheme: knowledge.Scheme) -> Reply:
    """The scheme this one leads to."""
    lang, following = turn.lang, kb().scheme(scheme.leads_to)
    line = say(
        "then", lang, name=following.text("name", lang), description=following.text("description", lang)
    )
    return said(Block(Kind.NEXT_STEP, lang, [line]), [SlotSet("scheme", following.id)])


def end_of_path(turn: Turn, scheme: knowledge.Scheme) -> Reply:
    """Nothing follows this scheme in the knowledge base: whom to ask, and the others shown."""
    lang = turn.lang
    name, who = scheme.text("name", lang), scheme.verify_with or scheme.operator
    lines = [say("end_of_path", lang, name=name, operator=scheme.operator, de_operator=de(who))]
    others = [kb().scheme(s).text("name", lang) for s in turn.shown if s != scheme.id]
    if others:
        lines.append(say("end_of_path_others", lang, names=join(others, lang)))
    return said(Block(Kind.NEXT_STEP, lang, lines))


def next_step(turn: Turn, scheme: knowledge.Scheme) -> Reply:
    """The scheme's next step; for one that does not run, whom to turn to instead."""
    lang = turn.lang
    if scheme.inactive_checked_on:  # « j'appelle qui ? »: the scheme is not running, whom instead
        lines = sl.inactivity(scheme, lang, turn.person)
    else:
        lines = [say("next_step", lang, step=scheme.text("next_step", lang))]
    return said(Block(Kind.NEXT_STEP, lang, lines), [SlotSet("scheme", scheme.id)])
