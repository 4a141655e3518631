"""Answer with the knowledge base: recommendations, a scheme's facts, next steps, lists."""

import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

import knowledge
from actions.contacts import ActionContact, asked, handoff_button
from actions.context import (
    OUTSIDE,
    candidate,
    current_scheme,
    departments_phrase,
    entities,
    intent,
    kb,
    language,
    profile,
    resolved_place,
    shown,
    where,
    who,
)
from actions.messages import capitalise, date_words, de, join, of_date, say
from actions.sources import page
from knowledge.freshness import is_old
from knowledge.text import fold

# Words of a question that point to one kind of fact ("combien de temps ?" -> duration).
_FACT_TOPICS = [
    ("duration", r"combien de temps|dur[ée]e?|dure|heures|how long|hours|jours|mois"),
    ("cost", r"gratuit|co[uû]t|payant|prix|cher|free|cost|price|fee"),
    ("amount", r"montant|combien d.argent|pr[eê]t|euros?|€|how much money|loan|amount"),
    ("frequency", r"quand|chaque ann[ée]e|date|p[ée]riode|when|how often"),
    ("deadline", r"quand|avant|d[ée]lai|date limite|deadline|when|before"),
    ("size", r"combien d[e']|nombre|how many"),
    ("place", r"o[uù] |lieu|where"),
]
MAX_CARDS = 3
_ORDINALS = {
    "premier": 0,
    "1er": 0,
    "1ere": 0,
    "2e": 1,
    "2eme": 1,
    "3e": 2,
    "3eme": 2,
    "premiere": 0,
    "1": 0,
    "first": 0,
    "un": 0,
    "deuxieme": 1,
    "second": 1,
    "seconde": 1,
    "2": 1,
    "deux": 1,
    "troisieme": 2,
    "third": 2,
    "3": 2,
    "trois": 2,
    "quatrieme": 3,
    "fourth": 3,
    "4": 3,
    "quatre": 3,
    "dernier": -1,
    "derniere": -1,
    "last": -1,
}


def _source(scheme: knowledge.Scheme, lang: str, facts: tuple[knowledge.Fact, ...] = ()) -> str:
    """'Source : <page> (page lue le …). Conditions à vérifier auprès de …': where the answer comes from."""
    pages = list({s.page: s for s in ([f.source for f in facts] or [scheme.source])}.values())
    listed = ("; " if lang == "en" else " ; ").join(page(p, lang) for p in pages)
    sources = say("sources" if len(pages) > 1 else "source", lang, sources=listed)
    who = scheme.text("verify_with", lang)
    return f"{sources} {say('check_with', lang, who=who, de_who=de(who))}" if who else sources


def _kinds(scheme: knowledge.Scheme, lang: str) -> str:
    """'formation et accompagnement': what the scheme offers."""
    return join([kb().vocabulary.label("kinds", k, lang) for k in scheme.kinds[:2]], lang)


def _audiences(scheme: knowledge.Scheme, lang: str) -> str:
    """'les étudiants et les jeunes diplômés': whom the scheme is for."""
    return join([kb().vocabulary.label("audiences", a, lang) for a in scheme.audiences], lang)


def _why(rec: knowledge.Recommendation, audience: str | None, lang: str) -> str:
    """One line: why this scheme fits."""
    scheme = rec.scheme
    vocabulary = kb().vocabulary
    audience = audience if rec.direct_audience and audience else "creator"
    reason = ("for " if lang == "en" else "pour ") + vocabulary.label("audiences", audience, lang)
    kinds = _kinds(scheme, lang)
    place = departments_phrase(scheme.departments, lang, scheme.national)
    line = f"{kinds}, {reason}, {place}"
    if scheme.inactive_checked_on:
        line += f" ({say('no_activity_short', lang)})"
    elif scheme.verify_with:
        who = scheme.text("verify_with", lang)
        line += f" ({say('verify', lang, who=who, de_who=de(who))})"
    return line


def _website(scheme: knowledge.Scheme) -> str | None:
    """The scheme's website from the knowledge base (https only, checked by its schema)."""
    website = scheme.contact.website if scheme.contact else None
    return website.value if website and website.value.startswith("https://") else None


def _cards(
    recommendations: list[knowledge.Recommendation], audience: str | None, channel: str, lang: str
) -> dict[str, Any] | None:
    """The recommended schemes as cards: the widget draws them (its buttons are signed as
    quick replies), Telegram shows URL and callback buttons. None for text-only channels."""
    schemes = [r.scheme for r in recommendations[:MAX_CARDS]]
    if channel == "telegram":
        buttons = []
        for scheme in schemes:
            name = scheme.text("name", lang)
            if _website(scheme):
                buttons.append({"title": f"{say('card_site', lang)} — {name}"[:64], "url": _website(scheme)})
            contact = handoff_button(scheme.id, lang)
            buttons.append({**contact, "title": f"{contact['title']} — {name}"[:64]})
        return {"text": say("cards_intro", lang), "buttons": buttons}
    if channel == "webchat":
        cards = [
            {
                "title": scheme.text("name", lang),
                "text": _why(rec, audience, lang),
                "url": _website(scheme),
                "site_label": say("card_site", lang),
                "reply": i,
            }
            for i, (scheme, rec) in enumerate((r.scheme, r) for r in recommendations[:MAX_CARDS])
        ]
        return {"cards": cards, "quick_replies": [handoff_button(s.id, lang) for s in schemes]}
    return None


class ActionRecommend(Action):
    """Ranks the schemes that fit the profile and gives the next step."""

    def name(self) -> str:
        return "action_recommend"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        lang = language(tracker)
        person = profile(tracker)
        recommendations = kb().recommend(person)
        lines: list[str] = []
        if tracker.get_slot("department") == OUTSIDE:
            lines.append(say("outside", lang, place=tracker.get_slot("commune") or "?"))
            if recommendations:
                lines.append(say("outside_national", lang))
        elif recommendations:
            lines.append(say("intro", lang, who=who(tracker, lang), where=where(tracker, lang)))
            note = _place_note(tracker, lang)
            if note:
                lines.append(note)
        if not recommendations:
            lines += self._nothing(tracker, person, lang)
            dispatcher.utter_message(text="\n".join(lines))
            return [SlotSet("shown_schemes", None)]
        for i, rec in enumerate(recommendations, 1):
            lines.append(f"{i}. {rec.scheme.text('name', lang)} — {_why(rec, person.audience, lang)}")
            if _website(rec.scheme):
                lines.append(say("site_line", lang, url=_website(rec.scheme)))
        first = recommendations[0].scheme
        lines.append(say("next_step", lang, step=first.text("next_step", lang)))
        dispatcher.utter_message(text="\n".join(lines))
        more = f"{say('more_on_first', lang, name=first.text('name', lang))} {say('offer_handoff', lang)}"
        dispatcher.utter_message(text=more, buttons=_buttons(recommendations, lang))
        cards = _cards(recommendations, person.audience, tracker.get_latest_input_channel() or "", lang)
        if cards:
            dispatcher.utter_message(json_message=cards)
        ids = [r.scheme.id for r in recommendations]
        return [SlotSet("shown_schemes", ids), SlotSet("scheme", first.id)]

    @staticmethod
    def _nothing(tracker: Tracker, person: knowledge.Profile, lang: str) -> list[str]:
        if person.outside_region:
            return [say("outside_nothing", lang)]
        return [
            say("nothing_fits", lang, who=who(tracker, lang), where=where(tracker, lang)),
            say("nothing_fits_other", lang),
        ]


def _place_note(tracker: Tracker, lang: str) -> str | None:
    """Mentions the namesakes of a town that was taken for the largest of them."""
    others = tracker.get_slot("place_candidates") or []
    commune = tracker.get_slot("commune")
    if not others or not commune or not tracker.get_slot("department"):
        return None
    places = kb().places
    chosen = f"{commune} ({places.department_name(tracker.get_slot('department'))})"
    names = [
        f"{name} ({places.department_name(department)})" for name, department, _ in map(candidate, others)
    ]
    return say("place_note", lang, chosen=chosen, others=join(names, lang))


def _buttons(recommendations: list[knowledge.Recommendation], lang: str) -> list[dict[str, str]]:
    prefix = "What is " if lang == "en" else "C'est quoi "
    buttons = [
        {
            "title": r.scheme.text("name", lang)[:60],
            "payload": f"{prefix}{r.scheme.aliases[0] if r.scheme.aliases else r.scheme.name} ?",
        }
        for r in recommendations[:3]
    ]
    buttons.append(
        {
            "title": "What next?" if lang == "en" else "Et après ?",
            "payload": "What next?" if lang == "en" else "Et après ?",
        }
    )
    return buttons


class ActionSchemeAnswer(Action):
    """Answers a question about one scheme: what it is, who it is for, facts, how to join."""

    def name(self) -> str:
        return "action_scheme_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        lang = language(tracker)
        question = intent(tracker)
        scheme_id = _chosen(tracker) if question == "choose_item" else current_scheme(tracker)
        if scheme_id is None:
            examples = [s.text("name", lang) for s in kb().schemes if s.source.is_seed][:4]
            dispatcher.utter_message(text=say("which_scheme", lang, names=join(examples, lang)))
            return []
        scheme = kb().scheme(scheme_id)
        text = tracker.latest_message.get("text") or ""
        facts: tuple[knowledge.Fact, ...] = ()
        if question == "ask_scheme_audience":
            facts = scheme.facts_about("audience")
            lines = self._audience(scheme, tracker, lang)
        elif question in ("ask_scheme_facts", "ask_how_to_join") and _contact_question(scheme, text):
            return await ActionContact().run(dispatcher, tracker, domain)
        elif question == "ask_scheme_facts":
            facts = self._chosen_facts(scheme, text)
            lines = self._facts(scheme, facts, lang)
        elif question == "ask_how_to_join" and scheme.inactive_checked_on:
            lines = []  # _inactivity says what to do instead
        elif question == "ask_how_to_join":
            lines = [say("join", lang, name=scheme.text("name", lang), step=scheme.text("next_step", lang))]
        else:
            lines = self._info(scheme, lang)
        lines += _inactivity(scheme, lang)
        lines.append(_source(scheme, lang, facts))
        dispatcher.utter_message(text="\n".join(lines))
        return [SlotSet("scheme", scheme.id)]

    @staticmethod
    def _info(scheme: knowledge.Scheme, lang: str) -> list[str]:
        name = scheme.text("name", lang)
        operator = re.sub(r"\s*\(.*\)", "", scheme.operator)
        heading = name if fold(operator) in fold(name) else f"{name} ({scheme.operator})"
        lines = [
            say("scheme_info", lang, heading=heading, description=scheme.text("description", lang)),
            say(
                "scheme_for",
                lang,
                audiences=_audiences(scheme, lang),
                where=departments_phrase(scheme.departments, lang, scheme.national),
            ),
        ]
        if not scheme.inactive_checked_on:  # its next step is then what _inactivity says
            lines.append(say("next_step", lang, step=scheme.text("next_step", lang)))
        return lines

    @staticmethod
    def _audience(scheme: knowledge.Scheme, tracker: Tracker, lang: str) -> list[str]:
        lines = [
            say(
                "scheme_audience",
                lang,
                name=scheme.text("name", lang),
                audiences=_audiences(scheme, lang),
                where=departments_phrase(scheme.departments, lang, scheme.national),
            )
        ]
        lines += [_fact_text(f, lang) for f in scheme.facts_about("audience")]
        person = profile(tracker)
        if person.audience and (person.department or person.outside_region):
            fits = any(r.scheme.id == scheme.id for r in knowledge.recommend([scheme], person))
            lines.append(
                say("fit_yes" if fits else "fit_no", lang, who=who(tracker, lang), where=where(tracker, lang))
            )
        return lines

    @staticmethod
    def _chosen_facts(scheme: knowledge.Scheme, text: str) -> tuple[knowledge.Fact, ...]:
        """The facts a question asks for ("combien de temps ?": durations), or all of them."""
        topics = [topic for topic, pattern in _FACT_TOPICS if re.search(pattern, text.lower())]
        return tuple(f for f in scheme.facts if f.topic in topics) if topics else scheme.facts

    @staticmethod
    def _facts(scheme: knowledge.Scheme, facts: tuple[knowledge.Fact, ...], lang: str) -> list[str]:
        if not facts:
            return [
                say(
                    "no_fact",
                    lang,
                    name=scheme.text("name", lang),
                    operator=scheme.text("verify_with", lang) or scheme.operator,
                    de_operator=de(scheme.text("verify_with", lang) or scheme.operator),
                )
            ]
        return [say("facts", lang, name_cap=capitalise(scheme.text("name", lang)))] + [
            f"• {_fact_text(f, lang)}" for f in facts
        ]


def _contact_question(scheme: knowledge.Scheme, text: str) -> bool:
    """« c'est où ? », « ils ouvrent à quelle heure ? »: a contact, not a fact, is asked
    (where a scheme has sites, they answer « où ? » better than its place facts)."""
    topics = {topic for topic, pattern in _FACT_TOPICS if re.search(pattern, text.lower())}
    sites = bool(scheme.contact and scheme.contact.places) or not scheme.facts_about("place")
    whom = re.search(r"\bqui\b|\bwho\b", text.lower())  # « qui contacter ? »: the next step says
    return bool(asked(text)) and topics <= {"place"} and sites and not whom


def _fact_text(fact: knowledge.Fact, lang: str) -> str:
    """The fact, with « (information de 2023, à vérifier) » when its page is old or undated."""
    text = fact.text_en if lang == "en" else fact.text
    source = fact.source
    if source.is_seed:
        note = ""  # the source line says the seed article is undated
    elif source.published is None:
        note = say("fact_undated", lang)
    elif is_old(source.published, kb().settings.fact_max_age_months):
        when = source.published
        note = say("fact_dated", lang, of_date=of_date(when), date=date_words(when, lang))
    else:
        note = ""
    if not note:
        return text
    return f"{text[:-1]} {note}." if text.endswith(".") else f"{text} {note}"


def _inactivity(scheme: knowledge.Scheme, lang: str) -> list[str]:
    """For a scheme no page shows running: says so, and names the current schemes to turn to."""
    if not scheme.inactive_checked_on:
        return []
    names = [kb().scheme(i).text("name", lang) for i in scheme.instead]
    return [
        say(
            "no_activity",
            lang,
            name=scheme.text("name", lang),
            checked_on=date_words(scheme.inactive_checked_on, lang),
        ),
        say("instead", lang, where=departments_phrase(scheme.departments, lang), names=join(names, lang)),
    ]


def _chosen(tracker: Tracker) -> str | None:
    """The scheme picked by "le premier", "le 2", "celui-là" among those just shown."""
    listed = shown(tracker)
    for entity in entities(tracker, "ordinal"):
        word = fold(str(entity.get("value", "")))
        for token in word.split():
            if token in _ORDINALS and listed:
                index = _ORDINALS[token]
                if index < len(listed):
                    return listed[index]
    return current_scheme(tracker)


class ActionNextStep(Action):
    """Gives the next step: that of the scheme under discussion, then the scheme it leads to."""

    def name(self) -> str:
        return "action_next_step"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        lang = language(tracker)
        scheme_id = current_scheme(tracker)
        if scheme_id is None:
            dispatcher.utter_message(text=say("need_profile", lang))
            return []
        scheme = kb().scheme(scheme_id)
        given = _step_given(tracker, scheme, lang)
        if given and scheme.leads_to:
            following = kb().scheme(scheme.leads_to)
            dispatcher.utter_message(
                text=say(
                    "then",
                    lang,
                    name=following.text("name", lang),
                    description=following.text("description", lang),
                )
            )
            return [SlotSet("scheme", following.id)]
        if given:
            name, who = scheme.text("name", lang), scheme.verify_with or scheme.operator
            lines = [say("end_of_path", lang, name=name, operator=scheme.operator, de_operator=de(who))]
            others = [kb().scheme(s).text("name", lang) for s in shown(tracker) if s != scheme.id]
            if others:
                lines.append(say("end_of_path_others", lang, names=join(others, lang)))
            dispatcher.utter_message(text="\n".join(lines))
            return []
        dispatcher.utter_message(text=say("next_step", lang, step=scheme.text("next_step", lang)))
        return [SlotSet("scheme", scheme.id)]


def _step_given(tracker: Tracker, scheme: knowledge.Scheme, lang: str) -> bool:
    """Whether the bot's answer to the previous message already gave this scheme's next step."""
    step = scheme.text("next_step", lang)
    users_seen = 0
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            users_seen += 1
            if users_seen == 2:
                return False
        elif event.get("event") == "bot" and step in (event.get("text") or ""):
            return True
    return False


class ActionListSchemes(Action):
    """Lists the schemes of a place, of an operator, or all of them."""

    def name(self) -> str:
        return "action_list_schemes"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        lang = language(tracker)
        operator = entities(tracker, "operator")
        place = resolved_place(tracker)
        if operator:
            schemes = kb().index.schemes_of_operator(operator[0]["value"])
            head = say("list_operator", lang, operator=_operator_name(schemes, operator[0]["value"]))
        else:
            departments = tuple(place.get("departments") or ()) if place else ()
            if not departments and tracker.get_slot("department") not in (None, OUTSIDE):
                departments = (tracker.get_slot("department"),)
            if departments and (not place or place.get("place_kind") != OUTSIDE):
                schemes = [s for s in kb().schemes_in(departments) if not s.national]
                phrase = departments_phrase(departments, lang)
                head = say(
                    "list_intro", lang, where_cap=capitalise(("In " if lang == "en" else "En ") + phrase)
                )
            else:
                schemes = [s for s in kb().schemes if not s.national]
                head = say("list_all", lang)
        if not schemes:
            dispatcher.utter_message(text=say("list_none", lang, where=where(tracker, lang)))
            return []
        lines = [head] + [
            f"• {s.text('name', lang)} ({_kinds(s, lang)}; {departments_phrase(s.departments, lang)})"
            for s in schemes
        ]
        dispatcher.utter_message(text="\n".join(lines))
        return [SlotSet("shown_schemes", [s.id for s in schemes])]


def _operator_name(schemes: list[knowledge.Scheme], typed: str) -> str:
    """The operator's name, or what the person typed when it names several ("la CCI")."""
    names = {s.operator for s in schemes}
    return names.pop() if len(names) == 1 else typed.upper()


class ActionExplainBadInput(Action):
    """Answers a message that could not be understood: empty, symbols, very long, unclear."""

    def name(self) -> str:
        return "action_explain_bad_input"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        lang = language(tracker)
        text = tracker.latest_message.get("text") or ""
        if not any(ch.isalnum() for ch in text):
            key = "empty"
        elif len(text) >= 1000:  # the NLU keeps the first 1000 (bot/components/input_guard.py)
            key = "too_long"
        else:
            key = "not_understood"
        dispatcher.utter_message(text=say(key, lang))
        return []
