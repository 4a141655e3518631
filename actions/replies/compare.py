"""Two or three schemes side by side, and whether two combine."""

import re

from rasa_sdk.events import SlotSet

from actions.answer import Block, Kind, Reply, said
from actions.context import departments_phrase, kb
from actions.messages import capitalise, de, join, say
from actions.replies.fit import fit
from actions.replies.phrases import audiences, fact_text, kinds, operator_note, source, sources, whom
from actions.turn import Turn
from knowledge.text import fold

FIGURES_WITHIN = 700  # characters of a comparison within which each scheme's key figure is said


def comparison(turn: Turn, ids: list[str]) -> Reply:
    """Side by side, from the knowledge base's fields: what, for whom, where, a key fact."""
    lang = turn.lang
    schemes = [kb().scheme(i) for i in ids]
    lines = [say("compare_head", lang, names=join([s.text("name", lang) for s in schemes], lang))]
    figures: list[str] = []
    for scheme in schemes:
        key = next(iter(scheme.facts_about("amount") or scheme.facts_about("duration") or ()), None)
        line = say(
            "compare_line",
            lang,
            name=scheme.text("name", lang),
            operator=operator_note(scheme),
            kinds=kinds(scheme, lang),
            description=scheme.text("description", lang),
            audiences=audiences(scheme, lang),
            where=departments_phrase(scheme.departments, lang, scheme.national),
        )
        lines.append(line)
        figures.append(fact_text(key, lang) if key else "")
    pages = {s.source.page: s.source for s in schemes}
    cited = sources(list(pages.values()), lang)
    with_figures = [f"{line} {figure}".strip() for line, figure in zip(lines[1:], figures, strict=True)]
    if len("\n".join([lines[0], *with_figures, cited])) <= FIGURES_WITHIN:  # the key figures, when they fit
        lines[1:] = with_figures
    lines += [verdict for verdict in (fit(scheme, turn, lang) for scheme in schemes) if verdict]
    block = Block(Kind.FACT, lang, lines, source=cited)
    return said(block, [SlotSet("shown_schemes", ids), SlotSet("scheme", ids[0])])


def combination(turn: Turn, ids: list[str]) -> Reply:
    """Whether two schemes combine: only what a `combination` fact says, else « je ne sais pas »."""
    lang = turn.lang
    schemes = [kb().scheme(i) for i in ids]
    events = [SlotSet("shown_schemes", ids), SlotSet("scheme", ids[0])]
    facts = [f for s in schemes for f in s.facts_about("combination")]
    names = join([s.text("name", lang) for s in schemes], lang)
    if facts:
        block = Block(
            Kind.FACT,
            lang,
            [fact_text(f, lang) for f in facts],
            source=source(schemes[0], lang, tuple(facts)),
        )
        return said(block, events)
    # What the base does say about the two together: a fact of one that names the other.
    linked = [
        (a, f)
        for a in schemes
        for b in schemes
        if a is not b
        for f in a.facts
        if any(
            re.search(rf"\b{re.escape(fold(n))}\b", fold(f.text)) for n in (*b.aliases, b.name) if len(n) >= 4
        )
    ]
    asked = list(dict.fromkeys(whom(s, lang) for s in schemes))
    ask = join(asked if lang == "en" else [de(w) for w in asked], lang)
    unknown = say("combine_unknown", lang, names=names, whom=ask)
    if not linked:
        return said(Block(Kind.UNKNOWN, lang, [unknown]), events)
    lines = [unknown] + [f"{capitalise(a.text('name', lang))} : {fact_text(f, lang)}" for a, f in linked]
    sourced = source(linked[0][0], lang, tuple(f for _, f in linked))
    return said(Block(Kind.FACT, lang, lines, source=sourced), events)
