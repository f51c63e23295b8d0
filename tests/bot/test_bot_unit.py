"""The bot on the tiny test corpus with fake embeddings: answer shape, citations, refusals,
metadata questions, follow-ups, bad questions, index changes."""

from __future__ import annotations

import re
import shutil

import pytest

import index
from bot.service import Bot, clean_question
from tests.conftest import CORPUS
from ui.settings import Settings


@pytest.fixture
def corpus_settings(tmp_path):
    folder = tmp_path / "articles"
    shutil.copytree(CORPUS, folder)
    return Settings(data_dir=tmp_path / "data", articles_dir=folder)


@pytest.fixture
def bot(corpus_settings, fake_embeddings):
    index.build(corpus_settings, fake_embeddings)
    return Bot(corpus_settings, embeddings=fake_embeddings)


def _markers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"\[(\d+)\]", text)]


def test_answer_quotes_the_passage_and_cites_it(bot):
    a = bot.answer("Who opened the Riverside Bridge?")
    assert a.answered and "Lena Ortiz" in a.text
    assert len(a.text) <= 500
    used = _markers(a.text)
    assert used and sorted(set(used)) == [c.n for c in a.citations] == list(
        range(1, len(a.citations) + 1)
    )
    for c in a.citations:
        assert c.quotes and all(q in c.text and q in a.text for q in c.quotes)
        assert c.passage_id == f"{c.article_id}:{c.paragraph}"
        assert c.title == "Riverside Bridge Opens to Traffic in Cedar Falls"


def test_names_the_articles_never_use_are_refused_without_citations(bot):
    a = bot.answer("What did Chancellor Merkel say about the ferries?")
    assert not a.answered and a.citations == ()
    assert a.text.startswith("The indexed articles don't say") and "Merkel" in a.text


@pytest.mark.parametrize(
    "question", ["What is the capital of Peru?", "Which vaccine did the health ministry approve?"]
)
def test_questions_the_articles_dont_answer_are_refused(bot, question):
    # The learned decision's refusal: nothing in these articles is about what is asked.
    a = bot.answer(question)
    assert not a.answered and a.citations == (), a.text


def test_metadata_questions_cite_the_metadata_passage(bot):
    a = bot.answer("Who wrote the article about the electric ferries?")
    assert a.answered and "Sofia Lindqvist" in a.text
    (c,) = a.citations
    assert c.paragraph == 0 and "Port of Almera" in c.title


def test_follow_up_is_condensed_with_the_previous_turn(bot):
    first = bot.answer("How long is the Riverside Bridge?")
    assert "420 metres" in first.text
    follow = bot.answer(
        "How much did it cost?", history=[("How long is the Riverside Bridge?", first.text)]
    )
    assert follow.standalone_question == "How much did Riverside Bridge cost?"


@pytest.mark.parametrize("question", ["", "   ", "\n\t", "?!...", "\x00\x01"])
def test_empty_questions_raise_a_clear_error(bot, question):
    with pytest.raises(ValueError, match="question"):
        bot.answer(question)


def test_a_100kb_question_is_truncated_not_crashed_on(bot):
    a = bot.answer("Who opened the Riverside Bridge? " + "x" * 100_000)
    assert len(a.question) <= 2_000
    assert isinstance(a.answered, bool)
    assert clean_question("a\x00b") == "a b"


def test_the_bot_sees_index_changes(bot, corpus_settings, fake_embeddings, tmp_path):
    before = bot.answer("Which orchestra played the harbour concert?")
    assert not before.answered
    new = tmp_path / "concert.txt"
    new.write_text(
        "Harbour Concert Draws Crowds\n\n"
        "The Almera Philharmonic orchestra played the harbour concert on Saturday evening for 3,000 people.\n\n"
        "Conductor Ines Dahl said the orchestra will return to the harbour next summer for two more concerts.\n\n"
        "Tickets for the free event were handed out at the ferry terminal, and the city paid for the stage.\n",
        encoding="utf-8",
    )
    index.add_files(corpus_settings, [new], fake_embeddings)
    after = bot.answer("Which orchestra played the harbour concert?")
    assert after.answered and "Almera Philharmonic" in after.text


def test_an_empty_index_says_so(tmp_path, fake_embeddings):
    empty = tmp_path / "none"
    empty.mkdir()
    settings = Settings(data_dir=tmp_path / "data", articles_dir=empty)
    index.build(settings, fake_embeddings)
    a = Bot(settings, embeddings=fake_embeddings).answer("Who opened the bridge?")
    assert not a.answered and a.text.startswith("No articles are indexed yet")


def test_an_over_long_sentence_is_cut_to_a_verbatim_span():
    from bot.answering.replies import MAX_CHARS, within_limit

    sentence = (
        "The council said, " + ", ".join(f"item number {i} was approved" for i in range(60)) + "."
    )
    span = within_limit(sentence)
    assert len(span) <= MAX_CHARS - 6 and sentence.startswith(span)


def test_the_article_with_a_few_articles_is_answered_for_each(bot):
    a = bot.answer("Who wrote the article?")
    assert a.answered and len(a.citations) == 3 and len(a.text) <= 500
    for name in ("Daniel Brooks", "Sofia Lindqvist", "Tom Hallett"):
        assert name in a.text
    assert all(c.paragraph == 0 and all(line in c.text for line in c.quotes) for c in a.citations)
    # a named topic, or the article the previous answer quoted, picks one
    # (the article found from the description is named after the answer: which one was meant)
    ferries = bot.answer("Who wrote the article about the electric ferries?").text
    assert ferries.startswith("Author: Sofia Lindqvist [1] — “Port of Almera")
    first = bot.answer("Who opened the Riverside Bridge?")
    follow = bot.answer(
        "Who wrote the article?", history=[("Who opened the Riverside Bridge?", first.text)]
    )
    assert follow.text.startswith("Author: Tom Hallett [1] — “Riverside Bridge")


def test_the_article_with_many_articles_asks_which_one(corpus_settings, fake_embeddings):
    for n in range(3):
        (corpus_settings.articles_dir / f"notice{n}.txt").write_text(
            f"Harbour Notice {n} on Berth Fees\n\nThe harbour office in Almera posted notice number {n} "
            "about berth fees on Monday. Fees for boats longer than twelve metres will rise next "
            "month, the office said, and owners can pay at the quay or online.\n\nThe office "
            "expects the new fees to fund repairs to the north pier before the summer season.\n"
        )
    index.build(corpus_settings, fake_embeddings)
    a = Bot(corpus_settings, embeddings=fake_embeddings).answer("When was the article published?")
    assert not a.answered and a.citations == ()
    assert a.text.startswith("6 articles are indexed") and "the article about" in a.text
