"""Time full REST turns of many conversations, a given number of them at once."""

from __future__ import annotations

import asyncio
import statistics
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import yaml

WORKLOAD = Path(__file__).resolve().parent / "workload"  # advisor.yml, minimal.yml
PER_LEVEL = 50  # conversations played at each level: 1,000 turns of 20-turn conversations


@dataclass(frozen=True)
class LoadResult:
    """Latency and throughput of conversations played `conversations` at a time."""

    conversations: int  # at once
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


def scripts(name: str) -> list[list[str]]:
    """The conversations of bench/workload/<name>.yml."""
    return yaml.safe_load((WORKLOAD / f"{name}.yml").read_text(encoding="utf-8"))["conversations"]


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


async def _run(url: str, at_once: int, conversations: list[list[str]], headers: dict[str, str]) -> LoadResult:
    latencies: list[float] = []
    errors: list[str] = []
    queue = list(reversed(conversations))
    timeout = aiohttp.ClientTimeout(total=120)
    connector = aiohttp.TCPConnector(limit=at_once)
    async with aiohttp.ClientSession(timeout=timeout, connector=connector, headers=headers) as session:

        async def worker() -> None:  # one conversation after another
            while queue:
                await _conversation(session, url, queue.pop(), latencies, errors)

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(at_once)))
        seconds = time.perf_counter() - started
    return LoadResult(
        at_once,
        sum(len(messages) for messages in conversations),
        len(errors),
        seconds,
        statistics.median(latencies) if latencies else float("nan"),
        _percentile(latencies, 0.95),
        _percentile(latencies, 0.99),
    )


def measure(
    server_url: str,
    at_once: int,
    conversations: list[list[str]],
    headers: dict[str, str] | None = None,
) -> LoadResult:
    """Play `conversations` (each a list of messages) against a Rasa server, `at_once` of them
    at a time, each by a new sender (with `headers` on every request, e.g. a REST token)."""
    url = f"{server_url}/webhooks/rest/webhook"
    return asyncio.run(_run(url, at_once, conversations, headers or {}))


def workload(name: str, count: int = PER_LEVEL) -> list[list[str]]:
    """`count` conversations taken in turn from bench/workload/<name>.yml."""
    every = scripts(name)
    return [every[i % len(every)] for i in range(count)]
