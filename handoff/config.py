"""Settings of the hand-off, from the environment and the inboxes file."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
INBOXES_FILE = Path(__file__).resolve().parent / "inboxes.yml"


def database_url() -> str:
    """HDF_DATABASE_URL, by default the conversations' SQLite file of the data folder
    (HDF_DATA_DIR, default var/, as bot/paths.py)."""
    url = os.environ.get("HDF_DATABASE_URL", "").strip()
    if url:
        return url
    folder = ROOT / os.environ.get("HDF_DATA_DIR", "var")
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'conversations.db'}"


def number(name: str, default: float) -> float:
    return float(os.environ.get(name) or default)


def daily_limit() -> int:
    """HDF_HANDOFF_DAILY_LIMIT: requests one person (conversation, or e-mail/phone) may send in 24 hours."""
    return int(number("HDF_HANDOFF_DAILY_LIMIT", 3))


@dataclass(frozen=True)
class Inbox:
    key: str
    label: str
    label_en: str
    email: str | None = None
    webhook: str | None = None


@dataclass(frozen=True)
class Inboxes:
    default: Inbox
    by_scheme: dict[str, Inbox]

    def for_scheme(self, scheme_id: str | None) -> Inbox:
        return self.by_scheme.get(scheme_id or "", self.default)

    def get(self, key: str) -> Inbox:
        return next((i for i in self.by_scheme.values() if i.key == key), self.default)


def _inbox(key: str, data: dict) -> Inbox:
    label = str(data.get("label") or key)
    return Inbox(key, label, str(data.get("label_en") or label), data.get("email"), data.get("webhook"))


@lru_cache(maxsize=4)
def _load(path: str) -> Inboxes:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    by_scheme: dict[str, Inbox] = {}
    for i, item in enumerate(data.get("inboxes") or []):
        inbox = _inbox(f"inbox-{i + 1}", item)
        by_scheme.update({scheme: inbox for scheme in item.get("schemes") or []})
    return Inboxes(_inbox("default", data.get("default") or {}), by_scheme)


def inboxes() -> Inboxes:
    """The inboxes file: HDF_HANDOFF_CONFIG, else handoff/inboxes.yml."""
    return _load(os.environ.get("HDF_HANDOFF_CONFIG") or str(INBOXES_FILE))


@dataclass(frozen=True)
class Smtp:
    """HDF_SMTP_HOST (none: no e-mail), HDF_SMTP_PORT (587), HDF_SMTP_TLS (starttls, tls or
    none), HDF_SMTP_USER, HDF_SMTP_PASSWORD, HDF_SMTP_FROM (the sender address)."""

    host: str
    port: int
    tls: str
    user: str
    password: str
    sender: str

    @classmethod
    def from_environment(cls) -> Smtp:
        tls = (os.environ.get("HDF_SMTP_TLS") or "starttls").lower()
        return cls(
            host=os.environ.get("HDF_SMTP_HOST", ""),
            port=int(os.environ.get("HDF_SMTP_PORT") or (465 if tls == "tls" else 587)),
            tls=tls,
            user=os.environ.get("HDF_SMTP_USER", ""),
            password=os.environ.get("HDF_SMTP_PASSWORD", ""),
            sender=os.environ.get("HDF_SMTP_FROM") or "assistant@entreprendre-hdf.invalid",
        )
