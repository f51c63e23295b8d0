"""The three outcomes of the learned decision on the tiny test corpus: an answer, a refusal that
offers the closest passages as related reading (never as sources), and the plain refusal."""

from __future__ import annotations

import dataclasses
import shutil

import pytest

import index
from bot.answering.learned.answer import NOT_DIRECTLY, RELATED
from bot.answering.learned.model import default_model
from bot.service import Bot
from tests.conftest import CORPUS
from ui.settings import Settings


@pytest.fixture
def make_bot(tmp_path, fake_embeddings):
    folder = tmp_path / "articles"
    shutil.copytree(CORPUS, folder)
    settings = Settings(data_dir=tmp_path / "data", articles_dir=folder)
    index.build(settings, fake_embeddings)

    def make(threshold: float, floor: float | None) -> Bot:
        model = default_model()
        decision = dataclasses.replace(model.decision, threshold=threshold, related_floor=floor)
        answer_model = dataclasses.replace(model, decision=decision)
        return Bot(settings, embeddings=fake_embeddings, answer_model=answer_model)

    return make


def test_below_the_threshold_but_above_the_floor_the_closest_passages_are_related_reading(
    make_bot,
):
    a = make_bot(threshold=1.0, floor=0.0).answer("Who opened the Riverside Bridge?")
    assert not a.answered and a.text == NOT_DIRECTLY and a.citations == ()
    assert 1 <= len(a.related) <= RELATED
    assert [c.n for c in a.related] == list(range(1, len(a.related) + 1))
    assert len({c.passage_id for c in a.related}) == len(a.related)  # distinct passages
    assert any("Lena Ortiz" in c.text for c in a.related)
    assert a.to_dict()["related"][0]["passage_id"] == a.related[0].passage_id


def test_below_the_floor_the_refusal_is_plain(make_bot):
    a = make_bot(threshold=1.0, floor=1.0).answer("Who opened the Riverside Bridge?")
    assert not a.answered and a.related == () and a.text != NOT_DIRECTLY


def test_names_no_article_uses_get_the_plain_refusal_even_above_the_floor(make_bot):
    a = make_bot(threshold=1.0, floor=0.0).answer(
        "What did Chancellor Merkel say about the ferries?"
    )
    assert not a.answered and a.related == () and "Merkel" in a.text


def test_above_the_threshold_an_answer_has_sources_and_no_related_reading(make_bot):
    a = make_bot(threshold=0.0, floor=0.0).answer("Who opened the Riverside Bridge?")
    assert a.answered and a.citations and a.related == ()
