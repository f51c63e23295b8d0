"""Dates a text gives relative to when it was written: weekdays ("on Thursday"), a month alone
("in November"), "last month", "yesterday", "earlier this month". Each is resolved against the
publication date and the tense of the clause it stands in (``tense``), or not at all.

Rules (checked against the dated events of the dev pages' gold):
- a weekday in a past clause is the latest such day on or before publication ("On Thursday"
  in a Friday's paper is the day before); in a future clause the first on or after it; with no
  tense it is left out (can't be pinned down);
- a month alone after a time word ("in November", "since late March") is the latest such month
  on or before the publication month in a past clause, the next one in a future clause, the
  nearest otherwise;
- "last week/month/year", "this month/year", "next ...", "yesterday", "today" by the calendar.
"""

from __future__ import annotations

import datetime as dt
import re

from bot.briefing.names import SentenceParse

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
RELATIVE = re.compile(
    r"\b(?P<weekday>(?:on\s+|last\s+|next\s+|this\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday))\b(?![\s,]+(?:[A-Z][a-z]+\.?\s+)?\d)"
    r"|\b(?:in|since|until|by|from|during|early|late|mid-?|last|next|this|through)\s+"
    r"(?:(?:early|late|mid-?)\s*)?(?P<month>January|February|March|April|May|June|July|August|"
    r"September|October|November|December)\b(?![\s,]+\d)"
    # Only the phrases that date events on the dev pages: "today", "this week", "next year" and
    # "last year" are mostly in quotes or asides (measured: 12 of 15 such entries matched no
    # dated event of the gold).
    r"|\b(?P<rel>last (?:week|month)|earlier this month|yesterday)\b",
    re.IGNORECASE,
)
_FUTURE_WORDS = re.compile(
    r"\b(will|shall|scheduled|upcoming|planned|plans? to|due to|expected to|"
    r"set to|is to|are to)\b",
    re.IGNORECASE,
)
_PAST_WORDS = re.compile(r"\b(since|ago|earlier|previously|was|were|had|did)\b", re.IGNORECASE)


def _verb_of(parse: SentenceParse, offset: int) -> int | None:
    """The token index of the verb the word at ``offset`` hangs on (up to 8 steps up the tree)."""
    toks = parse.tokens
    k = next((i for i, t in enumerate(toks) if t.start <= offset < t.start + len(t.text) + 1), None)
    steps = 0
    while k is not None and not toks[k].tag.startswith("VB") and steps < 8:
        k = toks[k].head if toks[k].head != k else None
        steps += 1
    return k if k is not None and toks[k].tag.startswith("VB") else None


# Verbs of saying: "..., she said Tuesday" dates a remark, not an event (on the dev pages no
# gold event is a remark's date). "announced" stays: an announcement is news.
_SAYING = frozenset("said says say told tells tell added adds noted notes wrote writes".split())


def dates_a_remark(parse: SentenceParse | None, offset: int) -> bool:
    """Whether the date at ``offset`` hangs on a verb of saying written before it."""
    if parse is None or not parse.tokens:
        return False
    k = _verb_of(parse, offset)
    # after the verb: in '"...cut me off" in the first quarter of 2020, he added' the date
    # belongs to what was said
    return (
        k is not None and parse.tokens[k].text.lower() in _SAYING and parse.tokens[k].start < offset
    )


def tense(parse: SentenceParse | None, offset: int, context: str) -> str:
    """ "past", "future" or "" for the clause around character ``offset`` of the sentence: the
    verb the date hangs on (its tag, a "will"/"would" beside it), else words nearby."""
    if parse is not None and parse.tokens:
        toks = parse.tokens
        k = _verb_of(parse, offset)
        if k is not None:
            aux = [t for t in toks if t.head == k and t.dep in ("aux", "auxpass")]
            if any(
                t.tag == "MD" and t.text.lower() in ("will", "would", "shall", "'ll") for t in aux
            ):
                return "future"
            if any(t.text.lower() in ("to",) for t in aux) and _FUTURE_WORDS.search(context):
                return "future"
            if toks[k].tag == "VBD" or any(t.tag == "VBD" for t in aux):
                return "past"
            if toks[k].tag == "VBN" and any(t.text.lower() in ("has", "have", "had") for t in aux):
                return "past"
    if _FUTURE_WORDS.search(context) and not _PAST_WORDS.search(context):
        return "future"
    if _PAST_WORDS.search(context):
        return "past"
    return ""


def in_quote(m: re.Match) -> bool:
    """Whether the match stands inside quotation marks (an odd number of them before it)."""
    before = m.string[: m.start()]
    return (before.count("“") > before.count("”")) or before.count('"') % 2 == 1


def _month_shift(base: dt.date, months: int) -> tuple[int, int]:
    n = base.year * 12 + base.month - 1 + months
    return n // 12, n % 12 + 1


def resolve(m: re.Match, published: str, when: str) -> tuple[str, tuple[int, int, int]] | None:
    """The resolved date (``YYYY-MM-DD`` or ``YYYY-MM``/``YYYY``) and a sort key, or None."""
    try:
        base = dt.date.fromisoformat(published)
    except ValueError:
        return None
    g = m.groupdict()
    if in_quote(m):
        return None  # a quoted "on Monday" may be relative to when it was said, not printed
    if g["weekday"]:
        words = g["weekday"].lower().split()
        wd = WEEKDAYS.index(words[-1])
        if words[0] == "last" or (when == "past" and words[0] != "next"):
            back = (base.weekday() - wd) % 7
            d = base - dt.timedelta(days=back or (7 if words[0] == "last" else 0))
        elif words[0] == "next" or when == "future":
            d = base + dt.timedelta(
                days=(wd - base.weekday()) % 7 or (7 if words[0] == "next" else 0)
            )
        else:
            return None
        return d.isoformat(), (d.year, d.month, d.day)
    if g["month"]:
        month = MONTHS.index(g["month"].lower()) + 1
        if g["month"] == "May" and not re.match(
            r"(?i)in|since|until|by|from|during|early|late|mid", m.group(0)
        ):
            return None
        text = m.group(0).lower()
        years = re.findall(r"\b(?:19|20)\d\d\b", m.string)
        if len(set(years)) == 1:  # "In 2004, ... in mid-August": the sentence's own year
            return f"{years[0]}-{month:02d}", (int(years[0]), month, 0)
        if text.startswith(("last", "since")) or when == "past":
            year = base.year if month <= base.month else base.year - 1
        elif text.startswith("next") or when == "future":
            year = base.year if month >= base.month else base.year + 1
        else:
            options = [dt.date(y, month, 15) for y in (base.year - 1, base.year, base.year + 1)]
            year = min(options, key=lambda d: abs((d - base).days)).year
        return f"{year:04d}-{month:02d}", (year, month, 0)
    rel = g["rel"].lower()
    if rel in ("yesterday", "today"):
        d = base - dt.timedelta(days=1 if rel == "yesterday" else 0)
        return d.isoformat(), (d.year, d.month, d.day)
    shift = -1 if rel.startswith("last") else 1 if rel.startswith("next") else 0
    unit = rel.split()[-1]
    if unit == "year":
        return f"{base.year + shift:04d}", (base.year + shift, 0, 0)
    if unit == "week":
        d = base + dt.timedelta(days=7 * shift)
        return f"{d.year:04d}-{d.month:02d}", (d.year, d.month, 0)
    y, mo = _month_shift(base, shift)
    return f"{y:04d}-{mo:02d}", (y, mo, 0)
