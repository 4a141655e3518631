"""Benchmark the advisor against a minimal Rasa bot measured in the same run: `make bench`.

Prints a short report and writes it as JSON and Markdown under bench/out/. Parts:
understanding (held-out NLU test set, `rasa test nlu`), recommendations (scenario
conversations over REST), speed and cost (1,000 turns of 20-turn conversations at 1, 10
and 50 conversations at once: latency, throughput, errors; turn time against position in
a 120-turn conversation; training time from scratch, resident memory, time from start to
first answer), each next to the minimal bot's figure with the ratio.
`--scaled` (`make bench-scaled`) measures the production profile next to the minimal bot
instead, and puts its figures in the last report.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import tempfile
import time
from dataclasses import asdict
from datetime import date
from pathlib import Path

import requests

from bench import baseline, load, nlu, position, scenarios, summary, training
from bench.servers import Server, free_port, start_action_server, start_rasa_server, stop

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
CONVERSATIONS = ROOT / "bench" / "conversations.yml"  # issue 7's suite, written apart from data/
LEVELS = (1, 10, 50)
TRAIN_ARGS = ["--config", "bot/config.yml", "--domain", "bot/domain", "--data", "data"]
# A load generator types faster than the people the rate limit is set for.
BENCH_ENV = {"HDF_RATE_PER_MINUTE": "1000000", "HDF_RATE_BURST": "1000000"}


def first_answer(server: Server, message: str) -> float:
    """Seconds from the server's start to its first answer to `message`."""
    requests.post(
        f"{server.url}/webhooks/rest/webhook", json={"sender": "first", "message": message}, timeout=120
    ).raise_for_status()
    return time.monotonic() - server.started


def measure_server(server: Server, workload: str, long_conversation: list[str]) -> dict:
    """First answer, load levels, turn time against position and memory of a running server."""
    figures = {
        "first_answer_s": first_answer(server, load.scripts(workload)[0][0]),
        "levels": measure_levels(server.url, workload),
        "position": position.measure(server.url, long_conversation),
    }
    figures["rss_mb"] = server.rss_bytes() / 2**20
    return figures


def measure_levels(url: str, workload: str, headers: dict[str, str] | None = None) -> dict:
    """Latency and throughput at each level of concurrent conversations (bench/workload/)."""
    levels = {}
    for level in LEVELS:
        result = load.measure(url, level, load.workload(workload), headers)
        levels[level] = asdict(result) | {"throughput": result.throughput}
    return levels


def run_advisor(work: Path, model: Path) -> tuple[dict, scenarios.Outcome, dict]:
    actions = start_action_server(work / "advisor-actions.log")
    try:
        rasa = start_rasa_server(
            model,
            work / "advisor-rasa.log",
            endpoints="bot/endpoints.yml",
            credentials="bot/credentials.yml",
            env={
                "ACTION_SERVER_URL": f"{actions.url}/webhook",
                **BENCH_ENV,
                "HDF_DATA_DIR": str(work / "var"),
            },
        )
        try:
            figures = measure_server(rasa, "advisor", position.ADVISOR)
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


def run_scaled(work: Path, model: Path) -> dict:
    """The production profile (deploy/start.sh: PostgreSQL, Redis, two Rasa processes, nginx)
    with `model`, loaded through nginx like the one-process server."""
    env = {
        **os.environ,
        **BENCH_ENV,
        "MODEL": str(model),
        "DEPLOY_VAR": str(work / "deploy"),
        "NGINX_PORT": str(free_port()),
        "ACTIONS_PORT": str(free_port()),
        "PG_PORT": str(free_port()),
        "REDIS_PORT": str(free_port()),
        "RASA_PORTS": f"{free_port()} {free_port()}",
    }
    work.chmod(0o755)  # PostgreSQL runs as its own user in work/deploy
    started = subprocess.run(["bash", "deploy/start.sh"], cwd=ROOT, env=env, capture_output=True, text=True)
    try:
        if started.returncode:
            raise RuntimeError(f"deploy/start.sh failed:\n{started.stdout[-2000:]}{started.stderr[-2000:]}")
        secrets = dict(line.split("=", 1) for line in (work / "deploy" / "secrets.env").read_text().split())
        headers = {"Authorization": f"Bearer {secrets['HDF_REST_TOKEN']}"}
        return {
            "processes": len(env["RASA_PORTS"].split()),
            "levels": measure_levels(f"http://127.0.0.1:{env['NGINX_PORT']}", "advisor", headers),
        }
    finally:
        subprocess.run(["bash", "deploy/stop.sh"], cwd=ROOT, env=env, capture_output=True)


def run_baseline(project: Path, model: Path, work: Path) -> dict:
    rasa = start_rasa_server(model, work / "baseline-rasa.log", cwd=project)
    try:
        return measure_server(rasa, "minimal", position.MINIMAL)
    finally:
        stop(rasa.process)


def row(label: str, ours: float, theirs: float, digits: int = 0) -> str:
    """A table row: the advisor's figure, the minimal bot's, and their ratio."""
    ratio = f"{ours / theirs:.2f}×" if theirs else "n/a"
    return f"| {label} | {ours:.{digits}f} | {theirs:.{digits}f} | {ratio} |"


def _level(figures: dict, level: int, key: str = "levels") -> dict:
    """One level's figures (keys are numbers, or text once the report is read back)."""
    return figures[key].get(level) or figures[key][str(level)]


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
        ours, theirs = _level(a, level), _level(b, level)
        for key, label in (("median_ms", "median"), ("p95_ms", "p95"), ("p99_ms", "p99")):
            lines.append(row(f"{label} turn at {level} conversations (ms)", ours[key], theirs[key]))
        lines.append(row(f"throughput at {level} (turns/s)", ours["throughput"], theirs["throughput"], 1))
        lines.append(row(f"errors at {level}", ours["errors"], theirs["errors"]))
    runs = a.get("position", {}).get("conversations", 1)
    lines += [
        "",
        f"## Turn time against position in a 120-turn conversation "
        f"(median ms per block, {runs} conversations)",
        "",
    ]
    if "position" in a and "position" in b:
        blocks = list(a["position"]["blocks_ms"])
        lines += [
            f"| bot | {' | '.join(blocks)} | last / first | each conversation |",
            "|---|" + "---|" * (len(blocks) + 2),
        ]
        for name, figures in (("advisor", a), ("minimal bot", b)):
            cells = " | ".join(f"{figures['position']['blocks_ms'][k]:.0f}" for k in blocks)
            each = ", ".join(f"{g:.2f}×" for g in figures["position"].get("growth_each", []))
            lines.append(f"| {name} | {cells} | {figures['position']['growth']:.2f}× | {each} |")
    if scaled := report.get("scaled"):
        lines += [
            "",
            f"## Production profile ({scaled['processes']} Rasa processes behind nginx, PostgreSQL, Redis)",
            "",
            f"Measured on {scaled['date']}, commit {scaled['commit'][:7]}, next to the minimal bot in the "
            "same run (`make bench-scaled`).",
            "",
            "| figure | profile | minimal bot | profile / minimal bot |",
            "|---|---|---|---|",
        ]
        for level in LEVELS:
            p, m = _level(scaled, level), _level(scaled, level, "baseline_levels")
            for key, label, digits in (
                ("median_ms", "median turn (ms)", 0),
                ("p95_ms", "p95 turn (ms)", 0),
                ("throughput", "throughput (turns/s)", 1),
            ):
                ratio = f"{p[key] / m[key]:.2f}×" if m[key] else "n/a"
                lines.append(f"| {label} at {level} | {p[key]:.{digits}f} | {m[key]:.{digits}f} | {ratio} |")
            lines.append(f"| errors at {level} | {p['errors']} | {m['errors']} | |")
    return "\n".join(lines) + "\n"


def provenance() -> dict:
    """Date, commit and machine of a run."""
    return {
        "date": date.today().isoformat(),
        "commit": subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip(),
        "machine": f"{platform.machine()}, {platform.processor() or 'cpu'}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}",
    }


def publish(report: dict, out: Path) -> None:
    """Writes the report (JSON and Markdown) in `out` and as the committed last report, and
    the README's table."""
    for path in (out / "report.json", summary.REPORT):
        path.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    summary.write_readme(report)
    text = markdown(report)
    (out / "report.md").write_text(text)
    print(text)


def scaled_part(out: Path) -> None:
    """The production profile and the minimal bot, in one run, into the last report."""
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        print("Creating and training the minimal bot…", flush=True)
        project = baseline.create(work / "minimal-bot")
        _, baseline_model = training.train(project, work / "baseline-model", [])
        print("Training the advisor…", flush=True)
        _, advisor_model = training.train(ROOT, work / "advisor-model", TRAIN_ARGS)
        print("Measuring the production profile (two Rasa processes behind nginx)…", flush=True)
        scaled = run_scaled(work, advisor_model)
        print("Measuring the minimal bot…", flush=True)
        rasa = start_rasa_server(baseline_model, work / "baseline-rasa.log", cwd=project)
        try:
            scaled["baseline_levels"] = measure_levels(rasa.url, "minimal")
        finally:
            stop(rasa.process)
    run = provenance()
    report = summary.load()
    report["scaled"] = scaled | {"date": run["date"], "commit": run["commit"]}
    publish(report, out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--scaled", action="store_true", help="the production profile only")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.scaled:
        scaled_part(args.out)
        return
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
    report = provenance() | {
        "understanding": asdict(understanding) | {"intent_errors": understanding.intent_errors[:50]},
        "scenarios": asdict(outcome) | {"pass_rate": outcome.pass_rate},
        "conversations": conversations,
        "advisor": advisor,
        "baseline": minimal,
    }
    if summary.REPORT.exists():  # from the last `make bench-scaled` and `make bench-memory`
        last = summary.load()
        report |= {part: last[part] for part in ("scaled", "memory") if part in last}
    publish(report, args.out)


if __name__ == "__main__":
    main()
