"""Turn time against position in one long conversation: `python -m bench.position`.

Plays RUNS conversations of 120 turns over REST, one after the other (a few messages
repeated), and gives the median turn time of each block of 20 turns over all of them: one
conversation's 20 turns of four kinds give a median that a few slow turns move. Without
`--url`, starts this project's servers with a model (the advisor), or `--minimal` the
`rasa init` bot on its own model.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import uuid
from pathlib import Path

import requests

from bench.servers import ROOT, Server, start_action_server, start_rasa_server, stop

TURNS, BLOCK, RUNS = 120, 20, 3
# The conversation: a profile, a follow-up, a fact, small talk, again and again.
ADVISOR = ["je suis étudiant à Amiens", "et après ?", "c'est quoi PEPITE ?", "merci"]
MINIMAL = ["hello", "I am feeling great", "are you a bot?", "bye"]
BENCH_ENV = {"HDF_RATE_PER_MINUTE": "1000000", "HDF_RATE_BURST": "1000000"}


def play(
    url: str, messages: list[str], turns: int = TURNS, headers: dict[str, str] | None = None
) -> list[float]:
    """Milliseconds of each turn of one conversation of `turns` turns cycling over `messages`."""
    sender = f"position-{uuid.uuid4().hex[:12]}"
    times = []
    with requests.Session() as session:
        for turn in range(turns):
            started = time.perf_counter()
            response = session.post(
                f"{url}/webhooks/rest/webhook",
                json={"sender": sender, "message": messages[turn % len(messages)]},
                headers=headers or {},
                timeout=60,
            )
            response.raise_for_status()
            times.append((time.perf_counter() - started) * 1000)
    return times


def blocks(times: list[float], size: int = BLOCK, runs: list[list[float]] | None = None) -> dict[str, float]:
    """Median turn time of each block of `size` turns, keyed « 1-20 », « 21-40 »…, over the
    turns of `times` and of the other `runs`."""
    every = [times, *(runs or [])]
    return {
        f"{start + 1}-{start + size}": statistics.median(
            t for run in every for t in run[start : start + size]
        )
        for start in range(0, len(times), size)
    }


def growth(figures: dict[str, float]) -> float:
    """Median of the last block over the first's."""
    values = list(figures.values())
    return values[-1] / values[0] if values[0] else float("nan")


def measure(url: str, messages: list[str], headers: dict[str, str] | None = None, runs: int = RUNS) -> dict:
    """One warm-up conversation, then `runs` measured ones: the blocks over all, the growth
    over all and of each."""
    play(url, messages, turns=len(messages), headers=headers)
    played = [play(url, messages, headers=headers) for _ in range(runs)]
    figures = blocks(played[0], runs=played[1:])
    return {
        "conversations": runs,
        "blocks_ms": figures,
        "growth": growth(figures),
        "growth_each": [growth(blocks(times)) for times in played],
    }


def _serve(work: Path, model: Path, minimal: Path | None) -> tuple[Server, Server | None]:
    """The minimal bot's server, or this project's Rasa and action servers."""
    if minimal:
        return start_rasa_server(model, work / "rasa.log", cwd=minimal), None
    actions = start_action_server(work / "actions.log", env={"HDF_DATA_DIR": f"{work}/var"})
    env = {"ACTION_SERVER_URL": f"{actions.url}/webhook", "HDF_DATA_DIR": f"{work}/var", **BENCH_ENV}
    try:
        rasa = start_rasa_server(
            model,
            work / "rasa.log",
            endpoints="bot/endpoints.yml",
            credentials="bot/credentials.yml",
            env=env,
        )
    except Exception:
        stop(actions.process)
        raise
    return rasa, actions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running Rasa server instead of starting one")
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "current.tar.gz")
    parser.add_argument("--minimal", type=Path, help="the `rasa init` project folder of --model")
    args = parser.parse_args()
    messages = MINIMAL if args.minimal else ADVISOR
    if args.url:
        print(measure(args.url, messages))
        return
    with tempfile.TemporaryDirectory(prefix="hdf-position-") as tmp:
        rasa, actions = _serve(Path(tmp), args.model, args.minimal)
        try:
            print(measure(rasa.url, messages))
        finally:
            stop(rasa.process)
            if actions:
                stop(actions.process)


if __name__ == "__main__":
    main()
