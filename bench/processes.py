"""Measurements that need other processes: a Chroma server, `briefing ask` cold starts, `briefing
serve` ready time and memory, the web-chat timing script, and the per-system probes."""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from tests.helpers.processes import free_port, http_ok, stop

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
COLD_QUESTION = "Where will the foreign ministers meet?"


def briefing_env(data_dir: Path, articles: Path, chroma_url: str = "") -> dict:
    env = {
        **os.environ,
        "BRIEFING_DATA_DIR": str(data_dir),
        "BRIEFING_ARTICLES_DIR": str(articles),
        "BRIEFING_CHROMA_URL": chroma_url,
    }
    env.pop("BRIEFING_AUTH", None)
    return env


@contextmanager
def chroma_server(path: Path):
    """`chroma run` on 127.0.0.1 serving ``path``; yields its URL."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = open(path.parent / "chroma-server.log", "w")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [
            str(BIN / "chroma"),
            "run",
            "--path",
            str(path),
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
        deadline = time.monotonic() + 120
        while not http_ok(f"{url}/api/v2/heartbeat"):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"chroma run did not start (see {log.name})")
            time.sleep(0.1)
        yield url
    finally:
        stop(proc, 30)
        log.close()


def probe(args: list[str], timeout: float = 3600) -> dict:
    """Run ``python -m bench.probe ARGS`` and return its JSON (with ``wall_s``)."""
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "bench.probe", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"bench.probe failed: {proc.stderr[-2000:]}")
    out = json.loads(proc.stdout)
    out["wall_s"] = round(time.perf_counter() - start, 2)
    return out


def cold_ask(env: dict, runs: int) -> list[float]:
    """Seconds for `briefing ask` in a fresh process on a built index, ``runs`` times."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [str(BIN / "briefing"), "ask", COLD_QUESTION],
            env=env,
            check=True,
            capture_output=True,
            timeout=600,
        )
        times.append(round(time.perf_counter() - start, 2))
    return times


def _vm_hwm_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return None


def serve_ready(env: dict, timeout: float = 900) -> dict:
    """Start `briefing serve` and time (1) its page answering HTTP and (2) its bot being ready (it
    prints "answering questions" once the index and model are loaded and a warm-up question is
    answered); the peak RSS is read then. The server is stopped afterwards."""
    import threading

    port = free_port()
    start = time.perf_counter()
    proc = subprocess.Popen(
        [str(BIN / "briefing"), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    ready = threading.Event()

    def watch() -> None:
        for line in proc.stdout:
            if line.startswith("answering questions"):
                ready.set()
        ready.set()  # exited: the checks below notice

    threading.Thread(target=watch, daemon=True).start()
    try:
        http_s = None
        while not ready.is_set() or http_s is None:
            if proc.poll() is not None or time.perf_counter() - start > timeout:
                raise RuntimeError("briefing serve did not come up")
            if http_s is None and http_ok(f"http://127.0.0.1:{port}/"):
                http_s = time.perf_counter() - start
            time.sleep(0.1)
        bot_s = time.perf_counter() - start
        return {
            "http_s": round(http_s, 2),
            "ready_s": round(max(bot_s, http_s), 2),
            "peak_rss_mb": round(_vm_hwm_mb(proc.pid) or 0),
        }
    finally:
        stop(proc, 30)


def ui_timing(runs: int) -> dict:
    """The web-chat timing script (`bench/ui_timing.py`): page usable after `briefing serve`."""
    if not Path("/usr/bin/chromium").exists() or shutil.which("chromium") is None:
        return {"error": "no chromium on this machine"}
    proc = subprocess.run(
        [sys.executable, "-m", "bench.ui_timing", "--runs", str(runs)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    if proc.returncode != 0:
        return {"error": (proc.stderr.strip().splitlines() or ["failed"])[-1][:200]}
    return json.loads(proc.stdout[proc.stdout.index("{") :])


def median(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0
