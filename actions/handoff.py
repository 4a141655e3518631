"""Hand-off to a human advisor: the summary first, consent, then a name and an e-mail or phone.

Nothing is stored before the last answer; a refusal stores and sends nothing. Pupils and
people under 18 are not asked for contact details. The request goes to the outbox of the
project's database (handoff/store.py), which the worker `python -m handoff` sends.
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
_EMAIL = re.compile(r"\S+@\S*")
_PHONE = re.compile(r"\+?\d[\d .\-/()]*\d")
_NAME_INTRO = re.compile(
    r"^\W*(je m'? ?appelle|moi c'? ?est|mon nom est|my name is|i am|i'm|c'est)\s+", re.IGNORECASE
)
_NAME = re.compile(r"^[^\W\d_][^\W\d_' .-]*(?:[' .-]+[^\W\d_]+)*\.?$")


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
    return lines


def normalised_contact(text: str) -> tuple[str | None, str | None]:
    """(the e-mail or phone number, written the standard way; None) or (None, the reason it is not one)."""
    found = _EMAIL.search(text)
    if found:
        value = found.group().strip(".,;:!?()<>«»\"'")
        try:
            return email_validator.validate_email(value, check_deliverability=False).normalized, None
        except email_validator.EmailNotValidError:
            return None, "handoff_bad_email:" + value
    found = _PHONE.search(text)
    if found:
        value = found.group().strip()
        try:
            number = phonenumbers.parse(value, "FR")
        except phonenumbers.NumberParseException:
            number = None
        if number is not None and phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL), None
        return None, "handoff_bad_phone:" + value
    return None, "handoff_no_contact:"


class ValidateHandoffForm(FormValidationAction):
    """Consent (yes or no), then a name, then an e-mail or a phone number, each checked."""

    def name(self) -> str:
        return "validate_handoff_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        consent = tracker.get_slot("handoff_consent")
        if _blocked(tracker) or consent is False or (consent is None and _over_limit(tracker)):
            return []
        return SLOTS

    def validate_handoff_consent(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if router.affirms(tracker):
            return {"handoff_consent": True}
        if router.cancels(tracker):
            return {"handoff_consent": False}
        return {"handoff_consent": None}

    def validate_handoff_name(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if router.cancels(tracker):
            return {"handoff_consent": False, "handoff_name": None}
        name = _NAME_INTRO.sub("", " ".join(str(value or "").split()))
        if _blocked(tracker):
            return {"handoff_name": None}
        if not (2 <= len(name) <= 80 and _NAME.match(name)):
            dispatcher.utter_message(text=say("handoff_bad_name", language(tracker)))
            return {"handoff_name": None}
        return {"handoff_name": name}

    def validate_handoff_contact(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if router.cancels(tracker):
            return {"handoff_consent": False, "handoff_name": None, "handoff_contact": None}
        contact, problem = normalised_contact(str(value or ""))
        if contact is None:
            key, _, typed = str(problem).partition(":")
            dispatcher.utter_message(text=say(key, language(tracker), value=typed))
            return {"handoff_contact": None}
        return {"handoff_contact": contact}


class ActionAskHandoffConsent(Action):
    """Shows the summary that would be sent, then asks for consent (only a reminder the second time)."""

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
        if tracker.get_slot("requested_slot") == "handoff_consent":
            dispatcher.utter_message(text=say("handoff_consent_again", lang), buttons=buttons)
            return []
        inbox = _inbox(tracker)
        head = say("handoff_summary", lang, inbox=inbox.label_en if lang == "en" else inbox.label)
        lines = [head, *(f"• {line}" for line in summary(tracker, lang)), say("handoff_consent", lang)]
        dispatcher.utter_message(text="\n".join(lines), buttons=buttons)
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
        reset = [SlotSet(slot, None) for slot in SLOTS]
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
