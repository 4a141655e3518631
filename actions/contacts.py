"""Contact questions: a scheme's website, phone, e-mail and nearest site, each with its page."""

import json
import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

import knowledge
from actions.context import OUTSIDE, current_scheme, kb, language, resolved_place
from actions.messages import de, join, say
from actions.sources import page
from knowledge.contacts import Site, nearest
from knowledge.geography import Commune

# Words of a question that ask for one kind of contact ("un numéro ?" -> phone).
_ASKED = [
    ("phone", r"t[ée]l[ée]?phone|\btel\b|num[ée]ro|appeler|phone|\bcall\b"),
    ("email", r"mail|courriel|e-mail"),
    ("website", r"\blien|\bsite\b|\bweb|\burl\b|\blink|website"),
    ("hours", r"horaire|heures? d.ouverture|ouvert|ouvrent|opening|hours|open\b"),
    (
        "place",
        r"(?<![sS]')adresse(?! ?(e-)?mail)|\bo[uù]\b|situ[ée]|locaux|bureau|antenne|agence"
        r"|address|where|office",
    ),
    ("any", r"\bcontact|joindre|\breach\b|coordonn|get in touch"),
]


def asked(text: str) -> set[str]:
    """The kinds of contact a message asks for: phone, email, website, hours, place."""
    return {kind for kind, pattern in _ASKED if re.search(pattern, text.lower())}


def handoff_button(scheme_id: str | None, lang: str) -> dict[str, str]:
    """« Être recontacté »: a self-contained payload (signed by the channels, within Telegram's 64 bytes)."""
    entity = json.dumps({"scheme": scheme_id}, separators=(",", ":")) if scheme_id else ""
    return {"title": say("handoff_button", lang), "payload": f"/handoff{entity}"}


def home(tracker: Tracker) -> Commune | None:
    """The person's commune, when the profile names one of the region."""
    commune, department = tracker.get_slot("commune"), tracker.get_slot("department")
    if not commune or not department or department == OUTSIDE:
        return None
    return kb().places.commune(commune.split(" (")[0], [department])


def origin(tracker: Tracker) -> tuple[Commune | None, str]:
    """Where to look from, and its name: the place the latest message names (« la plus proche
    de Clermont »; an area by its main commune), else the person's commune."""
    for entity in tracker.latest_message.get("entities") or []:
        resolved = entity.get("resolved") if entity.get("entity") == "place" else None
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
    return home(tracker), (tracker.get_slot("commune") or "").split(" (")[0]


def _site(site: Site) -> str:
    """« Denain (BGE de Denain) »: a place's name when it names that one site."""
    return f"{site.town} ({site.place.name})" if site.place.name and len(site.place.towns) == 1 else site.town


class ActionContact(Action):
    """Answers « téléphone ? », « le site ? », « c'est où ? » for the scheme under discussion."""

    def name(self) -> str:
        return "action_contact"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        return await self.reply(dispatcher, tracker, domain)

    async def reply(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: dict[str, Any],
        scheme_id: str | None = None,
    ) -> list[dict[str, Any]]:
        """The contacts of `scheme_id`, else of the scheme the message names or the one discussed."""
        lang = language(tracker)
        text = tracker.latest_message.get("text") or ""
        from actions import answers  # answers imports this module

        topics = set(answers.fact_topics(text))
        if answers.asks("after", text):  # « après le PEPITE, je vais où ? »: the next step
            return await answers.ActionNextStep().run(dispatcher, tracker, domain)
        if answers.asks("source", text) or (not asked(text) and (answers.asks("for_me", text) or topics)):
            # « ça s'adresse à des gens comme moi ? », « ils sont combien ? »: not a contact question
            about_person = answers.asks("for_me", text) or topics <= {"audience"}
            question = "ask_scheme_audience" if about_person else "ask_scheme_facts"
            return await answers.ActionSchemeAnswer().answer(dispatcher, tracker, domain, question)
        follow_up = re.match(r"\s*(et|and)\b", text, re.IGNORECASE)  # « et à Beauvais »: the same question
        statement = not asked(text) and not answers.asks("question", text) and not follow_up
        if statement and resolved_place(tracker):
            # « finalement ce sera à Saint-Quentin »: a new place said, no contact asked
            return answers.describe_person(dispatcher, tracker, lang)
        if scheme_id is None and current_scheme(tracker) and not answers.named_in_message(tracker):
            # « la plus proche de Clermont ? » about a scheme of another department: the local one
            scheme_id = answers.discussed(kb().scheme(current_scheme(tracker)), answers.profile(tracker))
        # « une plateforme Initiative près de Beauvais ? »: the one of the person's department
        scheme_id = scheme_id or next(iter(answers.named_here(tracker)), None) or current_scheme(tracker)
        kinds = asked(text)
        if scheme_id and answers.asks("apply", text) and kinds <= {"place", "any"}:
            # « je m'inscris où ? »: where to apply is the scheme's next step, not its offices
            scheme = kb().scheme(scheme_id)
            step = say("join", lang, name=scheme.text("name", lang), step=scheme.text("next_step", lang))
            dispatcher.utter_message(text=f"{step}\n{answers.source_line(scheme, lang)}")
            return [SlotSet("scheme", scheme.id)]
        if scheme_id is None and tracker.get_slot("department") and tracker.get_slot("department") != OUTSIDE:
            # nothing under discussion yet: what fits the person there, rather than « which one? »
            return answers.show_recommendations(dispatcher, tracker, answers.profile(tracker), lang)
        if scheme_id is None:
            examples = [s.text("name", lang) for s in kb().schemes if s.contact][:4]
            dispatcher.utter_message(text=say("contact_ask_who", lang, names=join(examples, lang)))
            return []
        scheme = kb().scheme(scheme_id)
        lines, sources = self._lines(scheme, kinds, origin(tracker), lang)
        if sources:
            listed = ("; " if lang == "en" else " ; ").join(page(p, lang) for p in sources)
            lines.append(say("sources" if len(sources) > 1 else "source", lang, sources=listed))
        lines.append(say("offer_handoff", lang))
        dispatcher.utter_message(text="\n".join(lines), buttons=[handoff_button(scheme.id, lang)])
        return [SlotSet("scheme", scheme.id)]

    @staticmethod
    def _lines(
        scheme: knowledge.Scheme, kinds: set[str], start: tuple[Commune | None, str], lang: str
    ) -> tuple[list[str], list[knowledge.Source]]:
        name = scheme.text("name", lang)
        contact = scheme.contact
        who = scheme.text("verify_with", lang) or scheme.operator
        if contact is None:
            step = say("join", lang, name=name, step=scheme.text("next_step", lang))
            return [say("contact_none", lang, who=who, de_who=de(who)), step], []
        lines = [say("contact_head", lang, name=name)]
        sources: list[knowledge.Source] = []
        channels = [("website", [contact.website] if contact.website else [])]
        channels += [("phone", list(contact.phones)), ("email", list(contact.emails))]
        for kind, items in channels:
            lines += [say(f"contact_{kind}", lang, value=item.value) for item in items]
            sources += [item.source for item in items]
        commune, town = start
        sites, level = nearest(scheme, commune, kb().places)
        if sites:
            towns = join(list(dict.fromkeys(_site(s) for s in sites)), lang)
            if level:
                shared = say(f"level_{level}", lang)
                lines.append(say("contact_nearest", lang, town=town, level=shared, sites=towns))
            else:
                lines.append(say("contact_places", lang, sites=towns))
            sources += [s.place.source for s in sites]
        given = {kind for kind, items in channels if items} | ({"place"} if sites else set())
        missing = [kind for kind, _ in _ASKED if kind in kinds and kind not in given | {"any"}]
        for kind in missing:
            what = say(f"missing_{kind}", lang)
            lines.append(say("contact_missing", lang, what=what, who=who, de_who=de(who)))
        if missing:
            lines.append(say("contact_ask_them", lang, who=who, de_who=de(who)))
        return lines, list({s.page: s for s in sources}.values())
