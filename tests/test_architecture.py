"""The layout rules of docs/architecture.md, checked on the source: layers import downwards only
(ui → bot → index), no import cycle (module level or inside functions), no module over 300 lines,
no function over 60 lines in the packages already held to it. A failure names what breaks the rule."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO

LAYERS = ("ui", "bot", "index")  # each may import only the ones after it
TOOLS = ("bench", "lab")  # benchmarks and the lab: they may use any layer, no layer imports them
MAX_LINES = 300
MAX_FUNCTION_LINES = (
    60  # from ``def`` (or its first decorator) to its last line, docstring included
)
# The packages held to MAX_FUNCTION_LINES (this test lists each function over the limit).
FUNCTION_SIZE_CHECKED = ("index", "ui", "bot")
# ``lab/`` (training, probes) is not held to it: it is not shipped, and its long functions are
# experiment scripts read top to bottom. Nothing in the product is exempt.


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
    """ui 0, bot 1, index 2; a tool (bench, lab) sits above them all."""
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


def _long_functions(package: str) -> list[str]:
    out = []
    for path in sorted((REPO / package).rglob("*.py")):
        where = path.relative_to(REPO).as_posix()
        out += _long_functions_in(path.read_text(encoding="utf-8"), where)
    return out


def _long_functions_in(source: str, where: str) -> list[str]:
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            first = min([node.lineno] + [d.lineno for d in node.decorator_list])
            lines = node.end_lineno - first + 1
            if lines > MAX_FUNCTION_LINES:
                out.append(f"{where}:{node.lineno} {node.name}: {lines} lines")
    return out


@pytest.mark.parametrize("package", FUNCTION_SIZE_CHECKED)
def test_functions_stay_short(package):
    assert _long_functions(package) == []


@pytest.mark.parametrize(("body_lines", "too_long"), [(58, False), (59, True)])
def test_the_function_size_check_counts_from_the_decorator(body_lines, too_long):
    # A decorator, the def line and the body: 61 lines is one over the limit, 60 is not.
    body = "".join(f"        x{i} = {i}\n" for i in range(body_lines))
    source = f"class C:\n    @staticmethod\n    def f():\n{body}"
    assert bool(_long_functions_in(source, "m.py")) is too_long


# The lab and the benchmarks: the product never imports them, no test leans on ``bench/`` (tests
# of the benchmarks themselves live in ``tests/bench/``), and a ``__main__`` is a command, never a
# library.
TESTS_OF_BENCH = "tests/bench/"


def test_the_product_imports_no_tool():
    wrong = [
        (m, d)
        for m, deps in GRAPH.items()
        if m.split(".")[0] in LAYERS
        for d in deps
        if d.split(".")[0] in TOOLS
    ]
    assert wrong == []


def _imported_names(tree: ast.AST) -> set[str]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            out.add(node.module)
            out.update(f"{node.module}.{a.name}" for a in node.names)
    return out


def _sources(*folders: str) -> dict[str, set[str]]:
    return {
        path.relative_to(REPO).as_posix(): _imported_names(ast.parse(path.read_text("utf-8")))
        for folder in folders
        for path in sorted((REPO / folder).rglob("*.py"))
    }


def test_no_test_imports_bench():
    wrong = {
        where: sorted(n for n in names if n == "bench" or n.startswith("bench."))
        for where, names in _sources("tests").items()
        if not where.startswith(TESTS_OF_BENCH)
    }
    assert {w: n for w, n in wrong.items() if n} == {}


def _is_main(name: str) -> bool:
    return "__main__" in name.split(".")


def test_no_module_imports_a_main():
    wrong = {
        where: sorted(n for n in names if _is_main(n))
        for where, names in _sources(*LAYERS, *TOOLS, "tests").items()
    }
    assert {w: n for w, n in wrong.items() if n} == {}


def test_the_wheel_holds_no_lab_bench_or_tests():
    # The packages as setuptools finds them from pyproject's [tool.setuptools.packages.find].
    import tomllib

    from setuptools import find_packages

    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    find = config["tool"]["setuptools"]["packages"]["find"]
    packages = find_packages(
        where=str(REPO), include=find.get("include", ["*"]), exclude=find.get("exclude", ())
    )
    assert {p.split(".")[0] for p in packages} == set(LAYERS)
    assert "lab.train" not in packages and "bot.answering.learned" in packages


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("from lab.train.__main__ import main", True),
        ("import bot.__main__", True),
        ("from lab.train.build import main", False),
    ],
)
def test_the_main_check_finds_imports_of_a_main(source, found):
    names = _imported_names(ast.parse(source))
    assert any(_is_main(n) for n in names) is found


def _product_private_functions() -> set[str]:
    return {
        node.name
        for layer in LAYERS
        for path in (REPO / layer).rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.name.startswith("_")
        and not node.name.startswith("__")
    }


def _private_uses(tree: ast.AST, product_private: set[str]) -> list[str]:
    """Private names a tool takes from elsewhere: ``from m import _x`` of a project module, or
    ``obj._x`` naming a private function of the product on anything but ``self``/``cls`` (the
    product offers a public entry point instead). A library's private attributes are not ours."""
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and _owner(node.module or ""):
            out += [a.name for a in node.names if a.name.startswith("_")]
        elif isinstance(node, ast.Attribute) and node.attr in product_private:
            if not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")):
                out.append(node.attr)
    return out


def test_the_tools_use_no_private_name_of_the_project():
    private = _product_private_functions()
    wrong = {
        path.relative_to(REPO).as_posix(): _private_uses(
            ast.parse(path.read_text(encoding="utf-8")), private
        )
        for folder in TOOLS
        for path in sorted((REPO / folder).rglob("*.py"))
    }
    assert {w: n for w, n in wrong.items() if n} == {}


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("from lab.dev_sets import _settings", ["_settings"]),
        ("chain = bot._make_chain()", ["_make_chain"]),
        ("n = self._make_chain()", []),
        ("n = store._collection.count()", []),
    ],
)
def test_the_private_name_check_finds_uses(source, found):
    assert _private_uses(ast.parse(source), {"_make_chain"}) == found
