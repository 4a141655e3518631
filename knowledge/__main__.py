"""Curator commands: `python -m knowledge audit [--schemes draft.yml] [--referrals draft.yml]`."""

import argparse
import sys
from datetime import date
from pathlib import Path

from knowledge import audit
from knowledge.loader import SCHEMES_FILE
from knowledge.referrals import REFERRALS_FILE


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m knowledge", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("audit", help="audit the sources and dates of the schemes and referrals")
    check.add_argument("--schemes", type=Path, default=SCHEMES_FILE, help="schemes file (default: shipped)")
    check.add_argument("--referrals", type=Path, default=REFERRALS_FILE, help="referrals (default: shipped)")
    check.add_argument("--today", type=date.fromisoformat, default=None, help="date to measure ages from")
    args = parser.parse_args()
    sys.exit(audit.main(args.schemes, args.today, args.referrals))


if __name__ == "__main__":
    main()
