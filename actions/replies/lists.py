"""Lists of schemes: those of a place, of an operator, or all of them."""

from typing import Any

from rasa_sdk.events import SlotSet

import knowledge
from actions.answer import Block, Kind, Reply, said
from actions.context import OUTSIDE, covers, departments_phrase, kb, resolved_place, where
from actions.messages import capitalise, say
from actions.replies import scheme_lines as sl
from actions.replies.phrases import kinds, source
from actions.turn import Turn
from knowledge.text import fold


def operators(turn: Turn) -> list[dict[str, Any]]:
    return turn.entities("operator")


def place_departments(turn: Turn) -> tuple[str, ...]:
    place = resolved_place(turn.tracker)
    return tuple(place.get("departments") or ()) if place else ()


def local_scheme(turn: Turn, nearest: bool) -> str | None:
    """The scheme a message names with a place (by its name or its operator's), as the variant
    of that place's department; None without both. `nearest`: « la plus proche de … » about the
    scheme discussed."""
    departments = place_departments(turn)
    if not departments:
        return None
    if turn.named_here:
        return turn.named_here[0]
    operator = operators(turn)
    if not operator:  # « la plateforme la plus proche de Creil ? »: the scheme discussed, there
        scheme = turn.current
        return sl.discussed(kb().scheme(scheme), turn.person) if scheme and nearest else None
    schemes = kb().index.schemes_of_operator(operator[0]["value"])
    here = [s for s in schemes if any(covers(s, d) for d in departments)]
    return here[0].id if here else None


def operator_only(turn: Turn) -> bool:
    """Whether the one scheme named was named only by its operator's name (« la CCI Amiens
    propose quoi ? »)."""
    operator = operators(turn)
    if not operator or len(turn.named) != 1:
        return False
    return fold(turn.named[0][1]) == fold(str(operator[0].get("value", "")))


def profile_in(turn: Turn) -> knowledge.Profile | None:
    """The profile a list question gives (a stage, a status, a kind of project), in its place or
    the person's: a list for that profile rather than every scheme of the place."""
    vocabulary = kb().vocabulary
    found = {s: vocabulary.find(s, turn.text) for s in ("audiences", "stages", "project_kinds")}
    if not any(found.values()):
        return None
    departments = place_departments(turn)
    person = turn.person
    department = departments[0] if len(departments) == 1 else person.department
    if department is None:
        return None
    stage = (found["stages"] or [person.stage])[0]
    audience = (found["audiences"] or [person.audience])[0] or ("creator" if stage else None)
    kind = (found["project_kinds"] or [person.project_kind])[0]
    return knowledge.Profile(department=department, audience=audience, stage=stage, project_kind=kind)


def info(turn: Turn, scheme: knowledge.Scheme) -> Reply:
    """What a scheme is, for whom, where, its next step, and the page it was read on."""
    lang = turn.lang
    lines = sl.info_lines(scheme, lang) + sl.inactivity(scheme, lang)
    return said(Block(Kind.FACT, lang, lines, source=source(scheme, lang)), [SlotSet("scheme", scheme.id)])


def _listed(turn: Turn, head: str, schemes: list[knowledge.Scheme]) -> Reply:
    lang = turn.lang
    if not schemes:
        return said(Block(Kind.LIST, lang, [say("list_none", lang, where=where(turn.tracker, lang))]))
    lines = [head] + [
        f"• {s.text('name', lang)} ({kinds(s, lang)}; {departments_phrase(s.departments, lang)})"
        for s in schemes
    ]
    return said(Block(Kind.LIST, lang, lines), [SlotSet("shown_schemes", [s.id for s in schemes])])


def _operator_name(schemes: list[knowledge.Scheme], typed: str) -> str:
    """The operator's name, or what the person typed when it names several ("la CCI")."""
    names = {s.operator for s in schemes}
    return names.pop() if len(names) == 1 else typed.upper()


def operator_here(turn: Turn) -> knowledge.Scheme | None:
    """« et Initiative ? » said in the Oise: the one scheme of that operator open there."""
    schemes = kb().index.schemes_of_operator(operators(turn)[0]["value"])
    department = turn.person.department
    here = [s for s in schemes if department and covers(s, department)]
    return here[0] if len(here) == 1 and len(schemes) > 1 else None


def of_operator(turn: Turn) -> Reply:
    """The schemes of the operator named, those open in the place said first."""
    lang, operator = turn.lang, operators(turn)[0]["value"]
    schemes = kb().index.schemes_of_operator(operator)
    name = _operator_name(schemes, operator)
    head = say("list_operator", lang, operator=name)
    department = turn.person.department
    if resolved_place(turn.tracker):
        places = place_departments(turn)
    else:
        places = (department,) if department else ()
    here = [s for s in schemes if any(covers(s, d) for d in places)]
    if places and here != schemes:  # « un PEPITE du côté de Valenciennes »: those open there
        key = "list_operator_in" if here else "list_operator_none"
        head = say(key, lang, operator=name, where=where(turn.tracker, lang))
        schemes = here or schemes
    return _listed(turn, head, schemes)


def of_place(turn: Turn) -> Reply:
    """The local schemes of the place said (or the person's department), else all of them."""
    lang = turn.lang
    place = resolved_place(turn.tracker)
    departments = place_departments(turn)
    if not departments and turn.slot("department") not in (None, OUTSIDE):
        departments = (turn.slot("department"),)
    if departments and (not place or place.get("place_kind") != OUTSIDE):
        schemes = [s for s in kb().schemes_in(departments) if not s.national]
        phrase = (
            kb().vocabulary.department_in(departments[0], lang)
            if len(departments) == 1
            else say("in_departments", lang, departments=departments_phrase(departments, lang))
        )
        return _listed(turn, say("list_intro", lang, where_cap=capitalise(phrase)), schemes)
    return _listed(turn, say("list_all", lang), [s for s in kb().schemes if not s.national])
