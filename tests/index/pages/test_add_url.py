"""`briefing index add URL` against a local web server: the page is indexed with its title and
URL; each bad case is one error line and leaves the articles folder and the index as they were."""

from __future__ import annotations

import importlib
import json
import shutil

import pytest
from click.testing import CliRunner

import index
from index.pages.fetch import FetchError, fetch, file_name
from index.storage.build import writer_lock
from index.storage.store import StoreError
from tests.conftest import CORPUS, PAGES
from tests.fakes import HashingEmbeddings
from tests.page_server import PageServer, declared_size, endless, slow
from ui.cli import cli
from ui.settings import Settings

BUILD = importlib.import_module("index.storage.build")
HTML = {"Content-Type": "text/html; charset=utf-8"}
JS_ONLY = (
    b"<html><head><title>Live: storm updates | Example</title></head><body><div id='app'></div>"
    b"<figure><img src='a.jpg'><figcaption>Waves break over the sea wall at Porthcawl on "
    b"Tuesday.</figcaption></figure><script>render()</script></body></html>"
)


@pytest.fixture
def server():
    page = (PAGES / "metro_fares.html").read_bytes()
    routes = {
        "/news/metro-fares.html": (200, HTML, page),
        "/moved": (302, {"Location": "/news/metro-fares.html"}, b""),
        "/loop": (302, {"Location": "/loop"}, b""),
        "/missing.html": (404, HTML, b"<h1>Not found</h1>"),
        "/slow.html": (200, HTML, slow()),
        "/big.html": (200, HTML, declared_size(6_000_000)),
        "/endless.html": (200, HTML, endless()),
        "/report.pdf": (200, {"Content-Type": "application/pdf"}, b"%PDF-1.4 " + b"0" * 5000),
        "/live.html": (200, HTML, JS_ONLY),
        "/rail.txt": (
            200,
            {"Content-Type": "text/plain"},
            (PAGES / "rail_strike_lines.txt").read_bytes(),
        ),
    }
    with PageServer(routes) as s:
        yield s


@pytest.fixture
def run(tmp_path, monkeypatch):
    """``briefing <args>`` on a copy of the corpus with fake embeddings; private URLs allowed
    (the test server is on 127.0.0.1) and a short fetch timeout."""
    articles = tmp_path / "articles"
    shutil.copytree(CORPUS, articles)
    monkeypatch.setenv("BRIEFING_ARTICLES_DIR", str(articles))
    monkeypatch.setenv("BRIEFING_ALLOW_PRIVATE_URLS", "1")
    monkeypatch.setenv("BRIEFING_FETCH_TIMEOUT", "1")
    monkeypatch.setattr(BUILD, "default_embeddings", lambda settings: HashingEmbeddings())
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(cli, list(args), prog_name="briefing")

    invoke.articles = articles
    assert invoke("index", "build", "--quiet").exit_code == 0
    return invoke


def _state(run) -> tuple[list[str], list[dict]]:
    result = run("index", "status", "--json")
    assert result.exit_code == 0, result.output
    return sorted(p.name for p in run.articles.iterdir()), json.loads(result.stdout)["articles"]


def _one_line_error(result) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


def test_a_page_by_url_is_indexed_with_its_title_author_date_and_url(run, server):
    url = f"{server.url}/news/metro-fares.html"
    result = run("index", "add", "--quiet", url)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("added 1, updated 0")
    _, articles = _state(run)
    row = next(a for a in articles if a["source"] == url)
    assert row["title"] == "City Halves Metro Fares for Students in Pilot Scheme"
    assert (row["author"], row["published"]) == ("Samuel Okafor", "2023-11-20")
    assert row["file"] == "127.0.0.1_metro-fares.html" and (run.articles / row["file"]).is_file()
    shown = run("index", "show", row["id"], "--json")
    meta = json.loads(shown.stdout)["passages"][0]
    assert meta["kind"] == "meta" and f"Source: {url}" in meta["text"]
    # The saved file remembers its URL: a rebuild from the folder keeps the source.
    assert run("index", "rebuild", "--quiet").exit_code == 0
    assert url in [a["source"] for a in _state(run)[1]]
    # Adding the same URL again refreshes the same file: nothing new.
    again = run("index", "add", "--quiet", url)
    assert again.exit_code == 0 and again.stdout.startswith(
        "added 0, updated 0, removed 0, unchanged 4"
    )


def test_redirects_are_followed_and_the_given_url_is_the_source(run, server):
    result = run("index", "add", "--quiet", f"{server.url}/moved")
    assert result.exit_code == 0, result.output
    sources = [a["source"] for a in _state(run)[1]]
    assert f"{server.url}/moved" in sources
    assert (run.articles / "127.0.0.1_metro-fares.html").is_file()  # named after where it landed


def test_a_plain_text_page_is_saved_as_text(run, server):
    result = run("index", "add", "--quiet", f"{server.url}/rail.txt")
    assert result.exit_code == 0, result.output
    assert (run.articles / "127.0.0.1_rail.txt").is_file()
    assert f"{server.url}/rail.txt" in [a["source"] for a in _state(run)[1]]


@pytest.mark.parametrize(
    "path, reason",
    [
        ("/missing.html", "HTTP 404 Not Found"),
        ("/slow.html", "no complete answer within 1 s"),
        ("/big.html", "6,000,000 bytes is more than the 5,000,000 allowed"),
        ("/endless.html", "more than the 5,000,000 bytes allowed"),
        ("/report.pdf", "application/pdf is not a web page (HTML or text only)"),
        ("/loop", "more than 5 redirects"),
        (
            "/live.html",
            "no article body found",
        ),  # rendered by JavaScript: only a caption to extract
    ],
)
def test_each_bad_url_is_one_line_and_nothing_is_added(run, server, path, reason):
    before = _state(run)
    url = f"{server.url}{path}"
    line = _one_line_error(run("index", "add", "--quiet", url))
    assert line == f"error: {url}: {reason}"
    assert _state(run) == before


def test_private_and_loopback_addresses_are_refused_unless_allowed(run, server, monkeypatch):
    monkeypatch.delenv("BRIEFING_ALLOW_PRIVATE_URLS")
    before = _state(run)
    for url in (
        f"{server.url}/news/metro-fares.html",
        "http://10.1.2.3/a.html",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]:9/x",
        "http://localhost:9/x",
    ):
        line = _one_line_error(run("index", "add", "--quiet", url))
        assert line.startswith(f"error: {url}: ") and "private or local address" in line
        assert "BRIEFING_ALLOW_PRIVATE_URLS=1" in line
    assert _one_line_error(run("index", "add", "file:///etc/passwd")).startswith("error: ")
    assert _state(run) == before


def test_one_bad_url_among_good_ones_adds_nothing(run, server):
    before = _state(run)
    line = _one_line_error(
        run(
            "index",
            "add",
            "--quiet",
            f"{server.url}/news/metro-fares.html",
            f"{server.url}/missing.html",
            str(PAGES / "glacier_intake.md"),
        )
    )
    assert "HTTP 404" in line
    assert _state(run) == before


def test_a_page_is_taken_out_again_when_the_build_fails(run, server):
    settings = Settings.from_env()
    before = sorted(p.name for p in run.articles.iterdir())
    with writer_lock(settings), pytest.raises(StoreError, match="another index build is running"):
        index.add_urls(settings, [f"{server.url}/news/metro-fares.html"], HashingEmbeddings())
    assert sorted(p.name for p in run.articles.iterdir()) == before


def test_fetch_limits_directly(server):
    settings = Settings(allow_private_urls=True, fetch_timeout=1, max_upload_bytes=1000)
    with pytest.raises(FetchError, match="more than the 1,000 allowed"):
        fetch(f"{server.url}/news/metro-fares.html", settings)
    page = fetch(f"{server.url}/moved", settings.replace(max_upload_bytes=100_000))
    assert page.url.endswith("/news/metro-fares.html") and page.suffix == ".html"
    assert "Metro Fares" in page.text


def test_file_names_come_from_the_url():
    assert (
        file_name("https://www.example.org/news/big-story.html", ".html")
        == "example.org_big-story.html"
    )
    assert file_name("https://example.org/", ".html") == "example.org_index.html"
    assert file_name("https://example.org/a/b%20c?x=1", ".txt") == "example.org_b-20c.txt"
    assert "/" not in file_name("https://example.org/../../etc/passwd", ".html")


def test_settings_read_allow_private_urls():
    assert Settings().allow_private_urls is False
    assert Settings.from_env({"BRIEFING_ALLOW_PRIVATE_URLS": "1"}).allow_private_urls is True
    assert Settings.from_env({"BRIEFING_ALLOW_PRIVATE_URLS": "0"}).allow_private_urls is False
    assert Settings.from_env({"BRIEFING_FETCH_TIMEOUT": "2.5"}).fetch_timeout == 2.5
