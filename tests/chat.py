"""Talk to the Rasa server over the REST channel, as a user would."""

from __future__ import annotations

import uuid

import requests


class Conversation:
    """One user's conversation with the bot over REST."""

    def __init__(self, server_url: str, sender: str | None = None) -> None:
        self.url = f"{server_url}/webhooks/rest/webhook"
        self.sender = sender or f"test-{uuid.uuid4().hex[:12]}"

    def send(self, text: str) -> list[dict]:
        response = requests.post(self.url, json={"sender": self.sender, "message": text}, timeout=60)
        response.raise_for_status()
        return response.json()

    def say(self, text: str) -> str:
        """Send `text` and return the bot's replies joined by new lines."""
        return "\n".join(m.get("text", "") for m in self.send(text))
