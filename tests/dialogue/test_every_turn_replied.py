"""Every turn gets a reply (issue 21, class 8): no turn of a conversation may end with no message,
or with only the fallback said when nothing answered it (bot/rasa_patches/silent_turns.py).

The suites of bench/ are checked for it where tests/dialogue/test_suites.py plays them
(bench.scenarios.play counts such a turn as a failure); this file plays what those gates do not
check: the review sets of tests/review/ (test data only, never training data), and the suite
conversations that test_suites.py expects to fail for other reasons. One test per conversation,
naming each turn without a reply."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
import requests

from bench import scenarios
from bench.__main__ import CONVERSATIONS
from bench.replies import load_suite
from tests.dialogue.test_suites import FAILING_TODAY
from tests.support.paths import ROOT

REVIEW_SETS = sorted((ROOT / "tests" / "review").glob("*/conversations.yml"))
VTC = [  # the reproduction quoted in issue 21: its last turn got no reply at all
    "bonsoir je veux devenir vtc a roubaix, comment on passe l'examen",
    "c'est la cma qui organise ?",
    "je dois avoir le permis depuis combien de temps",
    "et apres l'examen je peux bosser direct sur uber ?",
    "c'est quand le prochain examen a lille",
]


def _conversations() -> list[Any]:
    played = [pytest.param(VTC, id="issue 21 reproduction: VTC in Roubaix")]
    for path in REVIEW_SETS:
        label = path.parent.name
        played += [pytest.param(turns, id=f"{label}/{name}") for name, turns in load_suite(path)]
    suite = {c["name"]: [t["user"] for t in c["turns"]] for c in scenarios.load(CONVERSATIONS)}
    played += [pytest.param(suite[name], id=f"conversations/{name}") for name in FAILING_TODAY]
    return played


def test_there_are_review_sets_to_play() -> None:
    assert REVIEW_SETS, "no tests/review/*/conversations.yml"


@pytest.mark.parametrize("turns", _conversations())
def test_every_turn_gets_a_reply(rasa_server: Any, turns: list[str]) -> None:
    sender = f"replied-{uuid.uuid4().hex[:12]}"
    silent = []
    for number, text in enumerate(turns, 1):
        reply = requests.post(
            f"{rasa_server.url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=120
        )
        reply.raise_for_status()
        if scenarios.unanswered(reply.json()):
            silent.append(f"turn {number} «{text}»: {reply.json()}")
    assert not silent, "turns without a reply:\n" + "\n".join(silent)
