"""Where conversations are kept: Rasa's SQL tracker store, a SQLite file by default.

``ConversationStore`` keeps Rasa's schema (one ``events`` table) and adds what Rasa 3.6
lacks: SQLite set up for concurrent turns (WAL, busy timeout), erasure of a whole
conversation when the person asks for it (after the turn that confirms it is saved, still
under the conversation's lock, so nothing is written back), and erasure by an operator.

Rasa reads and deserialises every event of the conversation's session at each turn: the
cost of a turn grows with the conversation. This store keeps the events of the latest
session of recent conversations in memory (``cache_size`` conversations, least recently
used first out) with what they were read from: the number of the sender's rows, their
first and last id. Each retrieval checks that against the database with one query and
reads only the rows added since (by another process, say), or everything when anything
else changed (an erasure): several processes sharing the database stay right. The events
are kept as objects, so the same objects come back turn after turn (the dialogue states of
bot/rasa_patches/tracker_states.py go on from them).

Rasa wraps every tracker store in ``FailSafeTrackerStore``, which answers a failed read
with an empty tracker: this store is used unwrapped instead
(bot/rasa_patches/agent_tracker_store.py), so a failure reaches the channel, which apologises.

Its methods that override Rasa's pin the source of Rasa's (guard.overrides_rasa): the class
is refused when it is defined if Rasa's changed.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import sqlalchemy as sa
import ujson
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActionExecuted, Event, SessionStarted, UserUttered, deserialise_events
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from bot.paths import data_dir
from bot.rasa_patches.guard import overrides_rasa
from handoff import store as handoff_requests

logger = logging.getLogger(__name__)

FORGET_ACTION = "utter_forgotten"  # its execution means: erase this conversation
SQLITE_BUSY_TIMEOUT_MS = 10_000
CACHE_SIZE = 1000  # conversations whose events are kept in memory


@dataclass(frozen=True)
class _Cached:
    """The latest session's events of a sender, and the rows they were read from."""

    rows: int  # how many rows the sender has, all sessions
    first_id: int | None
    last_id: int | None
    events: tuple[Event, ...]
    start: float | None  # the time of the latest session start in `events`, if any

    def extended(self, rows: int, first_id: int | None, last_id: int, new: Iterable[Event]) -> _Cached:
        """These events followed by `new` ones (read from `rows` rows, ids `first_id` to
        `last_id`), from the latest session start on: only the new events are looked at,
        unless one of them starts a later session."""
        events, start = _latest_session(new, self.start)
        if start == self.start:
            events = self.events + events
        else:
            events, start = _latest_session(self.events + events)
        return _Cached(rows, first_id, last_id, events, start)


def _latest_session(
    events: Iterable[Event], start: float | None = None
) -> tuple[tuple[Event, ...], float | None]:
    """The events Rasa's SQL store retrieves, from the latest session start's time on (the
    time of a start already seen before them, if any, counts), and that time."""
    events = tuple(events)
    starts = [e.timestamp for e in events if isinstance(e, SessionStarted)]
    if start is not None:
        starts.append(start)
    if not starts:
        return events, None
    latest = max(starts)
    return tuple(e for e in events if e.timestamp >= latest), latest


@overrides_rasa(
    __init__="64e704d159dfa35b86175cccdc9d08b05cbf91b2e0779bccf115671106ad9314",
    retrieve="0d99846daced97d3dee3fae5eecfef6179c7afaeb872b68bbe064bbd65223641",
    save="57165e46eab3de0866e77f03df0bf7fd5eac2c1de617ed431b934c9a4edfeef6",
)
class ConversationStore(SQLTrackerStore):
    """Rasa's SQL tracker store; a relative SQLite path is taken in the data folder."""

    def __init__(
        self,
        domain: Any = None,
        dialect: str = "sqlite",
        db: str = "conversations.db",
        cache_size: int = CACHE_SIZE,
        **kwargs: Any,
    ):
        self.cache_size = int(cache_size)
        self._cache: OrderedDict[str, _Cached] = OrderedDict()
        if dialect == "sqlite" and not kwargs.get("host"):
            db = str(data_dir() / db) if not Path(db).is_absolute() else db
        super().__init__(domain, dialect=dialect, db=db, **kwargs)
        if self.engine.dialect.name == "sqlite":
            # SQLAlchemy 1.4 opens a SQLite file anew for every session (NullPool), and the
            # close of the last connection checkpoints the write-ahead log: a disk flush per
            # read and per save, the server waiting. A kept connection avoids both.
            url = self.engine.url
            self.engine.dispose()
            self.engine = sa.create_engine(
                url, poolclass=sa.pool.QueuePool, pool_size=1, connect_args={"check_same_thread": False}
            )
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
            self.sessionmaker.configure(bind=self.engine)
            with self.engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA journal_mode=WAL")

    def ping(self) -> None:
        """Raises unless the database answers."""
        with self.engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")

    def describe(self) -> str:
        """What this store is, for the start-up message (no password)."""
        return f"{type(self).__name__} ({self.engine.url.render_as_string(hide_password=True)})"

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        """The tracker of the latest session, from memory when the database has not changed."""
        with self.session_scope() as session:
            cached = self._read(session, sender_id)
        if not cached.events or not self.domain:
            return None
        return DialogueStateTracker.from_events(sender_id, list(cached.events), self.domain.slots)

    def _read(self, session: Any, sender_id: str) -> _Cached:
        """The sender's events: kept ones checked against the database, new rows read."""
        table = self.SQLEvent
        # lambda statements: built and their SQL cached once, only the values bound at each turn
        rows, first_id, last_id = session.execute(
            sa.lambda_stmt(
                lambda: sa.select(
                    sa.func.count(table.id), sa.func.min(table.id), sa.func.max(table.id)
                ).where(table.sender_id == sender_id)
            )
        ).one()
        kept = self._cache.pop(sender_id, None)
        if kept and (kept.rows, kept.first_id, kept.last_id) == (rows, first_id, last_id):
            return self._keep(sender_id, kept)
        if kept and kept.rows and rows > kept.rows and first_id == kept.first_id:
            after = kept.last_id
            added = session.execute(
                sa.lambda_stmt(
                    lambda: sa.select(table.id, table.data)
                    .where(table.sender_id == sender_id, table.id > after, table.id <= last_id)
                    .order_by(table.id)
                )
            ).all()
            if len(added) == rows - kept.rows:  # nothing else changed in between
                new = deserialise_events([ujson.loads(r.data) for r in added])
                return self._keep(sender_id, kept.extended(rows, first_id, last_id, new))
        every = (
            session.query(table.id, table.type_name, table.timestamp, table.data)
            .filter(table.sender_id == sender_id)
            .order_by(table.id)
            .all()
        )
        if not every:
            return _Cached(0, None, None, (), None)
        starts = [r.timestamp for r in every if r.type_name == SessionStarted.type_name]
        start = max(starts) if starts else None
        session_rows = [r for r in every if start is None or r.timestamp >= start]
        events = tuple(deserialise_events([ujson.loads(r.data) for r in session_rows]))
        return self._keep(sender_id, _Cached(len(every), every[0].id, every[-1].id, events, start))

    def _keep(self, sender_id: str, cached: _Cached) -> _Cached:
        self._cache[sender_id] = cached
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)
        return cached

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Saves the turn; erases the whole conversation when the turn confirmed « forget me »."""
        await self.stream_events(tracker)
        kept = self._cache.pop(tracker.sender_id, None)
        events = tuple(tracker.events)
        if kept and not _continues(events, kept.events):
            kept = None
        with self.session_scope() as session:
            # Rasa counts the stored session's events to find the new ones. A tracker that goes
            # on from the events this store read needs no count: Rasa saves under the
            # conversation's lock, taken before that read, so nothing else wrote since.
            new = events[len(kept.events) :] if kept else list(self._additional_events(session, tracker))
            rows = [self._row(tracker.sender_id, event) for event in new]
            session.add_all(rows)  # one INSERT … RETURNING for them all on PostgreSQL
            session.flush()
            ids = [row.id for row in rows]
            session.commit()
        if kept and ids:
            # what this turn added after the events read from the database: kept as they are
            added = kept.extended(kept.rows + len(ids), kept.first_id or ids[0], ids[-1], new)
            self._keep(tracker.sender_id, added)
        elif kept:
            self._keep(tracker.sender_id, kept)
        if _forget_confirmed(tracker):
            deleted = self.delete(tracker.sender_id)
            logger.info("Conversation erased at the person's request (%d events)", deleted)

    def _row(self, sender_id: str, event: Event) -> Any:
        """The row Rasa's SQL store writes for `event`."""
        data = event.as_dict()
        return self.SQLEvent(
            sender_id=sender_id,
            type_name=event.type_name,
            timestamp=data.get("timestamp"),
            intent_name=data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
            action_name=data.get("name"),
            data=ujson.dumps(data),
        )

    def delete(self, sender_id: str) -> int:
        """Erases every event of `sender_id`; returns how many there were."""
        self._cache.pop(sender_id, None)
        with self.session_scope() as session:
            deleted = session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == sender_id).delete()
            session.commit()
        handoff_requests.erase(sender_id)  # the person's hand-off requests too (handoff/store.py)
        return deleted

    def purge(self, older_than_days: float) -> int:
        """Erases the conversations whose last event is older than the given age; returns how many."""
        cutoff = time.time() - older_than_days * 86400
        with self.session_scope() as session:
            last = sa.func.max(self.SQLEvent.timestamp)
            stale = (
                session.query(self.SQLEvent.sender_id)
                .group_by(self.SQLEvent.sender_id)
                .having(last < cutoff)
                .subquery()
            )
            senders = [row[0] for row in session.query(stale.c.sender_id)]
            for start in range(0, len(senders), 500):
                chunk = senders[start : start + 500]
                session.query(self.SQLEvent).filter(self.SQLEvent.sender_id.in_(chunk)).delete(
                    synchronize_session=False
                )
            session.commit()
        return len(senders)


def _continues(events: tuple[Event, ...], read: tuple[Event, ...]) -> bool:
    """Whether `events` start with the very objects in `read` (a tracker made from them)."""
    return len(read) <= len(events) and all(a is b for a, b in zip(read, events, strict=False))


def _sqlite_pragmas(connection: Any, _: Any) -> None:
    cursor = connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")  # with WAL: durable across a crash of the process
    cursor.close()


def _forget_confirmed(tracker: DialogueStateTracker) -> bool:
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, ActionExecuted) and event.action_name == FORGET_ACTION:
            return True
    return False
