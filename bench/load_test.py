"""Bounded load test of the web chat's HTTP API (``/ask``) on the loopback interface.

Usage:
    .venv/bin/python -m bench.load_test [--count 500] [--clients 8] [--max-seconds 900]
    .venv/bin/python -m bench.load_test --url http://127.0.0.1:7860/ [--auth user:pw]

Without ``--url`` it builds the seed articles' index in a temporary data dir, starts
``briefing serve`` on a free 127.0.0.1 port, sends the questions, and stops the server. It prints
throughput, latency percentiles and errors (the goal is zero errors). Bounded twice: at most
``--count`` questions and ``--max-seconds`` seconds; only loopback URLs are accepted.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

import httpx

from bench.processes import free_port, stop
from tests.helpers.ask import ask_http, login

REPO = Path(__file__).resolve().parents[1]
BRIEFING = REPO / ".venv" / "bin" / "briefing"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
# Questions the seed answers, ones it must refuse, and other languages: the mix a chat sees.
QUESTIONS = (
    "Who leads HTS?",
    "Where will the foreign ministers meet?",
    "Which city did the rebels capture?",
    "Who is Turkey's foreign minister?",
    "Who supports the Assad regime?",
    "What is the best pizza in Rome?",
    "Who wrote the article?",
    "Où se réuniront les ministres ?",
    "谁是HTS的领导人？",
)
# One request may wait behind the whole queue (one answer at a time), so the per-request limit is
# generous; it only stops a dead server from hanging a worker.
REQUEST_TIMEOUT_S = 120.0


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (``q`` in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(q / 100 * len(ordered))))
    return ordered[rank - 1]


def run_load(
    url: str,
    count: int = 500,
    clients: int = 8,
    max_seconds: float = 900.0,
    questions=QUESTIONS,
    auth: str = "",
    vary: bool = False,
) -> dict:
    """Send ``count`` questions from ``clients`` parallel HTTP clients; returns the figures.
    ``vary`` makes every question text distinct, so no cache (e.g. query vectors) helps."""
    host = urlparse(url).hostname or ""
    if host not in LOOPBACK:
        raise ValueError(f"load tests only run against the loopback interface, not {host!r}")
    base = url if url.endswith("/") else url + "/"
    numbers = itertools.count()
    lock = threading.Lock()
    latencies: list[float] = []
    errors: list[str] = []
    answered = [0]
    deadline = time.monotonic() + max_seconds

    def worker() -> None:
        with httpx.Client(timeout=REQUEST_TIMEOUT_S) as client:
            if auth:
                login(client, base, auth)
            while time.monotonic() < deadline:
                with lock:
                    n = next(numbers)
                if n >= count:
                    return
                start = time.perf_counter()
                try:
                    question = questions[n % len(questions)]
                    result = ask_http(
                        client, base, f"{question} (request {n})" if vary else question
                    )
                    ok = isinstance(result, dict) and "answered" in result
                    error = None if ok else f"unexpected result {str(result)[:80]!r}"
                except Exception as e:  # every failure is counted, none stops the run
                    error = f"{type(e).__name__}: {e}"[:200]
                with lock:
                    latencies.append(time.perf_counter() - start)
                    if error:
                        errors.append(error)
                    else:
                        answered[0] += result["answered"]

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, daemon=True) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(max(0.0, deadline - time.monotonic()) + REQUEST_TIMEOUT_S)
    seconds = time.perf_counter() - started
    done = len(latencies)
    return {
        "requests": done,
        "clients": clients,
        "errors": len(errors),
        "error_samples": sorted(set(errors))[:5],
        "answered": answered[0],
        "seconds": round(seconds, 2),
        "throughput_per_s": round(done / seconds, 2) if seconds else 0.0,
        "p50_s": round(percentile(latencies, 50), 3) if done else None,
        "p95_s": round(percentile(latencies, 95), 3) if done else None,
        "max_s": round(max(latencies), 3) if done else None,
        "stopped_by_time_limit": done < count,
        "distinct_questions": count if vary else len(questions),
    }


def serve_seed(data_dir: Path, wait_s: float = 300.0) -> tuple[subprocess.Popen, str]:
    """Start ``briefing serve`` on the seed articles; returns (process, url) once it answers."""
    port = free_port()
    env = dict(
        os.environ,
        BRIEFING_DATA_DIR=str(data_dir),
        BRIEFING_HOST="127.0.0.1",
        BRIEFING_PORT=str(port),
    )
    env.pop("BRIEFING_AUTH", None)
    log = data_dir.parent / "serve.log"
    with open(log, "w") as out:  # a file, not a pipe nobody reads (a full pipe blocks the server)
        proc = subprocess.Popen(
            [str(BRIEFING), "serve"], env=env, stdout=out, stderr=subprocess.STDOUT, text=True
        )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"briefing serve exited: {log.read_text()[-500:]}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.5)
    else:
        proc.terminate()
        raise RuntimeError(f"briefing serve was not ready within {wait_s:.0f} s")
    # The page is up before the bot has loaded; one untimed question waits for the bot.
    with httpx.Client(timeout=wait_s) as client:
        ask_http(client, url, QUESTIONS[0])
    return proc, url


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", help="a running web chat (loopback only); default: start one")
    parser.add_argument("--auth", default="", help="user:password if the chat requires a login")
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--max-seconds", type=float, default=900.0)
    parser.add_argument("--vary", action="store_true", help="make every question text distinct")
    args = parser.parse_args(argv)
    proc = None
    with tempfile.TemporaryDirectory() as tmp:
        url = args.url
        if not url:
            proc, url = serve_seed(Path(tmp) / "data")
        try:
            load_before = os.getloadavg()[0]
            figures = run_load(
                url, args.count, args.clients, args.max_seconds, auth=args.auth, vary=args.vary
            )
            figures["load_average_1min_before"] = round(load_before, 2)
        finally:
            if proc is not None:
                stop(proc, 30)
    print(json.dumps(figures, ensure_ascii=False, indent=2))
    return 0 if figures["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
