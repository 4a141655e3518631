"""Where conversations are kept: Rasa's SQL tracker store, a SQLite file by default.

``ConversationStore`` keeps Rasa's schema (one ``events`` table) and adds what Rasa 3.6
lacks: SQLite set up for concurrent turns (WAL, busy timeout), erasure of a whole
conversation when the person asks for it (after the turn that confirms it is saved, still
under the conversation's lock, so nothing is written back), and erasure by an operator.

Rasa wraps every tracker store in ``FailSafeTrackerStore``, which answers a failed read
with an empty tracker: the person would silently start over, and the next save would write
that fresh start after the stored events. This store is used unwrapped instead, so a
failure reaches the channel, which apologises (bot/channels/common.py).
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from rasa.core.agent import Agent
from rasa.core.tracker_store import SQLTrackerStore, TrackerStore
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.internals import replace
from bot.paths import data_dir
from handoff import store as handoff_requests

logger = logging.getLogger(__name__)

FORGET_ACTION = "utter_forgotten"  # its execution means: erase this conversation
SQLITE_BUSY_TIMEOUT_MS = 10_000


class ConversationStore(SQLTrackerStore):
    """Rasa's SQL tracker store; a relative SQLite path is taken in the data folder."""

    def __init__(
        self, domain: Any = None, dialect: str = "sqlite", db: str = "conversations.db", **kwargs: Any
    ):
        if dialect == "sqlite" and not kwargs.get("host"):
            db = str(data_dir() / db) if not Path(db).is_absolute() else db
        super().__init__(domain, dialect=dialect, db=db, **kwargs)
        if self.engine.dialect.name == "sqlite":
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
            self.engine.dispose()  # connections made before the listener are closed
            with self.engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA journal_mode=WAL")

    def ping(self) -> None:
        """Raises unless the database answers."""
        with self.engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")

    def describe(self) -> str:
        """What this store is, for the start-up message (no password)."""
        return f"{type(self).__name__} ({self.engine.url.render_as_string(hide_password=True)})"

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Saves the turn; erases the whole conversation when the turn confirmed « forget me »."""
        await super().save(tracker)
        if _forget_confirmed(tracker):
            deleted = self.delete(tracker.sender_id)
            logger.info("Conversation erased at the person's request (%d events)", deleted)

    def delete(self, sender_id: str) -> int:
        """Erases every event of `sender_id`; returns how many there were."""
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


_rasa_create_tracker_store = Agent._create_tracker_store


def _create_tracker_store(store: TrackerStore | None, domain: Any) -> TrackerStore:
    """Agent._create_tracker_store, without the fail-safe wrapper for a ConversationStore."""
    if isinstance(store, ConversationStore):
        store.domain = domain
        return store
    return _rasa_create_tracker_store(store, domain)


replace(Agent, "_create_tracker_store", staticmethod(_create_tracker_store))
