"""Benchmark the advisor against a minimal Rasa bot measured in the same run: `make bench`.

Prints a short report and writes it as JSON and Markdown under bench/out/. Parts:
understanding (held-out NLU test set, `rasa test nlu`), recommendations (scenario
conversations over REST), speed and cost (turn latency at 1, 10 and 50 concurrent
conversations, throughput, errors, training time from scratch, resident memory, time
from start to first answer), each next to the minimal bot's figure with the ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
from dataclasses import asdict
from datetime import date
from pathlib import Path

import requests

from bench import baseline, load, nlu, scenarios, training
from bench.servers import Server, start_action_server, start_rasa_server, stop

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
CONVERSATIONS = ROOT / "bench" / "conversations.yml"  # issue 7's suite, written apart from data/
LEVELS = (1, 10, 50)
MESSAGES = ["bonjour", "je suis étudiant à Amiens", "et après ?"]
TRAIN_ARGS = ["--config", "bot/config.yml", "--domain", "bot/domain.yml", "--data", "data"]


def first_answer(server: Server, message: str) -> float:
    """Seconds from the server's start to its first answer to `message`."""
    requests.post(
        f"{server.url}/webhooks/rest/webhook", json={"sender": "first", "message": message}, timeout=120
    ).raise_for_status()
    return time.monotonic() - server.started


def measure_server(server: Server, messages: list[str]) -> dict:
    """First answer, load levels and memory of a running server."""
    figures = {"first_answer_s": first_answer(server, messages[0]), "levels": {}}
    for level in LEVELS:
        figures["levels"][level] = asdict(load.measure(server.url, level, messages))
        figures["levels"][level]["throughput"] = load.LoadResult(**figures["levels"][level]).throughput
    figures["rss_mb"] = server.rss_bytes() / 2**20
    return figures


def run_advisor(work: Path, model: Path) -> tuple[dict, scenarios.Outcome, dict]:
    actions = start_action_server(work / "advisor-actions.log")
    try:
        rasa = start_rasa_server(
            model,
            work / "advisor-rasa.log",
            endpoints="bot/endpoints.yml",
            credentials="bot/credentials.yml",
            env={"ACTION_SERVER_URL": f"{actions.url}/webhook"},
        )
        try:
            figures = measure_server(rasa, MESSAGES)
            figures["rss_mb"] += actions.rss_bytes() / 2**20
            outcome = scenarios.run(rasa.url, scenarios.load())
            conversations = play_conversations(rasa.url)
        finally:
            stop(rasa.process)
    finally:
        stop(actions.process)
    return figures, outcome, conversations


def play_conversations(url: str) -> dict:
    """Play bench/conversations.yml like the scenarios; its outcome with a pass rate per class."""
    suite = scenarios.load(CONVERSATIONS)
    outcome = scenarios.run(url, suite)
    failed = {failure.scenario for failure in outcome.failures}
    by_class: dict[int, dict] = {}  # class number of issue 7 -> its pass rate
    for conversation in suite:
        rate = by_class.setdefault(conversation.get("class", 0), {"passed": 0, "scenarios": 0})
        rate["scenarios"] += 1
        rate["passed"] += conversation["name"] not in failed
    for rate in by_class.values():
        rate["pass_rate"] = rate["passed"] / rate["scenarios"]
    return asdict(outcome) | {"pass_rate": outcome.pass_rate, "by_class": by_class}


def run_baseline(project: Path, model: Path, work: Path) -> dict:
    rasa = start_rasa_server(model, work / "baseline-rasa.log", cwd=project)
    try:
        return measure_server(rasa, baseline.MESSAGES)
    finally:
        stop(rasa.process)


def row(label: str, ours: float, theirs: float, digits: int = 0) -> str:
    """A table row: the advisor's figure, the minimal bot's, and their ratio."""
    ratio = f"{ours / theirs:.2f}×" if theirs else "n/a"
    return f"| {label} | {ours:.{digits}f} | {theirs:.{digits}f} | {ratio} |"


def markdown(report: dict) -> str:
    u, s, a, b = report["understanding"], report["scenarios"], report["advisor"], report["baseline"]
    lines = [
        f"# Benchmark — {report['date']} — {report['machine']}",
        "",
        "## Understanding (held-out set, rasa test nlu)",
        "",
        f"- examples: {u['examples']}; intent accuracy {u['intent_accuracy']:.3f}; "
        f"intent macro-F1 **{u['intent_macro_f1']:.3f}**",
        "",
        "| entity | precision | recall | F1 | support |",
        "|---|---|---|---|---|",
    ]
    lines += [
        f"| {e} | {v['precision']:.3f} | {v['recall']:.3f} | **{v['f1-score']:.3f}** | {v['support']} |"
        for e, v in u["entities"].items()
    ]
    lines += [
        "",
        "## Recommendations (scenarios over REST)",
        "",
        f"- pass rate **{s['pass_rate']:.1%}** ({s['passed']}/{s['scenarios']} conversations, "
        f"{s['turns_checked']} checked turns)",
    ]
    lines += [
        f"  - FAIL {f['scenario']} (turn {f['turn']}, «{f['user']}»): {'; '.join(f['problems'])}"
        for f in s["failures"]
    ]
    if c := report.get("conversations"):
        lines += [
            "",
            "## Conversations written apart (bench/conversations.yml, issue 7)",
            "",
            f"- pass rate **{c['pass_rate']:.1%}** ({c['passed']}/{c['scenarios']} conversations, "
            f"{c['turns_checked']} checked turns)",
            "- per class: "
            + ", ".join(
                f"{k}: {v['pass_rate']:.0%} ({v['passed']}/{v['scenarios']})"
                for k, v in sorted(c["by_class"].items())
            ),
        ]
        lines += [
            f"  - FAIL {f['scenario']} (turn {f['turn']}, «{f['user']}»): {'; '.join(f['problems'])}"
            for f in c["failures"]
        ]
    lines += [
        "",
        "## Speed and cost (advisor vs minimal `rasa init` bot, same run)",
        "",
        "| figure | advisor | minimal bot | ratio |",
        "|---|---|---|---|",
        row("training from scratch (s)", a["train_s"], b["train_s"]),
        row("start to first answer (s)", a["first_answer_s"], b["first_answer_s"], 1),
        row("resident memory, servers (MB)", a["rss_mb"], b["rss_mb"]),
    ]
    for level in LEVELS:
        ours, theirs = a["levels"][level], b["levels"][level]
        for key, label in (("median_ms", "median"), ("p95_ms", "p95"), ("p99_ms", "p99")):
            lines.append(row(f"{label} turn at {level} conversations (ms)", ours[key], theirs[key]))
        lines.append(row(f"throughput at {level} (turns/s)", ours["throughput"], theirs["throughput"], 1))
        lines.append(row(f"errors at {level}", ours["errors"], theirs["errors"]))
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        print("Training the advisor from scratch…", flush=True)
        advisor_train_s, advisor_model = training.train(ROOT, work / "advisor-model", TRAIN_ARGS)
        print("Creating and training the minimal bot…", flush=True)
        project = baseline.create(work / "minimal-bot")
        baseline_train_s, baseline_model = training.train(project, work / "baseline-model", [])
        print("Evaluating understanding…", flush=True)
        understanding = nlu.evaluate(advisor_model, work / "nlu")
        print("Measuring the advisor…", flush=True)
        advisor, outcome, conversations = run_advisor(work, advisor_model)
        print("Measuring the minimal bot…", flush=True)
        minimal = run_baseline(project, baseline_model, work)
    advisor["train_s"], minimal["train_s"] = advisor_train_s, baseline_train_s
    report = {
        "date": date.today().isoformat(),
        "machine": f"{platform.machine()}, {platform.processor() or 'cpu'}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}",
        "understanding": asdict(understanding) | {"intent_errors": understanding.intent_errors[:50]},
        "scenarios": asdict(outcome) | {"pass_rate": outcome.pass_rate},
        "conversations": conversations,
        "advisor": advisor,
        "baseline": minimal,
    }
    (args.out / "report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    text = markdown(report)
    (args.out / "report.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
