"""Once the model is loaded, the Rasa server freezes the objects that remain (kept out of
later garbage collections) and gives the memory freed in the C heap back to the system,
then periodically."""

from __future__ import annotations

import asyncio
import gc
from pathlib import Path

import pytest
import rasa.core.run

from bot.rasa_patches import agent_loading

pytestmark = pytest.mark.skipif(agent_loading._MALLOC_TRIM is None, reason="glibc only")


def _resident_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def test_the_replacement_took_effect() -> None:
    assert rasa.core.run.load_agent_on_start is agent_loading.load_agent_on_start


def test_a_trim_returns_freed_memory() -> None:
    chunks = [bytearray(4096) for _ in range(30_000)]  # ~120 MiB from the C heap
    last = bytearray(4096)  # above them: the heap's top cannot shrink by itself
    del chunks
    before = _resident_mib()
    assert agent_loading.trim()
    assert before - _resident_mib() > 60
    del last


def test_the_server_freezes_and_trims_once_loaded_then_trims_periodically(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[str] = []
    tasks: list = []

    async def rasa_load(*args: object) -> str:
        calls.append("load")
        return "agent"

    class App:
        def add_task(self, task: object, name: str) -> None:
            tasks.append(task)

    monkeypatch.setattr(agent_loading, "_rasa_load_agent_on_start", rasa_load)
    monkeypatch.setattr(agent_loading, "trim", lambda: calls.append("trim") or True)

    async def scenario() -> None:
        try:
            assert await agent_loading.load_agent_on_start("model", None, None, App(), None) == "agent"
            assert gc.get_freeze_count() > 0
        finally:
            gc.unfreeze()
        assert calls == ["load", "trim"] and len(tasks) == 1
        tasks[0].close()  # the periodic task, as Sanic would start it: here a short one
        periodic = asyncio.create_task(agent_loading.trim_periodically(0.01))
        await asyncio.sleep(0.1)
        periodic.cancel()

    asyncio.run(scenario())
    assert calls.count("trim") >= 3
