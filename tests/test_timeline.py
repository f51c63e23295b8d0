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
]


@pytest.mark.parametrize(("text", "dates", "numbers", "expected"), CASES)
def test_dates_the_timeline_takes(text, dates, numbers, expected):
    found = find_dates([_unit(text)], [_parse(text, dates, numbers)])
    assert [d.resolved for d in found] == expected
