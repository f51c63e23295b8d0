"""Timeline: dated events in date order, each date shown as written and as resolved.

Dates are found with patterns (full dates, month and year, "since November 27", years after a
preposition: "in 2015", "by 2012") and parsed with dateparser. A date written without its year is
resolved against the article's publication date: the nearest such day, in the past when the text
around it speaks of the past ("since", "last", "was") and in the future when it speaks of what is
to come ("will", "scheduled", "upcoming"). So "Since November 27" in an article published on
2025-01-23 is 2024-11-27. Weekday names ("on Saturday") are left out: without the date the text
was written (pages are often dated when scraped, not when written) they can't be pinned down.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from bot.brief_sentences import Unit

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
          r"December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)")
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
_DATE = re.compile(
    rf"\b(?P<iso>{_YEAR}-[01]\d-[0-3]\d)\b"
    rf"|\b(?P<md>{_MONTH}\s+{_DAY})(?:,?\s+(?P<mdy>{_YEAR}))?\b"
    rf"|\b(?P<dm>{_DAY}\s+(?:of\s+)?{_MONTH})(?:,?\s+(?P<dmy>{_YEAR}))?(?![\w])"
    rf"|\b(?P<my>{_MONTH}\s+{_YEAR})\b"
    # A bare year only after a word that introduces a time ("in 2015", "by 2012", "to 2011"):
    # other four-digit numbers in news ("2000 residents") are counts.
    rf"|\b(?:in|since|by|until|till|from|during|before|after|of|early|late|mid-?|around|between"
    rf"|and|to|through|circa|year|summer|winter|spring|autumn|fall)\s+(?P<year>{_YEAR})s?\b(?![,.]\d|%)",
)
_FUTURE = re.compile(r"\b(will|shall|scheduled|next|upcoming|planned|plans? to|to be held|due to)\b", re.IGNORECASE)
_PAST = re.compile(r"\b(since|last|ago|earlier|previously|was|were|had|did|began|started)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Dated:
    unit: int
    written: str  # the date as the text has it
    resolved: str  # YYYY, YYYY-MM or YYYY-MM-DD; "" when the year can't be known
    sort_key: tuple[int, int, int, int]


@lru_cache(maxsize=4096)
def _parse(text: str) -> dt.date | None:
    import dateparser  # lazy: only briefings need it at run time

    # A fixed base keeps dateparser from filling a missing year from today's clock; the year of
    # yearless dates is chosen by ``resolve_year`` instead.
    parsed = dateparser.parse(text, languages=["en"], settings={
        "PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False,
        "RELATIVE_BASE": dt.datetime(2000, 1, 1), "PREFER_DATES_FROM": "current_period",
    })
    return parsed.date() if parsed else None


def resolve_year(month: int, day: int, published: str, context: str) -> int | None:
    """The year of a yearless day, from the publication date (ISO) and the tense around it."""
    try:
        base = dt.date.fromisoformat(published)
    except ValueError:
        return None
    options = []
    for year in (base.year - 1, base.year, base.year + 1):
        try:
            options.append(dt.date(year, month, day))
        except ValueError:  # 29 February of a common year
            continue
    if _FUTURE.search(context) and not _PAST.search(context):
        options = [d for d in options if d >= base] or options
    elif _PAST.search(context):
        options = [d for d in options if d <= base] or options
    return min(options, key=lambda d: abs((d - base).days)).year if options else None


def _resolve(m: re.Match, published: str, context: str) -> tuple[str, tuple[int, int, int]] | None:
    g = m.groupdict()
    if g["year"]:
        return g["year"], (int(g["year"]), 0, 0)
    if g["my"]:
        d = _parse(g["my"])
        return (f"{d.year:04d}-{d.month:02d}", (d.year, d.month, 0)) if d else None
    text = g["iso"] or g["md"] or g["dm"]
    year = g["mdy"] or g["dmy"]
    d = _parse(f"{text} {year}" if year else text)
    if d is None:
        return None
    if not (year or g["iso"]):
        resolved_year = resolve_year(d.month, d.day, published, context)
        if resolved_year is None:
            return "", (9999, d.month, d.day)
        d = d.replace(year=resolved_year)
    return d.isoformat(), (d.year, d.month, d.day)


def find_dates(units: list[Unit]) -> list[Dated]:
    """Every date of every unit, in date order (yearless ones without a publication date last)."""
    out = []
    seen = set()
    for i, u in enumerate(units):
        for m in _DATE.finditer(u.text):
            context = u.text[max(0, m.start() - 60):m.end() + 60]
            found = _resolve(m, u.published, context)
            if not found:
                continue
            resolved, (y, mo, d) = found
            written = m.group("year") or m.group(0)
            if (i, resolved or written) in seen:
                continue
            seen.add((i, resolved or written))
            out.append(Dated(i, written, resolved, (y, mo, d, u.order)))
    out.sort(key=lambda x: x.sort_key)
    return out
