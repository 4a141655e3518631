"""The command line's warning filters: Rasa's, then this project's in front again.

Rasa 3.6's command line (``rasa.__main__.configure_logging_and_warnings``) adds its own
warning filters when it starts, in front of those bot/quiet.py set when ``bot`` was imported
(filters added later come first). This replacement runs Rasa's, then puts this project's in
front again, so ``python -m bot run|shell`` starts as quietly as ``bot`` imports.
"""

from __future__ import annotations

from typing import Any

import rasa.__main__

from bot import quiet
from bot.rasa_patches.guard import replace

_rasa_configure = rasa.__main__.configure_logging_and_warnings


def configure_logging_and_warnings(*args: Any, **kwargs: Any) -> None:
    """Rasa's set-up of logs and warnings, then this project's warning filters in front."""
    _rasa_configure(*args, **kwargs)
    quiet.install()


def install() -> None:
    replace(rasa.__main__, "configure_logging_and_warnings", configure_logging_and_warnings)
