"""Typed records of the knowledge base."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Source:
    """A page facts were read on: the seed article or a public page."""

    origin: str  # "seed" or "complement"
    page: str
    quote: str
    publisher: str | None = None  # None for the seed, named by Settings
    published: str | None = None  # "2025", "2025-01" or "2025-01-08"; None when undated
    read_on: str | None = None
    departments: tuple[str, ...] = ()

    @property
    def is_seed(self) -> bool:
        return self.origin == "seed"


@dataclass(frozen=True)
class Fact:
    """One sourced fact about a scheme, in French and English, with the page it was read on."""

    topic: str
    text: str
    text_en: str
    source: Source


@dataclass(frozen=True)
class Channel:
    """A website, phone number or e-mail address, as the page it was read on gives it."""

    value: str
    source: Source


@dataclass(frozen=True)
class Place:
    """Where a site, branch or office is: its towns (communes), as the page it was read on says."""

    towns: tuple[str, ...]
    name: str | None
    source: Source


@dataclass(frozen=True)
class Contact:
    """How to reach a scheme: only what public pages give."""

    website: Channel | None = None
    phones: tuple[Channel, ...] = ()
    emails: tuple[Channel, ...] = ()
    places: tuple[Place, ...] = ()


@dataclass(frozen=True)
class SeedArticle:
    """The founding article and the programme whose site published it."""

    title: str
    page: str
    site: str
    site_en: str
    about: str
    about_en: str
    programme_page: str
    programme_quote: str
    read_on: str


@dataclass(frozen=True)
class Settings:
    """Settings of data/settings.yml."""

    fact_max_age_months: int
    seed: SeedArticle


@dataclass(frozen=True)
class Scheme:
    """A support scheme for entrepreneurs."""

    id: str
    name: str
    aliases: tuple[str, ...]
    operator: str
    departments: tuple[str, ...]
    audiences: tuple[str, ...]
    stages: tuple[str, ...]
    project_kinds: tuple[str, ...]
    kinds: tuple[str, ...]
    description: str
    next_step: str
    facts: tuple[Fact, ...]
    source: Source
    name_en: str
    description_en: str
    next_step_en: str
    national: bool = False
    leads_to: str | None = None
    verify_with: str | None = None
    verify_with_en: str | None = None
    preceded_by: tuple[str, ...] = field(default=())
    inactive_checked_on: str | None = None  # no page shows it still runs (checked that day)
    instead: tuple[str, ...] = ()  # schemes to point to instead
    contact: Contact | None = None
    local_names: tuple[tuple[str, str], ...] = ()  # (department, the name it goes by there)
    needs: tuple[str, ...] = ()  # everyday words of the need it answers (« banque », « chômage »)

    def text(self, attribute: str, language: str = "fr") -> str:
        """`name`, `description`, `next_step` or `verify_with` in the given language."""
        return getattr(self, f"{attribute}_en" if language == "en" else attribute)

    def name_in(self, department: str | None, language: str = "fr") -> str:
        """The scheme's name where the person is (« BGE Hauts-de-France » in the Nord)."""
        return dict(self.local_names).get(department or "", None) or self.text("name", language)

    def facts_about(self, topic: str) -> tuple[Fact, ...]:
        return tuple(f for f in self.facts if f.topic == topic)


@dataclass(frozen=True)
class Referral:
    """A body that handles a practical question (diplomas, registration, tax, permits…): what it
    does for a creator, read on public pages, and how to reach it."""

    id: str
    name: str
    name_en: str
    topics: tuple[str, ...]
    departments: tuple[str, ...]  # where it serves in the region; empty: everywhere
    does: str
    does_en: str
    sources: tuple[Source, ...]
    website: Channel | None = None
    phones: tuple[Channel, ...] = ()
    places: tuple[Place, ...] = ()

    def text(self, attribute: str, language: str = "fr") -> str:
        """`name` or `does` in the given language."""
        return getattr(self, f"{attribute}_en" if language == "en" else attribute)

    def serves(self, department: str | None) -> bool:
        """True when it serves `department` (any body serves an unknown department)."""
        return department is None or not self.departments or department in self.departments
