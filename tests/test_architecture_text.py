"""The text layer's rules of docs/architecture.md, checked on the source: ``index.text`` imports
nothing of the project but itself; the tokenizer, the sentence splitter and the month and weekday
names are each defined once."""

from __future__ import annotations

import ast
import re

import pytest

from tests.conftest import REPO
from tests.test_architecture import GRAPH, LAYERS, TOOLS


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
