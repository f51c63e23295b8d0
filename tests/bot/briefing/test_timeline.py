"""Which dates a sentence gives the timeline, on made-up sentences with hand-made parses: years
the model reads as dates, time words in any case, and sentences whose dates date no event."""

from __future__ import annotations

import pytest

from bot import nlp
from bot.briefing.names import SentenceParse
from bot.briefing.sentences import Unit
from bot.briefing.timeline import find_dates


def _unit(text: str, published: str = "2023-06-09") -> Unit:
    return Unit(text, 0, (0,), ("a",), published)


def _parse(text: str, dates: tuple[str, ...] = (), numbers: tuple[str, ...] = ()) -> SentenceParse:
    ents = [nlp.Entity(d, "DATE", text.index(d), text.index(d) + len(d)) for d in dates]
    ents += [nlp.Entity(n, "CARDINAL", text.index(n), text.index(n) + len(n)) for n in numbers]
    return SentenceParse(tuple(ents), ())


# sentence, what the model tags DATE, what it tags CARDINAL, the resolved dates expected
CASES = [
    ("A 2014 study found the river cleaner.", ("2014",), (), ["2014"]),
    ("In fiscal 1989 the firm earned $7 million.", ("fiscal 1989",), (), ["1989"]),
    ("About 2000 residents left the valley.", (), ("2000",), []),
    ("SINCE 2012 the ferry has run at a loss.", (), (), ["2012"]),
    ("Since 2012 the ferry has run at a loss.", (), (), ["2012"]),
    ("Fares rose between 2012 and 2018 by a third.", ("between 2012 and 2018",), (), []),
    ("Will the pier be open in 2030?", ("2030",), (), []),
    ("— Ann Lee (@annlee) January 6, 2020", ("January 6, 2020",), (), []),
    ("Sales of tickets fell last year.", (), (), ["2022"]),
    ("The council met two weeks ago.", (), (), ["2023-05"]),
    ("(This report was corrected on May 30, 2023.)", ("May 30, 2023",), (), []),
    # a paper's name in capitals is no date
    ("Contributing: Ann Lee, USA TODAY.", (), (), []),
    # "may" the verb is no month
    ("Sales slowed, and this may continue.", (), (), []),
    # a weekday before a lower-case word and a number is no "Friday, June 9"
    ("The count released on Friday was 412 votes.", (), (), ["2023-06-09"]),
    # no verb's tense to read: "ahead of" puts the day after publication
    ("Tickets sold out ahead of Sunday's final.", (), (), ["2023-06-11"]),
]


@pytest.mark.parametrize(("text", "dates", "numbers", "expected"), CASES)
def test_dates_the_timeline_takes(text, dates, numbers, expected):
    found = find_dates([_unit(text)], [_parse(text, dates, numbers)])
    assert [d.resolved for d in found] == expected


def _tok(text: str, words: list[tuple[str, str, str, int]]) -> SentenceParse:
    """Tokens (word, tag, dep, head) laid over ``text`` left to right."""
    toks, at = [], 0
    for word, tag, dep, head in words:
        at = text.index(word, at)
        toks.append(nlp.Token(at, word, tag, dep, head))
        at += len(word)
    dates = ("next month", "last year", "today", "Sunday", "Friday", "2021")
    dates = tuple(d for d in dates if d in text)
    ents = _parse(text, dates).entities  # what the model tags DATE
    return SentenceParse(ents, tuple(toks))


# sentence, its parse, the resolved dates expected (published Friday 2023-06-09)
PARSED = [
    # a target stated as a fact is a dated event
    (
        "The port aims to be free of diesel by 2030.",
        [
            ("The", "DT", "det", 1),
            ("port", "NN", "nsubj", 2),
            ("aims", "VBZ", "ROOT", 2),
            ("to", "TO", "aux", 4),
            ("be", "VB", "xcomp", 2),
            ("free", "JJ", "acomp", 4),
            ("of", "IN", "prep", 5),
            ("diesel", "NN", "pobj", 6),
            ("by", "IN", "prep", 4),
            ("2030", "CD", "pobj", 8),
            (".", ".", "punct", 2),
        ],
        ["2030"],
    ),
    # the date of a source a figure is attributed to
    (
        "Rents rose a fifth, according to a 2021 survey.",
        [
            ("Rents", "NNS", "nsubj", 1),
            ("rose", "VBD", "ROOT", 1),
            ("a", "DT", "det", 3),
            ("fifth", "NN", "npadvmod", 1),
            (",", ",", "punct", 1),
            ("according", "VBG", "prep", 1),
            ("to", "IN", "prep", 5),
            ("a", "DT", "det", 9),
            ("2021", "CD", "nummod", 9),
            ("survey", "NN", "pobj", 6),
            (".", ".", "punct", 1),
        ],
        [],
    ),
    # "last year" as the date of a main-clause event, and as a comparison's period
    (
        "The mill closed last year.",
        [
            ("The", "DT", "det", 1),
            ("mill", "NN", "nsubj", 2),
            ("closed", "VBD", "ROOT", 2),
            ("last", "JJ", "amod", 4),
            ("year", "NN", "npadvmod", 2),
            (".", ".", "punct", 2),
        ],
        ["2022"],
    ),
    (
        "Fees hit $9, up from $7 last year.",
        [
            ("Fees", "NNS", "nsubj", 1),
            ("hit", "VBD", "ROOT", 1),
            ("$", "$", "nmod", 3),
            ("9", "CD", "dobj", 1),
            (",", ",", "punct", 1),
            ("up", "RB", "advmod", 1),
            ("from", "IN", "prep", 5),
            ("$", "$", "nmod", 8),
            ("7", "CD", "pobj", 6),
            ("last", "JJ", "amod", 10),
            ("year", "NN", "npadvmod", 8),
            (".", ".", "punct", 1),
        ],
        [],
    ),
    # an event told inside the source's description is still an event
    (
        "The figure is 9, according to a post by Ann Lee, who moved in 2013.",
        [
            ("The", "DT", "det", 1),
            ("figure", "NN", "nsubj", 2),
            ("is", "VBZ", "ROOT", 2),
            ("9", "CD", "attr", 2),
            (",", ",", "punct", 2),
            ("according", "VBG", "prep", 2),
            ("to", "IN", "prep", 5),
            ("a", "DT", "det", 8),
            ("post", "NN", "pobj", 6),
            ("by", "IN", "prep", 8),
            ("Ann", "NNP", "compound", 11),
            ("Lee", "NNP", "pobj", 9),
            (",", ",", "punct", 11),
            ("who", "WP", "nsubj", 14),
            ("moved", "VBD", "relcl", 11),
            ("in", "IN", "prep", 14),
            ("2013", "CD", "pobj", 15),
            (".", ".", "punct", 2),
        ],
        ["2013"],
    ),
    # the standard of a comparison
    (
        "Output is higher than in 2019.",
        [
            ("Output", "NN", "nsubj", 1),
            ("is", "VBZ", "ROOT", 1),
            ("higher", "JJR", "acomp", 1),
            ("than", "IN", "prep", 2),
            ("in", "IN", "prep", 3),
            ("2019", "CD", "pobj", 4),
            (".", ".", "punct", 1),
        ],
        [],
    ),
    # a plan told in the past: whether it happened is not said
    (
        "The ferry was scheduled to sail on Friday.",
        [
            ("The", "DT", "det", 1),
            ("ferry", "NN", "nsubjpass", 3),
            ("was", "VBD", "auxpass", 3),
            ("scheduled", "VBN", "ROOT", 3),
            ("to", "TO", "aux", 5),
            ("sail", "VB", "xcomp", 3),
            ("on", "IN", "prep", 5),
            ("Friday", "NNP", "pobj", 6),
            (".", ".", "punct", 3),
        ],
        [],
    ),
    (
        "The ferry is scheduled to sail on Friday.",
        [
            ("The", "DT", "det", 1),
            ("ferry", "NN", "nsubjpass", 3),
            ("is", "VBZ", "auxpass", 3),
            ("scheduled", "VBN", "ROOT", 3),
            ("to", "TO", "aux", 5),
            ("sail", "VB", "xcomp", 3),
            ("on", "IN", "prep", 5),
            ("Friday", "NNP", "pobj", 6),
            (".", ".", "punct", 3),
        ],
        ["2023-06-09"],
    ),
    # "set up" is no plan
    (
        "Volunteers set up a stall to collect names on Friday.",
        [
            ("Volunteers", "NNS", "nsubj", 1),
            ("set", "VBD", "ROOT", 1),
            ("up", "RP", "prt", 1),
            ("a", "DT", "det", 4),
            ("stall", "NN", "dobj", 1),
            ("to", "TO", "aux", 6),
            ("collect", "VB", "advcl", 1),
            ("names", "NNS", "dobj", 6),
            ("on", "IN", "prep", 6),
            ("Friday", "NNP", "pobj", 8),
            (".", ".", "punct", 1),
        ],
        ["2023-06-09"],
    ),
    # a possibility is no event
    (
        "The strike might spread to the docks next month.",
        [
            ("The", "DT", "det", 1),
            ("strike", "NN", "nsubj", 3),
            ("might", "MD", "aux", 3),
            ("spread", "VB", "ROOT", 3),
            ("to", "IN", "prep", 3),
            ("the", "DT", "det", 6),
            ("docks", "NNS", "pobj", 4),
            ("next", "JJ", "amod", 8),
            ("month", "NN", "npadvmod", 3),
            (".", ".", "punct", 3),
        ],
        [],
    ),
    # a rule's date is a fact
    (
        "Voters can cast ballots Friday.",
        [
            ("Voters", "NNS", "nsubj", 2),
            ("can", "MD", "aux", 2),
            ("cast", "VB", "ROOT", 2),
            ("ballots", "NNS", "dobj", 2),
            ("Friday", "NNP", "npadvmod", 2),
            (".", ".", "punct", 2),
        ],
        ["2023-06-09"],
    ),
    # "today" as the present against a past, and as the day of writing
    (
        "He ended by calling the town today a ghost of itself.",
        [
            ("He", "PRP", "nsubj", 1),
            ("ended", "VBD", "ROOT", 1),
            ("by", "IN", "prep", 1),
            ("calling", "VBG", "pcomp", 2),
            ("the", "DT", "det", 5),
            ("town", "NN", "dobj", 3),
            ("today", "NN", "npadvmod", 3),
            ("a", "DT", "det", 8),
            ("ghost", "NN", "oprd", 3),
            ("of", "IN", "prep", 8),
            ("itself", "PRP", "pobj", 9),
            (".", ".", "punct", 1),
        ],
        [],
    ),
    (
        "The ferry was sold today.",
        [
            ("The", "DT", "det", 1),
            ("ferry", "NN", "nsubjpass", 3),
            ("was", "VBD", "auxpass", 3),
            ("sold", "VBN", "ROOT", 3),
            ("today", "NN", "npadvmod", 3),
            (".", ".", "punct", 3),
        ],
        ["2023-06-09"],
    ),
    # a bare date on a verb of predicting is the day foreseen
    (
        "The agency predicted rain Sunday.",
        [
            ("The", "DT", "det", 1),
            ("agency", "NN", "nsubj", 2),
            ("predicted", "VBD", "ROOT", 2),
            ("rain", "NN", "dobj", 2),
            ("Sunday", "NNP", "npadvmod", 2),
            (".", ".", "punct", 2),
        ],
        ["2023-06-11"],
    ),
    # the publication's own weekday needs no tense
    (
        "Crowds lined the quay Friday for the regatta.",
        [
            ("Crowds", "NNS", "nsubj", 1),
            ("lined", "VBD", "ROOT", 1),
            ("the", "DT", "det", 3),
            ("quay", "NN", "dobj", 1),
            ("Friday", "NNP", "npadvmod", 3),
            ("for", "IN", "prep", 3),
            ("the", "DT", "det", 7),
            ("regatta", "NN", "pobj", 5),
            (".", ".", "punct", 1),
        ],
        ["2023-06-09"],
    ),
]


@pytest.mark.parametrize(("text", "words", "expected"), PARSED)
def test_dates_of_no_event_are_left_out(text, words, expected):
    found = find_dates([_unit(text)], [_tok(text, words)])
    assert [d.resolved for d in found] == expected
