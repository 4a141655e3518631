"""Where the running assistant keeps its data: conversations, the signing key."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """HDF_DATA_DIR (relative to the project folder), by default var/; created if missing."""
    path = ROOT / os.environ.get("HDF_DATA_DIR", "var")
    path.mkdir(parents=True, exist_ok=True)
    return path
