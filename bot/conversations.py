"""Operators' commands on the stored conversations, with the server's own store settings.

    python -m bot.conversations forget telegram:123456789 [web:… …]
    python -m bot.conversations purge --older-than 180

A conversation id is the channel and the person's id on it (``telegram:<chat id>``,
``web:<session id>``, ``rest:<sender>``). The command runs outside the server, so it does not
hold the conversation's lock: a turn under way at that moment may be saved again. A person
erasing from the chat (« effacer mes données », /forget) has no such window.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml
from rasa.core.tracker_store import TrackerStore
from rasa.utils.endpoints import EndpointConfig

from bot.store import ConversationStore

ENDPOINTS = "bot/endpoints.yml"


def open_store(endpoints: str = ENDPOINTS) -> ConversationStore:
    """The tracker store that the Rasa server configured with `endpoints` uses (the other
    sections, e.g. the action server's ${ACTION_SERVER_URL}, are not read)."""
    section = (yaml.safe_load(Path(endpoints).read_text(encoding="utf-8")) or {}).get("tracker_store")
    store = TrackerStore.create(EndpointConfig.from_dict(section) if section else None)
    if not isinstance(store, ConversationStore):
        raise SystemExit(f"{endpoints} does not configure bot.store.ConversationStore")
    return store


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.conversations", description=__doc__.split("\n")[0])
    parser.add_argument("--endpoints", default=ENDPOINTS, help="the server's endpoints file")
    commands = parser.add_subparsers(dest="command", required=True)
    forget = commands.add_parser("forget", help="erase conversations by id")
    forget.add_argument("ids", nargs="+", metavar="ID")
    purge = commands.add_parser("purge", help="erase conversations idle for some days")
    purge.add_argument("--older-than", type=float, required=True, metavar="DAYS")
    args = parser.parse_args(argv)
    store = open_store(args.endpoints)
    if args.command == "forget":
        missing = 0
        for conversation in args.ids:
            deleted = store.delete(conversation)
            missing += deleted == 0
            print(f"{conversation}: {deleted} events erased" if deleted else f"{conversation}: not found")
        return 1 if missing else 0
    print(f"{store.purge(args.older_than)} conversations idle for over {args.older_than:g} days erased")
    return 0


if __name__ == "__main__":
    sys.exit(main())
