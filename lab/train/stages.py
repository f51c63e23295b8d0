"""Training in stages that survive a stop: each stage's result is kept in a checkpoint folder
outside the repository (``~/.cache/briefing-bot/train`` by default), and ``--resume`` reuses what
an earlier run with the same settings already made. On 2 shared CPU cores reading and labelling
every RealTime QA week alone takes ~10-30 minutes, fine-tuning the encoder ~40."""

from __future__ import annotations

import hashlib
import json
import logging
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
CHECKPOINTS = Path.home() / ".cache" / "briefing-bot" / "train"
log = logging.getLogger(__name__)


def key(**settings) -> str:
    """A short name for these settings (the data files' sha256 among them, where they matter)."""
    text = json.dumps(settings, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def cached(path: Path | None, make: Callable[[], T], resume: bool) -> T:
    """``make()``, kept in ``path`` (a pickle written atomically); with ``resume`` an existing
    file is loaded instead. ``path`` None: no checkpoint."""
    if path is not None and resume and path.exists():
        log.info("stage reused: %s", path)
        with path.open("rb") as f:
            return pickle.load(f)
    value = make()
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        with partial.open("wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(path)
        log.info("stage saved: %s", path)
    return value
