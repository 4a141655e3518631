"""Hand-off to a human advisor: the summary first, consent, then a name and an e-mail or phone.

Nothing is stored before the last answer; a refusal stores and sends nothing. Pupils and
people under 18 are not asked for contact details. The request goes to the outbox of the
project's database (handoff/store.py), which the worker `python -m handoff` sends; « annulez
ma demande » erases it there while it is not sent.
"""

import re
from typing import Any

import email_validator
import phonenumbers
from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import router
from actions.context import OUTSIDE, current_scheme, kb, language, who
from actions.messages import say
from handoff import config, store

SLOTS = ["handoff_consent", "handoff_name", "handoff_contact"]
RESET = [*SLOTS, "handoff_shown"]  # cleared once the form ends
_EMAIL = re.compile(r"\S+@\S*")
_PHONE = re.compile(r"\+?\d[\d .\-/()]*\d")
_NAME_INTRO = re.compile(
    r"^\W*(je m'? ?appelle|moi c'? ?est|mon nom est|my name is|i am|i'm|c'est)\s+", re.IGNORECASE
)
_NAME = re.compile(r"^[^\W\d_][^\W\d_' .-]*(?:[' .-]+[^\W\d_]+)*\.?$")
# where a name typed with more words ends: a comma, a stop, « et », « mais », « je »…
_SEPARATOR = re.compile(
    r"\s*[,;:!?()\n]\s*|\.\s+|(?:^|\s+)(?:et\s+|and\s+)?(?=(?:mais|je|but|i)(?:\s|$)|j')", re.IGNORECASE
)
# « Léa Durand », « Jean de La Fontaine », « Anne-Sophie O'Brien »: capitalised words
_CAPITALISED = re.compile(
    r"(?:(?:(?:de|du|des|d'|la|le|van|von)\s*)?[A-ZÀ-ÖØ-Þ][^\W\d_]*(?:[-'][^\W\d_]+)*(?:\s+|$)){1,4}"
)
# the words around a contact or a name that tell the advisor nothing (« mon numéro c'est le »)
_FILLER = re.compile(
    r"\b(?:mon|ma|my|num[ée]ro|t[ée]l[ée]phone|tel|portable|mobile|mail|e-mail|email|courriel|adresse|address"
    r"|number|phone|c'est|c est|voici|here|it's|is|le|la|l'|au|à|sur|at|on|et|and|merci|thanks|svp|please)\b"
    r"|[^\w\s']",
    re.IGNORECASE,
)
_WORDS = re.compile(r"[^\W\d_]{2,}")


def _blocked(tracker: Tracker) -> bool:
    """Pupils and people under 18 are routed through a teacher or a parent."""
    return tracker.get_slot("audience") == "pupil" or bool(tracker.get_slot("minor"))


def _over_limit(tracker: Tracker) -> bool:
    return store.recent_count(conversation_id=tracker.sender_id) >= config.daily_limit()


def _inbox(tracker: Tracker) -> config.Inbox:
    return config.inboxes().for_scheme(current_scheme(tracker))


def _place(tracker: Tracker) -> str | None:
    """« Amiens (Somme) », « Oise », or the place outside the region."""
    commune, department = tracker.get_slot("commune"), tracker.get_slot("department")
    if department in (None, OUTSIDE):
        return commune
    name = kb().places.department_name(department)
    return f"{commune.split(' (')[0]} ({name})" if commune else name


def summary(tracker: Tracker, lang: str) -> list[str]:
    """The lines the person is shown, and which go to the advisor."""
    unknown = say("summary_unknown", lang)
    vocabulary = kb().vocabulary
    project = [
        vocabulary.label(section, tracker.get_slot(slot), lang)
        for slot, section in (("project_kind", "project_kinds"), ("stage", "stages"))
        if tracker.get_slot(slot)
    ]
    scheme_id = current_scheme(tracker)
    scheme = kb().scheme(scheme_id).text("name", lang) if scheme_id else unknown
    lines = [
        say("summary_profile", lang, value=who(tracker, lang) if tracker.get_slot("audience") else unknown),
        say("summary_place", lang, value=_place(tracker) or unknown),
        say("summary_project", lang, value=", ".join(project) or unknown),
        say("summary_scheme", lang, value=scheme),
    ]
    question = router.last_question(tracker)
    if question:
        lines.append(say("summary_question", lang, value=question[:300]))
    note = _notes(tracker)
    if note:
        lines.append(say("summary_note", lang, value=note[:300]))
    return lines


def _notes(tracker: Tracker) -> str:
    """What the person added to the name and the contact they gave in this hand-off
    (« plutôt le matin »), read from the messages that gave them."""
    notes: list[str] = []
    text = ""
    for event in tracker.events:
        kind, name = event.get("event"), event.get("name")
        if kind == "active_loop" and name == "handoff_form":
            notes = []
        elif kind == "user":
            text = str(event.get("text") or "")
        elif kind == "slot" and event.get("value") and name == "handoff_name":
            notes.append((split_name(text) or ("", ""))[1])
        elif kind == "slot" and event.get("value") and name == "handoff_contact":
            notes.append(_note(normalised_contact(text)[2]))
    return " ; ".join(note for note in dict.fromkeys(notes) if note)


def normalised_contact(text: str) -> tuple[str | None, str | None, str]:
    """(the e-mail or phone number written the standard way, None, the words around it), or
    (None, the reason it is not one, the text)."""
    found = _EMAIL.search(text) or _PHONE.search(text)
    if not found:
        return None, "handoff_no_contact:", text
    rest = text[: found.start()] + " " + text[found.end() :]
    value = found.group().strip(".,;:!?()<>«»\"'")
    if "@" in value:
        try:
            return email_validator.validate_email(value, check_deliverability=False).normalized, None, rest
        except email_validator.EmailNotValidError:
            return None, "handoff_bad_email:" + value, text
    try:
        number = phonenumbers.parse(value, "FR")
    except phonenumbers.NumberParseException:
        number = None
    if number is not None and phonenumbers.is_valid_number(number):
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL), None, rest
    return None, "handoff_bad_phone:" + value, text


def split_name(text: str) -> tuple[str, str] | None:
    """(the name, the words after it) of « Léa Durand, plutôt le soir », « je m'appelle Léa
    Durand et … » or « camille martin »; None when the message does not open with a name."""
    text = " ".join(text.split())
    rest = _NAME_INTRO.sub("", text)
    introduced = rest != text
    cut = _SEPARATOR.search(rest)
    head, after = (rest[: cut.start()], rest[cut.end() :]) if cut else (rest, "")
    if _NAME.match(head) and len(head.split()) <= 4 and (introduced or head[:1].isupper() or " " in head):
        name = head
    else:
        words = _CAPITALISED.match(rest)
        if not (words and (introduced or cut)):
            return None
        name, after = words.group().strip(), rest[words.end() :]
    return (name.rstrip("."), _note(after)) if 2 <= len(name) <= 80 else None


def _note(text: str) -> str:
    """The words a person added to a name or a contact, for the advisor (« plutôt le matin »)."""
    typed = re.sub(r"\s+([,;:.])", r"\1", " ".join(text.split())).strip(" ,;:.-")
    return typed if _WORDS.search(_FILLER.sub(" ", typed)) else ""


def _answers_name_or_contact(tracker: Tracker) -> bool:
    """Whether the message gives the name or the contact the form asks for."""
    text, asked = tracker.latest_message.get("text") or "", tracker.get_slot("requested_slot")
    if asked == "handoff_name":
        return split_name(text) is not None and not (router.questions(tracker) or router.stops(tracker))
    return asked == "handoff_contact" and normalised_contact(text)[0] is not None


class ValidateHandoffForm(FormValidationAction):
    """Consent (yes or no), then a name, then an e-mail or a phone number. A message that
    answers none of these (a question, a new place) is left to the rules, which answer it, and
    the form asks again; « non », « annuler » end it at any step."""

    def name(self) -> str:
        return "validate_handoff_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        consent = tracker.get_slot("handoff_consent")
        if consent is False:  # the refusal is kept (and validated), and the form ends
            return SLOTS[:1]
        if _blocked(tracker) or (consent is None and _over_limit(tracker)):
            return []
        return SLOTS

    async def extract_handoff_consent(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """« annuler », « laissez tomber » at any step (« oui » and « non » are mapped in the
        domain); a name or a contact given when asked is an answer, whatever its intent
        (« Léa Durand, dispo en fin de journée » is no goodbye)."""
        if _answers_name_or_contact(tracker):
            return {"handoff_consent": True}
        return {"handoff_consent": False} if router.cancels(tracker) else {}

    async def extract_handoff_name(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if tracker.get_slot("requested_slot") != "handoff_name":
            return {}
        found = _answers_name_or_contact(tracker) and split_name(tracker.latest_message.get("text") or "")
        if found:
            return {"handoff_name": found[0]}
        if router.cancels(tracker) or router.aside(tracker):
            return {}
        dispatcher.utter_message(text=say("handoff_bad_name", language(tracker)))
        return {"handoff_name": None}

    async def extract_handoff_contact(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if tracker.get_slot("requested_slot") != "handoff_contact":
            return {}
        contact, problem, _ = normalised_contact(tracker.latest_message.get("text") or "")
        if contact:
            return {"handoff_contact": contact}
        key, _, typed = str(problem).partition(":")
        if router.cancels(tracker) or (not typed and router.aside(tracker)):
            return {}
        dispatcher.utter_message(text=say(key, language(tracker), value=typed))
        return {"handoff_contact": None}


def _shown_summary(tracker: Tracker, lang: str, head: str) -> tuple[str, list[str]]:
    """The summary as shown to the person, under `head`, and its lines."""
    lines = summary(tracker, lang)
    return "\n".join([head, *(f"• {line}" for line in lines)]), lines


class ActionAskHandoffConsent(Action):
    """Shows the summary that would be sent, then asks for consent; asked again, only a
    reminder, unless the summary changed since it was shown (then the whole summary)."""

    def name(self) -> str:
        return "action_ask_handoff_consent"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        lang = language(tracker)
        buttons = [
            {"title": say("yes", lang), "payload": "/affirm"},
            {"title": say("no", lang), "payload": "/deny"},
        ]
        if tracker.get_slot("handoff_shown") == summary(tracker, lang):
            dispatcher.utter_message(text=say("handoff_consent_again", lang), buttons=buttons)
            return []
        inbox = _inbox(tracker)
        head = say("handoff_summary", lang, inbox=inbox.label_en if lang == "en" else inbox.label)
        text, lines = _shown_summary(tracker, lang, head)
        dispatcher.utter_message(text=f"{text}\n{say('handoff_consent', lang)}", buttons=buttons)
        return [SlotSet("handoff_shown", lines)]


class ActionHandoffSummary(Action):
    """A place or a profile said during the hand-off: the summary again, as it now reads."""

    def name(self) -> str:
        return "action_handoff_summary"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        lang = language(tracker)
        text, lines = _shown_summary(tracker, lang, say("handoff_summary_updated", lang))
        dispatcher.utter_message(text=text)
        return [SlotSet("handoff_shown", lines)]


class ActionHandoffWithdraw(Action):
    """« annulez ma demande »: the requests not yet sent are erased; the person is told."""

    def name(self) -> str:
        return "action_handoff_withdraw"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        lang = language(tracker)
        withdrawn, sent = store.withdraw(tracker.sender_id)
        if withdrawn:
            dispatcher.utter_message(text=say("handoff_withdrawn", lang, reference=", ".join(withdrawn)))
        if sent:
            dispatcher.utter_message(text=say("handoff_withdraw_sent", lang, reference=", ".join(sent)))
        if not (withdrawn or sent):
            dispatcher.utter_message(text=say("handoff_withdraw_none", lang))
        return []


class ActionAskHandoffName(Action):
    def name(self) -> str:
        return "action_ask_handoff_name"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        dispatcher.utter_message(text=say("handoff_ask_name", language(tracker)))
        return []


class ActionAskHandoffContact(Action):
    def name(self) -> str:
        return "action_ask_handoff_contact"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        dispatcher.utter_message(text=say("handoff_ask_contact", language(tracker)))
        return []


class ActionHandoffSubmit(Action):
    """Stores the request (the worker sends it) and gives its reference; or says why not."""

    def name(self) -> str:
        return "action_handoff_submit"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        lang = language(tracker)
        reset = [SlotSet(slot, None) for slot in RESET]
        consent, name, contact = (tracker.get_slot(slot) for slot in SLOTS)
        limit = config.daily_limit()
        scheme_id = current_scheme(tracker)
        if _blocked(tracker):
            dispatcher.utter_message(text=say("handoff_minor", lang))
        elif consent is False:
            dispatcher.utter_message(text=say("handoff_refused", lang))
        elif not (consent and name and contact) or store.recent_count(contact=contact) >= limit:
            dispatcher.utter_message(text=say("handoff_limit", lang, count=str(limit)))
        else:
            inbox = _inbox(tracker)
            request = store.add(
                conversation_id=tracker.sender_id,
                scheme_id=scheme_id,
                inbox=inbox.key,
                language=lang,
                name=name,
                contact=contact,
                summary={
                    "lines": summary(tracker, "fr"),
                    "scheme": kb().scheme(scheme_id).name if scheme_id else None,
                },
            )
            label = inbox.label_en if lang == "en" else inbox.label
            reference = request.reference
            text = say("handoff_done", lang, name=name, reference=reference, inbox=label, contact=contact)
            dispatcher.utter_message(text=text)
        return reset
