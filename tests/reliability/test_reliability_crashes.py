"""Crashes, through the real CLI in subprocesses: a rebuild killed with SIGKILL midway, two rebuilds
at once, a damaged data directory. The next start serves the last complete index; every error is
one line naming the recovery command; `briefing index rebuild` recovers."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import CORPUS, REPO

# The real CLI (ui.cli.main) with the test fake in place of the model, so the embedding can be
# slowed down and a kill lands mid-write. With RELIABILITY_SLOW set, every batch of 4 passages
# is written after a pause and logged to that file; with RELIABILITY_HOLD set, each batch also
# waits until that file exists.
LAUNCHER = """
import importlib, os, sys, time
import index.storage.embeddings
from tests.fakes import HashingEmbeddings

class Slow(HashingEmbeddings):
    def embed_documents(self, texts):
        log = os.environ.get("RELIABILITY_SLOW")
        if log:
            time.sleep(0.4)
            with open(log, "a") as f:
                f.write(f"{len(texts)}\\n")
            hold, waited = os.environ.get("RELIABILITY_HOLD"), 0.0
            while hold and not os.path.exists(hold) and waited < 120:
                time.sleep(0.05)
                waited += 0.05
        return super().embed_documents(texts)

index.storage.embeddings.load_embeddings = lambda *args, **kwargs: Slow()
importlib.import_module("index.storage.writer").BATCH = 4
from ui.cli import main
sys.argv = ["briefing", *sys.argv[1:]]
main()
"""
WAIT_S = 120  # generous bound for a loaded machine; not a timing assertion


@pytest.fixture
def env(tmp_path) -> dict:
    articles = tmp_path / "articles"
    shutil.copytree(CORPUS, articles)
    env = dict(
        os.environ,
        BRIEFING_DATA_DIR=str(tmp_path / "data"),
        BRIEFING_ARTICLES_DIR=str(articles),
        PYTHONPATH=str(REPO),
    )
    env.pop("RELIABILITY_SLOW", None)
    env.pop("RELIABILITY_HOLD", None)
    return env


def briefing(
    env: dict, *args: str, slow: Path | None = None, hold: Path | None = None, wait: bool = True
):
    cmd = [sys.executable, "-c", LAUNCHER, *args]
    run_env = dict(env, RELIABILITY_SLOW=str(slow)) if slow else env
    if hold:
        run_env["RELIABILITY_HOLD"] = str(hold)
    if not wait:
        return subprocess.Popen(
            cmd, env=run_env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
    return subprocess.run(
        cmd, env=run_env, cwd=REPO, capture_output=True, text=True, timeout=WAIT_S
    )


def status(env: dict) -> dict:
    result = briefing(env, "index", "status", "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def wait_for_batches(log: Path, n: int, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline and proc.poll() is None:
        if log.exists() and len(log.read_text().split()) >= n:
            return
        time.sleep(0.05)
    pytest.fail(f"the rebuild never reached batch {n} (exit code {proc.poll()})")


def collections(data_dir: Path) -> dict[str, int]:
    """Collection → row count, read in this process (then forgotten, so later opens are fresh)."""
    import chromadb
    from chromadb.api.shared_system_client import SharedSystemClient
    from chromadb.config import Settings as ChromaSettings

    path = str(data_dir / "chroma")
    client = chromadb.PersistentClient(
        path=path, settings=ChromaSettings(anonymized_telemetry=False)
    )
    try:
        return {c.name: c.count() for c in client.list_collections()}
    finally:
        SharedSystemClient._identifier_to_system.pop(path, None)


def one_line_error(result, *needles: str) -> str:
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    for needle in needles:
        assert needle in lines[0]
    return lines[0]


def test_rebuild_killed_midway_leaves_the_last_index_serving(env, tmp_path):
    assert briefing(env, "index", "build", "--quiet").returncode == 0
    before = status(env)
    log = tmp_path / "batches"
    proc = briefing(env, "index", "rebuild", slow=log, wait=False)
    try:
        wait_for_batches(log, 2, proc)  # 8 of 15 passages written into the new collection
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait(WAIT_S)
    assert proc.returncode == -signal.SIGKILL
    rows = collections(Path(env["BRIEFING_DATA_DIR"]))
    partial = {
        name: n
        for name, n in rows.items()
        if name not in (before["collection"], "briefing-registry")
    }
    assert len(partial) == 1 and 0 < next(iter(partial.values())) < 15  # the kill landed mid-write

    assert status(env) == before  # the next start sees the last complete index
    answer = briefing(env, "ask", "--json", "Who opened the Riverside Bridge?")
    assert answer.returncode == 0, answer.stderr
    assert "Lena Ortiz" in json.loads(answer.stdout)["text"]

    again = briefing(env, "index", "rebuild", "--quiet")  # the lock died with the process
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith("added 0, updated 0, removed 0, unchanged 3; embedded 15")
    after = status(env)
    assert after["articles"] == before["articles"] and after["collection"] != before["collection"]
    assert set(collections(Path(env["BRIEFING_DATA_DIR"]))) == {
        after["collection"],
        "briefing-registry",
    }


def test_a_second_rebuild_while_one_runs_is_refused_with_a_message(env, tmp_path):
    assert briefing(env, "index", "build", "--quiet").returncode == 0
    log = tmp_path / "batches"
    release = tmp_path / "release"
    first = briefing(env, "index", "rebuild", "--quiet", slow=log, hold=release, wait=False)
    try:
        wait_for_batches(log, 1, first)  # the first one is writing, and waits for `release`
        for args in (("index", "rebuild"), ("index", "build"), ("index", "remove", "x" * 16)):
            one_line_error(briefing(env, *args), "another index build is running")
        release.touch()
        out, err = first.communicate(timeout=WAIT_S)
    finally:
        first.kill()
        first.wait(WAIT_S)
    assert first.returncode == 0 and out.startswith("added 0,"), err
    assert len(status(env)["articles"]) == 3


def _damage(data_dir: Path, how: str) -> None:
    chroma = data_dir / "chroma"
    if how == "database garbage":
        (chroma / "chroma.sqlite3").write_bytes(os.urandom(8192))
    elif how == "database truncated":
        db = chroma / "chroma.sqlite3"
        db.write_bytes(db.read_bytes()[: db.stat().st_size // 2])
    elif how == "vector segment truncated":
        for f in chroma.glob("*-*-*/*"):
            f.write_bytes(f.read_bytes()[:10])
    elif how == "live collection gone":  # e.g. a partial restore: the pointer names nothing
        import chromadb
        from chromadb.api.shared_system_client import SharedSystemClient

        client = chromadb.PersistentClient(path=str(chroma))
        registry = client.get_collection("briefing-registry")
        registry.modify(metadata=dict(registry.metadata, live="briefing-gone"))
        SharedSystemClient._identifier_to_system.pop(str(chroma), None)


BIG = 1_200  # passages: above chromadb's in-memory batch, so vector segments are on disk


def _big_corpus(folder: Path, articles: int = 40) -> None:
    for a in range(articles):
        paragraphs = [f"Council report {a} on the harbour budget"]
        paragraphs += [
            f"In item {a}-{p} the council of district {a} approved spending number {p} "
            f"on the harbour, the ferry and the bridge, the mayor said on day {p}. "
            f"Members voted {p} to {a} after a long debate about item {a}-{p}."
            for p in range(30)
        ]
        (folder / f"report_{a:02d}.txt").write_text("\n\n".join(paragraphs))


@pytest.mark.parametrize(
    "how",
    ["database garbage", "database truncated", "vector segment truncated", "live collection gone"],
)
def test_damaged_data_dir_is_a_clear_error_and_rebuild_recovers(env, how):
    articles = Path(env["BRIEFING_ARTICLES_DIR"])
    _big_corpus(articles)
    built = briefing(env, "index", "build", "--quiet")
    assert built.returncode == 0 and f"({BIG + 3 * 5 + 40} in index)" in built.stdout, built.stdout
    data = Path(env["BRIEFING_DATA_DIR"])
    _damage(data, how)
    commands = [("index", "status"), ("ask", "Who opened the Riverside Bridge?")]
    if how == "vector segment truncated":  # serve too: the page is up, then the bot fails
        from tests.ui.test_ui_app import free_port

        commands.append(("serve", "--port", str(free_port())))
    for args in commands:
        one_line_error(briefing(env, *args), "briefing index rebuild")
    fixed = briefing(env, "index", "rebuild", "--quiet")
    assert fixed.returncode == 0 and "Traceback" not in fixed.stderr, fixed.stderr
    assert len(status(env)["articles"]) == 43
    answer = briefing(env, "ask", "--json", "Who opened the Riverside Bridge?")
    assert answer.returncode == 0 and "Lena Ortiz" in json.loads(answer.stdout)["text"]
    if how.startswith("database"):  # the unreadable store was moved aside, not deleted
        assert len(list(data.glob("chroma-damaged-*/chroma.sqlite3"))) == 1


def test_missing_data_dir_parts_start_fresh(env):
    assert briefing(env, "index", "build", "--quiet").returncode == 0
    data = Path(env["BRIEFING_DATA_DIR"])
    shutil.rmtree(data / "chroma")  # e.g. a partial copy or restore of the data dir
    assert status(env)["articles"] == []
    answer = briefing(env, "ask", "--json", "Who opened the Riverside Bridge?")  # builds first
    assert answer.returncode == 0 and "Lena Ortiz" in json.loads(answer.stdout)["text"]
    for snapshot in data.glob("snapshots/*/*"):
        snapshot.write_bytes(b"\x00garbage")  # a damaged snapshot only costs a re-read
    answer = briefing(env, "ask", "--json", "Who opened the Riverside Bridge?")
    assert answer.returncode == 0 and "Lena Ortiz" in json.loads(answer.stdout)["text"]


def test_a_data_dir_that_is_a_file_is_one_line(env, tmp_path):
    blocker = tmp_path / "not_a_dir"
    blocker.write_text("")
    one_line_error(briefing(dict(env, BRIEFING_DATA_DIR=str(blocker)), "index", "build"))


@pytest.mark.parametrize("server", ["nobody listening", "never answers"])
def test_an_unreachable_chroma_server_is_a_prompt_clear_error_for_every_command(env, server):
    import socket

    from index.storage.store import SERVER_TIMEOUT_S
    from tests.ui.test_ui_app import free_port

    assert SERVER_TIMEOUT_S <= 5  # the bound on each check; the message below states it
    with socket.socket() as mute:
        mute.bind(("127.0.0.1", 0))
        if server == "never answers":
            mute.listen(8)  # accepts connections (backlog), never replies
        env = dict(env, BRIEFING_CHROMA_URL=f"http://127.0.0.1:{mute.getsockname()[1]}")
        for args in (
            ("index", "build"),
            ("ask", "Who opened the bridge?"),
            ("serve", "--port", str(free_port())),
        ):
            line = one_line_error(briefing(env, *args), env["BRIEFING_CHROMA_URL"])
            if server == "never answers":
                assert f"did not answer within {SERVER_TIMEOUT_S:.0f} s" in line
            else:
                assert "cannot reach the Chroma server" in line
            assert "chroma run --host 127.0.0.1" in line  # says how to fix it


@pytest.mark.model
def test_real_cli_rebuild_killed_mid_embedding_with_the_real_model(env, tmp_path):
    """The same as the first test with `.venv/bin/briefing` and the packaged model: the kill lands
    once the progress bar shows some, not all, passages embedded."""
    import re

    from tests.conftest import SEED_FILE

    cli = REPO / ".venv" / "bin" / "briefing"
    articles = Path(env["BRIEFING_ARTICLES_DIR"])
    shutil.copy(SEED_FILE, articles / SEED_FILE.name)
    _big_corpus(articles, 8)  # ~300 passages: a few seconds of embedding, five progress steps
    real = subprocess.run(
        [str(cli), "index", "build", "--quiet"],
        env=env,
        capture_output=True,
        text=True,
        timeout=10 * WAIT_S,
    )
    assert real.returncode == 0, real.stderr
    before = status(env)
    progress = tmp_path / "progress"
    with open(progress, "w") as err:
        proc = subprocess.Popen(
            [str(cli), "index", "rebuild"], env=env, stdout=subprocess.DEVNULL, stderr=err
        )
    try:
        deadline = time.monotonic() + 5 * WAIT_S
        while time.monotonic() < deadline and proc.poll() is None:
            done = [int(n) for n in re.findall(r"embedding: (\d+)/\d+", progress.read_text())]
            if done and max(done) > 0:
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the rebuild finished before it could be killed"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait(WAIT_S)
    counts = collections(Path(env["BRIEFING_DATA_DIR"]))
    partial = [
        n for name, n in counts.items() if name not in (before["collection"], "briefing-registry")
    ]
    assert len(partial) == 1 and 0 < partial[0] < counts[before["collection"]]  # killed mid-write
    assert status(env) == before
    ask = subprocess.run(
        [str(cli), "ask", "--json", "Who leads HTS?"],
        env=env,
        capture_output=True,
        text=True,
        timeout=5 * WAIT_S,
    )
    assert ask.returncode == 0 and "Golani" in json.loads(ask.stdout)["text"], ask.stderr
    again = subprocess.run(
        [str(cli), "index", "rebuild", "--quiet"],
        env=env,
        capture_output=True,
        text=True,
        timeout=10 * WAIT_S,
    )
    assert again.returncode == 0 and "unchanged 12" in again.stdout, again.stderr
    assert status(env)["articles"] == before["articles"]
