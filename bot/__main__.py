"""Run Rasa for this project: ``python -m bot run|shell [Rasa's options]``.

The same command line as ``rasa``, with this project's defaults: requests larger than
64 KiB refused with 413 (SANIC_REQUEST_MAX_SIZE), no telemetry, and the dependencies'
deprecation warnings silenced (bot/quiet.py) also after Rasa sets its own warning filters.
Importing ``bot`` first applies its replacements of Rasa internals.
"""

import os
import sys
from typing import Any

import rasa.__main__

from bot import quiet
from bot.internals import replace

MAX_REQUEST_BYTES = 64 * 1024
_rasa_configure = rasa.__main__.configure_logging_and_warnings


def configure_logging_and_warnings(*args: Any, **kwargs: Any) -> None:
    """Rasa's set-up of logs and warnings, then this project's warning filters in front."""
    _rasa_configure(*args, **kwargs)
    quiet.install()


def main() -> None:
    os.environ.setdefault("SANIC_REQUEST_MAX_SIZE", str(MAX_REQUEST_BYTES))
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    replace(rasa.__main__, "configure_logging_and_warnings", configure_logging_and_warnings)
    sys.argv = ["rasa", *sys.argv[1:]]
    rasa.__main__.main()


if __name__ == "__main__":
    main()
