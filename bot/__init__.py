"""Rasa configuration and this project's code for the Rasa server: NLU components, channels.

Importing it (Rasa does, to load the channels and components) silences the dependencies'
start-up warnings, then applies the replacements of Rasa internals, each of which checks
Rasa's version first.
"""

from bot import quiet

quiet.install()

from bot import (  # noqa: E402, F401 - they apply themselves
    action_failures,
    action_payload,
    action_session,
    action_validation,
    applied,
    heap,
    policy_logs,
    replay,
    states,
)
