"""Words of a text, by two rules for two different needs (measured apart in docs/architecture.md):

- ``folded_words``: what search matches on. Lowercased, accents off ("Türkiye" → turkiye), the
  possessive 's dropped, hyphenated names split ("al-Assad" → al, assad) so a query word finds
  the name's part. Feeds ``index.text.terms``.
- ``written_words``: words as written, for telling names by their capitals (``bot.nlp.surface``).
  Case is kept, and inner hyphens and apostrophes stay inside the word ("al-Assad", "Assad's"):
  a capitalized run is one name, not two.
"""

from __future__ import annotations

import re
import unicodedata

_FOLDED_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
_POSSESSIVE = re.compile(r"['’]s$")
_WRITTEN_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


def fold(text: str) -> str:
    """Lowercase without accents: "Türkiye" → "turkiye" (queries are often typed without them)."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def folded_words(text: str) -> list[str]:
    """Folded words; possessive 's dropped; hyphenated names split ("al-Assad" → al, assad)."""
    return [_POSSESSIVE.sub("", w).replace("’", "'") for w in _FOLDED_WORD.findall(fold(text))]


def written_words(text: str) -> list[str]:
    """The words of ``text`` as written (letters and digits, inner hyphens and apostrophes kept)."""
    return _WRITTEN_WORD.findall(text)
