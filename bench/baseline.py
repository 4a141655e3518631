"""The minimal Rasa bot that the figures are compared with: `rasa init --no-prompt`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

# A conversation of the minimal bot, as long as the advisor's measured conversation.
MESSAGES = ["hello", "I am feeling great", "bye"]


def create(folder: Path) -> Path:
    """Create the minimal bot's project in `folder` (rasa init also trains a first model)."""
    subprocess.run(
        [sys.executable, "-m", "rasa", "init", "--no-prompt", "--init-dir", str(folder)],
        cwd=folder.parent,
        check=True,
        capture_output=True,
    )
    return folder
