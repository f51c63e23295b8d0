"""The Articles tab's URL box: a page fetched from a local server is listed; a bad URL is a
message in the page (and a toast), never a traceback, and the box keeps the URL to fix it."""

from __future__ import annotations

import pytest

from bot.types import Answer, Citation
from tests.conftest import PAGES
from tests.page_server import PageServer
from ui import render
from ui.handlers import Handlers
from ui.library import IndexLibrary
from ui.settings import Settings

PAGE = (PAGES / "metro_fares.html").read_bytes()


@pytest.fixture
def library(tmp_path, fake_embeddings) -> IndexLibrary:
    articles = tmp_path / "articles"
    articles.mkdir()
    settings = Settings(
        data_dir=tmp_path / "data", articles_dir=articles, allow_private_urls=True, fetch_timeout=2
    )
    return IndexLibrary(settings, fake_embeddings)


def test_the_url_box_adds_a_page_and_reports_bad_ones(library):
    routes = {
        "/city/metro-fares": (200, {"Content-Type": "text/html"}, PAGE),
        "/gone": (410, {"Content-Type": "text/html"}, b"gone"),
    }
    on = Handlers(lambda q, h: None, library)
    with PageServer(routes) as server:
        url = f"{server.url}/city/metro-fares"
        table, _, status, box = on.add_url(f"  {url}\n")
        assert f"Added {url}" in status and box == ""
        assert "City Halves Metro Fares" in table and url in table
        with pytest.warns(UserWarning):
            _, _, status, box = on.add_url(f"{server.url}/gone")
        assert (
            f"Not added: {server.url}/gone: HTTP 410 Gone" in status and "Traceback" not in status
        )
        assert box is not None and box != ""  # gr.skip(): the URL stays in the box
    _, _, status, _ = on.add_url("   ")
    assert "Paste the address of a web page first" in status
    assert len(library.articles()) == 1


def test_a_cited_page_shows_its_address_as_text():
    cite = Citation(
        n=1,
        passage_id="a:1",
        article_id="a",
        title="Fares",
        paragraph=1,
        source="https://ledger.example/x?a=<b>",
        text="Students pay half.",
        quotes=("Students pay half.",),
        score=1.0,
    )
    panel = render.sources_panel(Answer("q", "Students pay half [1].", True, (cite,)))
    assert "https://ledger.example/x?a=&lt;b&gt;" in panel and "<a " not in panel
