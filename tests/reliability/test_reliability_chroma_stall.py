"""A Chroma server that stops answering in the middle of a session (here: SIGSTOP) makes a question
fail with a clear error after a bounded time, instead of hanging the bot (and the web chat's one
answering slot) for good; once the server is back, questions are answered again."""

from __future__ import annotations

import importlib
import shutil
import signal
import threading

import httpx
import pytest
from click.testing import CliRunner

import index
from bot.service import Bot
from tests.chroma_process import running_chroma
from tests.conftest import CORPUS
from tests.fakes import HashingEmbeddings
from ui.settings import Settings

STORE = importlib.import_module("index.storage.store")


@pytest.fixture
def server(tmp_path):
    """(url, process) of a fresh ``chroma run`` on 127.0.0.1, stopped after the test."""
    with running_chroma(tmp_path) as running:
        yield running


def _in_thread(fn, limit_s: float):
    """(finished, result or exception) of ``fn()`` run for at most ``limit_s``."""
    outcome: list = []

    def run():
        try:
            outcome.append(fn())
        except BaseException as e:  # noqa: BLE001 - handed back to the test
            outcome.append(e)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(limit_s)
    return bool(outcome), (outcome[0] if outcome else None)


@pytest.mark.server
def test_a_server_that_stalls_mid_session_is_an_error_not_a_hang(server, tmp_path, monkeypatch):
    url, proc = server
    monkeypatch.setattr(STORE, "REQUEST_TIMEOUT_S", 2.0)  # the real bound is 60 s
    articles = tmp_path / "articles"
    shutil.copytree(CORPUS, articles)
    settings = Settings(data_dir=tmp_path / "data", articles_dir=articles, chroma_url=url)
    embeddings = HashingEmbeddings()
    index.build(settings, embeddings)
    bot = Bot(settings, embeddings=embeddings)
    assert bot.answer("Who opened the Riverside Bridge?").answered

    proc.send_signal(signal.SIGSTOP)  # the server process freezes: connections hang
    try:
        finished, error = _in_thread(lambda: bot.answer("Who opened the Riverside Bridge?"), 60)
        assert finished, "the question hung on a stalled Chroma server"
        assert isinstance(error, Exception) and "Timeout" in type(error).__name__ + str(error)

        from ui.cli import cli

        finished, result = _in_thread(
            lambda: CliRunner().invoke(
                cli, ["--data-dir", str(settings.data_dir), "--chroma-url", url, "index", "status"]
            ),
            60,
        )
        assert finished, "`briefing index status` hung on a stalled Chroma server"
        assert result.exit_code == 1 and "Traceback" not in result.output
        assert result.stderr.startswith(f"error: the Chroma server at {url} did not answer")
    finally:
        proc.send_signal(signal.SIGCONT)
    finished, answer = _in_thread(lambda: bot.answer("Who opened the Riverside Bridge?"), 60)
    assert finished and not isinstance(answer, Exception) and answer.answered


def test_a_server_failing_mid_command_is_one_line_in_the_cli(monkeypatch):
    from ui.cli import cli

    @cli.command("stalled")
    def stalled():
        raise httpx.ReadTimeout("timed out")

    try:
        result = CliRunner().invoke(cli, ["stalled"])
    finally:
        cli.commands.pop("stalled")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert (
        result.stderr
        == "error: the Chroma server failed mid-command (ReadTimeout); check it and try again\n"
    )
