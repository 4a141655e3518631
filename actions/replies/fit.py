"""« Oui : … » or « Non : … », and why: whether a scheme fits the person, from its fields."""

import knowledge
from actions.context import covers, departments_phrase, kb, where, who
from actions.messages import join, say
from actions.replies.phrases import audiences, the, to
from actions.turn import Turn
from knowledge.recommend import COMPATIBLE_STAGES, CREATOR_LIKE

OPEN_TO_ANY = ("craft", "innovation", "business")  # project kinds a scheme for any business takes


def _reasons(scheme: knowledge.Scheme, turn: Turn, lang: str) -> tuple[list[str], bool]:
    """Why the scheme does not fit, and whether the answer depends on a status not said."""
    person, vocabulary = turn.person, kb().vocabulary
    reasons: list[str] = []
    if person.department and not covers(scheme, person.department):
        yours = vocabulary.department_in(person.department, lang)
        reasons.append(say("fit_place", lang, where=the(scheme.departments, lang), yours=yours))
    if person.outside_region and not scheme.national:
        reasons.append(say("fit_region", lang))
    conditional = False
    if person.audience:
        generic = "creator" in scheme.audiences and person.audience in CREATOR_LIKE
        if person.audience == "creator" and not generic:
            conditional = True  # « je veux créer » says nothing of a status: it depends on it
        elif person.audience not in scheme.audiences and not generic:
            groups = to(audiences(scheme, lang), lang)
            reasons.append(say("fit_audience", lang, audiences=groups, who=who(turn.tracker, lang)))
    if person.project_kind and person.project_kind not in scheme.project_kinds:
        if not ("business" in scheme.project_kinds and person.project_kind in OPEN_TO_ANY):
            kinds = join([vocabulary.label("project_kinds", k, lang) for k in scheme.project_kinds], lang)
            reasons.append(say("fit_project", lang, kinds=kinds))
    if person.stage and not COMPATIBLE_STAGES[person.stage] & set(scheme.stages):
        stages = join([vocabulary.label("stages", k, lang) for k in scheme.stages], lang)
        reasons.append(say("fit_stage", lang, stages=stages))
    return reasons, conditional


def fit(scheme: knowledge.Scheme, turn: Turn, lang: str) -> str | None:
    """« Oui : … » or « Non : … », and why, from the scheme's fields and the person's profile;
    None when the profile says nothing that decides."""
    person = turn.person
    name = scheme.text("name", lang)
    reasons, conditional = _reasons(scheme, turn, lang)
    if reasons:
        joined = " ; ".join(reasons) if lang == "fr" else "; ".join(reasons)
        return say("fit_no_because", lang, name=name, reasons=joined)
    if not (person.audience or person.department):
        return None
    where_scheme = departments_phrase(scheme.departments, lang, scheme.national)
    if conditional:
        return say(
            "fit_depends", lang, name=name, audiences=to(audiences(scheme, lang), lang), where=where_scheme
        )
    said = (who(turn.tracker, lang) if person.audience else "", where(turn.tracker, lang))
    told = ", ".join(x for x in said if x)
    return say(
        "fit_yes_because",
        lang,
        name=name,
        audiences=to(audiences(scheme, lang), lang),
        where=where_scheme,
        told=told,
    )
