"""Places: the countries, cities and regions that matter, each with its key sentence.

A name is a place by the evidence in ``bot.names`` (country names, demonyms, "the city of X",
"in X", "X region"). It matters when the articles name it in several sentences or describe it
("Homs is strategically located...", "Aleppo, once Syria's largest city"); the key sentence is the
describing one, else the most central sentence that names it (see ``bot.people.identify``).
"""

from __future__ import annotations

import numpy as np

from bot.brief_sentences import Unit
from bot.names import SentenceParse
from bot.nlp import Name
from bot.people import Identified, cap, listed

# The dev pages' gold lists 0-16 places for 18-76 paragraphs.
MIN_PLACES = 10
PER_SENTENCES = 3


def places(names: list[Name], units: list[Unit], centrality: np.ndarray,
           weights: np.ndarray | None = None,
           parses: list[SentenceParse] | None = None) -> list[Identified]:
    """Places (the model's GPE, LOC, FAC, corrected by ``bot.name_kinds``), most mentioned first."""
    found = listed(names, ("place",), units, centrality, weights, parses)
    return found[:cap(units, MIN_PLACES, PER_SENTENCES)]
