"""What the gazetteer finds: communes, places, and how several mentions make one place."""

from dataclasses import dataclass, field

from knowledge.text import Span

REGION_DEPARTMENTS = ("02", "59", "60", "62", "80")
MAX_WORDS = 7  # the most words of a place name
LONG_NAME = 5  # a name this long is read without a cue, and matched despite typos
BIG_TOWN = 10000  # a common-word name after a cue is a place only for a town this large
DOMINANT_RATIO = 20  # a big town this many times larger than its namesakes is not ambiguous


@dataclass(frozen=True)
class Commune:
    """A commune of Hauts-de-France."""

    name: str
    department: str
    postal_codes: tuple[str, ...]
    population: int
    epci: str = ""  # SIREN of its intercommunality
    arrondissement: str = ""


@dataclass(frozen=True)
class Place:
    """A place found in a message.

    kind is one of: commune, postal_code, department, region (a former region, the whole
    region or an area over several departments), ambiguous (a commune name in several
    departments), outside (outside Hauts-de-France) or unknown (tagged as a place, found
    nowhere). An intercommunality, arrondissement or traditional area has the kind of its
    departments (department for one, region for several) and says what it is in `area`
    (epci, arrondissement or area), its name in `label`.
    """

    kind: str
    label: str
    departments: tuple[str, ...] = ()
    candidates: tuple[Commune, ...] = field(default=(), compare=False)
    span: Span | None = field(default=None, compare=False)
    area: str = field(default="", compare=False)

    @property
    def in_region(self) -> bool:
        return self.kind not in ("outside", "unknown")

    @property
    def department(self) -> str | None:
        """The single department of the region this place is in, if there is one."""
        if self.in_region and len(self.departments) == 1:
            return self.departments[0]
        return None


def commune_place(communes: list[Commune]) -> Place:
    """A commune, or an ambiguity when communes of several departments share the name.

    A town that dwarfs its namesakes (Senlis, Oise, against a village of the Pas-de-Calais)
    is taken, and the namesakes stay in `candidates` so the answer can mention them.
    """
    departments = tuple(sorted({c.department for c in communes}))
    if len(departments) == 1:
        return Place("commune", communes[0].name, departments, tuple(communes))
    ranked = sorted(communes, key=lambda c: c.population, reverse=True)
    top, runner_up = ranked[0], ranked[1]
    if top.population >= BIG_TOWN and top.population >= DOMINANT_RATIO * runner_up.population:
        return Place("commune", top.name, (top.department,), tuple(ranked))
    return Place("ambiguous", top.name, departments, tuple(ranked))


def combine(places: list[Place]) -> Place:
    """One place from several mentions: the last place of the region, described by its most
    precise mention; a department or a postal code settles an ambiguous commune."""
    in_region = [p for p in places if p.in_region]
    if not in_region:
        return places[-1]
    ambiguous = [p for p in in_region if p.kind == "ambiguous"]
    settled = {p.department for p in in_region if p.department}
    if ambiguous and len(settled) == 1:
        code = settled.pop()
        candidates = tuple(c for c in ambiguous[-1].candidates if c.department == code)
        if candidates:
            return Place("commune", candidates[0].name, (code,), candidates, ambiguous[-1].span)
    last = in_region[-1]
    precise = [
        p for p in in_region if p.kind in ("commune", "postal_code") and p.departments == last.departments
    ]
    return (precise or in_region)[-1]
