"""Time full REST turns at several levels of concurrent conversations."""

from __future__ import annotations

import asyncio
import statistics
import time
import uuid
from dataclasses import dataclass

import aiohttp


@dataclass(frozen=True)
class LoadResult:
    """Latency and throughput of `conversations` concurrent conversations."""

    conversations: int
    turns: int
    errors: int
    seconds: float
    median_ms: float
    p95_ms: float
    p99_ms: float

    @property
    def throughput(self) -> float:
        """Turns answered per second."""
        return (self.turns - self.errors) / self.seconds if self.seconds else 0.0


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def _conversation(
    session: aiohttp.ClientSession, url: str, messages: list[str], latencies: list[float], errors: list[str]
) -> None:
    sender = f"load-{uuid.uuid4().hex[:12]}"
    for message in messages:
        started = time.perf_counter()
        try:
            async with session.post(url, json={"sender": sender, "message": message}) as response:
                body = await response.json()
                if response.status != 200 or not body:
                    errors.append(f"HTTP {response.status}, {len(body or [])} messages")
                    continue
        except (aiohttp.ClientError, asyncio.TimeoutError) as error:
            errors.append(repr(error))
            continue
        latencies.append((time.perf_counter() - started) * 1000)


async def _run(url: str, conversations: int, messages: list[str], headers: dict[str, str]) -> LoadResult:
    latencies: list[float] = []
    errors: list[str] = []
    timeout = aiohttp.ClientTimeout(total=120)
    connector = aiohttp.TCPConnector(limit=conversations)
    async with aiohttp.ClientSession(timeout=timeout, connector=connector, headers=headers) as session:
        started = time.perf_counter()
        await asyncio.gather(
            *(_conversation(session, url, messages, latencies, errors) for _ in range(conversations))
        )
        seconds = time.perf_counter() - started
    return LoadResult(
        conversations,
        conversations * len(messages),
        len(errors),
        seconds,
        statistics.median(latencies) if latencies else float("nan"),
        _percentile(latencies, 0.95),
        _percentile(latencies, 0.99),
    )


def measure(
    server_url: str, conversations: int, messages: list[str], headers: dict[str, str] | None = None
) -> LoadResult:
    """Play `conversations` conversations of `messages` at once against a Rasa server (with
    `headers` on every request, e.g. the REST token of the production profile)."""
    url = f"{server_url}/webhooks/rest/webhook"
    return asyncio.run(_run(url, conversations, messages, headers or {}))
