"""The minimal Rasa bot that the figures are compared with: the project `rasa init` creates."""

from __future__ import annotations

import shutil
from pathlib import Path

import rasa.cli

TEMPLATE = Path(rasa.cli.__file__).parent / "initial_project"


def create(folder: Path) -> Path:
    """Copy `rasa init`'s project into `folder` (without its first training: the benchmark
    trains it from scratch itself)."""
    shutil.copytree(TEMPLATE, folder)
    return folder
