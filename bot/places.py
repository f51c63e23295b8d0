"""Places: the countries, cities and regions that matter, each with its key sentence.

A name is a place by the evidence in ``bot.names`` (country names, demonyms, "the city of X",
"in X", "X region"). It matters when the articles name it in several sentences or describe it
("Homs is strategically located...", "Aleppo, once Syria's largest city"); the key sentence is the
describing one, else the most central sentence that names it (see ``bot.people.identify``).
"""

from __future__ import annotations

import numpy as np

from bot.brief_sentences import Unit
from bot.names import Name
from bot.people import Identified, listed

MAX_PLACES = 10


def places(names: list[Name], units: list[Unit], centrality: np.ndarray,
           weights: np.ndarray | None = None) -> list[Identified]:
    """Places worth listing, most mentioned first."""
    return listed(names, ("place",), units, centrality, weights)[:MAX_PLACES]
