"""A short description of the machine a benchmark ran on (CPU, cores, RAM, versions, date)."""

from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

_REPO = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Machine:
    cpu: str
    cores: int  # logical CPUs this process may use
    ram_gb: float
    python: str
    torch: str
    packages: str  # the other versions that shape the figures
    date: str

    def line(self) -> str:
        return (
            f"{self.cpu}, {self.cores} cores, {self.ram_gb:.0f} GB RAM; Python {self.python}, "
            f"torch {self.torch}; {self.packages}; {self.date}"
        )


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.lower().startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown CPU"


def _ram_gb() -> float:
    try:
        with open("/proc/meminfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    return int(line.split()[1]) / 1024 / 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0.0


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def describe() -> Machine:
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 0
    others = ", ".join(
        f"{n} {_version(n)}" for n in ("sentence-transformers", "chromadb", "langchain-core")
    )
    return Machine(
        cpu=_cpu_model(),
        cores=cores,
        ram_gb=_ram_gb(),
        python=platform.python_version(),
        torch=_version("torch"),
        packages=others,
        date=dt.date.today().isoformat(),
    )


def _git(*args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=_REPO, capture_output=True, text=True, timeout=10, check=True
    ).stdout.strip()


def git_version() -> str:
    """``commit abc1234`` (plus a note when the code differs from it), or "" outside a checkout."""
    try:
        commit = _git("rev-parse", "--short", "HEAD")
        dirty = _git("status", "--porcelain", "--", "bot", "index", "bench")
    except (OSError, subprocess.SubprocessError):
        return ""
    return f"commit {commit}" + (" with uncommitted changes to the code" if dirty else "")
