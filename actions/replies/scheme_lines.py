"""The lines that say one scheme to one person: what it is, for whom, its facts, its key
figure, whether it runs, and what stands in for it where the person is."""

import re
from dataclasses import replace

import knowledge
from actions.context import covers, departments_phrase, kb
from actions.messages import capitalise, date_words, de, join, say
from actions.replies.phrases import audiences, fact_text, the, to, whom
from actions.turn import retriever
from knowledge.text import fold

SHOWN_AT_ONCE = 3  # schemes detailed in a first answer; the others are offered by name


def info_lines(scheme: knowledge.Scheme, lang: str) -> list[str]:
    """What the scheme is, for whom and where, and its next step (when it runs)."""
    name = scheme.text("name", lang)
    operator = re.sub(r"\s*\(.*\)", "", scheme.operator)
    heading = name if fold(operator) in fold(name) else f"{name} ({scheme.operator})"
    lines = [
        say("scheme_info", lang, heading=heading, description=scheme.text("description", lang)),
        say(
            "scheme_for",
            lang,
            audiences=audiences(scheme, lang),
            where=departments_phrase(scheme.departments, lang, scheme.national),
        ),
    ]
    if not scheme.inactive_checked_on:  # its next step is then what `inactivity` says
        lines.append(say("next_step", lang, step=scheme.text("next_step", lang)))
    return lines


def audience_lines(scheme: knowledge.Scheme, lang: str) -> list[str]:
    """Whom the scheme is for, and its audience facts."""
    lines = [
        say(
            "scheme_audience",
            lang,
            name=capitalise(scheme.text("name", lang)),
            audiences=to(audiences(scheme, lang), lang),
            where=departments_phrase(scheme.departments, lang, scheme.national),
        )
    ]
    lines += [fact_text(f, lang) for f in scheme.facts_about("audience")]
    return lines


def facts_lines(scheme: knowledge.Scheme, facts: tuple[knowledge.Fact, ...], lang: str) -> list[str]:
    """The facts, one per line; « je ne sais pas, voyez avec … » when there are none."""
    if not facts:
        who = whom(scheme, lang)
        return [say("no_fact", lang, name=scheme.text("name", lang), operator=who, de_operator=de(who))]
    return [say("facts", lang, name_cap=capitalise(scheme.text("name", lang)))] + [
        f"• {fact_text(f, lang)}" for f in facts
    ]


def join_line(scheme: knowledge.Scheme, lang: str) -> str:
    """« Pour rejoindre …, … »: how to join, its next step."""
    return say("join", lang, name=scheme.text("name", lang), step=scheme.text("next_step", lang))


def chosen_facts(scheme: knowledge.Scheme, text: str, topics: list[str]) -> tuple[knowledge.Fact, ...]:
    """The facts a question asks for ("combien de temps ?": durations), or all of them."""
    chosen = tuple(f for f in scheme.facts if f.topic in topics)
    if chosen or not topics:
        return chosen if topics else scheme.facts
    return retriever().facts_for(scheme, text)  # « en combien de fois ? »: by its words


def told_by_words(scheme: knowledge.Scheme, text: str, lines: list[str], lang: str) -> list[knowledge.Fact]:
    """The scheme's facts that the question's own words ask about (« ça marche aussi pour les
    BTS ? », « il accepte un projet humanitaire ? »), and that the answer does not say yet."""
    said = "\n".join(lines)
    return [f for f in retriever().facts_for(scheme, text) if fact_text(f, lang) not in said]


def of_topics(scheme: knowledge.Scheme, topics: list[str]) -> bool:
    """Whether the scheme has a fact of one of the kinds asked."""
    return any(f.topic in topics for f in scheme.facts)


def key_fact(scheme: knowledge.Scheme, lang: str) -> list[str]:
    """The scheme's key figure (an amount, else a duration), when its description lacks it."""
    key = next(iter(scheme.facts_about("amount") or scheme.facts_about("duration")), None)
    if key is None or fold(fact_text(key, lang)) in fold(scheme.text("description", lang)):
        return []
    return [fact_text(key, lang)]


def local_equivalents(scheme: knowledge.Scheme, person: knowledge.Profile) -> list[knowledge.Scheme]:
    """The schemes open where the person is that do what `scheme` does (one of its kinds), for
    the person's profile, best first; none when nothing there does the same."""
    here = [
        s for s in kb().schemes if s.id != scheme.id and person.department in s.departments and not s.national
    ]
    alike = [s for s in here if set(s.kinds) & set(scheme.kinds)]
    if person.audience or person.stage or person.project_kind:
        return [r.scheme for r in knowledge.recommend(alike, person, 3)]
    return alike[:3]


def discussed(scheme: knowledge.Scheme, person: knowledge.Profile) -> str:
    """The scheme the conversation goes on about: the one asked about, or, when it is not open
    where the person is, the local one proposed instead (« elle est où, la plus proche ? »)."""
    if covers(scheme, person.department):
        return scheme.id
    equivalents = local_equivalents(scheme, person)
    return equivalents[0].id if equivalents else scheme.id


def elsewhere(
    scheme: knowledge.Scheme, person: knowledge.Profile, lang: str, said_why: bool = False
) -> list[str]:
    """For a scheme that is not open where the person is: says so, and the local equivalents."""
    if not person.department or covers(scheme, person.department):
        return []
    here = kb().vocabulary.department_in(person.department, lang)
    name, where_ = capitalise(scheme.text("name", lang)), the(scheme.departments, lang)
    lines = [] if said_why else [say("not_here", lang, name=name, where=where_, here=here)]
    equivalents = local_equivalents(scheme, person)
    if equivalents:
        names = join([s.name_in(person.department, lang) for s in equivalents], lang)
        lines.append(say("local_instead", lang, here=capitalise(here), names=names))
    return lines


def fitting_instead(instead: list[knowledge.Scheme], person: knowledge.Profile) -> list[knowledge.Scheme]:
    """The current schemes to turn to that fit the person; for a kind of project none of them
    is made for (a sports club), those that fit the rest of the profile."""
    fitting = [r.scheme for r in knowledge.recommend(instead, person)]
    if not fitting and person.project_kind:
        fitting = [r.scheme for r in knowledge.recommend(instead, replace(person, project_kind=None))]
    return fitting


def inactivity(scheme: knowledge.Scheme, lang: str, person: knowledge.Profile | None = None) -> list[str]:
    """For a scheme no page shows running: says so, and names the current schemes to turn to
    (those that fit the person, when the profile says)."""
    if not scheme.inactive_checked_on:
        return []
    instead = [kb().scheme(i) for i in scheme.instead]
    if person is not None and (person.audience or person.department):
        instead = fitting_instead(instead, person)
    names = [s.name_in(person.department if person else None, lang) for s in instead]
    where = departments_phrase(scheme.departments, lang)
    return [
        say(
            "no_activity",
            lang,
            name=scheme.text("name", lang),
            checked_on=date_words(scheme.inactive_checked_on, lang),
        ),
        say("instead", lang, where=where, names=join(names, lang))
        if names
        else say("instead_none", lang, where=where),
    ]


def instead_of(scheme: knowledge.Scheme, person: knowledge.Profile, lang: str) -> list[str]:
    """For a scheme that does not fit the person's profile: the ones that do, by name."""
    if knowledge.recommend([scheme], person):
        return []
    fitting = knowledge.recommend([s for s in kb().schemes if s.id != scheme.id], person, SHOWN_AT_ONCE)
    names = [r.scheme.name_in(person.department, lang) for r in fitting]
    return [say("fit_instead", lang, names=join(names, lang))] if names else []


def before_lines(scheme: knowledge.Scheme, person: knowledge.Profile, lang: str) -> list[str]:
    """The schemes that lead to `scheme`, open where the person is (« what comes before it? »)."""
    before = [kb().scheme(i) for i in scheme.preceded_by if covers(kb().scheme(i), person.department)]
    return [
        say("before", lang, name=b.text("name", lang), description=b.text("description", lang))
        for b in before
    ]
