"""One kept HTTP session per endpoint, instead of a new one for each request.

Rasa 3.6's ``EndpointConfig.request`` opens an aiohttp session, so a new TCP connection, for
every request: several per turn to the action server. This replaces it with the same
request made through a session kept per endpoint and event loop, whose connections stay open
between requests (for KEEP_ALIVE_S, below Sanic's 5 s, so a connection the server is about
to close is never reused), and whose JSON is written and read with ujson (a Rasa dependency),
several times faster than the standard library on the tracker sent to the action server.
The sessions are closed with Rasa's other resources when the server stops.
"""

from __future__ import annotations

import asyncio
import os
import ssl
import weakref
from typing import Any

import aiohttp
import rasa.core.run
import ujson
from aiohttp.client_exceptions import ContentTypeError
from rasa.core.constants import DEFAULT_REQUEST_TIMEOUT
from rasa.shared.exceptions import FileNotFoundException
from rasa.utils.endpoints import ClientResponseError, EndpointConfig, concat_url

from bot.rasa_patches.guard import replace

KEEP_ALIVE_S = 2.0  # an idle connection is closed after this; Sanic's servers wait 5 s
_ATTRIBUTE = "_kept_sessions"  # on an endpoint: its sessions by event loop
_ENDPOINTS: list[weakref.ref] = []  # the endpoints that have kept sessions
_rasa_close_resources = rasa.core.run.close_resources


def kept_session(endpoint: EndpointConfig) -> aiohttp.ClientSession:
    """The session of `endpoint` on the running loop: Rasa's settings, kept connections."""
    loop = asyncio.get_running_loop()
    sessions = endpoint.__dict__.get(_ATTRIBUTE)
    if sessions is None:
        sessions = endpoint.__dict__[_ATTRIBUTE] = {}
        _ENDPOINTS.append(weakref.ref(endpoint))
    session = sessions.get(loop)
    if session is None or session.closed:
        auth = endpoint.basic_auth
        session = aiohttp.ClientSession(
            headers=endpoint.headers,
            auth=aiohttp.BasicAuth(auth["username"], auth["password"]) if auth else None,
            timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
            connector=aiohttp.TCPConnector(keepalive_timeout=KEEP_ALIVE_S),
            json_serialize=ujson.dumps,
        )
        sessions[loop] = session
    return session


async def close_sessions() -> None:
    """Closes the kept sessions of the running loop."""
    loop = asyncio.get_running_loop()
    for ref in _ENDPOINTS:
        endpoint = ref()
        session = endpoint.__dict__[_ATTRIBUTE].pop(loop, None) if endpoint is not None else None
        if session is not None:
            await session.close()
    _ENDPOINTS[:] = [ref for ref in _ENDPOINTS if ref() is not None]


async def request(
    self: EndpointConfig,
    method: str = "post",
    subpath: str | None = None,
    content_type: str | None = "application/json",
    compress: bool = False,
    **kwargs: Any,
) -> Any | None:
    """EndpointConfig.request, through the endpoint's kept session."""
    headers = {"Content-Type": content_type} if content_type else {}
    headers.update(kwargs.pop("headers", None) or {})
    headers.update(self.headers)
    sslcontext = None
    if self.cafile:
        try:
            sslcontext = ssl.create_default_context(cafile=self.cafile)
        except FileNotFoundError as e:
            raise FileNotFoundException(
                f"Failed to find certificate file, '{os.path.abspath(self.cafile)}' does not exist."
            ) from e
    async with kept_session(self).request(
        method,
        concat_url(self.url, subpath),
        headers=headers,
        params=self.combine_parameters(kwargs),
        compress=compress,
        ssl=sslcontext,
        **kwargs,
    ) as response:
        if response.status >= 400:
            raise ClientResponseError(response.status, response.reason, await response.content.read())
        try:
            return await response.json(loads=ujson.loads)
        except ContentTypeError:
            return None


async def close_resources(app: Any, loop: asyncio.AbstractEventLoop) -> None:
    """Rasa's close_resources, then the kept sessions."""
    await _rasa_close_resources(app, loop)
    await close_sessions()


def install() -> None:
    replace(EndpointConfig, "request", request)
    replace(rasa.core.run, "close_resources", close_resources)
