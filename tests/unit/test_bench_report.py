"""The benchmark's report: the README shows the table generated from the committed report of the
last `make bench`, every figure is rendered, and turn times are grouped by position."""

import re

from bench import load, position, summary
from bench.__main__ import markdown


def test_readme_table_is_the_generated_one() -> None:
    readme = summary.README.read_text(encoding="utf-8")
    assert summary.block(summary.load()) in readme, "run `make bench`: README.md is out of date"


def test_load_conversations_are_twenty_turns_written_apart_from_the_training_data() -> None:
    examples = summary.ROOT.joinpath("data", "nlu.yml").read_text(encoding="utf-8").lower().splitlines()
    trained = {re.sub(r"^\s*- ", "", line).strip() for line in examples}
    for name in ("advisor", "minimal"):
        assert all(len(script) == 20 for script in load.scripts(name))
        assert all(isinstance(m, str) for script in load.scripts(name) for m in script)  # no YAML `yes`
    copied = [m for script in load.scripts("advisor") for m in script if m.lower().strip() in trained]
    assert not copied, copied


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
