"""Time a training from scratch (Rasa's cache disabled)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path


def train(project: Path, out: Path, args: list[str]) -> tuple[float, Path]:
    """Train the project in `project` into `out`; return the seconds it took and the model."""
    out.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "RASA_MAX_CACHE_SIZE": "0"}
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "rasa", "train", *args, "--out", str(out), "--fixed-model-name", "bench"],
        cwd=project,
        env=env,
        check=True,
        capture_output=True,
    )
    return time.monotonic() - started, out / "bench.tar.gz"
