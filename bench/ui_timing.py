"""Web chat timings: `briefing serve` → page usable, and warm questions answered in the browser.

Usage:
    .venv/bin/python -m bench.ui_timing [--runs 3] [--screenshot docs/screenshot-chat.png]

Builds the index of the seed articles once in a temporary data dir, then for each run starts
`briefing serve` on that built index and measures (1) seconds until the page answers HTTP 200,
(2) until the chat box is usable in headless Chromium, then (3) seconds from pressing Enter to the
answer and its sources being shown, for warm questions.
Targets: chat usable ≤ 10 s, warm answer ≤ 1 s.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.processes import free_port
from tests.helpers.browser import CHROMIUM_ARGS

REPO = Path(__file__).resolve().parents[1]
BRIEFING = REPO / ".venv" / "bin" / "briefing"
QUESTIONS = [
    "Who leads HTS?",
    "Where will the foreign ministers meet?",
    "Which city did the rebels capture?",
    "Who is Turkey's foreign minister?",
    "Who supports the Assad regime?",
    "What is the best pizza in Rome?",
]


def http_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


def ask(page, question: str, n_before: int) -> float:
    box = page.locator("#question textarea")
    box.fill(question)
    start = time.perf_counter()
    box.press("Enter")
    page.locator("#chat [data-testid='bot']").nth(n_before).wait_for(timeout=60_000)
    return time.perf_counter() - start


def run_once(browser, env: dict, screenshot: Path | None) -> dict:
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    start = time.perf_counter()
    proc = subprocess.Popen(
        [str(BRIEFING), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        while not http_ok(url):
            if proc.poll() is not None:
                raise SystemExit(f"briefing serve exited:\n{proc.stdout.read()}")
            time.sleep(0.05)
        http_s = time.perf_counter() - start
        page = browser.new_page(viewport={"width": 1280, "height": 820})
        page.goto(url)
        page.locator("#question textarea").wait_for(timeout=60_000)
        usable_s = time.perf_counter() - start
        first = ask(page, QUESTIONS[0], 0)  # the page's first round trip (queue connection)
        warm = [ask(page, q, i + 1) for i, q in enumerate(QUESTIONS[1:])]
        if screenshot:
            page.locator("#clear").click()
            page.locator("#chat [data-testid='bot']").first.wait_for(state="detached")
            ask(page, "Where will the foreign ministers meet?", 0)
            ask(page, "Who is Turkey's foreign minister?", 1)  # two sources, two highlights
            page.screenshot(path=str(screenshot))
        page.close()
        return {
            "http_200_s": round(http_s, 2),
            "chat_usable_s": round(usable_s, 2),
            "first_answer_s": round(first, 3),
            "warm_answers_s": [round(w, 3) for w in warm],
        }
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--screenshot", type=Path, help="save a chat screenshot here (last run)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="ui-timing-"))
    try:
        articles = tmp / "articles"
        articles.mkdir()
        for f in (REPO / "seeds").glob("*.txt"):
            shutil.copy(f, articles / f.name)
        env = {
            **os.environ,
            "BRIEFING_DATA_DIR": str(tmp / "data"),
            "BRIEFING_ARTICLES_DIR": str(articles),
        }
        env.pop("BRIEFING_AUTH", None)
        subprocess.run([str(BRIEFING), "index", "build", "--quiet"], env=env, check=True)
        runs = []
        load_before = os.getloadavg()[0]  # start-up is CPU-bound: figures scale with other load
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for i in range(args.runs):
                shot = args.screenshot if i == args.runs - 1 else None
                runs.append(run_once(browser, env, shot))
                print(json.dumps(runs[-1]), file=sys.stderr)
            browser.close()
        warm = [w for r in runs for w in r["warm_answers_s"]]
        summary = {
            "runs": len(runs),
            "cpus": os.cpu_count(),
            "load_average_1min": [round(load_before, 1), round(os.getloadavg()[0], 1)],
            "chat_usable_s_median": statistics.median(r["chat_usable_s"] for r in runs),
            "chat_usable_s_max": max(r["chat_usable_s"] for r in runs),
            "http_200_s_median": statistics.median(r["http_200_s"] for r in runs),
            "warm_answer_s_median": round(statistics.median(warm), 3),
            "warm_answer_s_max": round(max(warm), 3),
            "targets": {"chat_usable_s": 10, "warm_answer_s": 1},
        }
        print(json.dumps(summary, indent=2))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
