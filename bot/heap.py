"""Give the memory freed in the C heap back to the system: the Rasa process's resident size.

Loading the model leaves about 100 MB freed but kept by glibc's allocator (TensorFlow's,
spaCy's and the featurizers' temporary buffers). Once Rasa has loaded the model, this
trims the heap (glibc's ``malloc_trim``), then again every TRIM_INTERVAL_S while the server
runs: a few milliseconds each time. Without glibc it does nothing. Imported by
bot/__init__.py, so every way of starting the Rasa server (``python -m bot run``: scripts/,
deploy/, the benchmark) does it alike.
"""

from __future__ import annotations

import asyncio
import ctypes
from typing import Any

import rasa.core.run
from rasa.core.agent import Agent

from bot.internals import replace

TRIM_INTERVAL_S = 60.0
_rasa_load_agent_on_start = rasa.core.run.load_agent_on_start


def _malloc_trim() -> Any:
    try:
        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc
        return None


_MALLOC_TRIM = _malloc_trim()


def trim() -> bool:
    """Returns the heap's free memory to the system; whether any was returned."""
    return bool(_MALLOC_TRIM and _MALLOC_TRIM(0))


async def trim_periodically(interval: float = TRIM_INTERVAL_S) -> None:
    """Trims the heap every `interval` seconds, until cancelled."""
    while True:
        await asyncio.sleep(interval)
        trim()


async def load_agent_on_start(*args: Any, **kwargs: Any) -> Agent:
    """Rasa's load_agent_on_start, then a trim, and a trim every TRIM_INTERVAL_S (a task of
    the Sanic app, cancelled when it stops)."""
    agent = await _rasa_load_agent_on_start(*args, **kwargs)
    trim()
    app = kwargs.get("app", args[3] if len(args) > 3 else None)
    if app is not None and _MALLOC_TRIM:
        app.add_task(trim_periodically(), name="hdf.heap_trim")
    return agent


replace(rasa.core.run, "load_agent_on_start", load_agent_on_start)
