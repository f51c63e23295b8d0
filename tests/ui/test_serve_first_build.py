"""A new user's first run: `briefing serve` over their own folder, with a fresh data directory.

The index is built beside the page while gradio starts; a build long enough to still be running
when gradio has loaded used to crash the process (gradio patches ``tqdm`` in-process, and the
index's bar, made before the patch, broke on its next update). The real command, in a process,
over a few hundred passages: the page comes up, the build finishes, and `/ask` answers."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import CORPUS, REPO
from tests.helpers.processes import free_port, http_ok, stop

WAIT_S = 600  # a generous bound for a loaded 2-core machine, not a timing assertion
TOWNS = ("Ashford", "Brampton", "Calloway", "Dunmore", "Elmstead", "Fairhaven", "Glenrock")


def _user_folder(folder: Path, copies: int) -> int:
    """The tests' articles, each copied ``copies`` times under another town's name (so every copy
    is its own article, with its own id), plus long filler paragraphs; returns the paragraphs."""
    folder.mkdir()
    paragraphs = 0
    for n in range(copies):
        town = f"{TOWNS[n % len(TOWNS)]} {n}"
        for source in sorted(CORPUS.iterdir()):
            text = source.read_text(encoding="utf-8").replace("Cedar Falls", town)
            extra = "\n\n".join(
                f"Council notes {town} item {k}: the {town} works committee reviewed budget line "
                f"{k * 7 + n} and asked for a report on road repairs near the {town} depot."
                for k in range(6)
            )
            target = folder / f"{source.stem}_{n}{source.suffix}"
            if source.suffix == ".html":
                text = text.replace("</body>", f"<p>{extra}</p></body>")
            else:
                text = f"{text.rstrip()}\n\n{extra}\n"
            target.write_text(text, encoding="utf-8")
            paragraphs += text.count("\n\n") + 1
    return paragraphs


@pytest.mark.model
def test_first_serve_over_a_users_folder_builds_the_index_and_answers(tmp_path):
    articles = tmp_path / "articles"
    assert _user_folder(articles, copies=14) >= 300
    port = free_port()
    env = dict(
        os.environ,
        BRIEFING_DATA_DIR=str(tmp_path / "data"),  # fresh: the first run builds the index
        BRIEFING_ARTICLES_DIR=str(articles),
        PYTHONPATH=str(REPO),
    )
    env.pop("BRIEFING_AUTH", None)
    proc = subprocess.Popen(
        [sys.executable, "-c", "from ui.cli import main; main()", "serve", "--port", str(port)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: list[str] = []
    ready = threading.Event()

    def watch() -> None:
        for line in proc.stdout:
            lines.append(line)
            if line.startswith("answering questions"):
                ready.set()
        ready.set()

    threading.Thread(target=watch, daemon=True).start()
    try:
        start = time.monotonic()
        while not ready.is_set() and time.monotonic() - start < WAIT_S:
            time.sleep(0.2)
        output = "".join(lines)
        assert proc.poll() is None, f"briefing serve exited:\n{output[-3000:]}"
        assert ready.is_set(), f"the bot never became ready:\n{output[-3000:]}"
        assert "index built:" in output and "Traceback" not in output, output[-3000:]
        assert http_ok(f"http://127.0.0.1:{port}/")

        from gradio_client import Client

        client = Client(f"http://127.0.0.1:{port}/", analytics_enabled=False, verbose=False)
        result = client.predict("How long is the Riverside Bridge?", api_name="/ask")
        assert result["answered"], result
        assert "420 metres" in result["text"]
        assert result["citations"] and result["citations"][0]["title"]
    finally:
        stop(proc, 30)
        shutil.rmtree(tmp_path / "data", ignore_errors=True)
