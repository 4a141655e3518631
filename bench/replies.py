"""Record the bot's replies to conversation suites and compare two recordings: `python -m bench.replies`.

The check that a redesign keeps the behaviour (issue 20). `record` starts the action and Rasa
servers from the code of a project folder (a git worktree of an older commit will do), plays
each suite over REST one conversation after the other, and writes every reply of every turn to
JSON; `compare` shows the turns whose replies changed between two recordings made on the same
model file; `transcript` writes a recorded suite as Markdown, as the person saw it.

A suite is bench/scenarios.yml or bench/conversations.yml (`- name:` with `turns: [{user: …}]`)
or a review set (`- id:` with `turns: ["…", …]`).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests
import yaml

from bench.__main__ import BENCH_ENV
from bench.servers import free_port, start, stop

ROOT = Path(__file__).resolve().parent.parent
# What a reply depends on besides the code, the model and the messages, the same in every run.
# Not fixed: today's date, against which a fact older than 18 months is marked; no fact of
# knowledge/data/schemes.yml crosses that age between 2026-12 and 2027-08-01.
FIXED_ENV = {
    **BENCH_ENV,  # no rate limit: the recorder types faster than a person
    "HDF_SECRET_KEY": "bench-replies",  # signs the buttons' payloads; else a new key per data folder
    "HDF_ACTION_TIMEOUT": "120",  # a slow turn on a busy machine is not an apology
    "PYTHONHASHSEED": "0",  # the same order of sets of strings in every process
}
# Settings from the caller's shell that would change the replies (stores, tokens, limits, data).
FOREIGN_ENV = re.compile(r"^(HDF_|TELEGRAM_|RASA_|ACTION_SERVER_URL$|SANIC_)")
CODE_CHECK = (
    "import json, actions, bot, knowledge; "
    "print(json.dumps([actions.__file__, bot.__file__, knowledge.__file__]))"
)

Recording = dict[str, Any]


@dataclass(frozen=True)
class Difference:
    """A turn whose replies are not the same in the new recording (None: the turn is missing)."""

    suite: str
    conversation: str
    turn: int
    user: str
    old: list[dict] | None
    new: list[dict] | None


def load_suite(path: Path) -> list[tuple[str, list[str]]]:
    """Each conversation's name (or id) and its messages."""
    conversations = []
    for conversation in yaml.safe_load(path.read_text(encoding="utf-8")):
        name = str(conversation.get("name") or conversation["id"])
        messages = [turn["user"] if isinstance(turn, dict) else turn for turn in conversation["turns"]]
        if not all(isinstance(message, str) for message in messages):  # YAML reads « non » as False
            raise SystemExit(f"{path}: conversation {name}: quote every message ({messages})")
        conversations.append((name, messages))
    return conversations


def suite_label(path: Path) -> str:
    """The suite's name in a recording: its path in the project, without `.yml`."""
    path = path.resolve()
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    return str(shown.with_suffix(""))


def sender_id(label: str, index: int) -> str:
    return f"{re.sub(r'[^a-z0-9]+', '-', label.lower()).strip('-')}-{index:03d}"


def play(url: str, sender: str, messages: list[str]) -> list[dict]:
    """Each message with the messages the bot sent back (all their fields but the recipient)."""
    turns = []
    with requests.Session() as session:
        for message in messages:
            answer = session.post(url, json={"sender": sender, "message": message}, timeout=300)
            answer.raise_for_status()
            replies = [{k: v for k, v in reply.items() if k != "recipient_id"} for reply in answer.json()]
            turns.append({"user": message, "replies": replies})
    return turns


def server_env(project: Path, data_dir: Path) -> dict[str, str]:
    """The servers' environment; refuses settings of the caller's shell that change replies."""
    foreign = sorted(name for name in os.environ if FOREIGN_ENV.match(name))
    if foreign:
        raise SystemExit(f"unset {', '.join(foreign)}: they would change the replies")
    return {"PYTHONPATH": str(project), "HDF_DATA_DIR": str(data_dir), **FIXED_ENV}


def code_of(project: Path, env: dict[str, str]) -> dict[str, Any]:
    """The commit of `project`; fails unless its servers would import its own packages."""
    files = subprocess.run(
        [sys.executable, "-c", CODE_CHECK], cwd=project, env={**os.environ, **env},
        capture_output=True, text=True, check=True,
    ).stdout.splitlines()[-1]
    elsewhere = [f for f in json.loads(files) if not Path(f).resolve().is_relative_to(project)]
    if elsewhere:
        raise SystemExit(f"the servers would import code from outside {project}: {elsewhere}")
    git = ["git", "-C", str(project)]
    commit = subprocess.run([*git, "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    changed = subprocess.run([*git, "status", "--porcelain"], capture_output=True, text=True).stdout
    return {"folder": str(project), "commit": commit, "uncommitted_changes": len(changed.splitlines())}


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def record(project: Path, model: Path, suites: list[Path]) -> Recording:
    """Play every suite against servers started from `project`'s code with `model`."""
    project, model = project.resolve(), model.resolve()
    loaded = {suite_label(path): load_suite(path) for path in suites}
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="hdf-replies-") as work:
        env = server_env(project, Path(work) / "var")
        code = code_of(project, env)
        port = free_port()
        actions = start(
            "action server", [sys.executable, "-m", "actions", "--port", str(port)],
            f"http://127.0.0.1:{port}/health", Path(work) / "actions.log", 180, project, env,
        )
        try:
            port = free_port()
            command = [sys.executable, "-m", "bot", "run", "--model", str(model), "--interface", "127.0.0.1",
                       "--port", str(port), "--endpoints", "bot/endpoints.yml",
                       "--credentials", "bot/credentials.yml"]
            rasa = start(
                "Rasa server", command, f"http://127.0.0.1:{port}/", Path(work) / "rasa.log", 600, project,
                {**env, "ACTION_SERVER_URL": f"{actions.url}/webhook"},
            )
            try:
                url = f"{rasa.url}/webhooks/rest/webhook"
                played = {
                    label: [
                        {"conversation": name, "sender": sender_id(label, index),
                         "turns": play(url, sender_id(label, index), messages)}
                        for index, (name, messages) in enumerate(conversations, 1)
                    ]
                    for label, conversations in loaded.items()
                }
            finally:
                stop(rasa.process)
        finally:
            stop(actions.process)
    return {
        "code": code,
        "model": str(model),
        "model_sha256": sha256(model),
        "env": FIXED_ENV,
        "seconds": round(time.monotonic() - started, 1),
        "suites": played,
    }


def differences(old: Recording, new: Recording) -> tuple[int, list[Difference]]:
    """How many turns of `old` were compared, and those whose replies changed in `new`."""
    compared, found = 0, []
    for suite, conversations in old["suites"].items():
        now = {c["conversation"]: c["turns"] for c in new["suites"].get(suite, [])}
        for conversation in conversations:
            name, after = conversation["conversation"], now.get(conversation["conversation"], [])
            for number, turn in enumerate(conversation["turns"], 1):
                compared += 1
                other = after[number - 1] if number <= len(after) else None
                if other != turn:
                    replies = other["replies"] if other and other["user"] == turn["user"] else None
                    found.append(Difference(suite, name, number, turn["user"], turn["replies"], replies))
    return compared, found


def shown(reply: dict, payloads: bool) -> str:
    """A bot message as text: its text, its buttons as [title] (with their payload if asked)
    and, if asked, any other field as JSON."""
    lines = [reply["text"]] if reply.get("text") else []
    buttons = [f"[{b.get('title', '')}]" + (f" {b.get('payload', '')}" if payloads else "")
               for b in reply.get("buttons", [])]
    if buttons:
        lines.append(" ".join(buttons) if not payloads else "\n".join(buttons))
    if payloads:
        rest = {k: v for k, v in reply.items() if k not in ("text", "buttons")}
        lines += [json.dumps(rest, ensure_ascii=False, sort_keys=True)] if rest else []
    return "\n".join(lines)


def _indented(replies: list[dict] | None) -> str:
    if replies is None:
        return "    (no such turn)"
    text = "\n".join(shown(reply, payloads=True) for reply in replies) or "(no reply)"
    return "    " + text.replace("\n", "\n    ")


def compare(old: Recording, new: Recording, max_diff_rate: float) -> int:
    """Print the comparison; 1 when more turns differ than `max_diff_rate` allows, 2 when the
    recordings were made on different models."""
    if old["model_sha256"] != new["model_sha256"]:
        print(f"not comparable: recorded on different models ({old['model']}, {new['model']})")
        return 2
    compared, found = differences(old, new)
    for difference in found:
        print(f"\n{difference.suite} · {difference.conversation} · turn {difference.turn}")
        print(f"  user: {difference.user}")
        print(f"  old:\n{_indented(difference.old)}")
        print(f"  new:\n{_indented(difference.new)}")
    rate = len(found) / compared if compared else 0.0
    print(f"\n{compared} turns compared, {len(found)} differ ({rate:.2%}); "
          f"old: {old['code']['commit'][:7]}, new: {new['code']['commit'][:7]}")
    return int(rate > max_diff_rate)


def transcript(recording: Recording, suite: str) -> str:
    """The suite's conversations as the person saw them: messages, replies and buttons."""
    lines = [f"# {suite}: transcript", "",
             f"Replies of the code at {recording['code']['commit'][:7]} "
             f"with the model {recording['model_sha256'][:12]}.", ""]
    for conversation in recording["suites"][suite]:
        lines += [f"## {conversation['conversation']}", ""]
        for turn in conversation["turns"]:
            said = "\n\n".join(shown(reply, payloads=False) for reply in turn["replies"])
            said = said.replace("\n", "  \n") or "(pas de réponse)"
            lines += [f"**Personne :** {turn['user']}", "", f"**Assistant :** {said}", ""]
    return "\n".join(lines).replace("  \n  \n", "\n\n")


def read(path: Path) -> Recording:
    return json.loads(path.read_text(encoding="utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    recorder = commands.add_parser("record", help="play suites and write every reply to JSON")
    recorder.add_argument("--project", type=Path, default=ROOT, help="folder whose code is served")
    recorder.add_argument("--model", type=Path, required=True)
    recorder.add_argument("--out", type=Path, required=True)
    recorder.add_argument("suites", type=Path, nargs="+")
    comparer = commands.add_parser("compare", help="show the turns whose replies changed")
    comparer.add_argument("old", type=Path)
    comparer.add_argument("new", type=Path)
    comparer.add_argument("--max-diff-rate", type=float, default=0.0, help="share of turns allowed to differ")
    writer = commands.add_parser("transcript", help="a recorded suite as Markdown")
    writer.add_argument("recording", type=Path)
    writer.add_argument("suite", help="the suite's name in the recording")
    writer.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    if args.command == "record":
        recording = record(args.project, args.model, args.suites)
        args.out.write_text(json.dumps(recording, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        counts = ", ".join(f"{label}: {sum(len(c['turns']) for c in conversations)} turns"
                           for label, conversations in recording["suites"].items())
        print(f"{args.out}: {counts}, in {recording['seconds']} s")
        return 0
    if args.command == "compare":
        return compare(read(args.old), read(args.new), args.max_diff_rate)
    args.out.write_text(transcript(read(args.recording), args.suite), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
