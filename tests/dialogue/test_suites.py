"""The benchmark's suites as gates: each scenario of bench/scenarios.yml and each conversation of
bench/conversations.yml (written apart from the training data), played against the session's
served bot and checked as `make bench` checks them (bench.scenarios). The conversations failing
today are expected failures naming the issue that fixes them: strict, so that a fix must take
its conversation off the list."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bench import scenarios
from bench.__main__ import CONVERSATIONS

ANSWER = "issue 21 « Answer the question asked »"
PERSON = "issue 22 « Right for this person »"
# The conversations failing today: name -> the issue that fixes it, and what goes wrong.
FAILING_TODAY = {
    "cabinet maker near Compiegne": (
        f"{ANSWER}: « la cci oise propose un truc aussi ou pas » is not understood"
    ),
    "driving school in Lens": f"{ANSWER}: the Adie's free training is answered with a 2020 workshop",
    "twenty-year-old who left university, bike repair in Lille": (
        f"{PERSON}: PEPITE named to a person who is no student"
    ),
    "recently retired woman opens a haberdashery in Doullens": (
        f"{ANSWER}: the CCI's short courses listed, « 5 jours » unsaid"
    ),
    "student who says he is a student of IUT in Lens then asks status cost": (
        f"{PERSON}: an inactive programme, not PEPITE"
    ),
    "source of the Adie": f"{ANSWER}: « d'où vient ton info ? » lists pages, not that they are newspapers",
    "student in Calais asks how to reach PEPITE Lille": (
        f"{ANSWER}: « et il donne le statut ? » answered about another scheme"
    ),
    "PEPITE and university staff": f"{ANSWER}: « et les 7 sites ils sont où » gets the nearest site only",
    "fact topic deadline in other words": (
        f"{ANSWER}: « faut être suivi par quelqu'un avant ? » gets the deadline"
    ),
}


def _suite(path: Path, failing: dict[str, str]) -> list[Any]:
    return [
        pytest.param(
            scenario,
            id=scenario["name"],
            marks=[pytest.mark.xfail(strict=True, reason=failing[scenario["name"]])]
            if scenario["name"] in failing
            else [],
        )
        for scenario in scenarios.load(path)
    ]


def _play(server_url: str, scenario: dict) -> None:
    checked, failures = scenarios.play(server_url, scenario)
    assert checked, "no turn of this conversation is checked"
    assert not failures, "\n".join(
        f"turn {f.turn} «{f.user}»: {'; '.join(f.problems)}\n{f.answer}" for f in failures
    )


@pytest.mark.parametrize("scenario", _suite(scenarios.SCENARIOS, {}))
def test_scenario(rasa_server: Any, scenario: dict) -> None:
    _play(rasa_server.url, scenario)


@pytest.mark.parametrize("conversation", _suite(CONVERSATIONS, FAILING_TODAY))
def test_conversation(rasa_server: Any, conversation: dict) -> None:
    _play(rasa_server.url, conversation)


def test_the_expected_failures_are_conversations_of_the_suite() -> None:
    names = {conversation["name"] for conversation in scenarios.load(CONVERSATIONS)}
    assert set(FAILING_TODAY) <= names, set(FAILING_TODAY) - names
