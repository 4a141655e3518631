"""Where the tests find the project, its model and their own artifacts."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MODEL = Path(os.environ.get("HDF_TEST_MODEL") or ROOT / "models" / "current.tar.gz")
ARTIFACTS = ROOT / "tests" / "artifacts"
TEST_DATA = ROOT / "tests" / "data"
