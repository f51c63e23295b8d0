"""Sentence splitting: pysbd, with its splits after titles and clock times undone (table-driven,
in wording unlike the seed's)."""

from __future__ import annotations

import pytest

from index.text.sentences import split_sentences


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The vote is at 10 a.m. Tuesday in the council, officials said.",
            ["The vote is at 10 a.m. Tuesday in the council, officials said."],
        ),
        (
            "It was then-Sen. Ola Brandt who spoke first. Others followed.",
            ["It was then-Sen. Ola Brandt who spoke first.", "Others followed."],
        ),
        (
            "He met Dr. Ana Petrova. She left at 5 p.m. Then it rained.",
            ["He met Dr. Ana Petrova.", "She left at 5 p.m.", "Then it rained."],
        ),
        (
            "The ferry docks at 6:30 p.m. ET on weekdays.",
            ["The ferry docks at 6:30 p.m. ET on weekdays."],
        ),
        ("They arrived at 7 p.m. The show began.", ["They arrived at 7 p.m.", "The show began."]),
        ("Gov. Lind signed it. The mill reopened.", ["Gov. Lind signed it.", "The mill reopened."]),
    ],
)
def test_split_sentences(text, expected):
    assert split_sentences(text) == expected
