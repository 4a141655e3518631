"""`python -m handoff`: the outbox worker. `python -m handoff requests list [--all]` shows the
requests not sent yet (or all), `python -m handoff requests retry [REFERENCE]` makes pending or
failed ones due now, `python -m handoff requests purge --older-than DAYS` erases the sent or
failed ones older than that."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from datetime import datetime, timezone

from handoff import store, worker


def _when(stamp: float | None) -> str:
    return datetime.fromtimestamp(stamp, timezone.utc).strftime("%Y-%m-%d %H:%M UTC") if stamp else "-"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m handoff", description=__doc__)
    parser.add_argument("--once", action="store_true", help="send what is due, then stop")
    commands = parser.add_subparsers(dest="command")
    requests = commands.add_parser("requests", help="show or resend requests")
    actions = requests.add_subparsers(dest="action", required=True)
    listing = actions.add_parser("list", help="requests not sent yet")
    listing.add_argument("--all", action="store_true", help="sent ones too")
    again = actions.add_parser("retry", help="make pending or failed requests due now")
    again.add_argument("reference", nargs="?", help="only this one (HDF-…)")
    purge = actions.add_parser("purge", help="erase sent or failed requests older than --older-than days")
    purge.add_argument("--older-than", type=float, required=True, metavar="DAYS")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if args.command is None:
        asyncio.run(worker.run(once=args.once))
        return 0
    if args.action == "list":
        states = () if args.all else ("pending", "sending", "failed")
        for r in store.all_requests(states):
            print(f"{r.reference}  {r.state:8} attempts={r.attempts}  created {_when(r.created_at)}  "
                  f"inbox={r.inbox}  scheme={r.scheme_id or '-'}  next {_when(r.next_attempt_at)}  "
                  f"{r.last_error or ''}".rstrip())
        return 0
    if args.action == "purge":
        print(f"{store.purge(args.older_than)} request(s) erased")
        return 0
    count = store.retry(args.reference)
    print(f"{count} request(s) due now")
    return 0 if count or not args.reference else 1


if __name__ == "__main__":
    sys.exit(main())
