"""actions/sentences.yml: each key in French and English with the same placeholders, each key
used, and the domain responses generated from it up to date."""

from __future__ import annotations

import ast
import string
import sys
from pathlib import Path

import pytest
import yaml
from rasa.core.actions.action import default_actions
from rasa.shared.core.domain import Domain

from knowledge import nlu_export, sentences
from tests.support.paths import ROOT

CODE = ("actions", "bot", "knowledge", "handoff")
LANGUAGES = {"fr", "en"}
# French says « de la BGE » where English says « the BGE »: {de_who} stands for {who}.
FRENCH_FORMS = {"de_who": "who", "de_operator": "operator", "of_date": "date"}

ALL = sentences.sentences()


def _fields(text: str) -> set[str]:
    names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    return {FRENCH_FORMS.get(n, n) for n in names}


def _literals() -> tuple[set[str], set[str]]:
    """The string constants of the project's code ("handoff_bad_phone:" + value gives
    "handoff_bad_phone"), and the constant heads of its f-strings (f"missing_{kind}" gives
    "missing_")."""
    constants, heads = set(), set()
    for folder in CODE:
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    constants.add(node.value.split(":")[0])
                elif isinstance(node, ast.JoinedStr) and isinstance(node.values[0], ast.Constant):
                    heads.add(node.values[0].value)
    return constants, heads


def _used(key: str, constants: set[str], heads: set[str]) -> bool:
    return key in constants or any(h.endswith("_") and key.startswith(h) for h in heads)


@pytest.mark.parametrize("key", sorted(ALL))
def test_each_key_has_french_and_english(key: str) -> None:
    entry = ALL[key]
    assert LANGUAGES <= set(entry), f"{key}: languages {sorted(entry)}"
    extra = set(entry) - LANGUAGES
    assert not extra or (key.startswith(sentences.RESPONSE_PREFIX) and extra == {"buttons"}), extra
    if isinstance(entry["fr"], list):  # a list of buttons
        assert len(entry["fr"]) == len(entry["en"]) > 0
    else:
        assert entry["fr"].strip() and entry["en"].strip()
        assert entry["fr"] != entry["en"] or not _fields(entry["fr"]) or key == "card_site"


@pytest.mark.parametrize("key", sorted(k for k, e in ALL.items() if isinstance(e["fr"], str)))
def test_both_languages_have_the_same_placeholders(key: str) -> None:
    assert _fields(ALL[key]["fr"]) == _fields(ALL[key]["en"])


def test_buttons_have_a_title_and_a_message_in_both_languages() -> None:
    lists = [e["buttons"] for e in ALL.values() if "buttons" in e]
    lists += [e for e in ALL.values() if isinstance(e["fr"], list)]
    assert lists
    for buttons in lists:
        assert len(buttons["fr"]) == len(buttons["en"]) > 0
        for button in (*buttons["fr"], *buttons["en"]):
            assert set(button) == {"title", "payload"} and all(button.values())


def test_each_key_is_used() -> None:
    constants, heads = _literals()
    data = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "data").glob("*.yml"))
    said_by_rasa = {getattr(a, "utter_action", None) for a in default_actions()}
    unused = [
        key
        for key in ALL
        if not _used(key, constants, heads)
        and not (key.startswith(sentences.RESPONSE_PREFIX) and (key in data or key in said_by_rasa))
    ]
    assert not unused, f"keys of actions/sentences.yml used nowhere: {unused}"


def test_domain_responses_are_generated_from_the_sentences() -> None:
    assert sentences.RESPONSES.read_text(encoding="utf-8") == sentences.render_responses()
    domain = Domain.load(str(sentences.RESPONSES.parent))
    expected = {k for k in ALL if k.startswith(sentences.RESPONSE_PREFIX)}
    assert set(domain.responses) == expected
    for key in expected:
        english, french = domain.responses[key]
        assert english["condition"] == [{"type": "slot", "name": "language", "value": "en"}]
        assert (english["text"], french["text"]) == (ALL[key]["en"], ALL[key]["fr"])
        assert english.get("buttons") == ALL[key].get("buttons", {}).get("en")
    hand_written = yaml.safe_load((sentences.RESPONSES.parent / "domain.yml").read_text(encoding="utf-8"))
    assert "responses" not in hand_written and "intents" in hand_written


def test_generator_check_fails_on_a_stale_copy(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    stale = tmp_path / "responses.yml"
    stale.write_text(sentences.render_responses().replace("Au revoir", "Bye"), encoding="utf-8")
    monkeypatch.setattr(sentences, "RESPONSES", stale)
    monkeypatch.setattr(sys, "argv", ["nlu_export", "--check"])
    with pytest.raises(SystemExit, match="out of date: .*responses.yml"):
        nlu_export.main()
    monkeypatch.setattr(sys, "argv", ["nlu_export"])
    nlu_export.main()
    assert stale.read_text(encoding="utf-8") == sentences.render_responses()
