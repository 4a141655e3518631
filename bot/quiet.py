"""Silence the start-up noise of Rasa's dependencies, at its source modules only.

Rasa 3.6's dependencies warn about their own dependencies' deprecated APIs, and TensorFlow
prints C++ notices: nothing a person running the assistant can act on. Warnings raised by
other modules, and every log line, still show.
"""

import os
import warnings

QUIET_MODULES = (
    "apscheduler",
    "jax",
    "matplotlib",
    "packaging",
    "pkg_resources",
    "rasa",
    "sanic_cors",
    "sqlalchemy",
    "tensorflow",
    "importlib",
)
CATEGORIES = (DeprecationWarning, PendingDeprecationWarning)


def install() -> None:
    """Ignores deprecation warnings raised from QUIET_MODULES. Filters added later come first:
    Sanic adds one for every DeprecationWarning when imported (so it is imported here first),
    Rasa's command line one for every UserWarning (bot/__main__.py installs these again)."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # read when TensorFlow is imported
    import sanic  # noqa: F401
    for module in QUIET_MODULES:
        for category in CATEGORIES:
            warnings.filterwarnings("ignore", category=category, module=rf"{module}(\.|$)")
