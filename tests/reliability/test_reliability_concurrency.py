"""Concurrency: parallel /ask calls while the index is rebuilt (in the server's process, and by
the CLI in another process) are all answered, from the old or the new index; a rebuild that swaps
the index in the middle of an answer doesn't fail it."""

from __future__ import annotations

import os
import shutil
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

import index
from bot.service import Bot
from tests.conftest import CORPUS, REPO
from tests.fakes import HashingEmbeddings
from tests.helpers.ask import ask_http
from tests.helpers.processes import stop
from tests.reliability.test_reliability_crashes import WAIT_S, briefing
from tests.ui.test_ui_app import free_port, running
from ui.app import build_app
from ui.library import IndexLibrary
from ui.settings import Settings

QUESTION = "How long is the Riverside Bridge?"
OLD, NEW = "420 metres", "450 metres"
CLIENTS = 20


@pytest.fixture
def settings(tmp_path) -> Settings:
    folder = tmp_path / "articles"
    shutil.copytree(CORPUS, folder)
    settings = Settings(data_dir=tmp_path / "data", articles_dir=folder)
    index.build(settings, HashingEmbeddings())
    return settings


def change_the_bridge(settings: Settings) -> None:
    """After this, a rebuilt index says 450 where the current one says 420."""
    path = settings.articles_dir / "riverside_bridge.txt"
    path.write_text(path.read_text().replace(OLD, NEW))


class GatedEmbeddings(HashingEmbeddings):
    """Document embedding (i.e. a build) waits for ``gate``: the test decides when it goes on."""

    def __init__(self, gate: threading.Event) -> None:
        super().__init__()
        self.gate = gate

    def embed_documents(self, texts):
        assert self.gate.wait(WAIT_S), "the test never opened the gate"
        return super().embed_documents(texts)


def fire(url: str, n: int) -> list:
    """``n`` parallel clients, one question each; returns results or the exceptions raised."""

    def one(_):
        try:
            with httpx.Client(timeout=WAIT_S) as client:
                return ask_http(client, url, QUESTION)
        except Exception as e:  # collected, so the assertion shows every failure
            return e

    with ThreadPoolExecutor(n) as pool:
        return list(pool.map(one, range(n)))


def assert_all_answered(results: list) -> list[str]:
    failures = [r for r in results if isinstance(r, Exception)]
    assert not failures, f"{len(failures)} of {len(results)} failed: {failures[:3]}"
    versions = []
    for r in results:
        assert r["answered"], r["text"]
        versions.append(OLD if OLD in r["text"] else NEW if NEW in r["text"] else r["text"])
    assert set(versions) <= {OLD, NEW}, versions
    return versions


def test_20_parallel_questions_while_the_app_rebuilds_are_all_answered(settings):
    embeddings = HashingEmbeddings()
    bot = Bot(settings, embeddings=embeddings)
    answered = []

    def answer(question, history):
        a = bot.answer(question, history=history)
        answered.append(a)
        if len(answered) == 5:
            gate.set()  # let the rebuild finish while the other 15 are queued or answering
        return a

    gate = threading.Event()
    library = IndexLibrary(settings, GatedEmbeddings(gate))
    app = build_app(answer, IndexLibrary(settings, embeddings), settings)
    change_the_bridge(settings)
    with running(app, settings) as url:
        rebuild = threading.Thread(target=library.rebuild)
        rebuild.start()
        try:
            results = fire(url, CLIENTS)
        finally:
            gate.set()
            rebuild.join(WAIT_S)
        versions = assert_all_answered(results)
        assert OLD in versions  # the first ones were answered from the old index
        (last,) = fire(url, 1)
        assert NEW in last["text"]  # and the new index serves once the rebuild is done


def test_an_index_swap_in_the_middle_of_an_answer_is_retried_on_the_new_index(settings):
    embeddings = HashingEmbeddings()
    bot = Bot(settings, embeddings=embeddings)
    assert OLD in bot.answer(QUESTION).text
    change_the_bridge(settings)
    real_live = bot.store.require_live
    swapped = []

    def live_then_swap():
        live = real_live()
        if not swapped:  # the rebuild completes (and drops the old collection) right after
            swapped.append(index.rebuild(settings, embeddings))
        return live

    bot.store.require_live = live_then_swap
    answer = bot.answer(QUESTION)
    assert swapped and answer.answered and NEW in answer.text
    streamed = list(bot.stream(QUESTION))
    assert NEW in streamed[-1].text


def test_questions_to_a_served_app_while_the_cli_rebuilds_in_another_process(settings, tmp_path):
    """`briefing serve` and `briefing index rebuild` as two processes on one data dir."""
    env = dict(
        os.environ,
        BRIEFING_DATA_DIR=str(settings.data_dir),
        BRIEFING_ARTICLES_DIR=str(settings.articles_dir),
        PYTHONPATH=str(REPO),
    )
    port = free_port()
    server = briefing(env, "serve", "--port", str(port), wait=False)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + WAIT_S
        while time.monotonic() < deadline and server.poll() is None:
            try:
                if httpx.get(url, timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        assert server.poll() is None, server.communicate()[1][-2000:]
        change_the_bridge(settings)
        log, release = tmp_path / "batches", tmp_path / "release"
        rebuild = briefing(env, "index", "rebuild", "--quiet", slow=log, hold=release, wait=False)
        try:
            with ThreadPoolExecutor(2) as pool:
                during = pool.submit(fire, url, CLIENTS)
                deadline = time.monotonic() + WAIT_S
                while not log.exists() and time.monotonic() < deadline:
                    time.sleep(0.05)
                release.touch()
                out, err = rebuild.communicate(timeout=WAIT_S)
                assert rebuild.returncode == 0, err
                results = during.result(WAIT_S)
        finally:
            rebuild.kill()
            rebuild.wait(WAIT_S)
        assert_all_answered(results)
        (last,) = fire(url, 1)
        assert NEW in last["text"], last["text"]
    finally:
        stop(server, 30)
