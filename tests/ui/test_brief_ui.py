"""The Briefing tab: escaped HTML, the Markdown download, handler failures, and the tab inside a
Blocks app (fake embeddings, no browser)."""

from __future__ import annotations

import gradio as gr

from bot.briefing.build import brief_corpus
from bot.briefing.render import to_markdown
from tests.bot.briefing.test_brief import HARBOUR, corpus_of, make_article
from ui.brief_tab import EMPTY, BriefHandlers, add_brief_tab, briefing_html, markdown_file


class _Info:
    def __init__(self, article):
        self.id, self.title = article.id, article.title


class FakeLibrary:
    def __init__(self, *articles):
        self._articles = [_Info(a) for a in articles]

    def articles(self):
        return self._articles


def _evil_briefing(fake_embeddings):
    paragraphs = list(HARBOUR)
    paragraphs[0] = (
        "Transport Minister Clara Voss <img src=x onerror=alert(1)> opened the new terminal "
        "at the port of Valmora on Monday, saying it would double the harbour's capacity."
    )
    article = make_article(paragraphs, "Title <script>alert(1)</script>")
    return article, brief_corpus(corpus_of(article), fake_embeddings)


def test_briefing_html_escapes_article_text(fake_embeddings):
    _, b = _evil_briefing(fake_embeddings)
    page = briefing_html(b)
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;" in page and "&lt;img src=x" in page
    assert page.count('class="cite"') >= len(b.key_points) + len(b.citations)
    assert "Who&#x27;s who" in page and "Timeline" in page
    assert briefing_html(None) == EMPTY
    assert "<mark>Transport Minister Clara Voss</mark>" in page  # who she is, marked


def test_make_returns_the_page_and_a_markdown_download(fake_embeddings, tmp_path):
    article, b = _evil_briefing(fake_embeddings)
    on = BriefHandlers(FakeLibrary(article), lambda ids: b)
    page, download = on.make([article.id])
    assert page == briefing_html(b)
    text = open(download["value"], encoding="utf-8").read()
    assert text.startswith("# Briefing:") and "<script>" not in text
    assert markdown_file(b, tmp_path).read_text(encoding="utf-8") == to_markdown(b)


def test_make_shows_a_failure_as_text(fake_embeddings):
    def failing(ids):
        raise ValueError("no indexed article has the id '<b>x</b>'")

    page, download = BriefHandlers(FakeLibrary(), failing).make(["<b>x</b>"])
    assert "Could not make the briefing" in page and "<b>" not in page
    assert download["interactive"] is False


def test_choices_list_the_articles(fake_embeddings):
    article = make_article(HARBOUR, "Valmora terminal")
    update = BriefHandlers(FakeLibrary(article), lambda ids: None).choices()
    assert update["choices"] == [(f"Valmora terminal ({article.id[:8]})", article.id)]


def test_tab_builds_inside_blocks(fake_embeddings):
    article = make_article(HARBOUR, "Valmora terminal")
    corpus = corpus_of(article)
    calls = []

    def brief_fn(ids):
        calls.append(ids)
        return brief_corpus(corpus, fake_embeddings, ids)

    with gr.Blocks() as app:
        on = add_brief_tab(FakeLibrary(article), brief_fn)
    ids = {getattr(c, "elem_id", None) for c in app.blocks.values()}
    assert {"brief-articles", "brief-make", "brief-out", "brief-download"} <= ids
    page, _ = on.make([])
    assert calls == [None] and "Key points" in page


def test_the_web_app_has_the_briefing_tab(fake_embeddings):
    from ui.app import build_app

    article = make_article(HARBOUR, "Valmora terminal")
    app = build_app(lambda q, h: None, library=FakeLibrary(article))
    ids = {getattr(c, "elem_id", None) for c in app.blocks.values()}
    assert {"brief-articles", "brief-make", "brief-out", "brief-download"} <= ids


def test_a_long_who_is_who_lists_everyone_and_folds_the_tail():
    from bot.briefing.types import BriefEntry, Briefing
    from ui.brief_tab import SHOWN

    people = tuple(
        BriefEntry(text=f"Player {k} scored.", citations=(1,), label=f"Player {k}", kind="person")
        for k in range(SHOWN + 3)
    )
    page = briefing_html(Briefing(("a",), ("t",), (), people, (), (), ()))
    assert all(f"<strong>Player {k}</strong>" in page for k in range(SHOWN + 3))
    folded = page[page.index("<details>") :]
    assert "<summary>3 more</summary>" in folded and f"Player {SHOWN}<" in folded
    assert f"Player {SHOWN - 1}<" not in folded
