"""The requests table (the outbox): one row per request, with its delivery state.

States: ``pending`` (waiting for its next attempt) → ``sending`` (claimed by the worker
until ``lease_until``) → ``sent``; after ``MAX_ATTEMPTS`` failures, ``failed`` (``requests
retry`` puts it back). A worker that dies while sending leaves ``sending`` with an expired
lease: the request is claimed again and sent with the same Message-ID / idempotency key,
and each channel (e-mail, webhook) done is recorded at once, so it is never sent again.
"""

from __future__ import annotations

import json
import secrets
import time
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import sqlalchemy as sa

from handoff.config import database_url

MAX_ATTEMPTS = 12
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I

metadata = sa.MetaData()
requests = sa.Table(
    "handoff_requests",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("reference", sa.String(16), nullable=False, unique=True),
    sa.Column("conversation_id", sa.String(255), nullable=False, index=True),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("scheme_id", sa.String(80)),
    sa.Column("inbox", sa.String(80), nullable=False),
    sa.Column("language", sa.String(2), nullable=False),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("contact", sa.String(200), nullable=False, index=True),
    sa.Column("summary", sa.Text, nullable=False),  # JSON: the lines shown to the person
    sa.Column("state", sa.String(10), nullable=False, index=True),
    sa.Column("attempts", sa.Integer, nullable=False, default=0),
    sa.Column("next_attempt_at", sa.Float, nullable=False),
    sa.Column("lease_until", sa.Float),
    sa.Column("last_error", sa.Text),
    sa.Column("email_sent_at", sa.Float),
    sa.Column("webhook_sent_at", sa.Float),
    sa.Column("sent_at", sa.Float),
)


@dataclass(frozen=True)
class Request:
    id: int
    reference: str
    conversation_id: str
    created_at: float
    scheme_id: str | None
    inbox: str
    language: str
    name: str
    contact: str
    summary: dict[str, Any]
    state: str
    attempts: int
    next_attempt_at: float
    lease_until: float | None
    last_error: str | None
    email_sent_at: float | None
    webhook_sent_at: float | None
    sent_at: float | None

    @classmethod
    def from_row(cls, row: Any) -> Request:
        values = dict(row._mapping)
        values["summary"] = json.loads(values["summary"])
        return cls(**values)


@lru_cache(maxsize=4)
def _engine(url: str) -> sa.engine.Engine:
    engine = sa.create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", lambda c, _: c.execute("PRAGMA busy_timeout=10000"))
    metadata.create_all(engine)
    return engine


def engine() -> sa.engine.Engine:
    """The database of HDF_DATABASE_URL, its table created if missing."""
    return _engine(database_url())


def new_reference() -> str:
    return "HDF-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))


def add(
    conversation_id: str,
    scheme_id: str | None,
    inbox: str,
    language: str,
    name: str,
    contact: str,
    summary: dict[str, Any],
) -> Request:
    """Stores a new pending request and returns it (with its reference)."""
    now = time.time()
    with engine().begin() as db:
        while True:
            reference = new_reference()
            if not db.execute(sa.select(requests.c.id).where(requests.c.reference == reference)).first():
                break
        values = dict(
            reference=reference,
            conversation_id=conversation_id,
            created_at=now,
            scheme_id=scheme_id,
            inbox=inbox,
            language=language,
            name=name,
            contact=contact,
            summary=json.dumps(summary, ensure_ascii=False),
            state="pending",
            attempts=0,
            next_attempt_at=now,
        )
        key = db.execute(requests.insert().values(**values)).inserted_primary_key[0]
    return get(int(key))


def get(request_id: int) -> Request:
    with engine().connect() as db:
        return Request.from_row(db.execute(sa.select(requests).where(requests.c.id == request_id)).one())


def all_requests(states: tuple[str, ...] = ()) -> list[Request]:
    query = sa.select(requests).order_by(requests.c.id)
    if states:
        query = query.where(requests.c.state.in_(states))
    with engine().connect() as db:
        return [Request.from_row(row) for row in db.execute(query)]


def recent_count(conversation_id: str | None = None, contact: str | None = None, hours: float = 24) -> int:
    """How many requests this conversation (or this e-mail/phone) made in the last `hours`."""
    query = sa.select(sa.func.count()).select_from(requests)
    query = query.where(requests.c.created_at > time.time() - hours * 3600)
    if conversation_id is not None:
        query = query.where(requests.c.conversation_id == conversation_id)
    if contact is not None:
        query = query.where(requests.c.contact == contact)
    with engine().connect() as db:
        return int(db.execute(query).scalar_one())


def erase(conversation_id: str) -> int:
    """Erases every request of a conversation (« effacer mes données »); returns how many."""
    with engine().begin() as db:
        return db.execute(requests.delete().where(requests.c.conversation_id == conversation_id)).rowcount


def withdraw(conversation_id: str) -> tuple[list[str], list[str]]:
    """Erases the requests of a conversation not yet being sent (« annulez ma demande »);
    returns their references, and those of the requests already sent or being sent."""
    waiting = requests.c.state.in_(("pending", "failed"))
    mine = requests.c.conversation_id == conversation_id
    with engine().begin() as db:
        rows = db.execute(sa.select(requests.c.reference, waiting.label("waiting")).where(mine)).all()
        db.execute(requests.delete().where(mine, waiting))
    return [r.reference for r in rows if r.waiting], [r.reference for r in rows if not r.waiting]


def purge(older_than_days: float) -> int:
    """Erases the requests sent or failed more than `older_than_days` ago; returns how many."""
    cutoff = time.time() - older_than_days * 86400
    query = requests.delete().where(requests.c.state.in_(("sent", "failed")), requests.c.created_at < cutoff)
    with engine().begin() as db:
        return db.execute(query).rowcount


def claim(lease_seconds: float) -> Request | None:
    """Takes the next request due (or whose worker died while sending it) until the lease ends."""
    now = time.time()
    due = sa.or_(
        sa.and_(requests.c.state == "pending", requests.c.next_attempt_at <= now),
        sa.and_(requests.c.state == "sending", requests.c.lease_until < now),
    )
    with engine().begin() as db:
        row = db.execute(sa.select(requests.c.id).where(due).order_by(requests.c.id).limit(1)).first()
        if row is None:
            return None
        taken = db.execute(
            requests.update()
            .where(requests.c.id == row.id, due)
            .values(state="sending", lease_until=now + lease_seconds, attempts=requests.c.attempts + 1)
        ).rowcount
    return get(row.id) if taken else None


def mark(request_id: int, **values: Any) -> None:
    with engine().begin() as db:
        db.execute(requests.update().where(requests.c.id == request_id).values(**values))


def delivered(request_id: int, channel: str) -> None:
    """Records that one channel ("email", "webhook") has the request."""
    mark(request_id, **{f"{channel}_sent_at": time.time()})


def done(request_id: int) -> None:
    mark(request_id, state="sent", sent_at=time.time(), lease_until=None, last_error=None)


def failed(request: Request, error: str, backoff: float) -> None:
    """Back to pending after `backoff` seconds, or failed after MAX_ATTEMPTS."""
    state = "failed" if request.attempts >= MAX_ATTEMPTS else "pending"
    mark(request.id, state=state, next_attempt_at=time.time() + backoff, lease_until=None, last_error=error)


def retry(reference: str | None = None) -> int:
    """Makes pending or failed requests (all, or the one with `reference`) due now."""
    query = requests.update().where(requests.c.state.in_(("pending", "failed")))
    if reference:
        query = query.where(requests.c.reference == reference)
    with engine().begin() as db:
        return db.execute(query.values(state="pending", next_attempt_at=time.time(), attempts=0)).rowcount
