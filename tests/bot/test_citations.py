"""Citations in one place (``bot.citations``) and passage ids (``index.storage.passages``): numbering in
order of first use, quotes in passage order, markers read and stripped, out-of-range markers
dropped and logged, ids made and parsed one way."""

from __future__ import annotations

import logging

import pytest

from bot.citations import Citer, cited_answer, in_range, loose_numbers, strip_markers
from bot.corpus import Corpus
from index.pages.articles import Article, article_id
from index.storage.passages import article_passages, parse_passage_id, passage_id

PARAGRAPHS = (
    "The ferry left at dawn. It reached the island by noon. Crews unloaded the cargo.",
    "Fares rose by a tenth in March.",
)


@pytest.fixture
def corpus():
    article = Article(
        id=article_id(PARAGRAPHS),
        source="ferry.txt",
        title="Island ferry",
        author="",
        published="2025-03-02",
        published_text="2025-03-02",
        reading_time="",
        paragraphs=PARAGRAPHS,
    )
    return Corpus.from_passages(article_passages(article))


def test_passages_are_numbered_in_order_of_first_use(corpus):
    a = cited_answer(
        "q",
        [
            (2, "Fares rose by a tenth in March.", 0.7),
            (1, "It reached the island by noon.", 0.9),
            (2, "Fares rose by a tenth in March.", 0.4),
        ],
        corpus,
    )
    assert a.text.startswith(
        "Fares rose by a tenth in March. [1] It reached the island by noon. [2]"
    )
    assert [(c.n, c.paragraph, c.score) for c in a.citations] == [(1, 2, 0.7), (2, 1, 0.9)]


def test_a_citations_quotes_follow_the_passage_not_the_answer(corpus):
    citer = Citer(corpus)
    citer.cite(1, "Crews unloaded the cargo.")
    citer.cite(1, "The ferry left at dawn.")
    citer.cite(1, "The ferry left at dawn.")  # cited twice: quoted once
    (c,) = citer.citations()
    assert c.quotes == ("The ferry left at dawn.", "Crews unloaded the cargo.")


@pytest.mark.parametrize(
    "text, numbers",
    [
        ("The ferry left at dawn [1].", (1,)),
        ("It docked [1, 3] and unloaded [2][4].", (1, 3, 2, 4)),
        ("As [passage 2] says, fares rose.", (2,)),
        ("Fares rose (see the notes).", ()),
    ],
)
def test_markers_as_models_write_them(text, numbers):
    assert loose_numbers(text) == numbers


def test_markers_with_no_passage_are_dropped_and_logged(caplog):
    dropped: list[str] = []
    with caplog.at_level(logging.INFO, logger="bot.citations"):
        assert in_range((2, 7, 0), 3, dropped) == [2]
    assert dropped == ["marker [7]: no such passage", "marker [0]: no such passage"]
    assert "dropped marker [7]" in caplog.text


def test_strip_markers_for_chat_history():
    assert strip_markers("Fares rose [1]. Crews struck [2] [3].") == "Fares rose . Crews struck ."
    assert strip_markers("") == ""


@pytest.mark.parametrize(
    "article, paragraph, part, pid",
    [("a1b2", 0, None, "a1b2:0"), ("a1b2", 7, None, "a1b2:7"), ("a1b2", 7, 2, "a1b2:7.2")],
)
def test_passage_ids_are_made_and_parsed_one_way(article, paragraph, part, pid):
    assert passage_id(article, paragraph, part) == pid
    assert parse_passage_id(pid) == (article, paragraph, part)


@pytest.mark.parametrize("bad", ["a1b2", "a1b2:", ":3", "a1b2:x", "a1b2:3.", "a1b2:3.b"])
def test_what_is_not_a_passage_id(bad):
    with pytest.raises(ValueError, match="not a passage id"):
        parse_passage_id(bad)
