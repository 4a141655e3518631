"""The replacements of Rasa internals: in place on the Rasa version they were written for,
refused on another one."""

from __future__ import annotations

import inspect

import pytest
import rasa.__main__
from rasa.core.actions.action import RemoteAction
from rasa.core.agent import Agent

import bot  # noqa: F401 - applies the replacements
from bot import __main__ as entry
from bot import action_failures, action_validation, internals, store


def test_every_replacement_took_effect() -> None:
    assert inspect.getattr_static(RemoteAction, "run") is action_failures.run
    assert inspect.getattr_static(RemoteAction, "_validate_action_result") is (
        action_validation.validate_action_result
    )
    assert inspect.getattr_static(Agent, "_create_tracker_store").__func__ is store._create_tracker_store


def test_the_store_is_used_without_rasa_s_fail_safe_wrapper(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("HDF_DATA_DIR", str(tmp_path))
    ours = store.ConversationStore()
    assert Agent._create_tracker_store(ours, None) is ours
    assert type(Agent._create_tracker_store(None, None)).__name__ == "FailSafeTrackerStore"


def test_another_rasa_version_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    class Owner:
        method = None

    monkeypatch.setattr(rasa, "__version__", "3.7.0")
    with pytest.raises(RuntimeError, match="3.6.21"):
        internals.replace(Owner, "method", lambda: None)
    assert Owner.method is None


def test_the_command_line_sets_its_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    # Everything main() changes is put back after the test.
    monkeypatch.setattr(rasa.__main__, "main", lambda: None)
    monkeypatch.setattr(rasa.__main__, "configure_logging_and_warnings", entry._rasa_configure)
    monkeypatch.setattr("sys.argv", ["bot", "run"])
    monkeypatch.delenv("SANIC_REQUEST_MAX_SIZE", raising=False)
    entry.main()
    assert rasa.__main__.configure_logging_and_warnings is entry.configure_logging_and_warnings
    assert entry.os.environ["SANIC_REQUEST_MAX_SIZE"] == str(64 * 1024)
