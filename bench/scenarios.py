"""Play the scenario conversations of bench/scenarios.yml over REST and check the answers."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import requests
import yaml

import knowledge
from knowledge.sentences import LANGUAGES, sentence
from knowledge.text import fold

SCENARIOS = Path(__file__).resolve().parent / "scenarios.yml"


@dataclass
class Failure:
    """A turn whose answer missed an expectation."""

    scenario: str
    turn: int
    user: str
    problems: list[str]
    answer: str


@dataclass
class Outcome:
    """What playing the scenarios gave."""

    scenarios: int = 0
    passed: int = 0
    turns_checked: int = 0
    failures: list[Failure] = field(default_factory=list)

    @property
    def pass_rate(self) -> float:
        return self.passed / self.scenarios if self.scenarios else 0.0


def load(path: Path = SCENARIOS) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def named_schemes(answer: str) -> set[str]:
    """Ids of the schemes an answer names (exact names and aliases, longest first)."""
    return set(knowledge.load().index.find(answer, fuzzy=False))


def check(turn: dict, answer: str) -> list[str]:
    """The expectations of `turn` that `answer` misses."""
    named = named_schemes(answer)
    folded = fold(answer)
    problems = [f"does not name {s}" for s in turn.get("must_name", []) if s not in named]
    problems += [f"names {s}" for s in turn.get("must_not_name", []) if s in named]
    problems += [f"lacks «{t}»" for t in turn.get("must_contain", []) if fold(t) not in folded]
    problems += [f"contains «{t}»" for t in turn.get("must_not_contain", []) if fold(t) in folded]
    return problems


def unanswered(messages: list[dict]) -> bool:
    """Whether a turn got no message, or only the fallback said when nothing answered it."""
    fallbacks = {sentence("no_reply", language) for language in LANGUAGES}
    return not any((m.get("text") or m.get("custom")) and m.get("text") not in fallbacks for m in messages)


def _expects(turn: dict) -> bool:
    keys = ("must_name", "must_not_name", "must_contain", "must_not_contain")
    return any(turn.get(k) for k in keys)


def play(server_url: str, scenario: dict) -> tuple[int, list[Failure]]:
    """Play one conversation; return the number of checked turns and the failures."""
    sender = f"bench-{uuid.uuid4().hex[:12]}"
    url = f"{server_url}/webhooks/rest/webhook"
    failures, checked = [], 0
    for number, turn in enumerate(scenario["turns"], 1):
        reply = requests.post(url, json={"sender": sender, "message": turn["user"]}, timeout=120)
        reply.raise_for_status()
        answer = "\n".join(m.get("text", "") for m in reply.json())
        if unanswered(reply.json()):
            failures.append(Failure(scenario["name"], number, turn["user"], ["no reply"], answer))
        if _expects(turn):
            checked += 1
            problems = check(turn, answer)
            if problems:
                failures.append(Failure(scenario["name"], number, turn["user"], problems, answer))
    return checked, failures


def run(server_url: str, scenarios: list[dict], workers: int = 4) -> Outcome:
    """Play every scenario (a few at a time) and gather the outcome."""
    outcome = Outcome(scenarios=len(scenarios))
    with ThreadPoolExecutor(workers) as pool:
        for checked, failures in pool.map(lambda s: play(server_url, s), scenarios):
            outcome.turns_checked += checked
            outcome.failures += failures
            outcome.passed += not failures
    return outcome
