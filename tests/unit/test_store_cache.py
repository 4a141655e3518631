"""The conversation store keeps recent conversations' events in memory, checked against the
database at each read: what it gives is what Rasa's SQL store reads, even when another
process writes or erases, and it keeps a bounded number of conversations."""

from __future__ import annotations

import asyncio
import random

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.store import ConversationStore, _Cached, _latest_session

DOMAIN = Domain.from_yaml(
    'version: "3.1"\nintents: [greet]\nslots:\n  city: {type: text, mappings: [{type: custom}]}'
)


def _turn(tracker: DialogueStateTracker, text: str) -> None:
    tracker.update(UserUttered(text, {"name": "greet", "confidence": 1.0}))
    tracker.update(SlotSet("city", text))
    tracker.update(ActionExecuted("utter_greet"))
    tracker.update(ActionExecuted("action_listen"))


def _events(tracker: DialogueStateTracker | None) -> list[dict]:
    return [event.as_dict() for event in tracker.events] if tracker else []


def _stores(tmp_path, size: int = 10) -> tuple[ConversationStore, ConversationStore, SQLTrackerStore]:
    db = str(tmp_path / "conversations.db")
    one = ConversationStore(DOMAIN, db=db, cache_size=size)
    return one, ConversationStore(DOMAIN, db=db, cache_size=size), SQLTrackerStore(DOMAIN, db=db)


def test_reads_are_rasa_s_across_processes_and_sessions(tmp_path) -> None:
    async def scenario() -> None:
        one, other, rasa = _stores(tmp_path)
        tracker = await one.get_or_create_tracker("a")
        for text in ("Lille", "Amiens"):
            _turn(tracker, text)
            await one.save(tracker)
            assert _events(await one.retrieve("a")) == _events(await rasa.retrieve("a"))
        tracker = await other.retrieve("a")  # another process goes on with the conversation
        _turn(tracker, "Arras")
        await other.save(tracker)
        again = await one.retrieve("a")
        assert _events(again) == _events(await rasa.retrieve("a")) and again.get_slot("city") == "Arras"
        again.update(ActionExecuted("action_session_start"))
        again.update(SessionStarted())
        _turn(again, "Laon")
        await one.save(again)
        for store in (one, other):
            latest = await store.retrieve("a")
            assert _events(latest) == _events(await rasa.retrieve("a"))
            assert isinstance(latest.events[0], SessionStarted)
        other.delete("a")  # an erasure elsewhere is seen at the next read
        assert await one.retrieve("a") is None and await rasa.retrieve("a") is None

    asyncio.run(scenario())


def test_the_same_events_come_back_and_the_cache_is_bounded(tmp_path) -> None:
    async def scenario() -> None:
        one, _, _ = _stores(tmp_path, size=2)
        for sender in ("a", "b", "c"):
            tracker = await one.get_or_create_tracker(sender)
            _turn(tracker, sender)
            await one.save(tracker)
            assert await one.retrieve(sender)
        assert len(one._cache) == 2
        first, second = await one.retrieve("c"), await one.retrieve("c")
        assert all(a is b for a, b in zip(first.events, second.events, strict=True))

    asyncio.run(scenario())


def test_a_save_counts_the_stored_events_only_for_a_tracker_it_did_not_read(tmp_path) -> None:
    async def scenario() -> None:
        one, _, rasa = _stores(tmp_path)
        tracker = await one.get_or_create_tracker("a")
        _turn(tracker, "Lille")
        await one.save(tracker)
        statements: list[str] = []
        sa.event.listen(one.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))

        async def saved(tracker: DialogueStateTracker) -> list[str]:
            before = len(statements)
            await one.save(tracker)
            return [statement.split()[0].upper() for statement in statements[before:]]

        tracker = await one.retrieve("a")
        _turn(tracker, "Amiens")
        assert "SELECT" not in await saved(tracker)  # it goes on from what this store read
        assert _events(await rasa.retrieve("a")) == _events(tracker)
        elsewhere = await rasa.retrieve("a")  # events this store did not read: Rasa's count
        _turn(elsewhere, "Arras")
        assert "SELECT" in await saved(elsewhere)
        assert _events(await rasa.retrieve("a")) == _events(elsewhere)
        assert _events(await one.retrieve("a")) == _events(elsewhere)

    asyncio.run(scenario())


def test_sqlite_stays_open_across_turns(tmp_path) -> None:
    """A file opened anew per read and per save makes each save wait for the disk."""

    async def scenario() -> None:
        one, _, rasa = _stores(tmp_path)
        opened: list[object] = []
        sa.event.listen(one.engine, "connect", lambda connection, _: opened.append(connection))
        tracker = await one.get_or_create_tracker("a")
        for text in ("Lille", "Amiens", "Arras"):
            _turn(tracker, text)
            await one.save(tracker)
            tracker = await one.retrieve("a")
        assert len(opened) <= 1
        assert _events(await rasa.retrieve("a")) == _events(tracker)

    asyncio.run(scenario())


def test_a_session_started_by_another_process_is_read_as_rasa_reads_it(tmp_path) -> None:
    async def scenario() -> None:
        one, other, rasa = _stores(tmp_path)
        tracker = await one.get_or_create_tracker("a")
        _turn(tracker, "Lille")
        await one.save(tracker)
        assert _events(await other.retrieve("a")) == _events(await rasa.retrieve("a"))  # kept by other
        tracker = await one.retrieve("a")
        tracker.update(ActionExecuted("action_session_start"))
        tracker.update(SessionStarted())
        _turn(tracker, "Laon")
        await one.save(tracker)
        latest = await other.retrieve("a")  # only the rows added since are read
        assert _events(latest) == _events(await rasa.retrieve("a"))
        assert isinstance(latest.events[0], SessionStarted) and latest.get_slot("city") == "Laon"
        _turn(latest, "Arras")
        await other.save(latest)
        for store in (one, other):
            assert _events(await store.retrieve("a")) == _events(await rasa.retrieve("a"))

    asyncio.run(scenario())


def test_kept_events_go_on_as_a_read_of_them_all_would() -> None:
    def event(kind: str, timestamp: float) -> ActionExecuted | SessionStarted:
        if kind == "start":
            return SessionStarted(timestamp=timestamp)
        return ActionExecuted(kind, timestamp=timestamp)

    rng = random.Random(7)
    for _ in range(200):
        stream = [event(rng.choice(["start", "a", "b", "c"]), rng.uniform(0, 10)) for _ in range(30)]
        cut = rng.randrange(len(stream))
        events, start = _latest_session(stream[:cut])
        kept = _Cached(cut, 1, cut, events, start).extended(len(stream), 1, len(stream), stream[cut:])
        assert (kept.events, kept.start) == _latest_session(stream)
