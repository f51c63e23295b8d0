"""The layout rules of docs/architecture.md, checked on the source: layers import downwards only
(ui → bot → index), no import cycle (module level or inside functions), no module over 300 lines.
A failure names the modules that break the rule."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO

LAYERS = ("ui", "bot", "index")  # each may import only the ones after it
TOOLS = ("bench",)  # benchmarks: any layer may be measured, nothing imports them
MAX_LINES = 300


def _modules() -> dict[str, Path]:
    out = {}
    for layer in LAYERS + TOOLS:
        for path in (REPO / layer).rglob("*.py"):
            parts = path.relative_to(REPO).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            out[name] = path
    return out


MODULES = _modules()


def _owner(name: str) -> str | None:
    """The project module ``name`` (a module, or a name inside one) refers to."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _imports(module: str, path: Path) -> set[str]:
    """Every project module ``module`` imports, at module level or inside functions."""
    out = set()
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(_owner(a.name) for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for a in node.names:
                out.add(_owner(f"{base}.{a.name}") or _owner(base))
    out.discard(None)
    out.discard(module)
    return out


GRAPH = {m: _imports(m, p) for m, p in MODULES.items()}


def test_layers_import_downwards_only():
    upward = [(m, d) for m, deps in GRAPH.items() for d in deps if _rank(d) < _rank(m)]
    assert upward == []


def _rank(module: str) -> int:
    """ui 0, bot 1, index 2; a tool (bench) sits above them all."""
    top = module.split(".")[0]
    return LAYERS.index(top) if top in LAYERS else -1


# Inside a layer, subpackages that must not reach into a sibling: reading a page needs nothing
# from how it is stored (the storing side reads pages through ``index.pages``).
SIBLINGS_NOT_IMPORTED = {"index.pages": ("index.storage",)}


def test_subpackages_keep_their_direction():
    wrong = [
        (m, d)
        for package, banned in SIBLINGS_NOT_IMPORTED.items()
        for m, deps in GRAPH.items()
        if m == package or m.startswith(package + ".")
        for d in deps
        if any(d == b or d.startswith(b + ".") for b in banned)
    ]
    assert wrong == []


def test_no_import_cycles():
    # A package's __init__ importing its own submodules is how packages re-export, not a cycle.
    graph = {m: {d for d in deps if not d.startswith(m + ".")} for m, deps in GRAPH.items()}
    cycles, state = [], {}

    def visit(m, stack):
        state[m] = "open"
        for d in sorted(graph[m]):
            if state.get(d) == "open":
                cycles.append(stack[stack.index(d) :] + [d])
            elif d not in state:
                visit(d, stack + [d])
        state[m] = "done"

    for m in sorted(graph):
        if m not in state:
            visit(m, [m])
    assert cycles == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_modules_stay_small(module):
    lines = MODULES[module].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{module}: {lines} lines"
