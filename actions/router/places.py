"""The tables of contacts and lists: where a scheme is, how to reach it, what a place has."""

from actions import cues
from actions.context import OUTSIDE, kb, resolved_place
from actions.replies import contacts, lists
from actions.replies import scheme_lines as sl
from actions.replies.recommendations import recommendations
from actions.replies.scheme import Question
from actions.router.core import (
    ALWAYS,
    REACH,
    REVIEW,
    TABLES,
    Ctx,
    Row,
    describe_person,
    follows,
    goto,
    has,
    practical,
    refer,
)


# --- contacts ----------------------------------------------------------------------------------------
def contact_target(x: Ctx) -> str | None:
    """The scheme whose contacts are asked: the one given, else the one discussed (the local
    one when it is another department's), else the one named, else the current one."""
    t, scheme_id = x.t, x.scheme_id
    if scheme_id is None and t.current and not t.named:
        # « la plus proche de Clermont ? » about a scheme of another department: the local one
        scheme_id = sl.discussed(kb().scheme(t.current), t.person)
    # « une plateforme Initiative près de Beauvais ? »: the one of the person's department
    return scheme_id or next(iter(t.named_here), None) or t.current


def statement_of_place(x: Ctx) -> bool:
    """« finalement ce sera à Saint-Quentin »: a new place said, no contact asked."""
    t = x.t
    statement = not t.contact_kinds and not has(x, "question", "follow_up")
    return statement and bool(resolved_place(t.tracker))


def not_a_contact(x: Ctx) -> bool:
    """« ça s'adresse à des gens comme moi ? », « ils sont combien ? »: a fact, not a contact."""
    return has(x, "source") or (not x.t.contact_kinds and (has(x, "for_me") or bool(x.t.topics)))


CONTACT: list[Row] = [
    REACH,
    Row(
        "« après le PEPITE, je vais où ? »: the next step",
        lambda x: has(x, "after"),
        lambda x: goto("action_next_step", Ctx(x.t)),
    ),
    Row("a practical question: who handles it", lambda x: practical(x, asked=False) is not None, refer),
    Row(
        "a fact or « pour moi ? », not a contact",
        not_a_contact,
        lambda x: goto(
            "action_scheme_answer",
            Ctx(
                x.t,
                Question.AUDIENCE if has(x, "for_me") or set(x.t.topics) <= {"audience"} else Question.FACTS,
            ),
        ),
    ),
    Row("a new place said", statement_of_place, describe_person),
    Row(
        "« je m'inscris où ? »: the next step",
        lambda x: bool(contact_target(x)) and has(x, "apply") and x.t.contact_kinds <= {"place", "any"},
        lambda x: contacts.where_to_apply(x.t, contact_target(x)),
    ),
    Row(
        "no scheme discussed, the person placed: what fits",
        lambda x: contact_target(x) is None and x.t.slot("department") not in (None, OUTSIDE),
        lambda x: recommendations(x.t, x.t.person),
    ),
    Row(
        "no scheme discussed: whose contacts?",
        lambda x: contact_target(x) is None,
        lambda x: contacts.ask_whose(x.t),
    ),
    Row("the contacts", ALWAYS, lambda x: contacts.contacts(x.t, contact_target(x))),
]


# --- lists -------------------------------------------------------------------------------------------
LIST: list[Row] = [
    REACH,
    REVIEW,
    Row(
        "« la plateforme la plus proche de Creil ? »: a contact question",
        lambda x: (
            bool(lists.local_scheme(x.t, has(x, "nearest")))
            and not (len(x.t.named) > 1 or has(x, "compare", "combine"))
            and ("place" in x.t.contact_kinds or has(x, "nearest"))
        ),
        lambda x: goto("action_contact", Ctx(x.t, scheme_id=lists.local_scheme(x.t, has(x, "nearest")))),
    ),
    Row(
        "a scheme named (not by its operator alone)",
        lambda x: bool(x.t.named) and not lists.operator_only(x.t),
        lambda x: goto("action_scheme_answer", Ctx(x.t, Question.INFO)),
    ),
    Row(
        "« et son objectif ? »: a fact of the scheme discussed",
        lambda x: (
            not lists.operators(x.t)
            and not resolved_place(x.t.tracker)
            and bool(x.t.current)
            and bool(x.t.topics)
        ),
        lambda x: goto("action_scheme_answer", Ctx(x.t, Question.FACTS)),
    ),
    Row(
        "« … et à Beauvais ? »: the same contact question, elsewhere",
        lambda x: (
            bool(resolved_place(x.t.tracker))
            and bool(x.t.current)
            and follows(x, lambda said: bool(cues.asked(said)))
        ),
        lambda x: goto("action_contact", Ctx(x.t)),
    ),
    Row(
        "a profile said with the question",
        lambda x: lists.profile_in(x.t) is not None,
        lambda x: recommendations(x.t, lists.profile_in(x.t)),
    ),
    Row(
        "« et Initiative ? » said in the Oise: the one open there",
        lambda x: (
            bool(lists.operators(x.t))
            and not resolved_place(x.t.tracker)
            and lists.operator_here(x.t) is not None
        ),
        lambda x: lists.info(x.t, lists.operator_here(x.t)),
    ),
    Row("an operator's schemes", lambda x: bool(lists.operators(x.t)), lambda x: lists.of_operator(x.t)),
    Row("the schemes of a place, or all", ALWAYS, lambda x: lists.of_place(x.t)),
]


TABLES["action_contact"] = CONTACT
TABLES["action_list_schemes"] = LIST
