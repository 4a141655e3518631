"""The comparison of two recordings of the bot's replies (bench/replies.py), without servers:
which turns differ, the gate on their share, and the refusal to compare different models."""

import json
from pathlib import Path

import pytest

from bench import replies

GREETING = {"text": "Bonjour ! Où en est votre projet ?"}
CHOICE = {"text": "Lequel ?", "buttons": [{"title": "Adie", "payload": "C'est quoi Adie ?"}]}


def recording(turns: dict[str, list[tuple[str, list[dict]]]], model: str = "abc") -> dict:
    """A recording of one suite: each conversation's (message, replies) turns."""
    conversations = [
        {"conversation": name, "sender": f"s-{name}", "turns": [{"user": u, "replies": r} for u, r in said]}
        for name, said in turns.items()
    ]
    return {
        "code": {"commit": "0123456789"},
        "model": "model.tar.gz",
        "model_sha256": model,
        "suites": {"bench/scenarios": conversations},
    }


OLD = recording({"first": [("salut", [GREETING]), ("un prêt ?", [CHOICE])], "second": [("merci", [])]})


def changed_button() -> dict:
    new = json.loads(json.dumps(OLD))
    new["suites"]["bench/scenarios"][0]["turns"][1]["replies"][0]["buttons"][0]["payload"] = "/adie"
    return new


def test_the_same_replies_make_no_difference() -> None:
    assert replies.differences(OLD, json.loads(json.dumps(OLD))) == (3, [])


def test_a_changed_button_payload_is_a_difference_with_both_replies() -> None:
    compared, found = replies.differences(OLD, changed_button())
    assert compared == 3
    assert [(d.conversation, d.turn, d.user) for d in found] == [("first", 2, "un prêt ?")]
    assert found[0].old == [CHOICE]
    assert found[0].new[0]["buttons"][0]["payload"] == "/adie"


def test_missing_turns_and_conversations_count_as_differences() -> None:
    new = recording({"first": [("salut", [GREETING])]})
    _, found = replies.differences(OLD, new)
    assert [(d.conversation, d.turn, d.new) for d in found] == [("first", 2, None), ("second", 1, None)]


def test_a_turn_with_another_message_is_not_compared_with_its_replies() -> None:
    new = recording({"first": [("bonjour", [GREETING]), ("un prêt ?", [CHOICE])], "second": [("merci", [])]})
    _, found = replies.differences(OLD, new)
    assert [(d.turn, d.new) for d in found] == [(1, None)]


def save(path: Path, content: dict) -> Path:
    path.write_text(json.dumps(content), encoding="utf-8")
    return path


def test_compare_prints_old_against_new_and_gates_on_the_share_of_differing_turns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = save(tmp_path / "old.json", OLD), save(tmp_path / "new.json", changed_button())
    assert replies.main(["compare", str(old), str(new)]) == 1
    printed = capsys.readouterr().out
    assert "bench/scenarios · first · turn 2" in printed
    assert printed.index("C'est quoi Adie ?") < printed.index("/adie")  # old, then new
    assert "3 turns compared, 1 differ (33.33%)" in printed
    assert replies.main(["compare", str(old), str(new), "--max-diff-rate", "0.34"]) == 0
    assert replies.main(["compare", str(old), str(old)]) == 0


def test_recordings_on_different_models_are_not_compared(tmp_path: Path) -> None:
    old, new = save(tmp_path / "old.json", OLD), save(tmp_path / "new.json", recording({}, model="def"))
    assert replies.main(["compare", str(old), str(new)]) == 2


def test_the_transcript_shows_what_the_person_saw() -> None:
    text = replies.transcript(OLD, "bench/scenarios")
    assert "## first" in text
    assert "**Personne :** un prêt ?\n\n**Assistant :** Lequel ?  \n[Adie]\n" in text
    assert "payload" not in text and "C'est quoi Adie" not in text
    assert "**Assistant :** (pas de réponse)" in text


def test_review_sets_and_bench_suites_are_read_alike(tmp_path: Path) -> None:
    review = tmp_path / "set.yml"
    review.write_text("- id: r1\n  turns: [\"bonjour\", \"non\"]\n", encoding="utf-8")
    bench = tmp_path / "bench.yml"
    bench.write_text("- name: b1\n  turns: [{user: bonjour}, {user: \"non\"}]\n", encoding="utf-8")
    assert replies.load_suite(review) == [("r1", ["bonjour", "non"])]
    assert replies.load_suite(bench) == [("b1", ["bonjour", "non"])]
    review.write_text("- id: r2\n  turns: [no]\n", encoding="utf-8")  # YAML reads it as False
    with pytest.raises(SystemExit):
        replies.load_suite(review)
