"""What fits the person: at most three schemes, one line each (what, why, next step), then the
others by name, with the offer to know more or be put in touch."""

from dataclasses import replace
from functools import lru_cache

from rasa_sdk.events import SlotSet

import knowledge
from actions.answer import Block, Item, Kind, Reply
from actions.context import OUTSIDE, candidate, kb, where, who
from actions.messages import capitalise, join, say
from actions.replies.phrases import gist, kinds, the, website
from actions.replies.scheme_lines import SHOWN_AT_ONCE, fitting_instead
from actions.turn import Turn
from knowledge.institutions import Institutions
from knowledge.recommend import ways_in

MORE_LIMIT = 5  # schemes considered for a first answer (the ones after SHOWN_AT_ONCE are named)


def why(rec: knowledge.Recommendation, audience: str | None, lang: str) -> str:
    """A few words: what this scheme offers, and to whom (the place is the person's)."""
    scheme = rec.scheme
    audience = audience if rec.direct_audience and audience else "creator"
    reason = say("why_for", lang, audience=kb().vocabulary.label("audiences", audience, lang))
    line = f"{kinds(scheme, lang)}, {reason}"
    if scheme.inactive_checked_on:
        line += f" ({say('no_activity_short', lang)})"
    return line


def step(rec: knowledge.Recommendation, person: knowledge.Profile, lang: str) -> str:
    """The scheme's next step; for a scheme no page shows running, the current ones to turn to
    that fit the person (an organisation to contact, never « one of the network's members »)."""
    scheme = rec.scheme
    if not scheme.inactive_checked_on:
        return gist(scheme.text("next_step", lang))  # its first clause: a list is read on a phone
    instead = [kb().scheme(i) for i in scheme.instead]
    fitting = fitting_instead(instead, person)
    if not fitting and (person.audience or person.department):  # none for this person: say so
        return say("instead_none_short", lang)
    names = [s.name_in(person.department, lang) for s in (fitting or instead)[:3]]
    return say("instead_short", lang, names=join(names, lang))


@lru_cache(maxsize=1)
def _institutions() -> Institutions:
    return Institutions()


def way_in(scheme: knowledge.Scheme, person: knowledge.Profile, lang: str, turn: Turn) -> str | None:
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
    kind = " ".join(common) or say("kind_scheme", lang)
    where_ = the((person.department,), lang)
    student = person.audience == "student"
    if student and not any(_institutions().mentions(text) for text in turn.users):
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


def _place_note(turn: Turn, lang: str) -> str | None:
    """Mentions the namesakes of a town that was taken for the largest of them."""
    others = turn.slot("place_candidates") or []
    commune = turn.slot("commune")
    if not others or not commune or not turn.slot("department"):
        return None
    places = kb().places
    chosen = f"{commune} ({places.department_name(turn.slot('department'))})"
    names = [
        f"{name} ({places.department_name(department)})" for name, department, _ in map(candidate, others)
    ]
    return say("place_note", lang, chosen=chosen, others=join(names, lang))


def _buttons(recommendations: list[knowledge.Recommendation], lang: str) -> list[dict[str, str]]:
    buttons = [
        {
            "title": r.scheme.text("name", lang)[:60],
            "payload": say(
                "button_what_is", lang, name=r.scheme.aliases[0] if r.scheme.aliases else r.scheme.name
            ),
        }
        for r in recommendations[:3]
    ]
    buttons.append({"title": say("button_what_next", lang), "payload": say("button_what_next", lang)})
    return buttons


def nothing(turn: Turn, person: knowledge.Profile, lang: str) -> list[str]:
    """No scheme fits: says so, and where else to look."""
    if person.outside_region:
        return [say("outside_nothing", lang)]
    return [
        say("nothing_fits", lang, who=who(turn.tracker, lang), where=where(turn.tracker, lang)),
        say("nothing_fits_other", lang),
    ]


def _intro(turn: Turn, person: knowledge.Profile, lang: str, refine: bool, found: bool) -> list[str]:
    """The lines before the schemes: where and who they are for, a namesake town, a broadening."""
    if turn.slot("department") == OUTSIDE:
        lines = [say("outside", lang, place=turn.slot("commune") or "?")]
        return lines + ([say("outside_national", lang)] if found else [])
    if not found:
        return []
    if refine and not person.audience:
        lines = [capitalise(say("intro_anyone", lang, where=where(turn.tracker, lang)))]
    elif refine:
        lines = [say("intro_national", lang, who=who(turn.tracker, lang))]
    else:
        lines = [say("intro", lang, who=who(turn.tracker, lang), where=where(turn.tracker, lang))]
    note = _place_note(turn, lang)
    return lines + ([note] if note else [])


def recommendations(
    turn: Turn,
    person: knowledge.Profile,
    *,
    refine: bool = False,
    exclude: tuple[str, ...] = (),
    lead: str | None = None,
    again: bool = False,
) -> Reply:
    """The schemes that fit `person`: at most three, one line each (what, why, next step), then
    the others by name. `refine`: the profile is partial (a question follows; nothing is said
    when nothing fits); `exclude`: schemes not to list (« à part la CMA ? »); `lead`: the scheme
    the person's own words ask for, first when it fits."""
    lang = turn.lang
    schemes = [s for s in kb().schemes if s.id not in exclude]
    found = knowledge.recommend(schemes, person, MORE_LIMIT + 5)
    broadened = None
    if not found and person.project_kind:
        # No scheme made for this kind of project: those open to any project, said so.
        found = knowledge.recommend(schemes, replace(person, project_kind=None), MORE_LIMIT)
        if found:
            label = kb().vocabulary.label("project_kinds", person.project_kind, lang)
            broadened = say("broadened", lang, kind=label)
    lines = _intro(turn, person, lang, refine, bool(found))
    if broadened and turn.slot("department") != OUTSIDE:
        lines.append(broadened)
    if not found:
        if refine:
            return Reply()
        block = Block(Kind.RECOMMENDATION, lang, lines + nothing(turn, person, lang))
        return Reply([block], [SlotSet("shown_schemes", None)])
    found = sorted(_with_own(found), key=lambda r: r.scheme.id != lead)[:MORE_LIMIT]
    items = [
        Item(
            scheme_id=rec.scheme.id,
            name=rec.scheme.name_in(person.department, lang),
            title=rec.scheme.text("name", lang),
            why=why(rec, person.audience, lang),
            step=step(rec, person, lang),
            url=website(rec.scheme),
            way=way_in(rec.scheme, person, lang, turn),
        )
        for rec in found[:SHOWN_AT_ONCE]
    ]
    others = found[SHOWN_AT_ONCE:]
    after = [
        say("others", lang, names=join([r.scheme.name_in(person.department, lang) for r in others], lang))
    ]
    first = found[0].scheme
    named = after if others else []
    block = Block(Kind.RECOMMENDATION, lang, lines, items, named, cards=True, again=again, details=set(named))
    if turn.slot("department") != OUTSIDE and not refine:
        block.subject = f"{who(turn.tracker, lang)}, {where(turn.tracker, lang)}"
    if not refine:
        block.offer = say("more_on_first", lang, name=first.text("name", lang))
        block.offer_buttons = _buttons(found, lang)
    return Reply(
        [block], [SlotSet("shown_schemes", [r.scheme.id for r in found]), SlotSet("scheme", first.id)]
    )
