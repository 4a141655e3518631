"""The action response validation that replaces Rasa's keeps its verdicts."""

from __future__ import annotations

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

import bot  # noqa: F401 - installs the replacement


def test_valid_response_passes_and_invalid_one_is_refused() -> None:
    action = RemoteAction("action_recommend", None)
    assert action._validate_action_result(
        {"events": [{"event": "slot", "name": "x", "value": 1}], "responses": [{"text": "Bonjour"}]}
    )
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        action._validate_action_result({"events": [{"name": "x"}], "responses": []})
