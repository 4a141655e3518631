"""A smoke version of the benchmark: a few scenarios and one concurrency level."""

from __future__ import annotations

from bench import load, position, scenarios
from bench.__main__ import markdown


def test_reference_scenarios_pass(rasa_server) -> None:
    reference = scenarios.load()[:6]
    outcome = scenarios.run(rasa_server.url, reference)
    assert outcome.scenarios == 6 and outcome.turns_checked >= 6
    assert not outcome.failures, "\n".join(
        f"{f.scenario}: {f.problems}\n{f.answer}" for f in outcome.failures
    )


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


def test_report_renders_every_figure() -> None:
    level = {
        "conversations": 1,
        "turns": 3,
        "errors": 0,
        "seconds": 1.0,
        "median_ms": 100.0,
        "p95_ms": 150.0,
        "p99_ms": 200.0,
        "throughput": 3.0,
    }
    blocks = {"1-20": 50.0, "101-120": 60.0}
    server = {
        "position": {"blocks_ms": blocks, "growth": 1.2},
        "first_answer_s": 30.0,
        "rss_mb": 900.0,
        "train_s": 120.0,
        "levels": {1: level, 10: level, 50: level},
    }
    place = {"precision": 1.0, "recall": 1.0, "f1-score": 1.0, "support": 5}
    report = {
        "date": "2026-11-27",
        "machine": "test",
        "understanding": {
            "examples": 10,
            "intent_accuracy": 0.9,
            "intent_macro_f1": 0.9,
            "entities": {"place": place},
        },
        "scenarios": {"pass_rate": 1.0, "passed": 2, "scenarios": 2, "turns_checked": 3, "failures": []},
        "advisor": server,
        "baseline": {**server, "train_s": 60.0},
    }
    levels = {1: level, 10: level, 50: level}
    report["scaled"] = {"processes": 2, "date": "2026-11-28", "commit": "abcdef0", "levels": levels}
    report["scaled"]["baseline_levels"] = report["scaled"]["levels"]
    text = markdown(report)
    assert "| training from scratch (s) | 120 | 60 | 2.00× |" in text
    assert "| p95 turn at 10 conversations (ms) | 150 | 150 | 1.00× |" in text
    assert "intent macro-F1 **0.900**" in text and "| place |" in text
    assert "| advisor | 50 | 60 | 1.20× |" in text
    assert "| throughput (turns/s) at 50 | 3.0 | 3.0 | 1.00× |" in text


def test_blocks_of_a_long_conversation() -> None:
    figures = position.blocks([float(turn) for turn in range(120)])
    assert list(figures) == ["1-20", "21-40", "41-60", "61-80", "81-100", "101-120"]
    assert figures["1-20"] == 9.5 and position.growth(figures) == 109.5 / 9.5


def test_blocks_pool_the_turns_of_several_conversations() -> None:
    slow_start = [100.0] * 20 + [10.0] * 100
    figures = position.blocks([10.0] * 120, runs=[slow_start, slow_start])
    assert figures["1-20"] == 100.0 and figures["21-40"] == 10.0
