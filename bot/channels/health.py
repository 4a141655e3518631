"""Liveness and readiness, for nginx, Kubernetes and scripts: ``/webhooks/health/live`` and
``/webhooks/health/ready``.

Ready means: the model is loaded, the tracker store answers, and so does the lock store
when it is Redis. Answers 503 with what failed otherwise; never any conversation data.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa.core.channels.channel import InputChannel
from rasa.core.lock_store import RedisLockStore
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

logger = logging.getLogger(__name__)


def checks(agent: Any) -> dict[str, bool]:
    """Each dependency of a turn, and whether it answers now."""
    found = {"model": bool(agent and agent.is_ready())}
    store = getattr(agent, "tracker_store", None)
    if hasattr(store, "ping"):
        found["tracker_store"] = _answers(store.ping)
    lock_store = getattr(agent, "lock_store", None)
    if isinstance(lock_store, RedisLockStore):
        found["lock_store"] = _answers(lock_store.red.ping)
    return found


def _answers(ping: Any) -> bool:
    try:
        ping()
        return True
    except Exception as error:  # any failure means "not ready"; the log says which
        logger.warning("Readiness check failed: %s", error)
        return False


class HealthInput(InputChannel):
    """No messages: two GET routes that say whether this process can take turns."""

    @classmethod
    def name(cls) -> str:
        return "health"

    def blueprint(self, on_new_message: Any) -> Blueprint:
        health = Blueprint("hdf_health", __name__)

        @health.route("/live", methods=["GET"])
        async def live(_: Request) -> HTTPResponse:
            return response.json({"live": True})

        @health.route("/ready", methods=["GET"])
        async def ready(request: Request) -> HTTPResponse:
            found = checks(getattr(request.app.ctx, "agent", None))
            ok = all(found.values())
            return response.json({"ready": ok, "checks": found}, status=200 if ok else 503)

        return health
