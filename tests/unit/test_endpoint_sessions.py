"""Requests to an endpoint (the action server) go through one kept session: same answers and
errors as Rasa's own request, over a connection that stays open between requests."""

from __future__ import annotations

import asyncio
import inspect

import pytest
import rasa.core.run
from aiohttp import web
from rasa.utils.endpoints import ClientResponseError, EndpointConfig

from bot.rasa_patches import endpoint_sessions


def test_the_replacements_took_effect() -> None:
    assert inspect.getattr_static(EndpointConfig, "request") is endpoint_sessions.request
    assert rasa.core.run.close_resources is endpoint_sessions.close_resources


async def _serve(seen: list[dict]) -> web.AppRunner:
    async def webhook(request: web.Request) -> web.Response:
        body = await request.json()
        seen.append(
            {
                "peer": request.transport.get_extra_info("peername"),
                "body": body,
                "query": dict(request.query),
                "header": request.headers.get("X-Test"),
                "type": request.headers.get("Content-Type"),
            }
        )
        if body.get("refuse"):
            return web.json_response({"error": "refused"}, status=400)
        return web.json_response({"echo": body})

    app = web.Application()
    app.router.add_post("/webhook", webhook)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    return runner


def _port(runner: web.AppRunner) -> int:
    return runner.addresses[0][1]


def test_requests_share_one_connection_and_answer_as_rasa_s() -> None:
    seen: list[dict] = []

    async def scenario() -> list:
        runner = await _serve(seen)
        endpoint = EndpointConfig(
            f"http://127.0.0.1:{_port(runner)}", headers={"X-Test": "yes"}, token="secret"
        )
        try:
            tracker = {"text": "À Saint-Quentin / l'Aisne", "timestamp": 1764385627.1234567}
            answers = [await endpoint.request(json=tracker, subpath="webhook") for _ in range(3)]
            with pytest.raises(ClientResponseError) as refused:
                await endpoint.request(json={"refuse": True}, subpath="webhook")
            answers.append(refused.value.status)
            await endpoint_sessions.close_sessions()
            answers.append(await endpoint.request(json={"after": "close"}, subpath="webhook"))
            await endpoint_sessions.close_sessions()
        finally:
            await runner.cleanup()
        return answers

    answers = asyncio.run(scenario())
    tracker = {"text": "À Saint-Quentin / l'Aisne", "timestamp": 1764385627.1234567}
    assert answers[:3] == [{"echo": tracker}] * 3
    assert answers[3] == 400
    assert answers[4] == {"echo": {"after": "close"}}
    assert {s["header"] for s in seen} == {"yes"}
    assert {s["query"]["token"] for s in seen} == {"secret"}
    assert {s["type"] for s in seen} == {"application/json"}
    # the first four requests over one connection; a new one after the sessions were closed
    assert len({s["peer"] for s in seen[:4]}) == 1
    assert seen[4]["peer"] != seen[0]["peer"]


def test_an_idle_connection_is_not_reused_past_the_keep_alive(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(endpoint_sessions, "KEEP_ALIVE_S", 0.1)
    seen: list[dict] = []

    async def scenario() -> None:
        runner = await _serve(seen)
        endpoint = EndpointConfig(f"http://127.0.0.1:{_port(runner)}/webhook")
        try:
            await endpoint.request(json={"n": 1})
            await asyncio.sleep(0.3)
            await endpoint.request(json={"n": 2})
            await endpoint_sessions.close_sessions()
        finally:
            await runner.cleanup()

    asyncio.run(scenario())
    assert [s["body"]["n"] for s in seen] == [1, 2]
    assert seen[0]["peer"] != seen[1]["peer"]
