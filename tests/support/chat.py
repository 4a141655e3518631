"""Talk to the Rasa server over the REST channel, as a user would."""

from __future__ import annotations

import uuid

import requests


class Conversation:
    """One user's conversation with the bot over REST."""

    def __init__(self, server_url: str, sender: str | None = None, token: str | None = None) -> None:
        self.url = f"{server_url}/webhooks/rest/webhook"
        self.sender = sender or f"test-{uuid.uuid4().hex[:12]}"
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def send(self, text: str) -> list[dict]:
        body = {"sender": self.sender, "message": text}
        response = requests.post(self.url, json=body, headers=self.headers, timeout=60)
        response.raise_for_status()
        return response.json()

    def say(self, text: str) -> str:
        """Send `text` and return the bot's replies joined by new lines."""
        return "\n".join(m.get("text", "") for m in self.send(text))
