"""Understanding on the held-out test set, with Rasa's own evaluation (`rasa test nlu`)."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEST_SET = ROOT / "tests" / "data" / "nlu_test.yml"
# Which component's report scores each entity: places, schemes, operators and statuses come
# from the knowledge base (DIET's statuses only fill in), the rest from DIET.
EXTRACTOR_OF = {
    "place": "KnowledgeEntityExtractor",
    "scheme": "KnowledgeEntityExtractor",
    "operator": "KnowledgeEntityExtractor",
    "audience": "KnowledgeEntityExtractor",
    "stage": "DIETClassifier",
    "project_kind": "DIETClassifier",
    "ordinal": "DIETClassifier",
}


@dataclass(frozen=True)
class Understanding:
    """Intent and entity scores on the held-out set."""

    examples: int
    intent_accuracy: float
    intent_macro_f1: float
    entities: dict[str, dict[str, float]]  # entity -> precision, recall, f1, support
    intent_errors: list[dict]


def evaluate(model: Path, out: Path, test_set: Path = TEST_SET) -> Understanding:
    """Run `rasa test nlu` on `test_set` and read its reports."""
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "rasa",
            "test",
            "nlu",
            "--model",
            str(model),
            "--nlu",
            str(test_set),
            "--out",
            str(out),
            "--no-plot",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    intents = json.loads((out / "intent_report.json").read_text())
    errors = (
        json.loads((out / "intent_errors.json").read_text()) if (out / "intent_errors.json").exists() else []
    )
    entities: dict[str, dict[str, float]] = {}
    for entity, extractor in EXTRACTOR_OF.items():
        report_path = out / f"{extractor}_report.json"
        if not report_path.exists():
            # custom components are reported under their full class path
            matches = list(out.glob(f"*{extractor}_report.json"))
            report_path = matches[0] if matches else report_path
        if report_path.exists():
            scores = json.loads(report_path.read_text()).get(entity)
            if scores:
                entities[entity] = {k: scores[k] for k in ("precision", "recall", "f1-score", "support")}
    return Understanding(
        int(intents["macro avg"]["support"]),
        intents["accuracy"],
        intents["macro avg"]["f1-score"],
        entities,
        errors,
    )
