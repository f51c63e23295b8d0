"""The index against a real Chroma server (``chroma run``) on 127.0.0.1, and a dead or mute one."""

from __future__ import annotations

import shutil
import socket
import threading

import pytest

import index
from index.storage.store import Store, StoreError, open_client
from tests.chroma_process import free_port, running_chroma
from tests.conftest import CORPUS
from tests.fakes import HashingEmbeddings
from ui.settings import Settings

pytestmark = pytest.mark.server


@pytest.fixture
def chroma_server(tmp_path):
    """``http://127.0.0.1:<port>`` of a fresh ``chroma run``, stopped after the test."""
    with running_chroma(tmp_path) as (url, _proc):
        yield url


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
    hits = store.vectorstore(HashingEmbeddings()).similarity_search(
        "Who opened the Riverside Bridge?", k=2
    )
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
    url = f"http://127.0.0.1:{free_port()}"
    error = _open_in_thread(url, limit_s=30)
    assert isinstance(error, StoreError) and f"cannot reach the Chroma server at {url}" in str(
        error
    )


def test_a_server_that_never_answers_is_a_store_error_not_a_hang():
    with socket.socket() as mute:  # accepts connections (backlog) but never replies
        mute.bind(("127.0.0.1", 0))
        mute.listen(8)
        url = f"http://127.0.0.1:{mute.getsockname()[1]}"
        error = _open_in_thread(url, limit_s=30)
    assert isinstance(error, StoreError), "open_client hung on a server that never answers"
    assert "did not answer within" in str(error)
