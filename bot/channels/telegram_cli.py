"""Register or remove the Telegram webhook: ``python -m bot.channels.telegram_cli set-webhook``
(or ``delete-webhook``), with the TELEGRAM_* variables of the README's "Telegram" section."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from typing import Any

from bot.channels.telegram_api import TelegramBotAPI, TelegramSettings, register_webhook

logger = logging.getLogger(__name__)


def main(argv: list[str] | None = None) -> int:
    """Command line: set-webhook or delete-webhook, from TELEGRAM_* variables."""
    parser = argparse.ArgumentParser(prog="python -m bot.channels.telegram_cli", description=main.__doc__)
    parser.add_argument("command", choices=["set-webhook", "delete-webhook"])
    parser.add_argument("--drop-pending-updates", action="store_true", help="with delete-webhook")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    settings = TelegramSettings.load()
    if not settings.access_token:
        logger.error("TELEGRAM_ACCESS_TOKEN is not set")
        return 2

    async def run() -> Any:
        api = TelegramBotAPI(settings.access_token, settings.api_base_url)
        try:
            if args.command == "set-webhook":
                return await register_webhook(api, settings)
            return await api.call("deleteWebhook", {"drop_pending_updates": args.drop_pending_updates})
        finally:
            await api.close()

    result = asyncio.run(run())
    print(json.dumps({"ok": result is not None, "command": args.command}))
    return 0 if result is not None else 1


if __name__ == "__main__":
    sys.exit(main())
