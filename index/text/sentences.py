"""The one sentence splitter, for ingestion (over-long paragraphs cut at sentence ends), the
briefing (its units) and the answer path (candidate sentences, a question's asked part)."""

from __future__ import annotations

import re
from functools import lru_cache

from index.text.calendar import MONTH_NAMES, MONTH_SHORT, WEEKDAY_NAMES


@lru_cache(maxsize=1)
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


# pysbd splits after a title or a clock time when a capitalized word follows ("then-Rep. | Liz
# Cheney", "10 a.m. | Tuesday"): a title never ends a sentence, and a clock time followed by a
# day, a month or a time zone goes on.
_TITLE_END = re.compile(
    r"(?:^|[\s(\[-])(?:Mr|Mrs|Ms|Dr|Rep|Reps|Sen|Sens|Gov|Gen|Lt|Col|Sgt|Capt|Cpl|"
    r"Prof|Rev|Hon|Pres|Adm|Cmdr|Maj|Supt|Insp|Det|Fr|Sr|Jr|St)\.$"
)
_CLOCK_END = re.compile(r"\b\d{1,2}(?::\d\d)?\s*[ap]\.m\.$", re.IGNORECASE)
_GOES_ON = re.compile(
    rf"(?:{WEEKDAY_NAMES})\b|(?:{MONTH_NAMES}|{MONTH_SHORT})\b"
    r"|(?:ET|EST|EDT|PT|PST|PDT|CT|CST|CDT|GMT|UTC|BST)\b"
)


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph (pysbd: handles abbreviations, quotes, decimals), with its splits
    after titles and clock times undone (see ``_TITLE_END``)."""
    out: list[str] = []
    for piece in (s.strip() for s in _segmenter().segment(text)):
        if not piece:
            continue
        if out and (
            _TITLE_END.search(out[-1]) or (_CLOCK_END.search(out[-1]) and _GOES_ON.match(piece))
        ):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out
