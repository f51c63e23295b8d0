"""The layout rules of docs/architecture.md, checked on the source: layers import downwards only
(ui → bot → index), no import cycle (module level or inside functions), no module over 300 lines,
no function over 60 lines in the packages already held to it. A failure names what breaks the rule."""

from __future__ import annotations

import ast
import re
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
# experiment scripts read top to bottom. Inside the product only the answer model's feature code
# is exempt still (one feature function per measured signal; splitting it is a later step).
FUNCTION_SIZE_EXEMPT = ("bot/answering/learned",)


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
        if where.startswith(tuple(f"{folder}/" for folder in FUNCTION_SIZE_EXEMPT)):
            continue
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


def test_the_exempt_folders_exist_and_lie_in_checked_packages():
    # A renamed or moved folder would leave a stale exemption that exempts nothing.
    for folder in FUNCTION_SIZE_EXEMPT:
        assert (REPO / folder).is_dir(), folder
        assert folder.split("/")[0] in FUNCTION_SIZE_CHECKED, folder


@pytest.mark.parametrize(("body_lines", "too_long"), [(58, False), (59, True)])
def test_the_function_size_check_counts_from_the_decorator(body_lines, too_long):
    # A decorator, the def line and the body: 61 lines is one over the limit, 60 is not.
    body = "".join(f"        x{i} = {i}\n" for i in range(body_lines))
    source = f"class C:\n    @staticmethod\n    def f():\n{body}"
    assert bool(_long_functions_in(source, "m.py")) is too_long


# The text layer (``index.text``) sits below everything else: it imports nothing of the project
# but itself, so pages, storage, the briefing and the answer path can all share it.
def test_the_text_layer_imports_only_itself():
    wrong = [
        (m, d)
        for m, deps in GRAPH.items()
        if m == "index.text" or m.startswith("index.text.")
        for d in deps
        if not (d == "index.text" or d.startswith("index.text."))
    ]
    assert wrong == []


TEXT_LAYER = {
    # what is defined once, and where
    "split_sentences": "index/text/sentences.py",
    "folded_words": "index/text/tokens.py",
    "written_words": "index/text/tokens.py",
    "fold": "index/text/tokens.py",
    "terms": "index/text/terms.py",
    "stem": "index/text/terms.py",
}
# A name that says nothing of which rule it follows: two tokenizers were both called ``words``.
NAMES_NOT_DEFINED = ("words", "sentences_of", "segment")
MONTH_WORDS = {
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
}


def _product_sources() -> list[tuple[str, ast.AST]]:
    return [
        (str(p.relative_to(REPO)), ast.parse(p.read_text(encoding="utf-8")))
        for p in (path for layer in LAYERS + TOOLS for path in sorted((REPO / layer).rglob("*.py")))
    ]


def _calendar_lists(tree: ast.AST) -> list[int]:
    """Lines of a string or a tuple/list/set of strings naming three or more month or weekday
    names: a copy of the calendar (one name in running prose is no copy)."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Tuple | ast.List | ast.Set):
            strings = [e.value for e in node.elts if isinstance(e, ast.Constant)]
            text = " ".join(s for s in strings if isinstance(s, str))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        else:
            continue
        named = {w for w in MONTH_WORDS if re.search(rf"\b{w}\b", text, re.IGNORECASE)}
        if len(named) >= 3:
            found.append(node.lineno)
    return found


def _docstrings(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                out.add(body[0].value.lineno)
    return out


def test_the_text_layer_is_defined_once():
    defined: dict[str, list[str]] = {}
    for where, tree in _product_sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef):
                defined.setdefault(node.name, []).append(where)
    twice = {n: defined.get(n) for n, home in TEXT_LAYER.items() if defined.get(n) != [home]}
    vague = {n: defined[n] for n in NAMES_NOT_DEFINED if n in defined}
    assert (twice, vague) == ({}, {})


def test_month_and_weekday_names_are_listed_once():
    copies = []
    for where, tree in _product_sources():
        if where != "index/text/calendar.py":
            lines = set(_calendar_lists(tree)) - _docstrings(tree)
            copies += [f"{where}:{n}" for n in sorted(lines)]
    assert copies == []


def test_one_sentence_splitter_library():
    # pysbd is asked in one place; the parser's own sentences serve only what reads the parse.
    users = [
        where
        for where, tree in _product_sources()
        for node in ast.walk(tree)
        if isinstance(node, ast.Import) and any(a.name == "pysbd" for a in node.names)
    ]
    assert users == ["index/text/sentences.py"]


@pytest.mark.parametrize(
    ("source", "copies"),
    [
        ('NAMES = ("Jan", "Feb")', 0),
        ('X = ("october", "november", "december")', 1),
        ('P = r"(?:Monday|Tuesday|Friday)"', 1),
        ('S = "we met in March and left in May"', 0),
    ],
)
def test_the_calendar_check_finds_copies(source, copies):
    assert len(_calendar_lists(ast.parse(source))) == copies
