"""A real ``chroma run`` on 127.0.0.1 for tests, started and stopped in one place."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from tests.helpers.processes import free_port, stop

CHROMA = Path(sys.executable).parent / "chroma"
STARTUP_LIMIT_S = 60  # measured ~1 s; generous for a loaded CI machine


@contextmanager
def running_chroma(folder: Path) -> Iterator[tuple[str, subprocess.Popen]]:
    """(url, process) of a fresh server storing under ``folder``; stopped (even if paused with
    SIGSTOP) on exit. Skips the test when the ``chroma`` command isn't installed."""
    if not CHROMA.exists():
        pytest.skip("the chroma command is not installed in this environment")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = folder / "chroma.log"
    folder.mkdir(parents=True, exist_ok=True)
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [
                str(CHROMA),
                "run",
                "--path",
                str(folder / "server-data"),
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
        )
    try:
        deadline = time.monotonic() + STARTUP_LIMIT_S
        while True:
            try:
                if httpx.get(f"{url}/api/v2/heartbeat", timeout=1.0).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"chroma run did not come up: {log_path.read_text()[-2000:]}")
            time.sleep(0.2)
        yield url, proc
    finally:
        proc.send_signal(signal.SIGCONT)  # a test may have paused it
        stop(proc, 10)
