"""Places: the countries, cities and regions that matter, each with its key sentence.

A name is a place by the model's label as corrected in ``bot.briefing.kinds`` (country names,
"the city of X", "in X", "X region"). It is listed when at least one mention names the place
itself: a word of a date's name ("the Super Tuesday states", "Super" tagged GPE) or of a title
("the Duke of Edinburgh") says nothing about where things happen, and a bare compass word
("parts of the West") is a direction. A place word modifying a noun still counts ("a San Diego
engineer", "the Tahoe area": the dev pages' gold lists those).
The key sentence is the describing one, else the most central sentence that names it (see
``bot.briefing.people.identify``).
"""

from __future__ import annotations

import re

import numpy as np

from bot.briefing.names import SentenceParse
from bot.briefing.people import Identified, listed
from bot.briefing.sentences import Unit
from bot.nlp import Name

_TITLE_OF = re.compile(
    r"\b(?:Duke|Duchess|Earl|Countess|Marquess|Marchioness|Baron|Baroness|"
    r"Viscount|Prince|Princess)\s+of\s+(?:the\s+)?$"
)
_COMPASS = frozenset("north south east west northeast northwest southeast southwest".split())


def _names_place(m, units: list[Unit], parses: list[SentenceParse] | None) -> bool:
    """Whether mention ``m`` names the place itself, not a word of a longer name or a direction."""
    text = units[m.where].text
    if _TITLE_OF.search(text[: m.start]) or m.form.lower() in _COMPASS:
        return False
    if parses is None:
        return True
    # "Super" of "Super Tuesday": the word after it is a date the model tagged on its own
    head = next((t for t in parses[m.where].tokens if t.start >= m.end), None)
    return not (
        head is not None
        and text[m.end : head.start] == " "
        and head.text[:1].isupper()
        and any(
            e.label in ("DATE", "EVENT") and e.start <= head.start < e.end
            for e in parses[m.where].entities
        )
    )


def places(
    names: list[Name],
    units: list[Unit],
    centrality: np.ndarray,
    weights: np.ndarray | None = None,
    parses: list[SentenceParse] | None = None,
) -> list[Identified]:
    """Places (the model's GPE, LOC, FAC, corrected by ``bot.briefing.kinds``), most mentioned
    first, every one (no cap: see ``who_is_who``)."""
    named = [n for n in names if any(_names_place(m, units, parses) for m in n.mentions)]
    return listed(named, ("place",), units, centrality, weights, parses)
