"""The dialogue is decided in one place (issue 20): cue words are read and intents compared
only in actions/router/, intent names are constants of actions/intents.py, and no action runs
another action."""

import ast
from pathlib import Path

import yaml

from actions import intents

ACTIONS = Path(__file__).resolve().parents[2] / "actions"
ROUTER = ACTIONS / "router"
CUE_READERS = {"asks", "without", "cue_kinds"}  # functions that read cue words (actions/cues.py)
INTENT_NAMES = {value for name, value in vars(intents).items() if name.isupper() and isinstance(value, str)}


def _modules() -> list[Path]:
    return sorted(ACTIONS.rglob("*.py"))


def _outside_router(path: Path) -> bool:
    return ROUTER not in path.parents


def _called_name(call: ast.Call) -> str | None:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None


def test_cue_words_are_read_only_by_the_router() -> None:
    found = [
        f"{path.relative_to(ACTIONS)}:{node.lineno}"
        for path in _modules()
        if _outside_router(path)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call) and _called_name(node) in CUE_READERS
    ]
    assert not found, f"cue words read outside actions/router/: {found}"


def _compares_intents(node: ast.Compare) -> bool:
    """Whether a comparison involves an intent: an intents constant, `.intent`, `intent(…)` or
    an intent's name as a string."""
    for side in [node.left, *node.comparators]:
        for part in ast.walk(side):
            if isinstance(part, ast.Attribute) and (
                part.attr == "intent" or (isinstance(part.value, ast.Name) and part.value.id == "intents")
            ):
                return True
            if isinstance(part, ast.Call) and _called_name(part) == "intent":
                return True
            if isinstance(part, ast.Constant) and part.value in INTENT_NAMES:
                return True
    return False


def test_intents_are_compared_only_by_the_router() -> None:
    found = [
        f"{path.relative_to(ACTIONS)}:{node.lineno}"
        for path in _modules()
        if _outside_router(path)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Compare) and _compares_intents(node)
    ]
    assert not found, f"intents compared outside actions/router/: {found}"


def _not_intents(tree: ast.AST) -> set[int]:
    """The strings that are no intent though spelled like one: an enum's values, sentence keys."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and any("Enum" in ast.unparse(base) for base in node.bases):
            skipped |= {id(part) for part in ast.walk(node)}
        if isinstance(node, ast.Call) and _called_name(node) in ("say", "sentence"):
            skipped |= {id(arg) for arg in node.args}
    return skipped


def test_intent_names_are_written_only_in_actions_intents() -> None:
    found = []
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skipped = _not_intents(tree) if path.name != "intents.py" else {id(n) for n in ast.walk(tree)}
        found += [
            f"{path.relative_to(ACTIONS)}:{node.lineno} {node.value!r}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and node.value in INTENT_NAMES and id(node) not in skipped
        ]
    assert not found, f"intent names written outside actions/intents.py: {found}"


def test_every_intent_constant_is_an_intent_of_the_domain() -> None:
    domain = Path(__file__).resolve().parents[2] / "bot" / "domain"
    declared = {
        intent
        for path in domain.glob("*.yml")
        for intent in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("intents", [])
    }
    assert INTENT_NAMES <= declared, INTENT_NAMES - declared


def test_no_action_runs_another_action() -> None:
    found = [
        f"{path.relative_to(ACTIONS)}:{node.lineno}"
        for path in _modules()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "run"
    ]
    assert not found, f"an action's run() called from the code: {found}"
