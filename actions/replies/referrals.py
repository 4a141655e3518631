"""A practical question the schemes do not answer: « je ne sais pas », the body that handles
it (knowledge/data/referrals.yml, each line with its page), and the offer to be put in touch."""

from actions.answer import Block, Kind, Reply, said
from actions.compose import handoff_button
from actions.context import kb
from actions.messages import say
from actions.replies.phrases import domain, sources
from actions.turn import Turn


def referral(turn: Turn, topic: str) -> Reply:
    """Who handles `topic` where the person is, what it does, how to reach it, and its source."""
    lang = turn.lang
    bodies = kb().referrals.for_topic(topic, turn.person.department)
    body = min(bodies, key=lambda b: b.topics.index(topic))  # the one whose main topic it is
    name = body.name_en if lang == "en" else body.name
    lines = [say("referral_lead", lang, name=name, does=body.text("does", lang))]
    if body.website:
        lines.append(say("referral_site", lang, site=domain(body.website.value)))
    lines += [say("referral_phone", lang, phone=phone.value) for phone in body.phones[:1]]
    lines.append(say("offer_handoff", lang))
    pages = list({s.page: s for s in body.sources}.values())[:2]
    block = Block(
        Kind.REFERRAL, lang, lines, source=sources(pages, lang), buttons=[handoff_button(None, lang)]
    )
    return said(block)
