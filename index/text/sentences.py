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


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character bounds of the sentences of a paragraph (pysbd: handles abbreviations, quotes,
    decimals), with its splits after titles and clock times undone (see ``_TITLE_END``). Bounds,
    not strings, so a parse of the paragraph can be sliced at the same sentence ends."""
    out: list[tuple[int, int]] = []
    cursor = 0
    for piece in (s.strip() for s in _segmenter().segment(text)):
        if not piece:
            continue
        # pysbd returns pieces of the text as written (clean=False); on every dev set's articles
        # each is found, in order, past the one before. Should one not be, it is taken as read.
        at = text.find(piece, cursor)
        start = at if at >= 0 else len(text) - len(text[cursor:].lstrip())
        end = min(len(text), start + len(piece))
        cursor = end
        last = text[out[-1][0] : out[-1][1]] if out else ""
        if out and (_TITLE_END.search(last) or (_CLOCK_END.search(last) and _GOES_ON.match(piece))):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def split_sentences(text: str) -> list[str]:
    """The sentences of a paragraph as written there (``sentence_spans``)."""
    return [text[a:b] for a, b in sentence_spans(text)]
