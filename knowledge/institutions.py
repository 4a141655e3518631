"""Universities people name instead of their town, from knowledge/data/institutions.yml."""

from dataclasses import dataclass
from pathlib import Path

import yaml

from knowledge.text import Span, find_phrases, fold

INSTITUTIONS_FILE = Path(__file__).resolve().parent / "data" / "institutions.yml"
INSTITUTION_AREA = "institution"  # the `area` of a place given by naming a university


@dataclass(frozen=True)
class Institution:
    """A university: its name, the commune it is seated in or the departments of its sites."""

    name: str
    commune: str | None
    departments: tuple[str, ...]


class Institutions:
    """Finds the universities named in a message (« master à l'UPJV »)."""

    def __init__(self, path: Path = INSTITUTIONS_FILE) -> None:
        entries = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("institutions", [])
        self.by_name = {
            e["name"]: Institution(e["name"], e.get("commune"), tuple(e.get("departments", ())))
            for e in entries
        }
        self._aliases = {
            fold(alias): e["name"] for e in entries for alias in [e["name"], *e.get("aliases", [])]
        }

    def mentions(self, text: str) -> list[tuple[Institution, Span]]:
        """Each university named in `text`, with its character span, in reading order."""
        return [(self.by_name[name], span) for name, span in find_phrases(text, self._aliases)]
