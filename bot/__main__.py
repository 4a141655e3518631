"""Run Rasa for this project: ``python -m bot run|shell [Rasa's options]``.

The same command line as ``rasa``, with this project's defaults: requests larger than
64 KiB refused with 413 (SANIC_REQUEST_MAX_SIZE), no telemetry, and the dependencies'
deprecation warnings silenced (bot/quiet.py) also after Rasa sets its own warning filters
(bot/rasa_patches/command_line_warnings.py). Importing ``bot`` first installs its replacements
of Rasa internals.
"""

import os
import sys

import rasa.__main__

MAX_REQUEST_BYTES = 64 * 1024


def main() -> None:
    os.environ.setdefault("SANIC_REQUEST_MAX_SIZE", str(MAX_REQUEST_BYTES))
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    sys.argv = ["rasa", *sys.argv[1:]]
    rasa.__main__.main()


if __name__ == "__main__":
    main()
