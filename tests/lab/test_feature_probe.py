"""The feature probe's extra columns (``lab/feature_probe.py``), on made-up sentences."""

from __future__ import annotations

import numpy as np
import pytest

from bot.answering.learned.features import Candidate
from lab.feature_probe import focus_span, headline, question_form


@pytest.mark.parametrize(
    "sentence, is_question, no_final_stop",
    [
        ("Why did the dam at Orrin fail?", 1.0, 0.0),
        ("Q. What did the inspectors find", 1.0, 1.0),
        ('"Who paid for the repairs?"', 1.0, 0.0),
        ("Inspectors found cracks in the spillway.", 0.0, 0.0),
        ("Orrin dam repairs to cost $4m ...", 0.0, 1.0),
        ("Dam breach floods three villages", 0.0, 1.0),
    ],
)
def test_question_form_and_headline_columns(sentence, is_question, no_final_stop):
    c = [Candidate(sentence)]
    assert question_form("Who inspected the dam?", c)[0, 0] == is_question
    assert headline("Who inspected the dam?", c)[0, 0] == no_final_stop


class _Encoder:
    """Unit vectors: a 'river' axis for texts naming a river, an 'other' axis for the rest."""

    def encode(self, texts):
        river = [("river" in t or "Tamsin" in t) for t in texts]
        return np.array([[1.0, 0.0] if r else [0.0, 1.0] for r in river], np.float32)


def test_focus_span_prefers_a_new_name_of_the_asked_kind():
    extra = focus_span(_Encoder())
    candidates = [
        Candidate("The flood came down the Tamsin in March."),
        Candidate("Mayor Ilse Brand visited the town."),
        Candidate("the water rose quickly."),
    ]
    out = extra("Which river flooded the town?", candidates)
    assert out[:, 1].tolist() == [1.0, 1.0, 1.0]  # the question has an asked-for thing
    assert out[0, 0] > out[1, 0]
    assert out[2, 0] == 0.0  # no name or number the question lacks
    assert not extra("Who visited the town?", candidates).any()  # nothing asked for by name


_SURVEY = [
    Candidate("Engineer Anna Berg inspected the dam in March 2019."),
    Candidate("The dam is made of concrete."),
]


@pytest.mark.nlp
@pytest.mark.parametrize(
    "question, holds_asked",
    [
        ("Who inspected the dam?", (1.0, 0.0)),  # a person the question doesn't name
        ("When did Anna Berg inspect the dam?", (1.0, 0.0)),  # March 2019; the name is given
        ("Why was the dam inspected?", (0.0, 0.0)),  # no entity answers "why"
        (
            "Who did Anna Berg meet at the dam?",
            (0.0, 0.0),
        ),  # the only person is named already  # no entity answers "why"
    ],
)
def test_entity_kind_marks_an_entity_of_the_asked_kind_the_question_lacks(question, holds_asked):
    from lab.feature_probe import entity_kind

    columns = entity_kind()(question, _SURVEY)
    assert tuple(columns[:, 0]) == holds_asked
