"""The knowledge base: support schemes, who handles what, and the geography of Hauts-de-France.

Plain Python with no Rasa import: `load()` returns the validated knowledge, cached.
"""

from dataclasses import dataclass
from functools import lru_cache

from knowledge.geography import Gazetteer, Place
from knowledge.loader import KnowledgeError, load_schemes, load_settings, load_vocabulary
from knowledge.models import Fact, Referral, Scheme, Settings, Source
from knowledge.recommend import Profile, Recommendation, recommend
from knowledge.referrals import Referrals, load_referrals
from knowledge.schemes import SchemeIndex
from knowledge.vocabulary import SECTIONS, Vocabulary

__all__ = [
    "Fact",
    "Gazetteer",
    "Knowledge",
    "KnowledgeError",
    "Place",
    "Profile",
    "Recommendation",
    "Referral",
    "Referrals",
    "Scheme",
    "Settings",
    "Source",
    "load",
]


@dataclass(frozen=True)
class Knowledge:
    """Everything the assistant knows."""

    schemes: list[Scheme]
    index: SchemeIndex
    vocabulary: Vocabulary
    places: Gazetteer
    settings: Settings
    referrals: Referrals

    def scheme(self, scheme_id: str) -> Scheme:
        return self.index.by_id[scheme_id]

    def recommend(self, profile: Profile) -> list[Recommendation]:
        return recommend(self.schemes, profile)

    def schemes_in(self, departments: tuple[str, ...]) -> list[Scheme]:
        """The region's schemes available in any of `departments`, seed schemes first."""
        found = [s for s in self.schemes if set(departments) & set(s.departments)]
        return sorted(found, key=lambda s: (not s.source.is_seed, s.national))


@lru_cache(maxsize=1)
def load() -> Knowledge:
    """Load and validate the knowledge base (raises KnowledgeError when invalid)."""
    vocabulary_data = load_vocabulary()
    settings = load_settings()
    schemes = load_schemes(vocabulary=vocabulary_data, settings=settings)
    vocabulary = Vocabulary(vocabulary_data)
    common = frozenset(alias for section in SECTIONS for alias in vocabulary.aliases(section))
    return Knowledge(
        schemes, SchemeIndex(schemes, common), vocabulary, Gazetteer(), settings, load_referrals()
    )
