"""Answers about one scheme: what it is, for whom, the facts asked, how to join, whether it is
for the person, where it was read; and a question the knowledge base answers in its own words."""

from dataclasses import dataclass
from enum import Enum

from rasa_sdk.events import SlotSet

import knowledge
from actions.answer import Block, Kind, Reply, said
from actions.compose import handoff_button
from actions.context import covers, kb, resolved_place, where
from actions.cues import about
from actions.messages import capitalise, de, join, say
from actions.replies import scheme_lines as sl
from actions.replies.phrases import fact_text, page, source, whom
from actions.turn import Turn, retriever
from knowledge.retrieve import Hit
from knowledge.text import fold


class Question(str, Enum):
    """What is asked about a scheme (the router reads it from the intent)."""

    INFO = "info"
    AUDIENCE = "audience"
    FACTS = "facts"
    JOIN = "join"
    OTHER = "other"


@dataclass
class Asked:
    """A question about one scheme, as the router read it."""

    scheme: knowledge.Scheme
    question: Question
    for_me: bool  # « c'est pour moi ? »
    verdict: str | None  # « Oui, … » / « Non, … » when the profile decides
    topics: list[str]  # the kinds of fact asked (« words » when the retriever found them)
    asked_facts: tuple[knowledge.Fact, ...]
    before: bool  # « what comes before it? »


Part = tuple[list[str], tuple[knowledge.Fact, ...]]


def part_verdict(turn: Turn, asked: Asked) -> Part:
    """« c'est pour moi ? »: yes or no and why, whom it is for, its key figure."""
    scheme, lang = asked.scheme, turn.lang
    lines = [asked.verdict or ""] + sl.audience_lines(scheme, lang)[1:] + sl.key_fact(scheme, lang)
    return lines, scheme.facts_about("audience")


def part_asked_facts(turn: Turn, asked: Asked) -> Part:
    """The facts asked; what the scheme is too when they were found by their words."""
    scheme, lang = asked.scheme, turn.lang
    lines = sl.facts_lines(scheme, asked.asked_facts, lang)
    if "prerequisite" in asked.topics or not sl.of_topics(scheme, asked.topics):
        # « faut-il être indemnisé ? », or facts found by their words: what it is, too
        lines.insert(1, f"• {scheme.text('description', lang)}")
    return lines, asked.asked_facts


def part_join(turn: Turn, asked: Asked) -> Part:
    """How to join: its next step."""
    return [sl.join_line(asked.scheme, turn.lang)], ()


def part_audience(turn: Turn, asked: Asked) -> Part:
    """Whom it is for (with the verdict and key figure when the profile decides)."""
    scheme, lang = asked.scheme, turn.lang
    lines = ([asked.verdict] if asked.verdict else []) + sl.audience_lines(scheme, lang)
    lines += sl.key_fact(scheme, lang) if asked.verdict else []
    return lines, scheme.facts_about("audience")


def part_info_audience(turn: Turn, asked: Asked) -> Part:
    """« … fait des choses pour les femmes ? »: what it is, and its audience facts."""
    scheme, lang = asked.scheme, turn.lang
    facts = scheme.facts_about("audience")
    return sl.info_lines(scheme, lang) + [fact_text(f, lang) for f in facts], facts


def part_facts(turn: Turn, asked: Asked) -> Part:
    """The facts of the kinds asked, or all of them."""
    facts = sl.chosen_facts(asked.scheme, turn.text, asked.topics)
    return sl.facts_lines(asked.scheme, facts, turn.lang), facts


def part_nothing(turn: Turn, asked: Asked) -> Part:
    """How to join a scheme that does not run: its inactivity says what to do instead."""
    return [], ()


def part_info(turn: Turn, asked: Asked) -> Part:
    """What it is; « à Valenciennes, c'est … » first when the message names a place it covers."""
    scheme, lang, person = asked.scheme, turn.lang, turn.person
    lines = sl.info_lines(scheme, lang)
    if resolved_place(turn.tracker) and person.department and covers(scheme, person.department):
        # « un PEPITE du côté de Valenciennes ? »: the place is answered, too
        where_cap = capitalise(where(turn.tracker, lang))
        lines.insert(0, say("scheme_here", lang, where_cap=where_cap, name=scheme.text("name", lang)))
    return lines, ()


RESTATING = (part_verdict, part_audience, part_info_audience, part_info)  # parts that say what it is again


def about_scheme(turn: Turn, asked: Asked, part: Part, restating: bool = False) -> Reply:
    """The part chosen by the router, then what every answer about a scheme adds: the
    alternatives when it does not fit, what comes before it, the facts the question's words
    name, its description when asked, where it is open, whether it runs, and the source.
    `restating`: the part's lines after its first say again what the scheme is and for whom,
    and are the first left out on a small screen."""
    scheme, lang, person = asked.scheme, turn.lang, turn.person
    lines, facts = part
    step = say("next_step", lang, step="")
    details = {line for line in lines[1:] if not line.startswith(step)} if restating else set()
    if asked.verdict and person.audience and covers(scheme, person.department):
        lines += sl.instead_of(scheme, person, lang)  # « non » for their status: what fits them
    if asked.before and not asked.for_me:
        lines[:0] = sl.before_lines(scheme, person, lang)
    words = about(turn.question_text)  # what the question says beyond the kind of fact
    # facts its words name, when no fact of the kind asked answers (« … aussi pour les BTS ? »)
    told = [] if sl.of_topics(scheme, asked.topics) else sl.told_by_words(scheme, words, lines, lang)
    needs = {fold(n) for n in scheme.needs}  # « c'est quoi un prêt d'honneur ? »: what it says of it
    for typed in (t for _, t in turn.named if fold(t) in needs):
        told += [f for f in retriever().facts_saying(scheme, typed) if f not in told and f not in facts]
    # what the question's own words ask comes right after the lead line: it answers them
    answering = [f"• {fact_text(f, lang)}" for f in told]
    facts = tuple(dict.fromkeys((*facts, *told)))
    description = scheme.text("description", lang)
    if description not in "\n".join(lines) and retriever().describes(scheme, words, facts):
        answering.insert(0, f"• {description}")  # « … aussi pour une reprise ? »
    lines[1:1] = answering
    lines += sl.elsewhere(scheme, person, lang, said_why=bool(asked.for_me and asked.verdict))
    lines += sl.inactivity(scheme, lang, person)
    block = Block(Kind.FACT, lang, lines, source=source(scheme, lang, facts), details=details)
    return said(block, [SlotSet("scheme", sl.discussed(scheme, person))])


def retrieved(turn: Turn, hit: Hit) -> Reply:
    """Answers with a retrieved scheme: the facts that answer, else what it is; « je ne sais
    pas » and whom to ask when a kind of fact is asked that the knowledge base lacks."""
    lang, scheme, person = turn.lang, hit.scheme, turn.person
    topics = turn.topics
    new = scheme.id != turn.current  # « et les charges sociales ? »: another scheme
    if hit.facts or (topics and "prerequisite" not in topics):
        lines = sl.facts_lines(scheme, hit.facts, lang)
        if hit.facts and (new or not sl.of_topics(scheme, topics)):  # what it is, too
            lines.insert(1, f"• {scheme.text('description', lang)}")
        if hit.facts and new and not scheme.inactive_checked_on:  # and how to go on with it
            lines.append(say("next_step", lang, step=scheme.text("next_step", lang)))
    elif topics:  # « il faut présenter quoi ? »: its next step says
        lines = [sl.join_line(scheme, lang)]
    else:
        lines = sl.info_lines(scheme, lang)
    lines += sl.elsewhere(scheme, person, lang) + sl.inactivity(scheme, lang, person)
    block = Block(Kind.FACT, lang, lines, source=source(scheme, lang, hit.facts))
    return said(block, [SlotSet("scheme", sl.discussed(scheme, person))])


def sources_of(turn: Turn, scheme: knowledge.Scheme, with_info: bool) -> Reply:
    """« tu tiens ça d'où ? »: the pages the answers about this scheme were read on (and what it
    is, when that is asked too)."""
    lang = turn.lang
    pages = [scheme.source] + [f.source for f in scheme.facts]
    listed = list({s.page: s for s in pages}.values())
    lines = sl.info_lines(scheme, lang) if with_info else []
    lines.append(say("source_intro", lang, name=capitalise(scheme.text("name", lang))))
    lines += [f"• {page(s, lang)}" for s in listed]
    return said(Block(Kind.FACT, lang, lines), [SlotSet("scheme", scheme.id)])


def unknown(turn: Turn, about: knowledge.Scheme) -> Reply:
    """A question about the scheme discussed that nothing of the base answers: « je n'ai pas
    cette information », whom to ask, and the way to an advisor."""
    lang, who = turn.lang, whom(about, turn.lang)
    lines = [say("no_fact", lang, name=about.text("name", lang), operator=who, de_operator=de(who))]
    lines.append(say("offer_handoff", lang))
    return said(Block(Kind.UNKNOWN, lang, lines, buttons=[handoff_button(about.id, lang)]))


def examples(person: knowledge.Profile, lang: str) -> list[str]:
    """Schemes to name in « which scheme? »: those of the person's place and profile first."""
    if person.department or person.outside_region:
        fitting = [r.scheme for r in knowledge.recommend(kb().schemes, person, 4)]
        if fitting:
            return [s.name_in(person.department, lang) for s in fitting]
    return [s.text("name", lang) for s in kb().schemes if s.source.is_seed][:4]


def which_scheme(turn: Turn) -> Reply:
    """« De quel dispositif parlez-vous ? », with examples."""
    names = join(examples(turn.person, turn.lang), turn.lang)
    return said(Block(Kind.QUESTION, turn.lang, [say("which_scheme", turn.lang, names=names)]))


def verdict_first(turn: Turn, scheme: knowledge.Scheme, verdict: str | None) -> Reply:
    """« c'est pour moi si … ? » said with a profile: yes or no and why, with what the scheme
    is, so that the answer stands on its own (the list that fits follows it)."""
    if not verdict:
        return Reply()
    lang, person = turn.lang, turn.person
    lines = [verdict, scheme.text("description", lang), *sl.key_fact(scheme, lang)]
    lines += sl.elsewhere(scheme, person, lang, said_why=True)
    return said(Block(Kind.FACT, lang, lines))
