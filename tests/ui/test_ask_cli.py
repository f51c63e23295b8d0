"""`briefing ask`: human and JSON output, bad questions as one-line errors with exit code 2."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

import index
from bot.service import Bot
from tests.conftest import CORPUS
from ui.cli import cli
from ui.settings import Settings


@pytest.fixture
def runner_args(tmp_path, fake_embeddings, monkeypatch):
    folder = tmp_path / "articles"
    shutil.copytree(CORPUS, folder)
    settings = Settings(data_dir=tmp_path / "data", articles_dir=folder)
    index.build(settings, fake_embeddings)
    bot = Bot(settings, embeddings=fake_embeddings)
    monkeypatch.setattr("bot.service.default_bot", lambda settings=None: bot)
    return ["--data-dir", str(settings.data_dir), "--articles-dir", str(folder)]


def test_ask_prints_the_answer_and_numbered_sources(runner_args):
    result = CliRunner().invoke(cli, [*runner_args, "ask", "Who opened the Riverside Bridge?"])
    assert result.exit_code == 0, result.output
    assert "Lena Ortiz" in result.output and "Sources:" in result.output
    assert "[1] Riverside Bridge Opens to Traffic in Cedar Falls — paragraph" in result.output


def test_ask_json_is_one_answer_object(runner_args):
    result = CliRunner().invoke(
        cli, [*runner_args, "ask", "Who opened the Riverside Bridge?", "--json"]
    )
    data = json.loads(result.output)
    assert data["answered"] is True
    assert {
        "n",
        "passage_id",
        "article_id",
        "title",
        "source",
        "paragraph",
        "text",
        "quotes",
        "score",
    } <= set(data["citations"][0])


@pytest.mark.parametrize("question", ["", "   ", "??"])
def test_empty_question_is_a_one_line_error_with_exit_2(runner_args, question):
    result = CliRunner().invoke(cli, [*runner_args, "ask", question])
    assert result.exit_code == 2
    assert result.output.strip().startswith("error:") and "Traceback" not in result.output


def test_a_refusal_prints_its_related_passages_apart_from_sources():
    from bot.types import Answer, Citation
    from ui.commands_answer import format_answer

    near = Citation(
        1, "a:3", "a", "Harbour fire", "fire.txt", 3, "Crews fought it.", ("Crews fought it.",), 0.2
    )
    a = Answer(
        "Who started the fire?", "The articles don't say this directly.", False, related=(near,)
    )
    out = format_answer(a)
    assert "Sources:" not in out and "Related reading (not an answer):" in out
    assert "- Harbour fire — paragraph 3" in out and "“Crews fought it.”" in out
    assert json.loads(json.dumps(a.to_dict()))["related"][0]["quotes"] == ["Crews fought it."]
