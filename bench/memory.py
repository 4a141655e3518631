"""Memory of the Rasa server after many finished conversations: `python -m bench.memory`.

Starts the advisor (one process, SQLite store), plays CONVERSATIONS conversations of a few
turns, 10 at a time, and notes the Rasa process's resident memory after each thousand: the
conversations are in the tracker store, and what is kept in memory is bounded (bot/store.py,
bot/rasa_patches/), so it stays flat. `--report` puts the figures in the last report.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from bench import load, position, summary
from bench.__main__ import provenance
from bench.servers import Server, _rss_tree, stop

CONVERSATIONS, STEP = 5000, 1000
SCRIPT = ["bonjour", "je suis étudiant à Amiens"]


def measure(rasa: Server, conversations: int = CONVERSATIONS, step: int = STEP) -> dict:
    """Resident memory (MB) of the Rasa process before and after each `step` conversations."""
    rss = {0: _rss_tree(rasa.process.pid) / 2**20}
    for done in range(step, conversations + 1, step):
        load.measure(rasa.url, 10, [SCRIPT] * step)
        rss[done] = _rss_tree(rasa.process.pid) / 2**20
    run = provenance()
    return {"turns_per_conversation": len(SCRIPT), "rss_mb": rss} | {k: run[k] for k in ("date", "commit")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=CONVERSATIONS)
    parser.add_argument("--report", action="store_true", help="put the figures in bench/report.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hdf-memory-") as tmp:
        rasa, actions = position._serve(Path(tmp), position.ROOT / "models" / "current.tar.gz", None)
        try:
            load.measure(rasa.url, 1, [SCRIPT])  # warm
            figures = measure(rasa, args.conversations)
        finally:
            stop(rasa.process)
            stop(actions.process)
    print(json.dumps(figures, indent=2))
    if args.report:
        report = summary.load()
        report["memory"] = figures
        summary.REPORT.write_text(json.dumps(report, indent=2, ensure_ascii=False))
        summary.write_readme(report)


if __name__ == "__main__":
    main()
