"""Follow-up questions rewritten with the previous turn (pure functions, no model)."""

from __future__ import annotations

import pytest

from bot.answering.condense import condense
from bot.answering.questions import analyze


def test_standalone_questions_pass_through():
    c = condense("Who opened the Riverside Bridge?", [("How long is it?", "420 metres")])
    assert c.standalone == "Who opened the Riverside Bridge?"


def test_elliptical_follow_up_swaps_the_name():
    c = condense("And Iran?", [("What did Russia provide to the regime?", "Military support [1]")])
    assert c.standalone == "What did Iran provide to the regime?"


def test_pronoun_after_an_entity_question_is_the_answers_new_name():
    history = [
        (
            "Which city has become a key battleground?",
            "As rebel forces push south, the city of Homs has become a key battleground. [1]",
        )
    ]
    assert condense("Where is it?", history).standalone == "Where is Homs?"


def test_pronoun_after_an_attribute_question_is_the_questions_subject():
    history = [
        (
            "How long is the Riverside Bridge?",
            "The bridge is 420 metres long and crosses the Mill River. [1]",
        )
    ]
    assert condense("When did it open?", history).standalone == "When did Riverside Bridge open?"


def test_bare_question_word_reuses_the_previous_question():
    history = [("Where will the foreign ministers meet?", "… in Doha on Saturday … [1]")]
    c = condense("When?", history)
    assert c.standalone == "When will the foreign ministers meet?"
    assert "Doha" in c.retrieval


def test_three_turns_resolve_through_the_earlier_follow_up():
    history = [
        ("Who leads HTS?", "Abu Mohammed al-Golani, the leader of HTS, spoke with CNN. [1]"),
        (
            "When did he distance himself from al-Qaeda?",
            "Golani … distanced himself … in 2016. [1]",
        ),
    ]
    c = condense("Who did he speak with?", history)
    assert "Golani" in c.standalone


@pytest.mark.parametrize(
    "question, kind",
    [
        ("What does NTSB stand for?", "acronym"),
        ("What is the population of Lakeport?", "count"),  # a measure after what-is
        ("How many ferries does the port run?", "count"),
        ("What percentage of voters turned out?", "count"),
        ("How long did the strike last?", "duration"),
        ("When did the ferry service resume?", "when"),
        ("In which year was the harbour dredged?", "when"),
        ("Where did the tanker run aground?", "where"),
        ("Which town lost its bus route?", "where"),
        ("Who chairs the transit board?", "who"),
        ("Which company built the new terminal?", "who"),
        ("Why was the bridge closed?", "why"),
        ("How did the crews reach the island?", "how"),
        ("Which proposal did councillors back?", "which"),
        ("What did the inspectors find?", "what"),
        ("Did the union accept the offer?", "yesno"),
        ("Tell me about the fares.", "other"),
    ],
)
def test_question_kinds(question, kind):
    assert analyze(question).kind == kind


@pytest.mark.parametrize(
    "question, meta",
    [
        ("Who wrote the article?", "author"),
        ("When was this story published?", "published"),
        ("What is the headline of the piece?", "title"),
        ("Who wrote The Star-Spangled Banner?", ""),  # no reference to the article: a real question
    ],
)
def test_questions_about_the_article_itself(question, meta):
    assert analyze(question).meta == meta


def test_the_thing_asked_for():
    assert analyze("What weapons were used?").focus == ("weapon",)
    assert analyze("How much aid arrived?").focus == ("aid",)
