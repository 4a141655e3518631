"""Values the server issues and later gets back: web session ids and button payloads.

Each is signed with HMAC-SHA256 under one secret, so a client can neither forge a session
id nor send an intent the bot did not offer; a signed value stays valid after a restart
and on every server process that shares the secret. The secret is HDF_SECRET_KEY, or a
random key created once in the data folder (var/secret.key, readable by its owner only).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import os
import secrets

from bot.paths import data_dir

SECRET_FILE = "secret.key"
MAC_BYTES = 8  # 64 bits: far beyond what guessing over HTTP can reach
SEPARATOR = "~"


@functools.lru_cache(maxsize=1)
def secret_key() -> bytes:
    """The signing key: HDF_SECRET_KEY, else the data folder's key file (created once)."""
    configured = os.environ.get("HDF_SECRET_KEY", "").strip()
    if configured:
        return configured.encode("utf-8")
    path = data_dir() / SECRET_FILE
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_bytes().strip()
    with os.fdopen(fd, "wb") as file:
        file.write(secrets.token_urlsafe(32).encode("ascii"))
    return path.read_bytes().strip()


def _mac(value: str, purpose: str) -> str:
    digest = hmac.new(secret_key(), f"{purpose}\0{value}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:MAC_BYTES]).decode("ascii").rstrip("=")


def sign(value: str, purpose: str) -> str:
    """`value` followed by its signature for `purpose` ("session", "payload")."""
    return f"{value}{SEPARATOR}{_mac(value, purpose)}"


def unsign(signed: str, purpose: str) -> str | None:
    """The value behind a signed string, or None when the signature is missing or wrong."""
    value, separator, mac = signed.rpartition(SEPARATOR)
    if not separator or not hmac.compare_digest(mac, _mac(value, purpose)):
        return None
    return value


def new_session_id() -> str:
    """A fresh, signed web session id."""
    return sign(secrets.token_urlsafe(16), "session")
