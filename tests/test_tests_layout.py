"""The tests mirror the package tree (docs/architecture.md): the tests of ``bot/answering/`` live in
``tests/bot/answering/`` and so on, so a reader finds a module's tests by its path. Three folders
are not packages on purpose: the benchmarks' own tests (``tests/bench/``, the only tests that may
import ``bench``), the cross-cutting failure scenarios of docs/reliability.md
(``tests/reliability/``), and the shared helpers, fakes and fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REPO

TESTS = REPO / "tests"
NOT_PACKAGES = ("bench", "reliability", "helpers")
# Tests of the whole house rather than of one package stay at the top.
TOP_LEVEL = {
    "test_architecture.py",
    "test_architecture_text.py",
    "test_setup_script.py",
    "test_tests_layout.py",
}


def _test_folders() -> list[Path]:
    return sorted({p.parent for p in TESTS.rglob("test_*.py")})


def test_every_test_folder_mirrors_a_package():
    wrong = []
    for folder in _test_folders():
        where = folder.relative_to(TESTS)
        if where == Path(".") or where.parts[0] in NOT_PACKAGES:
            continue
        if not (REPO / where / "__init__.py").exists():
            wrong.append(where.as_posix())
    assert wrong == [], f"test folders with no package of that path: {wrong}"


def test_only_house_wide_tests_stay_at_the_top():
    loose = sorted(p.name for p in TESTS.glob("test_*.py") if p.name not in TOP_LEVEL)
    assert loose == [], f"move these under the package they test: {loose}"


@pytest.mark.parametrize("folder", _test_folders(), ids=lambda p: p.relative_to(TESTS).as_posix())
def test_every_test_folder_is_a_package_of_the_tests(folder):
    # Without __init__.py two test modules of the same name in different folders would clash.
    chain = [folder, *(p for p in folder.parents if p.is_relative_to(TESTS))]
    missing = [p.relative_to(REPO).as_posix() for p in chain if not (p / "__init__.py").exists()]
    assert missing == []
