"""Names by their surface, for the answer path: the capitalized words of a question, a claim or a
candidate sentence, and the capitalized runs a follow-up refers back to.

Why not the parser here: the answer path runs on every question, over ~30 candidate sentences,
and starts in a fresh ``briefing ask``. Loading the spaCy pipeline adds ~1.2 s to that cold start
(measured with the briefing work, docs/briefing.md) and parsing the candidates ~5 ms a sentence
(../shared/docs/environment.md), several times the whole warm answer (16-18 ms on the seed,
docs/benchmarks.md); and the learned answer model was trained on these surface features, so
serving must compute them the same way. The briefing, which has time and a per-snapshot parse
cache, asks the parser (``bot.nlp.entities``, ``bot.nlp.names``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from index.text.tokens import written_words

# A run of capitalized words, with the particles names carry ("al-", "bin", "de", "van").
_RUN = re.compile(
    r"(?:\b(?:al|el|ad|as|bin|ibn)-)?\b[A-Z][\w’'-]*(?:\s+(?:al-|bin\s+|de\s+|van\s+)?[A-Z][\w’'-]*)*"
)


def capitalized(text: str, keep_first: Callable[[str], bool] = lambda word: False) -> list[str]:
    """The capitalized words (acronyms included) of ``text``, in order. The first word counts only
    when ``keep_first(word)``: a sentence's first word is capitalized whatever it is."""
    found = written_words(text)
    return [w for k, w in enumerate(found) if w[:1].isupper() and (k > 0 or keep_first(w))]


def runs(text: str) -> list[str]:
    """Runs of capitalized words as written ("Abu Mohammed al-Golani", "the Riverside Bridge" →
    "Riverside Bridge" once the caller drops leading function words)."""
    return [m.group(0).strip() for m in _RUN.finditer(text)]
