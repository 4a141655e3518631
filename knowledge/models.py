"""Typed records of the knowledge base."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Fact:
    """One sourced fact about a scheme, in French and (when given) English."""

    topic: str
    text: str
    text_en: str


@dataclass(frozen=True)
class Source:
    """Where a scheme's facts come from."""

    origin: str  # "seed" or "complement"
    quote: str | None = None
    reference: str | None = None
    read_on: str | None = None

    @property
    def is_seed(self) -> bool:
        return self.origin == "seed"


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

    def text(self, attribute: str, language: str = "fr") -> str:
        """`name`, `description`, `next_step` or `verify_with` in the given language."""
        return getattr(self, f"{attribute}_en" if language == "en" else attribute)

    def facts_about(self, topic: str) -> tuple[Fact, ...]:
        return tuple(f for f in self.facts if f.topic == topic)
