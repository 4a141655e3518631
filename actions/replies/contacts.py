"""Contact answers: a scheme's website, phone, e-mail and nearest site, each with its page."""

from rasa_sdk.events import SlotSet

import knowledge
from actions import cues
from actions.answer import Block, Kind, Reply, said
from actions.compose import handoff_button
from actions.context import OUTSIDE, kb
from actions.messages import de, join, say
from actions.replies import scheme_lines as sl
from actions.replies.phrases import source, sources, whom
from actions.turn import Turn
from knowledge.contacts import Site, nearest
from knowledge.geography import Commune


def home(turn: Turn) -> Commune | None:
    """The person's commune, when the profile names one of the region."""
    commune, department = turn.slot("commune"), turn.slot("department")
    if not commune or not department or department == OUTSIDE:
        return None
    return kb().places.commune(commune.split(" (")[0], [department])


def origin(turn: Turn) -> tuple[Commune | None, str]:
    """Where to look from, and its name: the place the latest message names (« la plus proche
    de Clermont »; an area by its main commune), else the person's commune."""
    for entity in turn.entities("place"):
        resolved = entity.get("resolved")
        departments = (resolved or {}).get("departments") or []
        if not resolved or resolved.get("place_kind") not in ("commune", "department", "postal_code"):
            continue
        places = kb().places
        if resolved.get("area"):
            found = places.main_commune(resolved["label"], departments)
        elif resolved["place_kind"] == "department":
            continue  # a whole department: no town to start from
        else:  # a commune, or a postal code's first commune
            name = ((resolved.get("candidates") or [resolved["label"]])[0]).split("|")[0]
            found = places.commune(name, departments)
        if found:  # an area or a postal code is said by its commune: « le plus proche de Cambrai »
            return found, found.name
    return home(turn), (turn.slot("commune") or "").split(" (")[0]


def _site(site: Site) -> str:
    """« Denain (BGE de Denain) »: a place's name when it names that one site."""
    return f"{site.town} ({site.place.name})" if site.place.name and len(site.place.towns) == 1 else site.town


def _lines(
    scheme: knowledge.Scheme, kinds: set[str], start: tuple[Commune | None, str], lang: str
) -> tuple[list[str], list[knowledge.Source]]:
    name = scheme.text("name", lang)
    contact = scheme.contact
    who = whom(scheme, lang)
    if contact is None:
        return [say("contact_none", lang, who=who, de_who=de(who)), sl.join_line(scheme, lang)], []
    lines = [say("contact_head", lang, name=name)]
    found: list[knowledge.Source] = []
    channels = [("website", [contact.website] if contact.website else [])]
    channels += [("phone", list(contact.phones)), ("email", list(contact.emails))]
    for kind, items in channels:
        lines += [say(f"contact_{kind}", lang, value=item.value) for item in items]
        found += [item.source for item in items]
    commune, town = start
    sites, level = nearest(scheme, commune, kb().places)
    if sites:
        towns = join(list(dict.fromkeys(_site(s) for s in sites)), lang)
        if level:
            shared = say(f"level_{level}", lang)
            lines.append(say("contact_nearest", lang, town=town, level=shared, sites=towns))
        else:
            lines.append(say("contact_places", lang, sites=towns))
        found += [s.place.source for s in sites]
    given = {kind for kind, items in channels if items} | ({"place"} if sites else set())
    missing = [kind for kind in cues.contact_kinds() if kind in kinds and kind not in given | {"any"}]
    for kind in missing:
        what = say(f"missing_{kind}", lang)
        lines.append(say("contact_missing", lang, what=what, who=who, de_who=de(who)))
    if missing:
        lines.append(say("contact_ask_them", lang, who=who, de_who=de(who)))
    return lines, list({s.page: s for s in found}.values())


def contacts(turn: Turn, scheme_id: str) -> Reply:
    """The contacts of the scheme, the sites nearest the person, what the base lacks, the offer
    to be put in touch."""
    lang, scheme = turn.lang, kb().scheme(scheme_id)
    lines, pages = _lines(scheme, turn.contact_kinds, origin(turn), lang)
    if pages:
        lines.append(sources(pages, lang))
    lines.append(say("offer_handoff", lang))
    block = Block(Kind.CONTACT, lang, lines, buttons=[handoff_button(scheme.id, lang)])
    return said(block, [SlotSet("scheme", scheme.id)])


def where_to_apply(turn: Turn, scheme_id: str) -> Reply:
    """« je m'inscris où ? »: where to apply is the scheme's next step, not its offices."""
    scheme = kb().scheme(scheme_id)
    block = Block(
        Kind.NEXT_STEP, turn.lang, [sl.join_line(scheme, turn.lang)], source=source(scheme, turn.lang)
    )
    return said(block, [SlotSet("scheme", scheme.id)])


def ask_whose(turn: Turn) -> Reply:
    """No scheme discussed: « les coordonnées de quel dispositif ? », with examples."""
    examples = [s.text("name", turn.lang) for s in kb().schemes if s.contact][:4]
    return said(
        Block(Kind.QUESTION, turn.lang, [say("contact_ask_who", turn.lang, names=join(examples, turn.lang))])
    )
