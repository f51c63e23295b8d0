"""The index against a real Chroma server (``chroma run``) on 127.0.0.1, and a dead or mute one."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

import index
from index.settings import Settings
from index.store import Store, StoreError, open_client
from tests.conftest import CORPUS
from tests.fakes import HashingEmbeddings

pytestmark = pytest.mark.server

CHROMA = Path(sys.executable).parent / "chroma"
STARTUP_LIMIT_S = 60  # measured ~1 s; generous for a loaded CI machine


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def chroma_server(tmp_path):
    """``http://127.0.0.1:<port>`` of a fresh ``chroma run``, stopped after the test."""
    if not CHROMA.exists():
        pytest.skip("the chroma command is not installed in this environment")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = tmp_path / "chroma.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [str(CHROMA), "run", "--path", str(tmp_path / "server-data"),
             "--host", "127.0.0.1", "--port", str(port)],
            stdout=log, stderr=subprocess.STDOUT,
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
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_build_and_query_against_a_chroma_server(chroma_server, tmp_path, monkeypatch):
    articles = tmp_path / "articles"
    shutil.copytree(CORPUS, articles)
    monkeypatch.setenv("BRIEFING_CHROMA_URL", chroma_server)
    monkeypatch.setenv("BRIEFING_ARTICLES_DIR", str(articles))
    settings = Settings.from_env()
    assert settings.chroma_url == chroma_server
    summary = index.build(settings, HashingEmbeddings())
    assert (summary.added, summary.total_passages) == (3, 15)
    assert not settings.chroma_dir.exists()  # nothing went to the embedded store
    store = Store(settings)
    assert store.location == chroma_server
    hits = store.vectorstore(HashingEmbeddings()).similarity_search("Who opened the Riverside Bridge?", k=2)
    assert any("Mayor Lena Ortiz opened the Riverside Bridge" in h.page_content for h in hits)
    assert hits[0].metadata["source"] == "riverside_bridge.txt"
    again = index.build(settings, HashingEmbeddings())
    assert (again.unchanged, again.passages) == (3, 0)
    assert index.rebuild(settings, HashingEmbeddings()).total_passages == 15


def _open_in_thread(url: str, limit_s: float) -> BaseException | None:
    """Run ``open_client``; ``None`` if it was still running after ``limit_s`` (a hang)."""
    outcome: list[BaseException] = []

    def target():
        try:
            open_client(Settings(chroma_url=url))
        except BaseException as e:  # noqa: BLE001 - handed back to the test
            outcome.append(e)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(limit_s)
    return outcome[0] if outcome else None


def test_nobody_listening_is_a_clear_store_error():
    url = f"http://127.0.0.1:{_free_port()}"
    error = _open_in_thread(url, limit_s=30)
    assert isinstance(error, StoreError) and f"cannot reach the Chroma server at {url}" in str(error)


def test_a_server_that_never_answers_is_a_store_error_not_a_hang():
    with socket.socket() as mute:  # accepts connections (backlog) but never replies
        mute.bind(("127.0.0.1", 0))
        mute.listen(8)
        url = f"http://127.0.0.1:{mute.getsockname()[1]}"
        error = _open_in_thread(url, limit_s=30)
    assert isinstance(error, StoreError), "open_client hung on a server that never answers"
    assert "did not answer within" in str(error)
