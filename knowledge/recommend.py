"""Rank the schemes that fit a person's place, audience, stage and kind of project."""

from dataclasses import dataclass

from knowledge.models import Scheme

# Audiences that can use a scheme open to any business creator (a researcher founding a
# start-up too; not a pupil, nor a teacher, whose schemes are for their classes).
CREATOR_LIKE = {
    "higher_ed_staff",
    "creator",
    "job_seeker",
    "employee",
    "woman",
    "young_graduate",
    "young_out_of_school",
    "student",
}
MAX_RESULTS = 5
# The scheme stages that suit what a person said of their project ("je veux créer" is
# "creation": the schemes for ideas and plans before creating fit too).
COMPATIBLE_STAGES = {
    "discovery": {"discovery", "idea"},
    "idea": {"discovery", "idea", "project"},
    "project": {"idea", "project", "creation"},
    "creation": {"idea", "project", "creation"},
    "takeover": {"takeover"},
    "created": {"created"},
}


@dataclass(frozen=True)
class Profile:
    """What the person told: department code (None if unknown or outside), audience…"""

    department: str | None = None
    audience: str | None = None
    stage: str | None = None
    project_kind: str | None = None
    outside_region: bool = False


@dataclass(frozen=True)
class Recommendation:
    """A fitting scheme, with what made it fit."""

    scheme: Scheme
    score: float
    direct_audience: bool  # the scheme names the person's audience (not only "any creator")
    stage_match: bool
    project_match: bool


def recommend(schemes: list[Scheme], profile: Profile, limit: int = MAX_RESULTS) -> list[Recommendation]:
    """The best-fitting schemes, best first; a scheme that leads to another comes before it."""
    fitting = [r for r in (_fit(s, profile) for s in schemes) if r is not None]
    fitting.sort(key=lambda r: (-r.score, r.scheme.id))
    chosen = fitting[:limit]
    return _order_chains(chosen)


def _fit(scheme: Scheme, profile: Profile) -> Recommendation | None:
    if scheme.inactive_checked_on:
        return None  # no sign of activity: described when asked, never recommended
    if profile.outside_region:
        if not scheme.national:
            return None
    elif profile.department not in scheme.departments:
        return None
    direct = profile.audience in scheme.audiences
    generic = "creator" in scheme.audiences and (profile.audience in CREATOR_LIKE or profile.audience is None)
    if not (direct or generic):
        return None
    if profile.stage and not COMPATIBLE_STAGES[profile.stage] & set(scheme.stages):
        return None
    project_kinds = set(scheme.project_kinds)
    if "business" not in project_kinds and profile.project_kind not in project_kinds:
        return None  # a specialised scheme (crafts, innovation) needs that kind of project
    if profile.project_kind and profile.project_kind not in project_kinds:
        if not (profile.project_kind in ("craft", "innovation") and "business" in project_kinds):
            return None
    named = direct and profile.audience != "creator"  # the scheme names the person's audience
    score = 4.0 + 1.0 / len(scheme.audiences) if named else 2.0  # the more specific, the better
    score += 2.0 if scheme.source.is_seed else 0.0
    score += 1.0 if profile.stage in scheme.stages else 0.0
    project_match = profile.project_kind is not None and profile.project_kind in project_kinds
    score += 2.5 if project_match and "business" not in project_kinds else 0.0  # made for it
    score -= 1.5 if scheme.national else 0.0
    score += 1.0 if len(scheme.departments) == 1 else 0.0  # run in the person's own department
    score -= 0.5 if "information" in scheme.kinds else 0.0
    return Recommendation(scheme, score, named, profile.stage in scheme.stages, project_match)


def _order_chains(chosen: list[Recommendation]) -> list[Recommendation]:
    """Put a scheme right after the one that leads to it, when both are chosen."""
    ids = [r.scheme.id for r in chosen]
    ordered: list[Recommendation] = []
    for rec in chosen:
        if rec in ordered:
            continue
        if any(p in ids for p in rec.scheme.preceded_by):
            continue  # placed after its predecessor
        ordered.append(rec)
        follower = rec.scheme.leads_to
        while follower in ids:
            nxt = chosen[ids.index(follower)]
            if nxt not in ordered:
                ordered.append(nxt)
            follower = nxt.scheme.leads_to
    ordered += [r for r in chosen if r not in ordered]
    return ordered


def ways_in(
    target: Scheme, schemes: list[Scheme], department: str | None, neighbours: tuple[str, ...] = ()
) -> tuple[list[Scheme], bool]:
    """The schemes that lead to `target` (the PEPITE to the student status) open in the
    person's department, with True; where none is, those open in `neighbours` (the departments
    of the same former region), with False: the nearest ones, not known to cover the person."""
    leading = [s for s in schemes if s.id in target.preceded_by]
    here = [s for s in leading if department in s.departments]
    if here or department is None:
        return here, True
    return [s for s in leading if set(s.departments) & set(neighbours)], False
