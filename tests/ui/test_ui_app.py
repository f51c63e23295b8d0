"""The web app with a fake bot: building it, the chat and article handlers, the /ask endpoint."""

from __future__ import annotations

from contextlib import contextmanager

import gradio as gr
import pytest
from click.testing import CliRunner

from bot.types import Answer, Citation
from tests.helpers.processes import free_port
from ui.app import build_app, launch_app
from ui.auth import parse_auth
from ui.handlers import Handlers
from ui.library import IndexLibrary, UploadError, check_uploads
from ui.settings import Settings

# An article whose title and paragraphs carry HTML/JS payloads (they survive article loading).
HOSTILE_ARTICLE = (
    "Harbour Festival <img src=x onerror=\"document.title='pwned'\"> Draws Record Crowds\n\n"
    "The annual harbour festival in Port Elling drew a record forty thousand visitors on Sunday, "
    "the town council said. Organisers credited the mild weather and a new ferry timetable for "
    "the turnout.\n\n"
    "The regatta of restored fishing boats was won by the crew of the Marigold "
    '<img src=x onerror="window.pwned=1">. The mayor, Ilse Brandvold '
    "<script>window.pwned=1</script>, presented the trophy on the quay.\n\n"
    'Visitors were urged to read the safety notes <a href="javascript:window.pwned=1">here</a> '
    "before boarding any vessel, a council spokesperson said on Monday.\n"
)

QUIET_ARTICLE = (
    "Library Opens Late on Thursdays\n\n"
    "The town library in Port Elling will stay open until nine in the evening on Thursdays from "
    "next month, the head librarian said. The longer hours follow a survey of readers who work "
    "during the day.\n\n"
    "The change costs little because volunteers from the reading club will staff the desk, "
    "according to the council budget published on Friday.\n"
)


class FakeBot:
    """Answers from a fixed citation, refuses anything about pizza, records the history it got."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, list[tuple[str, str]]]] = []

    def __call__(self, question: str, history: list[tuple[str, str]]) -> Answer:
        self.calls.append((question, list(history)))
        if not question.strip():
            raise ValueError("empty question")
        if "pizza" in question.lower():
            return Answer(question, "The articles don't say.", False)
        cite = Citation(
            n=1,
            passage_id="doha:1",
            article_id="doha",
            title="Syria talks",
            source="syria.txt",
            paragraph=1,
            text="At a crucial moment, the ministers meet in Doha on Saturday. More.",
            quotes=("the ministers meet in Doha on Saturday.",),
            score=0.8,
            author="Amina Elghoubachi",
            published="2025-01-23",
        )
        return Answer(question, "The ministers meet in Doha on Saturday [1].", True, (cite,))


@pytest.fixture
def settings(tmp_path) -> Settings:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "library.txt").write_text(QUIET_ARTICLE)
    return Settings(data_dir=tmp_path / "data", articles_dir=articles, max_upload_bytes=4000)


@pytest.fixture
def library(settings, fake_embeddings) -> IndexLibrary:
    import index

    index.build(settings, fake_embeddings)
    return IndexLibrary(settings, fake_embeddings)


@contextmanager
def running(app: gr.Blocks, settings: Settings):
    url = launch_app(app, settings.replace(host="127.0.0.1", port=free_port()))
    try:
        yield url
    finally:
        app.close()


def test_build_app_returns_blocks_with_only_ask_in_the_api(settings, library):
    app = build_app(FakeBot(), library, settings)
    assert isinstance(app, gr.Blocks)
    assert list(app.get_api_info()["named_endpoints"]) == ["/ask"]


def test_chat_answers_then_passes_history_for_the_follow_up(library):
    bot = FakeBot()
    on = Handlers(bot, library)
    box, chat, sources, turns = on.ask_chat("Where will the ministers meet?", [])
    assert box == ""
    assert [m["role"] for m in chat] == ["user", "assistant"]
    assert '<span class="cite" title="source 1">[1]</span>' in chat[1]["content"]
    assert "<mark>the ministers meet in Doha on Saturday.</mark>" in sources
    _, chat, _, turns = on.ask_chat("When?", turns)
    assert bot.calls[-1] == (
        "When?",
        [("Where will the ministers meet?", "The ministers meet in Doha on Saturday [1].")],
    )
    assert len(chat) == 4 and len(turns) == 2


def test_refusal_is_muted_without_sources(library):
    _, chat, sources, _ = Handlers(FakeBot(), library).ask_chat("Best pizza in Doha?", [])
    assert 'class="refusal"' in chat[-1]["content"]
    assert "<li" not in sources and "don't say" in sources


def test_empty_question_and_bot_failure_leave_the_chat_unchanged(library):
    def broken(question, history):
        raise RuntimeError("model exploded")

    for on, question in ((Handlers(FakeBot(), library), "   "), (Handlers(broken, library), "Hi?")):
        with pytest.warns(UserWarning):  # gr.Warning outside a request is a Python warning
            outputs = on.ask_chat(question, [])
        assert all(isinstance(o, type(gr.skip())) for o in outputs)


def test_questions_on_an_empty_index_say_so(library):
    def broken(question, history):
        raise ValueError("max() arg is an empty sequence")

    for info in library.articles():
        library.remove(info.id)
    with pytest.warns(UserWarning, match="No articles are indexed yet"):
        Handlers(broken, library).ask_chat("Who?", [])


def test_upload_checks_type_and_size(tmp_path):
    ok = tmp_path / "a.md"
    ok.write_text("text")
    assert check_uploads([ok], 100) == [ok]
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF")
    with pytest.raises(UploadError, match="only .txt, .md, .html"):
        check_uploads([pdf], 100)
    big = tmp_path / "big.txt"
    big.write_text("x" * 101)
    with pytest.raises(UploadError, match="101 bytes is more than the 100 allowed"):
        check_uploads([big], 100)


def test_add_remove_rebuild_update_the_articles_tab(tmp_path, library):
    on = Handlers(FakeBot(), library)
    upload = tmp_path / "upload" / "harbour.txt"
    upload.parent.mkdir()
    upload.write_text(HOSTILE_ARTICLE)
    table, pick, status, cleared = on.add_articles([str(upload)])
    assert "Added harbour.txt" in status and cleared is None
    assert "&lt;img src=x onerror" in table and "<img" not in table
    choices = dict((v, k) for k, v in pick["choices"])
    assert len(choices) == 2
    harbour = next(i for i, label in choices.items() if "Harbour" in label)
    table, pick, status = on.remove_article(harbour)
    assert "Removed" in status and "Harbour" not in table and len(pick["choices"]) == 1
    table, pick, status = on.rebuild_index()
    assert "Rebuilt" in status and "Library Opens Late" in table


def test_refused_uploads_show_a_message_not_a_traceback(tmp_path, library):
    on = Handlers(FakeBot(), library)
    big = tmp_path / "big.txt"
    big.write_text(QUIET_ARTICLE * 40)
    notes = tmp_path / "notes.pdf"
    notes.write_bytes(b"%PDF-1.4")
    junk = tmp_path / "junk.txt"
    junk.write_text("hi")
    for bad, reason in (
        (big, "is more than the 4,000 allowed"),
        (notes, "only .txt"),
        (junk, "no article body"),
    ):
        with pytest.warns(UserWarning):
            _, _, status, _ = on.add_articles([str(bad)])
        assert "Not added" in status and reason in status and "Traceback" not in status
    with pytest.warns(UserWarning):
        _, _, status = on.remove_article("no-such-id")
    assert "Not removed: no indexed article" in status


def test_ask_endpoint_through_gradio_client(settings, library):
    from gradio_client import Client

    bot = FakeBot()
    with running(build_app(bot, library, settings), settings) as url:
        client = Client(url, analytics_enabled=False, verbose=False)
        result = client.predict("Where will the foreign ministers meet?", api_name="/ask")
        assert result["answered"] is True
        assert result["text"] == "The ministers meet in Doha on Saturday [1]."
        assert result["citations"][0]["quotes"] == ["the ministers meet in Doha on Saturday."]
        assert result["citations"][0]["paragraph"] == 1
        refusal = client.predict("Best pizza?", [["Where?", "In Doha [1]."]], api_name="/ask")
        assert refusal["answered"] is False and refusal["citations"] == []
        assert bot.calls[-1][1] == [("Where?", "In Doha [1].")]
        with pytest.raises(Exception, match="empty question"):
            client.predict("   ", api_name="/ask")


def test_login_is_required_when_auth_is_set(settings, library):
    import httpx
    from gradio_client import Client

    settings = settings.replace(auth="reader:s3cret")
    with running(build_app(FakeBot(), library, settings), settings) as url:
        assert httpx.get(url + "config").status_code == 401
        client = Client(url, auth=("reader", "s3cret"), analytics_enabled=False, verbose=False)
        assert client.predict("Where?", api_name="/ask")["answered"] is True


def test_parse_auth():
    assert parse_auth("") is None
    assert parse_auth("me:a:b") == ("me", "a:b")
    with pytest.raises(ValueError):
        parse_auth("nopassword")


def test_serve_builds_warms_and_prints_the_url(monkeypatch, settings, fake_embeddings):
    import index
    import ui.commands_serve as serve_mod
    from ui.cli import cli

    bot = FakeBot()
    launched: list[gr.Blocks] = []
    real_ensure = index.ensure_built
    monkeypatch.setattr(
        index, "ensure_built", lambda s, progress=None: real_ensure(s, fake_embeddings, progress)
    )
    monkeypatch.setattr(serve_mod, "real_answer_fn", lambda s: bot)
    monkeypatch.setattr(gr.Blocks, "block_thread", lambda self: launched.append(self))
    port = free_port()
    result = CliRunner().invoke(
        cli,
        [
            "--data-dir",
            str(settings.data_dir),
            "--articles-dir",
            str(settings.articles_dir),
            "serve",
            "--port",
            str(port),
        ],
    )
    try:
        assert result.exit_code == 0, result.output
        assert "index built: added 1" in result.output
        assert f"on http://127.0.0.1:{port}/" in result.output
        assert bot.calls == [(serve_mod.WARM_UP_QUESTION, [])]  # warmed before the URL
    finally:
        for app in launched:
            app.close()


def test_serve_rejects_a_malformed_login(monkeypatch, settings):
    from ui.cli import cli

    monkeypatch.setenv("BRIEFING_AUTH", "justauser")
    result = CliRunner().invoke(cli, ["--data-dir", str(settings.data_dir), "serve"])
    assert result.exit_code != 0 and "user:password" in result.output


def test_chat_streams_a_draft_then_shows_the_checked_answer(library):
    bot = FakeBot()
    final = bot("Where will the ministers meet?", [])
    bot.stream = lambda q, h: iter(["The ministers", "The ministers meet on the moon [1]", final])
    outputs = list(Handlers(bot, library).ask_chat_stream("Where will the ministers meet?", []))
    assert len(outputs) == 3
    _, chat, _, _ = outputs[1]
    assert 'class="draft"' in chat[-1]["content"] and "moon" in chat[-1]["content"]
    box, chat, sources, turns = outputs[-1]
    assert box == "" and "moon" not in chat[-1]["content"] and 'class="cite"' in chat[-1]["content"]
    assert turns == [("Where will the ministers meet?", final.text, chat[-1]["content"])]
    assert "<mark>" in sources


def test_streaming_without_a_stream_function_answers_once(library):
    outputs = list(
        Handlers(FakeBot(), library).ask_chat_stream("Where will the ministers meet?", [])
    )
    assert len(outputs) == 1 and outputs[0][0] == ""


def test_a_store_failure_names_the_recovery_command():
    from index.storage.store import StoreError
    from ui.handlers import Handlers

    class _Library:
        def articles(self):
            return [object()]

    handlers = Handlers.__new__(Handlers)
    handlers.library = _Library()
    message = handlers._failure(
        "q", StoreError("the index can't be opened; run `briefing index rebuild`")
    )
    assert "briefing index rebuild" in message
