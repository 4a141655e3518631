"""Which of a scheme's sites is nearest to a person: same intercommunality (EPCI), then same
arrondissement, then same department (the data gives no coordinates)."""

from dataclasses import dataclass

from knowledge.geography import Commune, Gazetteer
from knowledge.models import Place, Scheme

LEVELS = ("epci", "arrondissement", "department")


@dataclass(frozen=True)
class Site:
    """One town where a scheme has a site, with the page that says so."""

    town: str
    place: Place
    commune: Commune | None


def sites(scheme: Scheme, places: Gazetteer) -> list[Site]:
    """Every town of the scheme's contact places, in the order of the knowledge base."""
    if not scheme.contact:
        return []
    return [
        Site(town, place, places.commune(town, scheme.departments))
        for place in scheme.contact.places
        for town in place.towns
    ]


def nearest(scheme: Scheme, home: Commune | None, places: Gazetteer) -> tuple[list[Site], str | None]:
    """The scheme's sites nearest to `home` and the level they share with it ("epci",
    "arrondissement", "department"); all the sites and None when none is that near."""
    every = sites(scheme, places)
    if home is not None:
        for level in LEVELS:
            found = [s for s in every if s.commune and getattr(s.commune, level) == getattr(home, level)]
            if found:
                return found, level
    return every, None
