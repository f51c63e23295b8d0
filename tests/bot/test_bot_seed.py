"""The real packaged model on the seed article: each kind of question, dialogues, eval command."""

from __future__ import annotations

import json
import re

import pytest

from bot.service import Bot

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def seed_bot(seed_settings_built, real_embeddings):
    bot = Bot(seed_settings_built, embeddings=real_embeddings)
    bot.warm_up()
    return bot


def _cites(a, snippet: str) -> bool:
    return any(snippet in c.text for c in a.citations)


@pytest.mark.parametrize(
    "question, expected, evidence",
    [
        (
            "Which bridge did Russian bombers destroy?",
            "Rustan",
            "destroyed the Rustan bridge",
        ),  # factoid
        pytest.param(
            "Who is Turkey's foreign minister?",
            "Hakan Fidan",
            "Foreign Minister Hakan Fidan",
            marks=pytest.mark.xfail(
                strict=False,
                reason=(
                    "known miss of the decision refitted on all news weeks (lab/log.md): "
                    "'Turkey' is not in 'Turkish Foreign Minister Hakan Fidan', refused at 0.10 < "
                    "0.115 with that passage as related reading (or a Türkiye sentence, 0.18)"
                ),
            ),
        ),  # name variant
        (
            "What basic services are HTS fighters providing in Aleppo?",
            "electricity",
            "electricity and water",
        ),  # paraphrase
        ("When did Russia intervene in Syria?", "2015", "intervention in 2015"),  # date
        (
            "Which coastal cities does the M5 link to Damascus?",
            "Tartus",
            "Latakia and Tartus",
        ),  # multi-part
    ],
)
def test_answers_are_verbatim_and_cited(seed_bot, question, expected, evidence):
    a = seed_bot.answer(question)
    assert a.answered, a.text
    assert expected in a.text and _cites(a, evidence)
    assert len(a.text) <= 500
    for sentence in re.split(r"\s*\[\d+\]\s*", a.text):
        if sentence:
            assert any(sentence in c.text for c in a.citations)  # verbatim from a cited passage


def test_metadata_question_cites_the_article_details(seed_bot):
    a = seed_bot.answer("Who is the author of the article?")
    assert "Amina Elghoubachi" in a.text and a.citations[0].paragraph == 0


@pytest.mark.parametrize(
    "question",
    [
        "Who founded Hezbollah?",
        "Which region announced a zero-emission green corridor?",  # only in the page chrome
    ],
)
def test_unanswerable_questions_are_refused(seed_bot, question):
    a = seed_bot.answer(question)
    assert not a.answered and not a.citations, a.text


@pytest.mark.parametrize(
    "turns, expected",
    [
        # answered since the decision was refitted on all news weeks (a miss before, at 0.15 < 0.25)
        (["Who leads HTS?", "When did he distance himself from al-Qaeda?"], "2016"),
        (["Which city has become a key battleground?", "Where is it located?"], "M5"),
        (["Who is Turkey's foreign minister?", "And Iran?"], "Araqchi"),
        (["Where will the foreign ministers meet?", "When?"], "Saturday"),
        (
            [
                "Which city has become a key battleground?",
                "Where is it located?",
                "What would happen if the rebels captured it?",
            ],
            "supply route",
        ),
    ],
)
def test_follow_up_dialogues(seed_bot, turns, expected):
    history: list[tuple[str, str]] = []
    for q in turns:
        a = seed_bot.answer(q, history=history)
        history.append((q, a.text))
    assert a.answered and expected in a.text, (a.standalone_question, a.text)


def test_eval_command_on_a_small_file(seed_bot, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from ui.cli import cli

    questions = tmp_path / "q.jsonl"
    questions.write_text(
        "\n".join(
            json.dumps(q)
            for q in [
                {
                    "id": "a",
                    "question": "Which bridge did Russian bombers destroy?",
                    "must": [["Rustan"]],
                    "evidence": ["Rustan bridge"],
                },
                {
                    "id": "b",
                    "question": "What is the unemployment rate in Syria?",
                    "answerable": False,
                },
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    monkeypatch.setattr("bot.service.default_bot", lambda settings=None: seed_bot)
    result = CliRunner().invoke(
        cli,
        [
            "--data-dir",
            str(seed_bot.settings.data_dir),
            "--articles-dir",
            str(seed_bot.settings.articles_dir),
            "eval",
            str(questions),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["accuracy"] == 1.0 and figures["rejection"] == 1.0
