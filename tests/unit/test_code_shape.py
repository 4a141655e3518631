"""The shape of the code: no module over 500 lines, no circle of imports (issue 20, « No circle,
no giant »). The import graph is read with `ast`: imports at module level and inside
functions, relative imports resolved, `from package import module` as an import of the module.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("actions", "bot", "knowledge", "handoff")
MAX_LINES = 500

# Known offenders, each to be removed when fixed (a fixed one fails the test until it is).
ALLOWED_GIANTS: set[str] = set()
ALLOWED_CIRCLES: list[set[str]] = []


def modules(root: Path, packages: tuple[str, ...]) -> dict[str, Path]:
    """Every module of the packages by dotted name ("bot.channels" for its __init__.py)."""
    found = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _imported(node: ast.Import | ast.ImportFrom, name: str, is_package: bool) -> list[str]:
    """The dotted names an import statement of module `name` (a package's __init__ when
    `is_package`) names, relative ones resolved: "a.b.c" for `import a.b.c` and for
    `from a.b import c`, whether c is a module or a name defined in a.b."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        package = name.split(".") if is_package else name.split(".")[:-1]
        package = package[: len(package) - (node.level - 1)]
        base = ".".join(package + ([node.module] if node.module else []))
    return [f"{base}.{alias.name}" if base else alias.name for alias in node.names]


def import_graph(root: Path, packages: tuple[str, ...] = PACKAGES) -> nx.DiGraph:
    """Which module of the packages imports which; each edge says where ("path:line")."""
    known = modules(root, packages)
    graph = nx.DiGraph()
    graph.add_nodes_from(known)
    for name, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            for target in _imported(node, name, path.name == "__init__.py"):
                while target and target not in known:  # "pkg.function" imports pkg
                    target = target.rpartition(".")[0]
                if target and target != name and not graph.has_edge(name, target):
                    graph.add_edge(name, target, where=f"{path.relative_to(root)}:{node.lineno}")
    return graph


def circles(graph: nx.DiGraph) -> list[list[str]]:
    """The groups of modules that import each other, in a circle, each sorted."""
    return sorted(sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1)


def cycle_in(graph: nx.DiGraph, component: list[str]) -> list[str]:
    """One circle of imports in a group, each step with where it is."""
    steps = nx.find_cycle(graph.subgraph(component), source=component[0])
    return [f"{a} -> {b} ({graph.edges[a, b]['where']})" for a, b in steps]


def test_no_module_over_500_lines() -> None:
    sizes = {
        str(path.relative_to(ROOT)): len(path.read_text(encoding="utf-8").splitlines())
        for path in modules(ROOT, PACKAGES).values()
    }
    giants = {path: n for path, n in sizes.items() if n > MAX_LINES}
    assert set(giants) <= ALLOWED_GIANTS, f"modules over {MAX_LINES} lines: {giants}"
    fixed = ALLOWED_GIANTS - set(giants)
    assert not fixed, f"no longer over {MAX_LINES} lines, remove from ALLOWED_GIANTS: {fixed}"


def test_no_import_circle() -> None:
    graph = import_graph(ROOT)
    assert graph.number_of_nodes() > 50 and graph.number_of_edges() > 100  # the packages were read
    found = circles(graph)
    new = [c for c in found if not any(set(c) <= allowed for allowed in ALLOWED_CIRCLES)]
    report = "\n\n".join("\n".join(cycle_in(graph, c)) for c in new)
    assert not new, f"import circles:\n{report}"
    fixed = [a for a in ALLOWED_CIRCLES if not any(set(c) <= a for c in found)]
    assert not fixed, f"no longer a circle, remove from ALLOWED_CIRCLES: {fixed}"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A package whose modules import each other in the ways the graph must follow."""
    files = {
        "pkg/__init__.py": "",
        "pkg/a.py": "from pkg import b\n",  # `from package import module`
        "pkg/b.py": "def later():\n    from .sub.c import run\n",  # relative, inside a function
        "pkg/sub/__init__.py": "from . import c\n",
        "pkg/sub/c.py": "import os\nimport pkg.a\nfrom .. import d\n",
        "pkg/d.py": "from pkg.sub import c as module\n",
        "pkg/e.py": "from pkg.a import *\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_the_graph_follows_every_kind_of_import(tree: Path) -> None:
    graph = import_graph(tree, ("pkg",))
    assert {(a, b): where for a, b, where in graph.edges(data="where")} == {
        ("pkg.a", "pkg.b"): "pkg/a.py:1",
        ("pkg.b", "pkg.sub.c"): "pkg/b.py:2",
        ("pkg.sub", "pkg.sub.c"): "pkg/sub/__init__.py:1",
        ("pkg.sub.c", "pkg.a"): "pkg/sub/c.py:2",
        ("pkg.sub.c", "pkg.d"): "pkg/sub/c.py:3",
        ("pkg.d", "pkg.sub.c"): "pkg/d.py:1",
        ("pkg.e", "pkg.a"): "pkg/e.py:1",
    }
    assert circles(graph) == [["pkg.a", "pkg.b", "pkg.d", "pkg.sub.c"]]
    steps = [step.split(" (")[0].split(" -> ") for step in cycle_in(graph, circles(graph)[0])]
    assert [a for a, _ in steps] == [b for _, b in steps[-1:] + steps[:-1]]  # a closed path
    assert len(steps) == 3 and all(tuple(step) in graph.edges for step in steps)
