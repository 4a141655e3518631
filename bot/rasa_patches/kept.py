"""Bounded keeping of per-conversation computations (tracker_states, applied_events, tracker_replay)."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any, Hashable


def keep(kept: OrderedDict, key: Hashable, value: Any, bound: int) -> None:
    """Keeps `value` under `key` as the most recently used (the caller popped it to use it),
    and drops the least recently used beyond `bound`."""
    kept[key] = value
    while len(kept) > bound:
        kept.popitem(last=False)
