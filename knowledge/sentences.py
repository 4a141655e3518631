"""The user-facing sentences of actions/sentences.yml, read once, and the domain responses
generated from its utter_* keys.

It lives here, in the one package without Rasa that both servers import: the action server
(actions/messages.py) and the Rasa server's channels (bot/) read the same file through it.
"""

from functools import cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
FILE = ROOT / "actions" / "sentences.yml"
RESPONSES = ROOT / "bot" / "domain" / "responses.yml"
LANGUAGES = ("fr", "en")
RESPONSE_PREFIX = "utter_"
_ENGLISH = [{"type": "slot", "name": "language", "value": "en"}]


@cache
def sentences() -> dict[str, dict[str, Any]]:
    """Every key of the file, with its text (or buttons) by language."""
    return yaml.safe_load(FILE.read_text(encoding="utf-8"))


def sentence(key: str, language: str | None) -> str:
    """The sentence `key` in English for a language starting with 'en', else in French."""
    texts = sentences()[key]
    return texts["en"] if str(language or "").startswith("en") else texts["fr"]


def responses() -> dict[str, list[dict[str, Any]]]:
    """The domain's responses: each utter_* key in English when the language slot is 'en',
    else in French."""
    result = {}
    for key, entry in sentences().items():
        if key.startswith(RESPONSE_PREFIX):
            buttons = entry.get("buttons", {})
            english = {"condition": _ENGLISH, "text": entry["en"]}
            french = {"text": entry["fr"]}
            for variant, language in ((english, "en"), (french, "fr")):
                if buttons.get(language):
                    variant["buttons"] = buttons[language]
            result[key] = [english, french]
    return result


def render_responses() -> str:
    """bot/domain/responses.yml, laid out as the domain was written by hand."""
    lines = [
        "# Generated from actions/sentences.yml by `python -m knowledge.nlu_export`: do not edit.",
        'version: "3.1"',
        "",
        "responses:",
    ]
    for key, variants in responses().items():
        lines.append(f"  {key}:")
        for variant in variants:
            head = "    - "
            if "condition" in variant:
                lines.append(f"{head}condition: [{{type: slot, name: language, value: en}}]")
                head = "      "
            lines.append(f"{head}text: {_quoted(variant['text'])}")
            if "buttons" in variant:
                lines.append("      buttons:")
                lines += [
                    f"        - {{title: {_quoted(b['title'])}, payload: {_quoted(b['payload'])}}}"
                    for b in variant["buttons"]
                ]
    return "\n".join(lines) + "\n"


def _quoted(text: str) -> str:
    return yaml.safe_dump(text, default_style='"', allow_unicode=True, width=10**6).strip()

