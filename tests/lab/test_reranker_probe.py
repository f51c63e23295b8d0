"""The reranker probe's data and features (``lab/reranker_train.py``, ``lab/reranker_probe.py``):
which sentences become training rows, and what an unscored candidate's features are."""

from __future__ import annotations

import numpy as np
import pytest

from lab.reranker_probe import CE_FEATURES, ce_features
from lab.reranker_train import pointwise_rows, rows
from lab.train.data import Articles, Example
from tests.fakes import training_example

_SENTENCES = (
    "The lighthouse keeper rowed to the island every Tuesday.",  # shares "lighthouse keeper"
    "Marta Quist became the lighthouse keeper in 1987.",  # the answer
    "Gulls nest on the cliffs in spring.",
    "The keeper's cottage has a red roof.",  # shares "keeper"
)


def _example(answerable: bool) -> tuple[Example, Articles]:
    return training_example(
        "Who became the lighthouse keeper?",
        _SENTENCES,
        1 if answerable else None,
        {"lighthous": 2, "keeper": 3},
    )


def test_listwise_rows_put_the_answer_before_the_most_word_sharing_negatives():
    (row,) = rows([_example(True)], seed=1, negatives=2)
    assert row[:2] == ("Who became the lighthouse keeper?", _SENTENCES[1])
    assert row[2] == _SENTENCES[0]  # shares both of the question's rarer words
    assert set(row[2:]) <= set(_SENTENCES) - {_SENTENCES[1]}


def test_listwise_rows_skip_questions_without_an_answer_or_enough_negatives():
    assert rows([_example(False)], seed=1) == []
    assert rows([_example(True)], seed=1, negatives=4) == []


@pytest.mark.parametrize(
    "answerable, positives, negatives", [(True, 1, 2), (False, 0, 2)], ids=["answerable", "not"]
)
def test_pointwise_rows_label_each_pair(answerable, positives, negatives):
    out = pointwise_rows([_example(answerable)], seed=1, negatives=2)
    assert sum(label == 1.0 for *_, label in out) == positives
    assert sum(label == 0.0 for *_, label in out) == negatives
    assert all(isinstance(label, float) for *_, label in out)


def test_unscored_candidates_take_the_lowest_score_and_no_rank():
    x = ce_features({"a": 2.0, "b": -1.0}, ["a", "b", "c"])
    assert x.shape == (3, len(CE_FEATURES))
    np.testing.assert_allclose(x[:, 0], [2.0, -1.0, -1.0])  # logit
    np.testing.assert_allclose(x[:, 1], [1.0, 1.0, 0.0])  # scored
    assert x[0, 2] == 1.0 and x[1, 2] == 0.5 and x[2, 2] == 0.0  # 1 / (1 + rank)
    np.testing.assert_allclose(x[:, 4], [3.0, -3.0, -3.0])  # lead over the best other


def test_no_scored_candidate_gives_zero_features():
    assert not ce_features({}, ["a", "b"]).any()


def _dev_row(answerable: bool, sims: list[float]):
    from types import SimpleNamespace

    q = SimpleNamespace(answerable=answerable, must=[["Marta Quist"]])
    cands = [SimpleNamespace(sentence=s) for s in _SENTENCES]
    return q, cands, None, np.asarray(sims, np.float32)


@pytest.mark.parametrize(
    ("sims", "judge_best", "expected"),
    [
        # the encoder picks the answer, the judge a neighbour: encoder 1, judge 0, ceiling 1
        ([0.1, 0.9, 0.2, 0.3], 0, (1.0, 0.0, 1.0)),
        # the encoder is wrong, the judge right
        ([0.9, 0.5, 0.2, 0.3], 1, (0.0, 1.0, 1.0)),
        # the answer is outside the judged top 2: the ceiling is 0 too
        ([0.9, 0.1, 0.2, 0.8], 0, (0.0, 0.0, 0.0)),
    ],
)
def test_top1_by_judge_counts_answerable_questions_only(sims, judge_best, expected):
    from lab.reranker_figures import top1_by_judge

    logits = np.zeros((4, len(CE_FEATURES)), np.float32)
    logits[judge_best, 0] = 5.0
    rows_ = [_dev_row(True, sims), _dev_row(False, [1.0, 0.0, 0.0, 0.0])]
    assert top1_by_judge(rows_, [logits, logits], top=2) == expected
