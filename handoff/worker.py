"""The outbox worker: claims each due request and sends it, with back-off on failure.

One supervised process (`python -m handoff`), not a loop in each action-server worker.
Settings: HDF_HANDOFF_POLL_SECONDS (2), HDF_HANDOFF_LEASE_SECONDS (120: a request claimed by a
worker that died is taken again after it), HDF_HANDOFF_BACKOFF_SECONDS (30, doubled at each
failure, at most an hour), and those of handoff/config.py.
"""

from __future__ import annotations

import asyncio
import logging
import signal

from handoff import send, store
from handoff.config import Smtp, inboxes, number

logger = logging.getLogger("handoff")
MAX_BACKOFF_SECONDS = 3600


def backoff(attempts: int) -> float:
    return min(number("HDF_HANDOFF_BACKOFF_SECONDS", 30) * 2 ** max(attempts - 1, 0), MAX_BACKOFF_SECONDS)


async def deliver(request: store.Request, smtp: Smtp) -> None:
    """Sends the channels not done yet; each one done is recorded before the next."""
    inbox = inboxes().get(request.inbox)
    channels = []
    if inbox.email and smtp.host and request.email_sent_at is None:
        channels.append(("email", send.send_email))
    if inbox.webhook and request.webhook_sent_at is None:
        channels.append(("webhook", send.send_webhook))
    if not channels and request.email_sent_at is None and request.webhook_sent_at is None:
        raise RuntimeError(f"inbox {inbox.key!r} has no e-mail (with HDF_SMTP_HOST) nor webhook")
    for channel, sender in channels:
        await sender(request, inbox, smtp)
        store.delivered(request.id, channel)


async def run_once(smtp: Smtp, lease: float) -> bool:
    """Handles one due request; False when there was none."""
    request = store.claim(lease)
    if request is None:
        return False
    try:
        await deliver(request, smtp)
    except Exception as error:  # any failure: retried later, never lost
        delay = backoff(request.attempts)
        logger.warning("Request %s not sent (attempt %d): %s; next try in %.0f s",
                       request.reference, request.attempts, error, delay)
        store.failed(request, f"{type(error).__name__}: {error}", delay)
    else:
        store.done(request.id)
        logger.info("Request %s sent", request.reference)
    return True


async def run(once: bool = False) -> None:
    """Sends due requests until stopped (SIGINT/SIGTERM), or until none is due with `once`."""
    smtp = Smtp.from_environment()
    lease = number("HDF_HANDOFF_LEASE_SECONDS", 120)
    poll = number("HDF_HANDOFF_POLL_SECONDS", 2)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    database = store.engine().url.render_as_string(hide_password=True)
    logger.info("Hand-off worker started (database %s)", database)
    while not stop.is_set():
        if await run_once(smtp, lease):
            continue
        if once:
            return
        try:
            await asyncio.wait_for(stop.wait(), poll)
        except asyncio.TimeoutError:
            pass
