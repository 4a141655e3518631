"""`python -m knowledge audit` passes on the shipped knowledge base and fails on a broken draft."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

from knowledge.loader import SCHEMES_FILE


def run_audit(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "knowledge", "audit", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def test_the_shipped_knowledge_base_passes() -> None:
    result = run_audit("--today", "2026-11-28")
    assert result.returncode == 0, result.stdout
    assert "0 errors" in result.stdout
    assert "older than 18 months" in result.stdout and "undated" in result.stdout
    assert "WARNING  la-suite-dans-les-idees: no sign of current activity" in result.stdout
    assert "WARNING  snee: no contact" in result.stdout  # a warning: no public page gave one
    assert "adie: no contact" not in result.stdout
    assert "figure of the undated seed: 120 heures" in result.stdout


def test_ages_follow_the_configured_limit_and_the_day() -> None:
    later = run_audit("--today", "2028-01-01").stdout
    assert "older than 18 months (" in later
    assert "recent (0)" in later  # the 2026 pages are old by then
    relaxed = run_audit("--today", "2026-11-28", env={"HDF_FACT_MAX_AGE_MONTHS": "240"}).stdout
    assert "older than 240 months (0)" in relaxed


def _draft(tmp_path: Path) -> Path:
    entries = yaml.safe_load(SCHEMES_FILE.read_text(encoding="utf-8"))
    by_id = {e["id"]: e for e in entries}
    by_id["cci-amiens-picardie-formations"]["source"] = {
        "origin": "complement",
        "page": "lagazettefrance.fr (articles de la CCI Amiens-Picardie)",
        "publisher": "lagazettefrance.fr",
        "read_on": "2026-11-28",
        "quote": "la formation historique de la Chambre de commerce",
    }
    adie = by_id["adie"]
    adie["facts"][1]["source"].pop("published")  # « jusqu'à 15 000 € » without a date
    adie["facts"][1]["text"] = "L'Adie finance des projets jusqu'à 15 000 €."
    adie["facts"][2]["source"]["page"] = "shared/knowledge-sources.md"
    by_id["pepite-lille-hdf"]["departments"] = ["59", "62"]
    path = tmp_path / "draft.yml"
    path.write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
    return path


def test_a_broken_draft_fails_with_what_to_fix(tmp_path: Path) -> None:
    result = run_audit("--schemes", str(_draft(tmp_path)), "--today", "2026-11-28")
    assert result.returncode == 1
    out = result.stdout
    assert "ERROR    (file): invalid: draft.yml: scheme 'adie'" in out  # the schema refuses it too
    assert "ERROR    cci-amiens-picardie-formations: scheme source is not a page" in out
    assert "ERROR    adie: fact 3: source is not a page" in out
    assert "ERROR    adie: fact 2: figure without a date: 15 000 €" in out
    assert "ERROR    pepite-lille-hdf: departments 62 not shown by its sources" in out


def test_the_draft_file_can_come_from_the_environment(tmp_path: Path) -> None:
    result = run_audit(env={"HDF_SCHEMES_FILE": str(_draft(tmp_path))})
    assert result.returncode == 1 and "draft.yml" in result.stdout
