"""What the channels remember between messages: rate-limit buckets and Telegram updates seen.

One server process keeps them in memory. Several processes (the production profile,
deploy/) share them in Redis, named by HDF_REDIS_URL: a rate limit then holds whichever
process receives the message, and a Telegram update delivered to two processes is handled
once.
"""

from __future__ import annotations

import functools
import os
import time
from collections import OrderedDict
from typing import Any

import redis.asyncio

PREFIX = "hdf:"
SEEN_SECONDS = 24 * 3600  # Telegram retries an update for at most a day
# A token bucket per key: KEYS[1]; ARGV: tokens per second, burst, now (s). Returns 1 or 0.
TOKEN_BUCKET = """
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local rate, burst, now = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local tokens = math.min(burst, (tonumber(state[1]) or burst) + (now - (tonumber(state[2]) or now)) * rate)
local allowed = 0
if tokens >= 1 then tokens = tokens - 1; allowed = 1 end
redis.call('HSET', KEYS[1], 'tokens', tokens, 'at', now)
redis.call('EXPIRE', KEYS[1], math.ceil(burst / rate) + 1)
return allowed
"""


class MemoryState:
    """The state of one process, bounded: the oldest keys are forgotten first."""

    def __init__(self, max_keys: int = 100_000) -> None:
        self.max_keys = max_keys
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._seen: OrderedDict[str, None] = OrderedDict()

    def take_at(self, key: str, per_minute: float, burst: int, now: float) -> bool:
        """Takes a token from `key`'s bucket at time `now`; False when it is empty."""
        tokens, last = self._buckets.pop(key, (float(burst), now))
        tokens = min(float(burst), tokens + (now - last) * per_minute / 60.0)
        allowed = tokens >= 1.0
        self._buckets[key] = (tokens - 1.0 if allowed else tokens, now)
        self._trim(self._buckets)
        return allowed

    async def take(self, key: str, per_minute: float, burst: int) -> bool:
        return self.take_at(key, per_minute, burst, time.monotonic())

    async def first_time(self, key: str) -> bool:
        """True the first time `key` is seen."""
        if key in self._seen:
            return False
        self._seen[key] = None
        self._trim(self._seen)
        return True

    def _trim(self, table: OrderedDict[str, Any]) -> None:
        while len(table) > self.max_keys:
            table.popitem(last=False)


class RedisState:
    """The state shared by every process through Redis."""

    def __init__(self, url: str) -> None:
        self.redis = redis.asyncio.from_url(url)
        self._bucket = self.redis.register_script(TOKEN_BUCKET)

    async def take(self, key: str, per_minute: float, burst: int) -> bool:
        args = [per_minute / 60.0, burst, time.time()]
        return bool(await self._bucket(keys=[f"{PREFIX}rate:{key}"], args=args))

    async def first_time(self, key: str) -> bool:
        return bool(await self.redis.set(f"{PREFIX}seen:{key}", 1, nx=True, ex=SEEN_SECONDS))


@functools.lru_cache(maxsize=1)
def state() -> MemoryState | RedisState:
    """This process's state: Redis when HDF_REDIS_URL is set, else memory."""
    url = os.environ.get("HDF_REDIS_URL", "").strip()
    return RedisState(url) if url else MemoryState()
