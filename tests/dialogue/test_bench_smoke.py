"""The benchmark against the served bot: a wrong expectation is reported, and one concurrency
level answers (the suites themselves are played by test_suites.py)."""

from __future__ import annotations

from bench import load, scenarios


def test_a_wrong_expectation_is_reported(rasa_server) -> None:
    wrong = {
        "name": "wrong",
        "turns": [
            {
                "user": "je suis étudiant à Amiens",
                "must_name": ["crea60"],
                "must_not_name": ["pepite-picardie"],
            }
        ],
    }
    outcome = scenarios.run(rasa_server.url, [wrong])
    assert outcome.pass_rate == 0
    assert outcome.failures[0].problems == ["does not name crea60", "names pepite-picardie"]


def test_concurrent_conversations_get_answers(rasa_server) -> None:
    conversations = [script[:3] for script in load.workload("advisor", 6)]
    result = load.measure(rasa_server.url, 3, conversations)
    assert result.errors == 0 and result.turns == 18
    assert 0 < result.median_ms <= result.p95_ms <= result.p99_ms
    assert result.throughput > 0
