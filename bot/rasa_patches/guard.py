"""Changing Rasa only where it was checked: its version for a replacement, the source of the
methods a subclass overrides."""

from __future__ import annotations

import hashlib
import inspect
from typing import Any, Callable, Dict, TypeVar

import rasa

RASA_VERSION = "3.6.21"
_Class = TypeVar("_Class", bound=type)


def check_version(what: str) -> None:
    """Raises unless Rasa is the version `what` was written for."""
    if rasa.__version__ != RASA_VERSION:
        raise RuntimeError(
            f"{what} is replaced for Rasa {RASA_VERSION}, not {rasa.__version__}: "
            "check the replacement against this version's code"
        )


def replace(owner: Any, name: str, new: Any) -> None:
    """Sets `owner.name` to `new`; refuses another Rasa version, and checks it took effect."""
    check_version(f"{owner.__name__}.{name}")
    setattr(owner, name, new)
    if inspect.getattr_static(owner, name) is not new:
        raise RuntimeError(f"{owner.__name__}.{name} could not be replaced")


def source_hash(function: Callable) -> str:
    """The sha256 of a function's source text."""
    return hashlib.sha256(inspect.getsource(function).encode()).hexdigest()


def overridden(cls: type) -> Dict[str, type]:
    """The methods `cls` defines over its parent class's, with the class that defines each."""
    parent = cls.__mro__[1]
    return {
        name: next(c for c in parent.__mro__ if name in vars(c))
        for name, value in vars(cls).items()
        if (callable(value) or isinstance(value, (classmethod, staticmethod))) and hasattr(parent, name)
    }


def overrides_rasa(**pinned: str) -> Callable[[_Class], _Class]:
    """A class decorator: raises, when the class is defined, unless every Rasa method it
    overrides is pinned (its name = the sha256 of the source of Rasa's method, as source_hash
    gives it) and Rasa's source is still the one pinned."""

    def check(cls: _Class) -> _Class:
        methods = overridden(cls)
        if set(methods) != set(pinned):
            raise RuntimeError(
                f"{cls.__name__} overrides {sorted(methods)} of Rasa, and pins the source of "
                f"{sorted(pinned)}: pin the sha256 of each method it overrides"
            )
        for name, owner in methods.items():
            digest = source_hash(getattr(owner, name))
            if digest != pinned[name]:
                raise RuntimeError(
                    f"{cls.__name__}.{name} overrides {owner.__module__}.{owner.__qualname__}.{name}, "
                    f"whose source is no longer the one it was written for (sha256 {digest}, "
                    f"pinned {pinned[name]}): check the override against it, then pin the new hash"
                )
        cls.rasa_sources = dict(pinned)  # marks the class as checked
        return cls

    return check
