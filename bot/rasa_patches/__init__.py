"""What this project changes in Rasa 3.6.21: one module per replaced piece of Rasa, each
named after what it changes, all installed by `install()` when ``bot`` is imported (Rasa
imports it to load this project's components and channels; ``python -m bot`` imports it
first).

Each replacement refuses another Rasa version and checks that, once installed, the attribute
in Rasa is the replacement (guard.replace). The subclasses of Rasa classes that override its
methods stay where the trained model, the endpoints and the credentials name them
(bot/policies.py, bot/components/spacy_nlp.py, bot/store.py, two output channels of
bot/channels/); each pins the sha256 of the source of every Rasa method it overrides, checked
when it is defined (guard.overrides_rasa). The README's section « What this project changes
in Rasa 3.6.21, and why » gives each one's measured reason.
"""

from bot.rasa_patches import (
    action_call_failures,
    action_call_payload,
    action_response_validation,
    agent_loading,
    agent_tracker_store,
    applied_events,
    command_line_warnings,
    endpoint_sessions,
    policy_debug_logs,
    silent_turns,
    tracker_replay,
    tracker_states,
)

PATCHES = (
    applied_events,
    tracker_states,
    tracker_replay,
    policy_debug_logs,
    action_call_payload,
    action_call_failures,
    silent_turns,
    action_response_validation,
    endpoint_sessions,
    agent_tracker_store,
    agent_loading,
    command_line_warnings,
)


def install() -> None:
    """Installs every replacement of PATCHES; raises if one cannot be."""
    for patch in PATCHES:
        patch.install()
