"""Bad questions get the same clear message (or a normal answer/refusal) from Python, the CLI, the
web chat's handler and the HTTP ``/ask`` endpoint; none of them crashes."""

from __future__ import annotations

import shutil
import warnings

import pytest
from click.testing import CliRunner

import index
from bot.service import Bot
from tests.conftest import CORPUS
from tests.ui.test_ui_app import running
from ui.app import build_app
from ui.cli import cli
from ui.handlers import Handlers
from ui.library import IndexLibrary
from ui.settings import Settings

EMPTY = "the question is empty"
NO_WORDS = "the question has no words"

# question → the message it must be refused with, or None when it must get an Answer (which may
# be a refusal: "another language" questions are answered or refused, never crashed on).
BAD_QUESTIONS = {
    "empty": ("", EMPTY),
    "whitespace": (" \n\t  ", EMPTY),
    "control characters only": ("\x00\x07\x1b\x7f\u200b\u202e", EMPTY),
    "only punctuation": ("?!... ¿¡ -- ()", NO_WORDS),
    "only emoji": ("🙂🙂 🤔", NO_WORDS),
    "control characters inside": ("Who opened\x00 the\x1b[31m Riverside\u202e Bridge?", None),
    "100 KB": ("Who opened the Riverside Bridge? " + "blah " * 20_000, None),
    "100 KB of one word": ("x" * 100_000, None),
    "French": ("Qui a inauguré le pont Riverside à Cedar Falls ?", None),
    "Chinese": ("谁为锡达福尔斯的河滨大桥剪彩？", None),
    "Russian": ("Кто открыл мост?", None),
    "markup": ("<script>alert(1)</script> ![x](javascript:alert(1)) who?", None),
    "lone surrogate": ("Who opened the bridge\ud800?", None),
}
CASES = list(BAD_QUESTIONS.values())
IDS = list(BAD_QUESTIONS)


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    from tests.fakes import HashingEmbeddings

    root = tmp_path_factory.mktemp("questions")
    folder = root / "articles"
    shutil.copytree(CORPUS, folder)
    settings = Settings(data_dir=root / "data", articles_dir=folder)
    embeddings = HashingEmbeddings()
    index.build(settings, embeddings)
    return settings, embeddings, Bot(settings, embeddings=embeddings)


def _python(bot, question):
    try:
        return "answer", bot.answer(question)
    except ValueError as e:
        return "error", str(e)


@pytest.mark.parametrize("question, refusal", CASES, ids=IDS)
def test_python(setup, question, refusal):
    _, _, bot = setup
    kind, result = _python(bot, question)
    if refusal:
        assert kind == "error" and refusal in result and "\n" not in result
    else:
        assert kind == "answer" and isinstance(result.answered, bool)
        assert len(result.question) <= 2_000 and result.question.isprintable()
        if not result.answered:
            assert result.citations == () and result.text


@pytest.mark.parametrize("question, refusal", CASES, ids=IDS)
def test_cli_matches_python(setup, monkeypatch, question, refusal):
    settings, _, bot = setup
    monkeypatch.setattr("bot.service.default_bot", lambda settings=None: bot)
    result = CliRunner().invoke(
        cli,
        [
            "--data-dir",
            str(settings.data_dir),
            "--articles-dir",
            str(settings.articles_dir),
            "ask",
            question,
        ],
    )
    assert (
        "Traceback" not in result.output
        and result.exception is None
        or isinstance(result.exception, SystemExit)
    ), result.output
    if refusal:
        assert result.exit_code == 2 and result.stdout == ""
        assert result.stderr.strip() == f"error: {_python(bot, question)[1]}"
    else:
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith(_python(bot, question)[1].text)


@pytest.mark.parametrize("question, refusal", CASES, ids=IDS)
def test_web_chat_handler(setup, question, refusal):
    settings, embeddings, bot = setup
    on = Handlers(lambda q, h: bot.answer(q, history=h), IndexLibrary(settings, embeddings))
    with warnings.catch_warnings(record=True) as toasts:  # gr.Warning outside a request
        warnings.simplefilter("always")
        box, chat, sources, turns = on.ask_chat(question, [])
    messages = [str(w.message) for w in toasts]
    if refusal:
        # A blank box gets the page's own hint; anything else the bot's message.
        assert messages in (["Type a question first."], [_python(bot, question)[1]])
        assert len(turns if isinstance(turns, list) else []) == 0
    else:
        assert messages == [] and len(turns) == 1 and box == ""
        assert "<script" not in chat[0]["content"] and "<img" not in chat[0]["content"]


def test_http_ask_endpoint_matches_python(setup):
    """All cases through one server: /ask returns the same answer or the same one-line message.
    Plain HTTP with ASCII-escaped JSON, so even a lone surrogate reaches the server."""
    import httpx

    from tests.helpers.ask import AskError, ask_http

    settings, embeddings, bot = setup
    app = build_app(
        lambda q, h: bot.answer(q, history=h), IndexLibrary(settings, embeddings), settings
    )
    with running(app, settings) as url, httpx.Client(timeout=60) as client:
        for name, (question, refusal) in BAD_QUESTIONS.items():
            kind, expected = _python(bot, question)
            if refusal:
                with pytest.raises(AskError) as err:
                    ask_http(client, url, question)
                assert str(err.value) == expected, name
            else:
                got = ask_http(client, url, question)
                assert (got["answered"], got["text"]) == (expected.answered, expected.text), name
