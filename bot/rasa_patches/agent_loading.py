"""The Rasa process's heaps once the model is loaded: Python's garbage collector and glibc's.

The loaded model and knowledge are about 900,000 Python objects that live as long as the
process; Python's collector walks them all at each full collection, a second or more of
CPU with the server stopped, each time the objects kept by the turns have grown by a
quarter. Once Rasa has loaded the model, the garbage of the load is collected and the
objects that remain are frozen (``gc.freeze``: kept out of later collections; they are
still freed when no longer referenced).
Loading also leaves about 100 MB freed but kept by glibc's allocator (TensorFlow's,
spaCy's and the featurizers' temporary buffers): the heap is then trimmed
(``malloc_trim``), and again every TRIM_INTERVAL_S while the server runs, a few
milliseconds each time (without glibc, not at all). Installed when ``bot`` is imported, so
every way of starting the Rasa server (``python -m bot run``: scripts/, deploy/, the
benchmark) does it alike.
"""

from __future__ import annotations

import asyncio
import ctypes
import gc
from typing import Any

import rasa.core.run
from rasa.core.agent import Agent

from bot.rasa_patches.guard import replace

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
    """Rasa's load_agent_on_start; then the load's garbage collected, what remains frozen, a
    trim, and a trim every TRIM_INTERVAL_S (a task of the Sanic app, cancelled when it stops)."""
    agent = await _rasa_load_agent_on_start(*args, **kwargs)
    gc.collect()
    gc.freeze()
    trim()
    app = kwargs.get("app", args[3] if len(args) > 3 else None)
    if app is not None and _MALLOC_TRIM:
        app.add_task(trim_periodically(), name="hdf.heap_trim")
    return agent


def install() -> None:
    replace(rasa.core.run, "load_agent_on_start", load_agent_on_start)
