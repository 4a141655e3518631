"""Never silent when the action server fails: a bounded wait, an apology, a clear log line.

Rasa 3.6 waits up to 300 s for the action server, then logs the failure and goes on with no
reply: the person gets nothing. This replaces ``RemoteAction.run`` with a version that waits
at most HDF_ACTION_TIMEOUT seconds (10 by default) and, when the action server is down, too
slow or answers an error, utters a short apology in the person's language and ends the turn.
A form's validation refusal (``ActionExecutionRejection``) still goes to Rasa as before, and
a failure of the slot extraction that starts each turn is only logged: the action that follows
it fails in turn and apologises, or, if it needs no action server, still answers.
"""

from __future__ import annotations

import asyncio
import logging
import os
from typing import Any, List

import aiohttp
from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
from rasa.shared.core.constants import ACTION_LISTEN_NAME, ACTION_VALIDATE_SLOT_MAPPINGS
from rasa.shared.core.events import BotUttered, Event, FollowupAction, UserUttered
from rasa.shared.exceptions import RasaException

from bot.rasa_patches.guard import replace
from knowledge.sentences import sentence

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT_S = 10.0
FAILURE = "action_server_failure"  # marks the apology in the tracker

_rasa_run = RemoteAction.run


def timeout() -> float:
    """Seconds to wait for the action server (HDF_ACTION_TIMEOUT)."""
    return float(os.environ.get("HDF_ACTION_TIMEOUT") or DEFAULT_TIMEOUT_S)


def _apologised(tracker: Any) -> bool:
    """Whether this turn already told the person about the failure."""
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, BotUttered) and (event.metadata or {}).get(FAILURE):
            return True
    return False


async def run(self: RemoteAction, output_channel: Any, nlg: Any, tracker: Any, domain: Any) -> List[Event]:
    """RemoteAction.run with a bounded wait, and an apology instead of silence on failure."""
    if _apologised(tracker):
        return [FollowupAction(ACTION_LISTEN_NAME)]
    try:
        return await asyncio.wait_for(_rasa_run(self, output_channel, nlg, tracker, domain), timeout())
    except ActionExecutionRejection:
        raise
    except asyncio.TimeoutError:
        reason = f"no answer within {timeout():g} s"
    except (RasaException, aiohttp.ClientError) as error:
        reason = str(error)
    logger.error(
        "Action server failure on '%s' (conversation %s): %s", self.name(), tracker.sender_id, reason
    )
    if self.name() == ACTION_VALIDATE_SLOT_MAPPINGS:
        raise RasaException(reason)  # Rasa logs it and goes on without the custom slot values
    return [
        BotUttered(sentence("actions_unavailable", tracker.get_slot("language")), metadata={FAILURE: True}),
        FollowupAction(ACTION_LISTEN_NAME),
    ]


def install() -> None:
    replace(RemoteAction, "run", run)
