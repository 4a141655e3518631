"""Play a conversation suite against a model and print what failed: `python -m bench.play`.

For development: starts this project's action and Rasa servers on free loopback ports (or uses
`--url` of a running server), plays bench/scenarios.yml or bench/conversations.yml, prints each
failure with the answer, and the pass rate per class.
"""

from __future__ import annotations

import argparse
import tempfile
from collections import Counter
from pathlib import Path

from bench import scenarios
from bench.__main__ import BENCH_ENV
from bench.servers import start_action_server, start_rasa_server, stop

ROOT = Path(__file__).resolve().parent.parent


def _report(suite: list[dict], outcome: scenarios.Outcome) -> None:
    failed = {failure.scenario for failure in outcome.failures}
    for failure in outcome.failures:
        problems = "; ".join(failure.problems)
        print(f"FAIL {failure.scenario} (turn {failure.turn}, «{failure.user}»): {problems}")
        print("    " + failure.answer.replace("\n", "\n    "))
    totals, passes = Counter(), Counter()
    for scenario in suite:
        totals[scenario.get("class", 0)] += 1
        passes[scenario.get("class", 0)] += scenario["name"] not in failed
    print(", ".join(f"class {c}: {passes[c]}/{totals[c]}" for c in sorted(totals)))
    rate = f"{outcome.passed}/{outcome.scenarios} ({outcome.pass_rate:.1%})"
    print(f"passed {rate}, {outcome.turns_checked} checked turns")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("suite", nargs="?", type=Path, default=ROOT / "bench" / "conversations.yml")
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "current.tar.gz")
    parser.add_argument("--url", help="a running Rasa server instead of starting one")
    parser.add_argument("--only", help="play only the scenarios whose name contains this text")
    parser.add_argument("--class", dest="klass", type=int, help="play only this class")
    args = parser.parse_args()
    suite = scenarios.load(args.suite)
    if args.only:
        suite = [s for s in suite if args.only.lower() in s["name"].lower()]
    if args.klass is not None:
        suite = [s for s in suite if s.get("class") == args.klass]
    if args.url:
        _report(suite, scenarios.run(args.url, suite))
        return
    with tempfile.TemporaryDirectory(prefix="hdf-play-") as work:
        actions = start_action_server(Path(work) / "actions.log", env={"HDF_DATA_DIR": f"{work}/var"})
        try:
            env = {"ACTION_SERVER_URL": f"{actions.url}/webhook", "HDF_DATA_DIR": f"{work}/var", **BENCH_ENV}
            rasa = start_rasa_server(
                args.model, Path(work) / "rasa.log", endpoints="bot/endpoints.yml",
                credentials="bot/credentials.yml", env=env,
            )
            try:
                _report(suite, scenarios.run(rasa.url, suite))
            finally:
                stop(rasa.process)
        finally:
            stop(actions.process)


if __name__ == "__main__":
    main()
