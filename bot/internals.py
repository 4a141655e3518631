"""Replacing an internal of Rasa: only on the version it was written for, and checked."""

import inspect
from typing import Any

import rasa

RASA_VERSION = "3.6.21"


def replace(owner: Any, name: str, new: Any) -> None:
    """Sets `owner.name` to `new`; refuses another Rasa version, and checks it took effect."""
    if rasa.__version__ != RASA_VERSION:
        raise RuntimeError(
            f"{owner.__name__}.{name} is replaced for Rasa {RASA_VERSION}, not {rasa.__version__}: "
            "check the replacement against this version's code"
        )
    setattr(owner, name, new)
    if inspect.getattr_static(owner, name) is not new:
        raise RuntimeError(f"{owner.__name__}.{name} could not be replaced")

