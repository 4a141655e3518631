"""Answer with the knowledge base: recommendations, a scheme's facts, next steps, lists."""

import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

import knowledge
import knowledge.loader
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
from actions.profile import SELF_STATEMENT
from actions.sources import page
from knowledge.freshness import is_old
from knowledge.institutions import Institutions
from knowledge.recommend import COMPATIBLE_STAGES, CREATOR_LIKE, ways_in
from knowledge.retrieve import Hit, Retriever
from knowledge.text import fold

MAX_CARDS = 3
SHOWN_AT_ONCE = 3  # schemes detailed in a first answer; the others are offered by name
MORE_LIMIT = 5  # schemes considered for a first answer (the ones after SHOWN_AT_ONCE are named)
STEP_TOPICS = {"prerequisite", "format"}  # « je fais quoi concrètement ? » asks the next step
STEP_MEMORY = 2  # previous answers in which a next step counts as already given
QUESTIONS_FILE = Path(knowledge.loader.DATA_DIR) / "questions.yml"


@lru_cache(maxsize=1)
def _questions() -> dict[str, Any]:
    """Fact-topic and ordinal words of knowledge/data/questions.yml."""
    data = yaml.safe_load(QUESTIONS_FILE.read_text(encoding="utf-8"))
    topics = [
        (topic, re.compile("|".join(words), re.IGNORECASE)) for topic, words in data["fact_topics"].items()
    ]
    ordinals = {fold(str(word)): int(index) for index, words in data["ordinals"].items() for word in words}
    patterns = {
        key: re.compile("|".join(data[key]), re.IGNORECASE)
        for key in (
            "for_me",
            "compare",
            "combine",
            "after",
            "what_fits",
            "source",
            "apply",
            "question",
            "nearest",
            "other_than",
            "correction",
            "before",
        )
    }
    return {"topics": topics, "ordinals": ordinals, **patterns}


def asks(kind: str, text: str) -> bool:
    """Whether `text` asks « for me? », a comparison, whether schemes combine, where to apply, what
    else fits (« à part … »), what comes before, or corrects what the person said…"""
    return bool(_questions()[kind].search(text))


def fact_topics(text: str) -> list[str]:
    """The kinds of fact a question asks for ("combien de temps ?" -> duration)."""
    return [topic for topic, pattern in _questions()["topics"] if pattern.search(text.lower())]


def ordinal_index(word: str) -> int | None:
    """0 for « premier », 1 for « le 2e », -1 for « le dernier »; None for other words."""
    return _questions()["ordinals"].get(fold(word))


def about(text: str) -> str:
    """`text` without the words that ask for a kind of fact (« à quel public ? », « combien de
    temps ? »): what is left says what the question is about."""
    for _, pattern in _questions()["topics"]:
        text = pattern.sub(" ", text)
    return text


@lru_cache(maxsize=1)
def _retriever() -> Retriever:
    return Retriever(kb().schemes)


def question_text(tracker: Tracker) -> str:
    """The latest message without the place and profile it gives (« je suis à Lille » names no
    scheme and asks no fact)."""
    text = tracker.latest_message.get("text") or ""
    for entity in entities(tracker, "place") + entities(tracker, "audience") + entities(tracker, "stage"):
        start, end = entity.get("start", 0), entity.get("end", 0)
        if 0 <= start < end <= len(text):
            text = text[:start] + " " * (end - start) + text[end:]
    return text


def retrieved(tracker: Tracker) -> Hit | None:
    """The scheme, and facts, the latest message clearly asks about in its own words (« la
    banque ne suit pas » -> microcredit), with the conversation's schemes and the person's
    department and audience weighed in; None when the knowledge base cannot tell."""
    text = tracker.latest_message.get("text") or ""
    person, current = profile(tracker), current_scheme(tracker)
    hit = _retriever().best(
        about(question_text(tracker)),
        tuple(fact_topics(text)),
        department=person.department,
        audience=person.audience,
        current=current,
        shown=tuple(shown(tracker)),
    )
    if hit and current and hit.scheme.id != current and not covers(hit.scheme, person.department):
        return None  # a follow-up does not leave the person's department for another scheme
    return hit


def _source(scheme: knowledge.Scheme, lang: str, facts: tuple[knowledge.Fact, ...] = ()) -> str:
    """'Source : <page> (page lue le …). Conditions à vérifier auprès de …': where the answer comes from."""
    pages = list({s.page: s for s in ([f.source for f in facts] or [scheme.source])}.values())
    listed = ("; " if lang == "en" else " ; ").join(page(p, lang) for p in pages)
    sources = say("sources" if len(pages) > 1 else "source", lang, sources=listed)
    who = scheme.text("verify_with", lang)
    return f"{sources} {say('check_with', lang, who=who, de_who=de(who))}" if who else sources


def source_line(scheme: knowledge.Scheme, lang: str) -> str:
    """Where what is said of `scheme` was read, and whom to check with."""
    return _source(scheme, lang)


def _kinds(scheme: knowledge.Scheme, lang: str) -> str:
    """'formation et accompagnement': what the scheme offers."""
    return join([kb().vocabulary.label("kinds", k, lang) for k in scheme.kinds[:2]], lang)


def _audiences(scheme: knowledge.Scheme, lang: str) -> str:
    """'les étudiants et les jeunes diplômés': whom the scheme is for."""
    return join([kb().vocabulary.label("audiences", a, lang) for a in scheme.audiences], lang)


def _the(departments: tuple[str, ...], lang: str) -> str:
    """« l'Oise », « le Nord et le Pas-de-Calais »: departments with their article."""
    if lang == "en" or len(departments) == 5:
        return departments_phrase(departments, lang)
    return join([kb().vocabulary.department_in(d, lang).removeprefix("dans ") for d in departments], lang)


def _to(groups: str, lang: str) -> str:
    """« aux étudiants et aux jeunes diplômés »: French « à » before labels that start with « les »."""
    if lang == "en":
        return groups
    return re.sub(r"(^|, | et )les ", lambda m: f"{m.group(1)}aux ", groups)


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


def _step(rec: knowledge.Recommendation, person: knowledge.Profile, lang: str) -> str:
    """The scheme's next step; for a scheme no page shows running, the current ones to turn to
    that fit the person (an organisation to contact, never « one of the network's members »)."""
    scheme = rec.scheme
    if not scheme.inactive_checked_on:
        return scheme.text("next_step", lang)
    instead = [kb().scheme(i) for i in scheme.instead]
    fitting = _fitting_instead(instead, person)
    if not fitting and (person.audience or person.department):  # none for this person: say so
        return say("instead_none_short", lang)
    names = [s.name_in(person.department, lang) for s in (fitting or instead)[:3]]
    return say("instead_short", lang, names=join(names, lang))


@lru_cache(maxsize=1)
def _institutions() -> Institutions:
    return Institutions()


def _names_a_school(tracker: Tracker) -> bool:
    """Whether the person named a university of the region in the conversation (« à l'ULCO »)."""
    said = [e.get("text") or "" for e in tracker.events if e.get("event") == "user"]
    return any(_institutions().mentions(text) for text in said)


def _way_in(scheme: knowledge.Scheme, person: knowledge.Profile, lang: str, tracker: Tracker) -> str | None:
    """For a national scheme reached through local ones (the student status through a PEPITE),
    where none of them is known to cover the person's department (no PEPITE of the base covers
    the Pas-de-Calais): says so; names the nearest ones (same former region) to a graduate, who
    may choose any, or to a student who named a university of the region, else sends the
    student to their school."""
    if not scheme.national or not scheme.preceded_by or person.department is None:
        return None
    region = kb().places.former_region(person.department)
    ways, covered = ways_in(scheme, kb().schemes, person.department, region[1] if region else ())
    if covered or not ways:
        return None
    leading = [kb().scheme(i).text("name", lang).split() for i in scheme.preceded_by]
    common = [words[0] for words in zip(*leading, strict=False) if len(set(words)) == 1]
    kind = " ".join(common) or ("scheme" if lang == "en" else "dispositif")
    where_ = _the((person.department,), lang)
    student = person.audience == "student"
    if student and not _names_a_school(tracker):
        return say("way_unknown_school", lang, kind=kind, where=where_)
    names = join([s.name_in(person.department, lang) for s in ways], lang)
    or_school = say("way_or_school", lang) if student else ""
    return say("way_unknown", lang, kind=kind, where=where_, names=names, or_school=or_school)


def _with_own(recommendations: list[knowledge.Recommendation]) -> list[knowledge.Recommendation]:
    """The best scheme made for the person's status among the first shown (the ARCE for a job
    seeker, even where the local schemes for every creator rank higher)."""
    own = sorted((r for r in recommendations if r.direct_audience), key=lambda r: len(r.scheme.audiences))
    if not own or own[0] in recommendations[:SHOWN_AT_ONCE]:
        return recommendations
    rest = [r for r in recommendations if r is not own[0]]
    return rest[: SHOWN_AT_ONCE - 1] + [own[0]] + rest[SHOWN_AT_ONCE - 1 :]


def named_in_message(tracker: Tracker) -> bool:
    """Whether the latest message names a scheme."""
    return bool(_named(tracker))


def show_recommendations(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    person: knowledge.Profile,
    lang: str,
    *,
    refine: bool = False,
    exclude: tuple[str, ...] = (),
    lead: str | None = None,
) -> list[dict[str, Any]]:
    """Says the schemes that fit `person`: at most three, one line each (what, why, next step),
    then the others by name. `refine`: the profile is partial (a question follows); `exclude`:
    schemes not to list (« à part la CMA ? »); `lead`: the scheme the person's own words ask
    for, first when it fits."""
    schemes = [s for s in kb().schemes if s.id not in exclude]
    recommendations = knowledge.recommend(schemes, person, MORE_LIMIT + 5)
    lines: list[str] = []
    broadened = None
    if not recommendations and person.project_kind:
        # No scheme made for this kind of project: those open to any project, said so.
        recommendations = knowledge.recommend(schemes, replace(person, project_kind=None), MORE_LIMIT)
        if recommendations:
            label = kb().vocabulary.label("project_kinds", person.project_kind, lang)
            broadened = say("broadened", lang, kind=label)
    if tracker.get_slot("department") == OUTSIDE:
        lines.append(say("outside", lang, place=tracker.get_slot("commune") or "?"))
        if recommendations:
            lines.append(say("outside_national", lang))
    elif recommendations:
        if refine and not person.audience:
            lines.append(capitalise(say("intro_anyone", lang, where=where(tracker, lang))))
        elif refine:
            lines.append(say("intro_national", lang, who=who(tracker, lang)))
        else:
            lines.append(say("intro", lang, who=who(tracker, lang), where=where(tracker, lang)))
        note = _place_note(tracker, lang)
        if note:
            lines.append(note)
        if broadened:
            lines.append(broadened)
    if not recommendations:
        if refine:
            return []
        lines += ActionRecommend.nothing(tracker, person, lang)
        dispatcher.utter_message(text="\n".join(lines))
        return [SlotSet("shown_schemes", None)]
    recommendations = _with_own(recommendations)
    recommendations = sorted(recommendations, key=lambda r: r.scheme.id != lead)[:MORE_LIMIT]
    shown_now = recommendations[:SHOWN_AT_ONCE]
    for i, rec in enumerate(shown_now, 1):
        name = rec.scheme.name_in(person.department, lang)
        step = say("next_step", lang, step=_step(rec, person, lang))
        way = _way_in(rec.scheme, person, lang, tracker)
        step = f"{step}{'' if step.endswith('.') else '.'} {way}" if way else step
        lines.append(f"{i}. {name} — {_why(rec, person.audience, lang)}. {step}")
        if _website(rec.scheme):
            lines.append(say("site_line", lang, url=_website(rec.scheme)))
    others = recommendations[SHOWN_AT_ONCE:]
    if others:
        names = join([r.scheme.name_in(person.department, lang) for r in others], lang)
        lines.append(say("others", lang, names=names))
    dispatcher.utter_message(text="\n".join(lines))
    first = recommendations[0].scheme
    if not refine:
        more = f"{say('more_on_first', lang, name=first.text('name', lang))} {say('offer_handoff', lang)}"
        dispatcher.utter_message(text=more, buttons=_buttons(recommendations, lang))
    cards = _cards(recommendations, person.audience, tracker.get_latest_input_channel() or "", lang)
    if cards:
        dispatcher.utter_message(json_message=cards)
    ids = [r.scheme.id for r in recommendations]
    return [SlotSet("shown_schemes", ids), SlotSet("scheme", first.id)]


class ActionRecommend(Action):
    """Ranks the schemes that fit the profile and gives the next step."""

    def name(self) -> str:
        return "action_recommend"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        lang = language(tracker)
        text = tracker.latest_message.get("text") or ""
        scheme = tracker.get_slot("scheme")
        answered = answer_question(dispatcher, tracker)  # « la Région aide les projets innovants ? »
        if answered is not None:
            return answered
        other = _named(tracker) or asks("what_fits", text) or asks("for_me", text)
        hit = None if other else retrieved(tracker)
        if hit and ("?" in text or asks("question", text)):
            # « la CCI d'Amiens fait des formations ? », said with a place: the answer, then the list
            events = answer_retrieved(dispatcher, tracker, hit)
            listed = show_recommendations(dispatcher, tracker, profile(tracker), lang, lead=hit.scheme.id)
            return listed + events  # the scheme asked about stays under discussion
        if _named(tracker) and not asks("for_me", text):
            # « je me renseigne pour créer à Carvin, Bpifrance Création ça sert à quoi ? »
            events = await ActionSchemeAnswer().answer(dispatcher, tracker, domain, "ask_scheme_info")
            listed = show_recommendations(dispatcher, tracker, profile(tracker), lang)
            return listed + [e for e in events if e.get("name") == "scheme"]  # the one asked about stays
        if asks("for_me", text) and scheme in kb().index.by_id and not asks("what_fits", text):
            # « c'est pour moi si j'ai eu mon diplôme l'an dernier ? »: the answer first, then the list
            verdict = fit(kb().scheme(scheme), tracker, lang)
            asked_about, person = kb().scheme(scheme), profile(tracker)
            if verdict:  # with what the scheme is, so that the answer stands on its own
                lines = [verdict, asked_about.text("description", lang), *_key_fact(asked_about, lang)]
                lines += _elsewhere(asked_about, person, lang, said_why=True)
                dispatcher.utter_message(text="\n".join(lines))
            listed = show_recommendations(dispatcher, tracker, person, lang)
            return listed + [SlotSet("scheme", discussed(asked_about, person))]
        lead = hit.scheme.id if hit else None  # « une PME qui peine à recruter »: that scheme first
        return show_recommendations(dispatcher, tracker, profile(tracker), lang, lead=lead)

    @staticmethod
    def nothing(tracker: Tracker, person: knowledge.Profile, lang: str) -> list[str]:
        if person.outside_region:
            return [say("outside_nothing", lang)]
        return [
            say("nothing_fits", lang, who=who(tracker, lang), where=where(tracker, lang)),
            say("nothing_fits_other", lang),
        ]


def answer_question(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]] | None:
    """Answers from the knowledge base a message that only asks a question (« on est suivi par
    quelqu'un ? » about the scheme discussed); None when it gives a profile or the base cannot
    tell, so that the profile is asked or used instead."""
    text = tracker.latest_message.get("text") or ""
    hit = retrieved(tracker) if _asks_only(tracker, text) else None
    return answer_retrieved(dispatcher, tracker, hit) if hit else None


def _asks_only(tracker: Tracker, text: str) -> bool:
    """Whether the message is a question that names no scheme and gives nothing of a profile
    (a status said of others, « il fait quoi pour les étudiants ? », is no profile)."""
    given = any(entities(tracker, name) for name in ("place", "stage", "project_kind", "scheme"))
    given = given or bool(entities(tracker, "audience") and SELF_STATEMENT.search(text))
    question = "?" in text or asks("question", text)
    return question and not given and not asks("what_fits", text) and not asks("for_me", text)


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


def covers(scheme: knowledge.Scheme, department: str | None) -> bool:
    """Whether a scheme is open in `department` (a national one is open everywhere)."""
    return department is None or scheme.national or department in scheme.departments


def _named(tracker: Tracker) -> list[tuple[str, str]]:
    """(scheme id, words typed) of each scheme the latest message names, in reading order."""
    text = tracker.latest_message.get("text") or ""
    found: list[tuple[str, str]] = []
    for entity in sorted(entities(tracker, "scheme"), key=lambda e: e.get("start", 0)):
        value = entity.get("value")
        if value in kb().index.by_id and value not in [i for i, _ in found]:
            start, end = entity.get("start", 0), entity.get("end", 0)
            typed = text[start:end] if 0 <= start < end <= len(text) and end - start < len(text) else ""
            found.append((value, typed))
    return found


def local_variant(scheme_id: str, typed: str, department: str | None) -> str:
    """The scheme of the person's department that the words typed also name: « PEPITE » said in
    the Nord is PEPITE Lille Hauts-de-France, not PEPITE Picardie."""
    scheme = kb().scheme(scheme_id)
    if covers(scheme, department) or not typed:
        return scheme_id
    words = _singular(typed)  # « plateforme Initiative » names the « plateformes Initiative de l'Oise »
    for other in kb().schemes:
        if other.id == scheme_id or not covers(other, department) or other.national:
            continue
        names = [_singular(n) for n in (other.name, other.name_en, *other.aliases)]
        if any(re.search(rf"(^|\W){re.escape(words)}(\W|$)", n) for n in names):
            return other.id
    return scheme_id


def _singular(name: str) -> str:
    """A name folded, each word without its plural « s »."""
    return re.sub(r"(?<=\w\w)s\b", "", fold(name))


def named_here(tracker: Tracker) -> list[str]:
    """The schemes the message names, each as the variant of the person's department."""
    department = profile(tracker).department
    return list(dict.fromkeys(local_variant(i, typed, department) for i, typed in _named(tracker)))


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


def fit(scheme: knowledge.Scheme, tracker: Tracker, lang: str) -> str | None:
    """« Oui : … » or « Non : … », and why, from the scheme's fields and the person's profile;
    None when the profile says nothing that decides."""
    person = profile(tracker)
    vocabulary = kb().vocabulary
    name = scheme.text("name", lang)
    reasons: list[str] = []
    if person.department and not covers(scheme, person.department):
        reasons.append(
            say(
                "fit_place",
                lang,
                where=_the(scheme.departments, lang),
                yours=kb().vocabulary.department_in(person.department, lang),
            )
        )
    if person.outside_region and not scheme.national:
        reasons.append(say("fit_region", lang))
    conditional = False
    if person.audience:
        generic = "creator" in scheme.audiences and person.audience in CREATOR_LIKE
        if person.audience == "creator" and not generic:
            conditional = True  # « je veux créer » says nothing of a status: it depends on it
        elif person.audience not in scheme.audiences and not generic:
            groups = _to(_audiences(scheme, lang), lang)
            reasons.append(say("fit_audience", lang, audiences=groups, who=who(tracker, lang)))
    if person.project_kind and person.project_kind not in scheme.project_kinds:
        open_to_any = "business" in scheme.project_kinds and person.project_kind in (
            "craft",
            "innovation",
            "business",
        )
        if not open_to_any:
            kinds = join([vocabulary.label("project_kinds", k, lang) for k in scheme.project_kinds], lang)
            reasons.append(say("fit_project", lang, kinds=kinds))
    if person.stage and not COMPATIBLE_STAGES[person.stage] & set(scheme.stages):
        stages = join([vocabulary.label("stages", k, lang) for k in scheme.stages], lang)
        reasons.append(say("fit_stage", lang, stages=stages))
    if reasons:
        return say(
            "fit_no_because",
            lang,
            name=name,
            reasons=" ; ".join(reasons) if lang == "fr" else "; ".join(reasons),
        )
    if not (person.audience or person.department):
        return None
    if conditional:
        where_ = departments_phrase(scheme.departments, lang, scheme.national)
        return say(
            "fit_depends", lang, name=name, audiences=_to(_audiences(scheme, lang), lang), where=where_
        )
    told = ", ".join(x for x in (who(tracker, lang) if person.audience else "", where(tracker, lang)) if x)
    return say(
        "fit_yes_because",
        lang,
        name=name,
        audiences=_to(_audiences(scheme, lang), lang),
        where=departments_phrase(scheme.departments, lang, scheme.national),
        told=told,
    )


def _instead_of(scheme: knowledge.Scheme, person: knowledge.Profile, lang: str) -> list[str]:
    """For a scheme that does not fit the person's profile: the ones that do, by name."""
    if knowledge.recommend([scheme], person):
        return []
    fitting = knowledge.recommend([s for s in kb().schemes if s.id != scheme.id], person, SHOWN_AT_ONCE)
    names = [r.scheme.name_in(person.department, lang) for r in fitting]
    return [say("fit_instead", lang, names=join(names, lang))] if names else []


def _key_fact(scheme: knowledge.Scheme, lang: str) -> list[str]:
    """The scheme's key figure (an amount, else a duration), when its description lacks it."""
    key = next(iter(scheme.facts_about("amount") or scheme.facts_about("duration")), None)
    if key is None or fold(_fact_text(key, lang)) in fold(scheme.text("description", lang)):
        return []
    return [_fact_text(key, lang)]


def _of_topics(scheme: knowledge.Scheme, topics: list[str]) -> bool:
    """Whether the scheme has a fact of one of the kinds asked."""
    return any(f.topic in topics for f in scheme.facts)


def answer_retrieved(dispatcher: CollectingDispatcher, tracker: Tracker, hit: Hit) -> list[dict[str, Any]]:
    """Answers with a retrieved scheme: the facts that answer, else what it is; « je ne sais
    pas » and whom to ask when a kind of fact is asked that the knowledge base lacks."""
    lang, scheme, person = language(tracker), hit.scheme, profile(tracker)
    topics = fact_topics(tracker.latest_message.get("text") or "")
    new = scheme.id != current_scheme(tracker)  # « et les charges sociales ? »: another scheme
    if hit.facts or (topics and "prerequisite" not in topics):
        lines = ActionSchemeAnswer.facts_lines(scheme, hit.facts, lang)
        if hit.facts and (new or not _of_topics(scheme, topics)):  # what it is, too
            lines.insert(1, f"• {scheme.text('description', lang)}")
        if hit.facts and new and not scheme.inactive_checked_on:  # and how to go on with it
            lines.append(say("next_step", lang, step=scheme.text("next_step", lang)))
    elif topics:  # « il faut présenter quoi ? »: its next step says
        lines = [say("join", lang, name=scheme.text("name", lang), step=scheme.text("next_step", lang))]
    else:
        lines = ActionSchemeAnswer.info_lines(scheme, lang)
    lines += _elsewhere(scheme, person, lang) + _inactivity(scheme, lang, person)
    lines.append(_source(scheme, lang, hit.facts))
    dispatcher.utter_message(text="\n".join(lines))
    return [SlotSet("scheme", discussed(scheme, person))]


class ActionSchemeAnswer(Action):
    """Answers a question about one scheme (what it is, who it is for, facts, how to join), or
    about two (differences, whether they combine)."""

    def name(self) -> str:
        return "action_scheme_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        return await self.answer(dispatcher, tracker, domain, intent(tracker))

    async def answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any], question: str | None
    ) -> list[dict[str, Any]]:
        lang = language(tracker)
        text = tracker.latest_message.get("text") or ""
        named = named_here(tracker)
        person = profile(tracker)
        other_than = named or ([current_scheme(tracker)] if current_scheme(tracker) else [])
        if asks("other_than", text) and other_than and (person.department or person.outside_region):
            # « et à part la CMA ? »: what else fits the person
            return show_recommendations(dispatcher, tracker, person, lang, exclude=tuple(other_than))
        if asks("after", text) and set(fact_topics(text.split(",")[-1])) <= {"place"}:
            # « une fois le CREI fait, je vais où ? »: what comes next, whatever the intent
            return await ActionNextStep().run(dispatcher, tracker, domain)
        if asks("combine", text) and (len(named) >= 2 or (not named and len(_pair(tracker)) == 2)):
            pair = named[:2] if len(named) >= 2 else _pair(tracker)
            dispatcher.utter_message(text=_combination(pair, lang))
            return [SlotSet("shown_schemes", pair), SlotSet("scheme", pair[0])]
        if len(named) >= 2 and asks("compare", text):
            dispatcher.utter_message(text=_comparison(named[:3], tracker, lang))
            return [SlotSet("shown_schemes", named[:3]), SlotSet("scheme", named[0])]
        scheme_id = _chosen(tracker) or (_most_specific(tracker, named) if named else current_scheme(tracker))
        if asks("source", text) and scheme_id and not fact_topics(_questions()["source"].sub(" ", text)):
            # « tu tiens ça d'où ? »: the pages the answers about this scheme were read on
            scheme = kb().scheme(scheme_id)
            pages = [scheme.source] + [f.source for f in scheme.facts]
            listed = list({s.page: s for s in pages}.values())
            what = re.search(r"c.est quoi|qu.est.ce|what is|consiste", text, re.IGNORECASE)
            lines = self.info_lines(scheme, lang) if what else []  # « c'est quoi et c'est sourcé ? »
            lines.append(say("source_intro", lang, name=capitalise(scheme.text("name", lang))))
            lines += [f"• {page(s, lang)}" for s in listed]
            dispatcher.utter_message(text="\n".join(lines))
            return [SlotSet("scheme", scheme.id)]
        wants_list = asks("what_fits", text) and (person.department or person.audience)
        if not named and not _chosen(tracker) and wants_list:
            return show_recommendations(dispatcher, tracker, person, lang)
        scheme_id = _chosen(tracker) or (_most_specific(tracker, named) if named else current_scheme(tracker))
        hit = None if named or _chosen(tracker) else retrieved(tracker)
        # « and what comes before it? » after « is it for me? » asks a fact
        follows = _follows_for_me(tracker, text) and not fact_topics(text)
        for_me = (asks("for_me", text) or follows) and not asks("what_fits", text)
        if hit and hit.scheme.id != scheme_id and not for_me:
            return answer_retrieved(dispatcher, tracker, hit)  # « et pour les charges sociales ? »
        if hit:
            scheme_id = hit.scheme.id
        if scheme_id is None and (person.department or person.outside_region):
            # « où je m'adresse pour mon projet ? », no scheme named: the next steps that fit
            return show_recommendations(dispatcher, tracker, person, lang)
        if scheme_id is None:
            dispatcher.utter_message(
                text=say("which_scheme", lang, names=join(_examples(person, lang), lang))
            )
            return []
        scheme = kb().scheme(scheme_id)
        facts: tuple[knowledge.Fact, ...] = ()
        topics = fact_topics(text)
        asked_facts = self._chosen_facts(scheme, text) if topics else ()
        if hit and hit.facts and not topics and question not in ("ask_how_to_join", "ask_scheme_audience"):
            topics, asked_facts = ["words"], hit.facts  # « quelles actions concrètement ? »
        if question in ("ask_scheme_facts", "ask_how_to_join") and _contact_question(scheme, tracker):
            return await ActionContact().run(dispatcher, tracker, domain)
        verdict = fit(scheme, tracker, lang) if for_me or question == "ask_scheme_audience" else None
        if for_me and verdict:
            facts = scheme.facts_about("audience")
            lines = [verdict] + self._audience(scheme, lang)[1:] + _key_fact(scheme, lang)
        elif asked_facts and question != "ask_how_to_join" and set(topics) - {"audience"}:
            facts = asked_facts
            lines = self.facts_lines(scheme, facts, lang)
            if "prerequisite" in topics or not _of_topics(scheme, topics):
                # « faut-il être indemnisé ? », or facts found by their words: what it is, too
                lines.insert(1, f"• {scheme.text('description', lang)}")
        elif "prerequisite" in topics and not asked_facts and not for_me:
            lines = [say("join", lang, name=scheme.text("name", lang), step=scheme.text("next_step", lang))]
        elif question == "ask_scheme_audience":
            facts = scheme.facts_about("audience")
            lines = ([verdict] if verdict else []) + self._audience(scheme, lang)
            lines += _key_fact(scheme, lang) if verdict else []
        elif question == "ask_scheme_info" and "audience" in topics and scheme.facts_about("audience"):
            facts = scheme.facts_about("audience")  # « … fait des choses pour les femmes ? »
            lines = self.info_lines(scheme, lang) + [_fact_text(f, lang) for f in facts]
        elif question == "ask_scheme_facts":
            facts = self._chosen_facts(scheme, text)
            lines = self.facts_lines(scheme, facts, lang)
        elif question == "ask_how_to_join" and scheme.inactive_checked_on:
            lines = []  # _inactivity says what to do instead
        elif question == "ask_how_to_join":
            lines = [say("join", lang, name=scheme.text("name", lang), step=scheme.text("next_step", lang))]
        else:
            lines = self.info_lines(scheme, lang)
            if resolved_place(tracker) and person.department and covers(scheme, person.department):
                # « un PEPITE du côté de Valenciennes ? »: the place is answered, too
                here = say(
                    "scheme_here",
                    lang,
                    where_cap=capitalise(where(tracker, lang)),
                    name=scheme.text("name", lang),
                )
                lines.insert(0, here)
        if verdict and person.audience and covers(scheme, person.department):
            lines += _instead_of(scheme, person, lang)  # « non » for their status: what fits them
        if asks("before", text) and not for_me:  # « what comes before it? »: the scheme that leads to it
            before = [kb().scheme(i) for i in scheme.preceded_by if covers(kb().scheme(i), person.department)]
            lines[:0] = [
                say("before", lang, name=b.text("name", lang), description=b.text("description", lang))
                for b in before
            ]
        words = about(question_text(tracker))  # what the question says beyond the kind of fact
        # facts its words name, when no fact of the kind asked answers (« … aussi pour les BTS ? »)
        told = [] if _of_topics(scheme, topics) else self._told_by_words(scheme, words, lines, lang)
        needs = {fold(n) for n in scheme.needs}  # « c'est quoi un prêt d'honneur ? »: what it says of it
        for typed in (t for _, t in _named(tracker) if fold(t) in needs):
            told += [f for f in _retriever().facts_saying(scheme, typed) if f not in told and f not in facts]
        lines += [f"• {_fact_text(f, lang)}" for f in told]
        facts = tuple(dict.fromkeys((*facts, *told)))
        description = scheme.text("description", lang)
        if description not in "\n".join(lines) and _retriever().describes(scheme, words, facts):
            lines.append(f"• {description}")  # « … aussi pour une reprise ? »
        lines += _elsewhere(scheme, person, lang, said_why=bool(for_me and verdict))
        lines += _inactivity(scheme, lang, person)
        lines.append(_source(scheme, lang, facts))
        dispatcher.utter_message(text="\n".join(lines))
        return [SlotSet("scheme", discussed(scheme, person))]

    @staticmethod
    def info_lines(scheme: knowledge.Scheme, lang: str) -> list[str]:
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
    def _audience(scheme: knowledge.Scheme, lang: str) -> list[str]:
        lines = [
            say(
                "scheme_audience",
                lang,
                name=capitalise(scheme.text("name", lang)),
                audiences=_to(_audiences(scheme, lang), lang),
                where=departments_phrase(scheme.departments, lang, scheme.national),
            )
        ]
        lines += [_fact_text(f, lang) for f in scheme.facts_about("audience")]
        return lines

    @staticmethod
    def _chosen_facts(scheme: knowledge.Scheme, text: str) -> tuple[knowledge.Fact, ...]:
        """The facts a question asks for ("combien de temps ?": durations), or all of them."""
        topics = fact_topics(text)
        chosen = tuple(f for f in scheme.facts if f.topic in topics)
        if chosen or not topics:
            return chosen if topics else scheme.facts
        return _retriever().facts_for(scheme, text)  # « en combien de fois ? »: by its words

    @staticmethod
    def _told_by_words(
        scheme: knowledge.Scheme, text: str, lines: list[str], lang: str
    ) -> list[knowledge.Fact]:
        """The scheme's facts that the question's own words ask about (« ça marche aussi pour
        les BTS ? », « il accepte un projet humanitaire ? »), and that the answer does not say yet."""
        said = "\n".join(lines)
        return [f for f in _retriever().facts_for(scheme, text) if _fact_text(f, lang) not in said]

    @staticmethod
    def facts_lines(scheme: knowledge.Scheme, facts: tuple[knowledge.Fact, ...], lang: str) -> list[str]:
        if not facts:
            who = scheme.text("verify_with", lang) or scheme.operator
            return [say("no_fact", lang, name=scheme.text("name", lang), operator=who, de_operator=de(who))]
        return [say("facts", lang, name_cap=capitalise(scheme.text("name", lang)))] + [
            f"• {_fact_text(f, lang)}" for f in facts
        ]


def discussed(scheme: knowledge.Scheme, person: knowledge.Profile) -> str:
    """The scheme the conversation goes on about: the one asked about, or, when it is not open
    where the person is, the local one proposed instead (« elle est où, la plus proche ? »)."""
    if covers(scheme, person.department):
        return scheme.id
    equivalents = local_equivalents(scheme, person)
    return equivalents[0].id if equivalents else scheme.id


def _most_specific(tracker: Tracker, named: list[str]) -> str:
    """Of several schemes named without a comparison, the one named with the most words
    (« le prêt d'honneur d'Initiative Somme » is about Initiative Somme)."""
    typed = {local_variant(i, t, profile(tracker).department): len(t) for i, t in _named(tracker)}
    return max(named, key=lambda i: typed.get(i, 0))


def _follows_for_me(tracker: Tracker, text: str) -> bool:
    """« et PEPITE Lille ? » right after « … j'y ai droit ? » asks the same about another scheme."""
    return _follows(tracker, text, lambda said: asks("for_me", said))


def _follows(tracker: Tracker, text: str, previous: Any) -> bool:
    """Whether `text` is a short « et … ? » that repeats the previous question (`previous` tells
    whether the person's previous message was that kind of question)."""
    if len(text.split()) > 5 or not re.match(r"\s*(et|and)\b", text, re.IGNORECASE):
        return False
    users = [e.get("text") or "" for e in tracker.events if e.get("event") == "user"]
    return len(users) >= 2 and bool(previous(users[-2]))


def _examples(person: knowledge.Profile, lang: str) -> list[str]:
    """Schemes to name in « which scheme? »: those of the person's place and profile first."""
    if person.department or person.outside_region:
        fitting = [r.scheme for r in knowledge.recommend(kb().schemes, person, 4)]
        if fitting:
            return [s.name_in(person.department, lang) for s in fitting]
    return [s.text("name", lang) for s in kb().schemes if s.source.is_seed][:4]


def _pair(tracker: Tracker) -> list[str]:
    """The two schemes just compared or listed (« les deux »)."""
    return shown(tracker)[:2] if len(shown(tracker)) >= 2 else []


def _comparison(ids: list[str], tracker: Tracker, lang: str) -> str:
    """Side by side, from the knowledge base's fields: what, for whom, where, a key fact."""
    schemes = [kb().scheme(i) for i in ids]
    names = join([s.text("name", lang) for s in schemes], lang)
    lines = [say("compare_head", lang, names=names)]
    for scheme in schemes:
        key = next(iter(scheme.facts_about("amount") or scheme.facts_about("duration") or ()), None)
        who_for = _audiences(scheme, lang)
        where_ = departments_phrase(scheme.departments, lang, scheme.national)
        line = say(
            "compare_line",
            lang,
            name=scheme.text("name", lang),
            operator=_operator_note(scheme),
            kinds=_kinds(scheme, lang),
            description=scheme.text("description", lang),
            audiences=who_for,
            where=where_,
        )
        if key:
            line += " " + _fact_text(key, lang)
        lines.append(line)
    for scheme in schemes:
        verdict = fit(scheme, tracker, lang)
        if verdict:
            lines.append(verdict)
    pages = {s.source.page: s for s in schemes}
    listed = ("; " if lang == "en" else " ; ").join(page(s.source, lang) for s in pages.values())
    lines.append(say("sources" if len(pages) > 1 else "source", lang, sources=listed))
    return "\n".join(lines)


def _operator_note(scheme: knowledge.Scheme) -> str:
    """« (CCI Oise) » after a name, unless the name already says it."""
    operator = re.sub(r"\s*\(.*\)", "", scheme.operator)
    return "" if fold(operator) in fold(scheme.name) else f" ({scheme.operator})"


def _combination(ids: list[str], lang: str) -> str:
    """Whether two schemes combine: only what a `combination` fact says, else « je ne sais pas »."""
    schemes = [kb().scheme(i) for i in ids]
    facts = [f for s in schemes for f in s.facts_about("combination")]
    names = join([s.text("name", lang) for s in schemes], lang)
    if facts:
        return "\n".join([_fact_text(f, lang) for f in facts] + [_source(schemes[0], lang, tuple(facts))])
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
    said = [f"{capitalise(a.text('name', lang))} : {_fact_text(f, lang)}" for a, f in linked]
    if said:
        sources = _source(linked[0][0], lang, tuple(f for _, f in linked))
        whom = list(dict.fromkeys(s.text("verify_with", lang) or s.operator for s in schemes))
        ask = join(whom if lang == "en" else [de(w) for w in whom], lang)
        return "\n".join([say("combine_unknown", lang, names=names, whom=ask), *said, sources])
    whom = list(dict.fromkeys(s.text("verify_with", lang) or s.operator for s in schemes))
    ask = join(whom if lang == "en" else [de(w) for w in whom], lang)
    return say("combine_unknown", lang, names=names, whom=ask)


def _elsewhere(
    scheme: knowledge.Scheme, person: knowledge.Profile, lang: str, said_why: bool = False
) -> list[str]:
    """For a scheme that is not open where the person is: says so, and the local equivalents."""
    if not person.department or covers(scheme, person.department):
        return []
    here = kb().vocabulary.department_in(person.department, lang)
    name, where_ = capitalise(scheme.text("name", lang)), _the(scheme.departments, lang)
    lines = [] if said_why else [say("not_here", lang, name=name, where=where_, here=here)]
    equivalents = local_equivalents(scheme, person)
    if equivalents:
        names = join([s.name_in(person.department, lang) for s in equivalents], lang)
        lines.append(say("local_instead", lang, here=capitalise(here), names=names))
    return lines


def _contact_question(scheme: knowledge.Scheme, tracker: Tracker) -> bool:
    """« c'est où ? », « ils ouvrent à quelle heure ? »: a contact, not a fact, is asked
    (where a scheme has sites, they answer « où ? » better than its place facts)."""
    text = tracker.latest_message.get("text") or ""
    topics = set(fact_topics(text))
    sites = bool(scheme.contact and scheme.contact.places) or not scheme.facts_about("place")
    whom = re.search(r"\bqui\b|\bwho\b", text.lower())  # « qui contacter ? »: the next step says
    if not (asked(text) and topics <= {"place"} and sites and not whom):
        return False
    # « et ses 7 sites, ils sont où ? »: a place fact its words name answers better than a contact
    return not any(f.topic == "place" for f in _retriever().facts_for(scheme, question_text(tracker)))


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


def _inactivity(scheme: knowledge.Scheme, lang: str, person: knowledge.Profile | None = None) -> list[str]:
    """For a scheme no page shows running: says so, and names the current schemes to turn to
    (those that fit the person, when the profile says)."""
    if not scheme.inactive_checked_on:
        return []
    instead = [kb().scheme(i) for i in scheme.instead]
    if person is not None and (person.audience or person.department):
        instead = _fitting_instead(instead, person)
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


def _fitting_instead(instead: list[knowledge.Scheme], person: knowledge.Profile) -> list[knowledge.Scheme]:
    """The current schemes to turn to that fit the person; for a kind of project none of them
    is made for (a sports club), those that fit the rest of the profile."""
    fitting = [r.scheme for r in knowledge.recommend(instead, person)]
    if not fitting and person.project_kind:
        fitting = [r.scheme for r in knowledge.recommend(instead, replace(person, project_kind=None))]
    return fitting


def _chosen(tracker: Tracker) -> str | None:
    """The scheme picked by "le premier", "le 2", "le dernier" among those just shown."""
    listed = shown(tracker)
    text = fold(tracker.latest_message.get("text") or "")
    typed = [{"value": m.group(1)} for m in re.finditer(r"\b(?:le|la|the)\s+(\w+)", text)]
    for entity in entities(tracker, "ordinal") or typed:
        word = fold(str(entity.get("value", "")))
        for token in word.split():
            index = ordinal_index(token)
            if index is not None and listed and index < len(listed):
                return listed[index]
    return None


class ActionNextStep(Action):
    """Gives the next step: that of the scheme under discussion, then the scheme it leads to."""

    def name(self) -> str:
        return "action_next_step"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        lang = language(tracker)
        scheme_id = current_scheme(tracker)
        text = tracker.latest_message.get("text") or ""
        hit = None if _named(tracker) else retrieved(tracker)
        if hit and hit.scheme.id != scheme_id and not asks("after", text):
            return answer_retrieved(dispatcher, tracker, hit)  # « et si la banque ne suit pas ? »
        if hit:  # « l'atelier, il mène à quoi ensuite ? »: the scheme its words name
            scheme_id = hit.scheme.id
        if scheme_id is None:
            dispatcher.utter_message(text=say("need_profile", lang))
            return []
        scheme = kb().scheme(scheme_id)
        topics = set(fact_topics(text))
        named_fact = _named(tracker) and topics  # « et pour le statut, ça coûte quelque chose ? »
        if (named_fact or _of_topics(scheme, list(topics - STEP_TOPICS))) and not asks("after", text):
            # « et son objectif ? »: a fact the knowledge base has is asked, not the next step
            return await ActionSchemeAnswer().answer(dispatcher, tracker, domain, "ask_scheme_facts")
        # « une fois le CREI fait, je vais où ? »: the scheme named is done, what follows it is asked
        given = _step_given(tracker, scheme, lang) or bool((_named(tracker) or hit) and asks("after", text))
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
        if scheme.inactive_checked_on:  # « j'appelle qui ? »: the scheme is not running, whom instead
            dispatcher.utter_message(text="\n".join(_inactivity(scheme, lang, profile(tracker))))
        else:
            dispatcher.utter_message(text=say("next_step", lang, step=scheme.text("next_step", lang)))
        return [SlotSet("scheme", scheme.id)]


def _step_given(tracker: Tracker, scheme: knowledge.Scheme, lang: str) -> bool:
    """Whether the bot's answers to the last STEP_MEMORY messages already gave this scheme's
    next step (« et ensuite ? » then asks what comes after it)."""
    step = scheme.text("next_step", lang)
    users_seen = 0
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            users_seen += 1
            if users_seen > STEP_MEMORY:
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
        text = tracker.latest_message.get("text") or ""
        named = _named(tracker)
        local = _local_scheme(tracker, operator, place)
        several = len(named) > 1 or asks("compare", text) or asks("combine", text)
        if local and not several and ("place" in asked(text) or asks("nearest", text)):
            # « la plateforme Initiative la plus proche de Creil ? »: a contact question
            return await ActionContact().reply(dispatcher, tracker, domain, local)
        if named and not (operator and len(named) == 1 and _is_operator_only(named[0], operator[0])):
            # « y a dessine-moi un entrepreneur chez nous ? », « pepite lille et picardie ? »
            return await ActionSchemeAnswer().answer(dispatcher, tracker, domain, "ask_scheme_info")
        if not operator and not place and current_scheme(tracker) and fact_topics(text):
            # « et son objectif ? », « qui d'autre en fait partie ? »: about the scheme discussed
            return await ActionSchemeAnswer().answer(dispatcher, tracker, domain, "ask_scheme_facts")
        if place and current_scheme(tracker) and _follows(tracker, text, lambda said: bool(asked(said))):
            # « l'Adie a une agence à Lens ? » … « et à Beauvais ? »: the same contact question, elsewhere
            return await ActionContact().run(dispatcher, tracker, domain)
        profiled = _profile_in(text, tracker, place)
        if profiled is not None:
            # « dans le Pas-de-Calais, il y a quoi pour une boîte déjà créée ? »
            return show_recommendations(dispatcher, tracker, profiled, lang)
        if operator:
            schemes = kb().index.schemes_of_operator(operator[0]["value"])
            name = _operator_name(schemes, operator[0]["value"])
            head = say("list_operator", lang, operator=name)
            department = profile(tracker).department
            places = tuple(place.get("departments") or ()) if place else ((department,) if department else ())
            here = [s for s in schemes if any(covers(s, d) for d in places)]
            if places and len(here) == 1 and not place and len(schemes) > 1:
                # « et Initiative ? » said in the Oise: Initiative Oise
                dispatcher.utter_message(text=_info(here[0], lang))
                return [SlotSet("scheme", here[0].id)]
            if places and here != schemes:  # « un PEPITE du côté de Valenciennes »: those open there
                said = where(tracker, lang)
                key = "list_operator_in" if here else "list_operator_none"
                head = say(key, lang, operator=name, where=said)
                schemes = here or schemes
        else:
            departments = tuple(place.get("departments") or ()) if place else ()
            if not departments and tracker.get_slot("department") not in (None, OUTSIDE):
                departments = (tracker.get_slot("department"),)
            if departments and (not place or place.get("place_kind") != OUTSIDE):
                schemes = [s for s in kb().schemes_in(departments) if not s.national]
                phrase = (
                    kb().vocabulary.department_in(departments[0], lang)
                    if len(departments) == 1
                    else ("in " if lang == "en" else "en ") + departments_phrase(departments, lang)
                )
                head = say("list_intro", lang, where_cap=capitalise(phrase))
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


def _local_scheme(
    tracker: Tracker, operator: list[dict[str, Any]], place: dict[str, Any] | None
) -> str | None:
    """The scheme a message names with a place (by its name or its operator's), as the variant
    of that place's department; None without both."""
    if not place or not (place.get("departments") or ()):
        return None
    named = named_here(tracker)
    if named:
        return named[0]
    if not operator:  # « la plateforme la plus proche de Creil ? »: the scheme discussed, there
        scheme = current_scheme(tracker)
        text = tracker.latest_message.get("text") or ""
        return discussed(kb().scheme(scheme), profile(tracker)) if scheme and asks("nearest", text) else None
    departments = tuple(place.get("departments") or ())
    schemes = kb().index.schemes_of_operator(operator[0]["value"])
    here = [s for s in schemes if any(covers(s, d) for d in departments)]
    return here[0].id if here else None


def _info(scheme: knowledge.Scheme, lang: str) -> str:
    """What a scheme is, for whom, where, its next step, and the page it was read on."""
    lines = ActionSchemeAnswer.info_lines(scheme, lang) + _inactivity(scheme, lang)
    return "\n".join([*lines, _source(scheme, lang)])


def _is_operator_only(named: tuple[str, str], operator: dict[str, Any]) -> bool:
    """Whether the scheme was named only by its operator's name (« la CCI Amiens propose quoi ? »)."""
    return fold(named[1]) == fold(str(operator.get("value", "")))


def _profile_in(text: str, tracker: Tracker, place: dict[str, Any] | None) -> knowledge.Profile | None:
    """The profile a list question gives (a stage, a status, a kind of project), in its place or
    the person's: a list for that profile rather than every scheme of the place."""
    vocabulary = kb().vocabulary
    found = {s: vocabulary.find(s, text) for s in ("audiences", "stages", "project_kinds")}
    if not any(found.values()):
        return None
    departments = tuple(place.get("departments") or ()) if place else ()
    person = profile(tracker)
    department = departments[0] if len(departments) == 1 else person.department
    if department is None:
        return None
    stage = (found["stages"] or [person.stage])[0]
    audience = (found["audiences"] or [person.audience])[0] or ("creator" if stage else None)
    kind = (found["project_kinds"] or [person.project_kind])[0]
    return knowledge.Profile(department=department, audience=audience, stage=stage, project_kind=kind)


def _operator_name(schemes: list[knowledge.Scheme], typed: str) -> str:
    """The operator's name, or what the person typed when it names several ("la CCI")."""
    names = {s.operator for s in schemes}
    return names.pop() if len(names) == 1 else typed.upper()


PROFILE_ENTITIES = ("place", "audience", "stage", "project_kind")


def gives_profile(tracker: Tracker) -> bool:
    """Whether the latest message tells where the person is or what they plan (a place, a
    status, a stage, a kind of project), outside the profile form."""
    return not tracker.active_loop_name and any(entities(tracker, name) for name in PROFILE_ENTITIES)


def describe_person(dispatcher: CollectingDispatcher, tracker: Tracker, lang: str) -> list[dict[str, Any]]:
    """What fits the profile given so far, or, without a place, the question that asks for it."""
    person = profile(tracker)
    if person.department or person.outside_region:
        return show_recommendations(dispatcher, tracker, person, lang)
    dispatcher.utter_message(text=say("ask_department", lang))
    return []


class ActionExplainBadInput(Action):
    """Answers a message that could not be understood or is out of scope: empty, symbols, very
    long; else the question the knowledge base answers, or the profile it gives; else says so."""

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
            outside = intent(tracker) == "out_of_scope"
            if asks("source", text) and current_scheme(tracker):  # « d'où vient ton info ? »
                return await ActionSchemeAnswer().answer(dispatcher, tracker, domain, "ask_scheme_facts")
            hit = retrieved(tracker)
            if hit and (hit.facts or not outside):  # a question in everyday words the base answers
                return answer_retrieved(dispatcher, tracker, hit)
            plans = any(entities(tracker, name) for name in PROFILE_ENTITIES[1:])
            if gives_profile(tracker) and (plans or not outside):
                # « je suis à Lens, un truc pour ma boulangerie » (a place alone, « il pleut à
                # Lille ? », is no profile)
                return describe_person(dispatcher, tracker, lang)
            key = "out_of_scope" if outside else "not_understood"
        dispatcher.utter_message(text=say(key, lang))
        return []


class ActionGreet(Action):
    """Greets; a greeting that also says where the person is or what they plan is answered as
    the person describing themselves."""

    def name(self) -> str:
        return "action_greet"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        lang = language(tracker)
        if not gives_profile(tracker):
            dispatcher.utter_message(response="utter_greet")
            return []
        dispatcher.utter_message(text=say("greet_back", lang))
        return describe_person(dispatcher, tracker, lang)
