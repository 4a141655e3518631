"""One turn as the answers read it: the latest message, what it names, and the conversation so
far. Each reading is made once per turn, when first needed."""

import re
from collections.abc import Callable
from functools import cached_property, lru_cache
from typing import Any

from rasa_sdk import Tracker

import knowledge
from actions import cues
from actions.context import covers, current_scheme, entities, intent, kb, language, profile, shown
from knowledge.retrieve import Hit, Retriever
from knowledge.text import fold


@lru_cache(maxsize=1)
def retriever() -> Retriever:
    return Retriever(kb().schemes)


def _singular(name: str) -> str:
    """A name folded, each word without its plural « s »."""
    return re.sub(r"(?<=\w\w)s\b", "", fold(name))


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


class Turn:
    """The latest message of `tracker`, read once; `cue_reader` gives the cue kinds of a text
    (the router's, the one place that reads them)."""

    def __init__(self, tracker: Tracker, cue_reader: Callable[[str], frozenset[str]]) -> None:
        self.tracker = tracker
        self._cue_reader = cue_reader

    def slot(self, name: str) -> Any:
        return self.tracker.get_slot(name)

    def entities(self, name: str) -> list[dict[str, Any]]:
        return entities(self.tracker, name)

    @cached_property
    def text(self) -> str:
        return self.tracker.latest_message.get("text") or ""

    @cached_property
    def lang(self) -> str:
        return language(self.tracker)

    @cached_property
    def intent(self) -> str | None:
        return intent(self.tracker)

    @cached_property
    def person(self) -> knowledge.Profile:
        return profile(self.tracker)

    @cached_property
    def current(self) -> str | None:
        """The scheme the message names, else the one under discussion, else the first shown."""
        return current_scheme(self.tracker)

    @cached_property
    def shown(self) -> list[str]:
        return shown(self.tracker)

    @cached_property
    def cues(self) -> frozenset[str]:
        """The cue kinds of the message (« pour moi », « à part … », « et après »…)."""
        return self._cue_reader(self.text)

    def cues_of(self, text: str) -> frozenset[str]:
        return self._cue_reader(text)

    @cached_property
    def topics(self) -> list[str]:
        """The kinds of fact the message asks for."""
        return cues.fact_topics(self.text)

    @cached_property
    def users(self) -> list[str]:
        """What the person typed, message by message."""
        return [e.get("text") or "" for e in self.tracker.events if e.get("event") == "user"]

    @cached_property
    def named(self) -> list[tuple[str, str]]:
        """(scheme id, words typed) of each scheme the message names, in reading order."""
        found: list[tuple[str, str]] = []
        text = self.text
        for entity in sorted(self.entities("scheme"), key=lambda e: e.get("start", 0)):
            value = entity.get("value")
            if value in kb().index.by_id and value not in [i for i, _ in found]:
                start, end = entity.get("start", 0), entity.get("end", 0)
                typed = text[start:end] if 0 <= start < end <= len(text) and end - start < len(text) else ""
                found.append((value, typed))
        return found

    @cached_property
    def named_here(self) -> list[str]:
        """The schemes the message names, each as the variant of the person's department."""
        department = self.person.department
        return list(dict.fromkeys(local_variant(i, typed, department) for i, typed in self.named))

    @cached_property
    def chosen(self) -> str | None:
        """The scheme picked by "le premier", "le 2", "le dernier" among those just shown."""
        listed = self.shown
        text = fold(self.text)
        typed = [{"value": m.group(1)} for m in re.finditer(r"\b(?:le|la|the)\s+(\w+)", text)]
        for entity in self.entities("ordinal") or typed:
            word = fold(str(entity.get("value", "")))
            for token in word.split():
                index = cues.ordinal_index(token)
                if index is not None and listed and index < len(listed):
                    return listed[index]
        return None

    @cached_property
    def question_text(self) -> str:
        """The message without the place and profile it gives (« je suis à Lille » names no
        scheme and asks no fact)."""
        text = self.text
        for name in ("place", "audience", "stage"):
            for entity in self.entities(name):
                start, end = entity.get("start", 0), entity.get("end", 0)
                if 0 <= start < end <= len(text):
                    text = text[:start] + " " * (end - start) + text[end:]
        return text

    @cached_property
    def hit(self) -> Hit | None:
        """The scheme, and facts, the message clearly asks about in its own words (« la banque
        ne suit pas » -> microcredit), with the conversation's schemes and the person's
        department and audience weighed in; None when the knowledge base cannot tell."""
        person, current = self.person, self.current
        hit = retriever().best(
            cues.about(self.question_text),
            tuple(self.topics),
            department=person.department,
            audience=person.audience,
            current=current,
            shown=tuple(self.shown),
        )
        if hit and current and hit.scheme.id != current and not covers(hit.scheme, person.department):
            return None  # a follow-up does not leave the person's department for another scheme
        return hit

    @cached_property
    def contact_kinds(self) -> set[str]:
        """The kinds of contact the message asks for (phone, email, website, hours, place, any)."""
        return cues.asked(self.text)
