"""Sentence splitting: pysbd, with its splits after titles and clock times undone (table-driven,
in wording unlike the seed's)."""

from __future__ import annotations

import pytest

from index.text.sentences import sentence_spans, split_sentences


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


@pytest.mark.parametrize(
    "text",
    [
        "The case, brought by Tomas Reyes Jr.’s widow, was dropped. A new one is planned.",
        "It opened at 12 Harbor Rd.  ,  Marlow on Friday.  Crowds came.",
        "Sen.\nIda Moss spoke. Then  the hall emptied.",
        "   Leading spaces count too. So does a second sentence.   ",
    ],
)
def test_sentences_are_the_text_as_written(text):
    # The briefing slices a paragraph's parse at these bounds: each sentence must be the
    # paragraph's own characters there, with no space added or dropped where a split was undone.
    spans = sentence_spans(text)
    assert split_sentences(text) == [text[a:b] for a, b in spans]
    assert all(text[a:b] == text[a:b].strip() and a < b for a, b in spans)
    assert [a for a, _ in spans] == sorted(a for a, _ in spans)


def test_a_title_split_is_undone_across_the_original_spacing():
    assert split_sentences("Talks with Sen.\nIda Moss ended. Then we left.") == [
        "Talks with Sen.\nIda Moss ended.",
        "Then we left.",
    ]
