"""Timeline: dated events in date order, each date shown as written and as resolved.

Dates are found with patterns (full dates, month and year, "since November 27", years after a
time word in any case: "in 2015", "SINCE 2012", "fiscal 1989"), years the model tags as dates
("a 2014 study"; a count such as "2000 residents" it tags as a number), and the phrases of
``bot.briefing.relative_dates`` ("last year", "on Friday"). A date written without its year is
resolved against the article's publication date and the tense of its clause: "Since November 27"
in an article published on 2025-01-23 is 2024-11-27. Left out: periods ("between 2012 and 2018",
the end of "from X to Y"), decades, a yearless date whose year would be a guess (more than
``UNCERTAIN_DAYS`` from publication), remarks ("she said Tuesday"), dates that date no event
(``date_tense.dates_no_event``: "could ... next year", "according to a 2019 report", "lower
than the 46,797 he saw on Friday", "was slated to ... on Saturday", "up from last year's", a
generic "today") and sentences that date none (questions, orders to
the reader, an embedded post's signature, an aside in brackets).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from bot.briefing.keypoints import about_the_reporting
from bot.briefing.sentences import Unit
from index.text.calendar import MONTH_ABBREVIATIONS, MONTH_NAMES

_MONTH = rf"(?:{MONTH_NAMES}|{MONTH_ABBREVIATIONS})"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
_DATE = re.compile(
    rf"\b(?P<iso>{_YEAR}-[01]\d-[0-3]\d)\b"
    rf"|\b(?P<md>{_MONTH}\s+{_DAY})(?:,?\s+(?P<mdy>{_YEAR}))?\b"
    rf"|\b(?P<dm>{_DAY}\s+(?:of\s+)?{_MONTH})(?:,?\s+(?P<dmy>{_YEAR}))?(?![\w])"
    rf"|\b(?P<my>{_MONTH}\s+{_YEAR})\b"
    # A bare year only after a word that introduces a time ("in 2015", "by 2012", "to 2011"):
    # other four-digit numbers in news ("2000 residents") are counts.
    # (in any case: "SINCE 2012" in a heading, "Since 2012" opening a sentence)
    rf"|\b(?i:in|since|by|until|till|from|during|before|after|of|early|late|mid-?|around|between"
    rf"|and|to|through|circa|year|summer|winter|spring|autumn|fall|fiscal)\s+(?P<year>{_YEAR})\b"
    rf"(?![,.]\d|%|s\b|['’]s\b)"  # "the 1980s": decades are periods, not dates
)
# A yearless day within this many days after the article's last full date ("on December 16,
# 2010 ... She returned on December 27") is in that date's year: a report narrates forward.
ANCHOR_DAYS = 120
# See ``resolve_year``: on the dev pages every yearless day lies within 60 days of publication.
SENSIBLE_DAYS = 180
# A yearless day or month resolved from the publication date alone further away than this is
# too uncertain to list (its year is a guess): on timebank_dates_dev such dates were right 25
# times in 33 (0.76), those within 120 days 110 in 113.
UNCERTAIN_DAYS = 120
NEAR_DAYS = 60
_FUTURE = re.compile(
    r"\b(will|shall|scheduled|next|upcoming|planned|plans? to|to be held|due to)\b", re.IGNORECASE
)
_PAST = re.compile(
    r"\b(since|last|ago|earlier|previously|was|were|had|did|began|started)\b", re.IGNORECASE
)


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
    parsed = dateparser.parse(
        text,
        languages=["en"],
        settings={
            "PREFER_DAY_OF_MONTH": "first",
            "RETURN_AS_TIMEZONE_AWARE": False,
            "RELATIVE_BASE": dt.datetime(2000, 1, 1),
            "PREFER_DATES_FROM": "current_period",
        },
    )
    return parsed.date() if parsed else None


def resolve_year(
    month: int,
    day: int,
    published: str,
    context: str,
    when: str | None = None,
    anchor: dt.date | None = None,
) -> int | None:
    """The year of a yearless day: the year of ``anchor`` (the article's last full date before
    it) when the day follows that date within ``ANCHOR_DAYS``; else from the publication date
    (ISO) and the tense (``when``: "past"/"future"/"", or read from ``context``). None without
    a publication date; 0 when the day would lie more than ``UNCERTAIN_DAYS`` from it."""
    if anchor is not None:
        for year in (anchor.year, anchor.year + 1):
            try:
                d = dt.date(year, month, day)
            except ValueError:
                continue
            if 0 <= (d - anchor).days <= ANCHOR_DAYS:
                return year
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
    if when is None:
        when = (
            "future"
            if _FUTURE.search(context) and not _PAST.search(context)
            else "past"
            if _PAST.search(context)
            else ""
        )
    if not options:
        return None
    nearest = min(options, key=lambda d: abs((d - base).days))
    if when == "future":
        options = [d for d in options if d >= base] or options
    elif when == "past":
        options = [d for d in options if d <= base] or options
    chosen = min(options, key=lambda d: abs((d - base).days))
    # A tense that puts the day most of a year away, when it could be days away, was read from
    # another clause ("authorized a split, payable Dec. 7" in October; "had been set to expire
    # Nov. 6" in November). Measured on timebank_dates_dev: 2 more right, none lost, against
    # applying it to the future only.
    if (
        when in ("future", "past")
        and abs((chosen - base).days) > SENSIBLE_DAYS
        and abs((nearest - base).days) <= NEAR_DAYS
    ):
        chosen = nearest
    if abs((chosen - base).days) > UNCERTAIN_DAYS:
        return 0
    return chosen.year


def _resolve(
    m: re.Match, published: str, context: str, when: str | None, anchor: dt.date | None
) -> tuple[str, tuple[int, int, int]] | None:
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
        resolved_year = resolve_year(d.month, d.day, published, context, when, anchor)
        if resolved_year is None:
            return "", (9999, d.month, d.day)
        if resolved_year == 0:
            return None
        d = d.replace(year=resolved_year)
    return d.isoformat(), (d.year, d.month, d.day)


_BARE_YEAR = re.compile(rf"\b{_YEAR}\b(?![,.]\d|%|s\b|['’]s\b)")


def _modifier_years(text: str, parse, taken: list[tuple[int, int]]) -> list:
    """Years with no time word before them that the model reads as dates: "a 2014 study",
    "his 1996 campaign", "fiscal 1989" (a count such as "2000 residents" it reads as a number)."""
    if parse is None:
        return []
    spans = [(e.start, e.end) for e in parse.entities if e.label == "DATE"]
    out = []
    for m in _BARE_YEAR.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        if any(a <= m.start() < b for a, b in spans) and not _in_range(text, m):
            year = int(m.group(0))
            out.append((m.group(0), (m.group(0), (year, 0, 0)), m.span()))
    return out


def _in_range(text: str, m: re.Match) -> bool:
    """ "between 2012 and 2018" (a period: both left out) or the end of "from X to Y"."""
    start = m.start("year") if "year" in m.re.groupindex and m.group("year") else m.start()
    before = text[max(0, start - 40) : start]
    after = text[m.end() : m.end() + 40]
    if re.search(r"\bbetween\s+$", before) and re.match(r"^\s+(?:and|to)\s", after):
        return True
    if re.search(r"\bbetween\s+\S+(?:\s+\S+)?\s+(?:and|to)\s+$", before):
        return True
    return bool(re.search(r"\bfrom\s+\S+(?:\s+\S+){0,2}\s+(?:to|until|through)\s+$", before))


# The signature under an embedded post ("— Ann Lee (@annlee) January 6, 2020") dates the post.
_EMBED_SIGNATURE = re.compile(r"^[—–-]\s*[^()]{1,80}\(@\w+\)")


def not_an_event(text: str, parse) -> bool:
    """A sentence whose dates date no event: a question, an order to the reader ("Start your
    subscription today"), an embedded post's signature, a sentence wholly in brackets (an aside
    or an editor's note: "(This story was updated on May 2 to correct ...)")."""
    text = text.strip()
    if text.endswith("?") or _EMBED_SIGNATURE.match(text):
        return True
    if text.startswith("(") and text.endswith((")", ").")) and text.count("(") == 1:
        return True
    toks = [t for t in (parse.tokens if parse is not None else ()) if t.text.isalpha()]
    return bool(toks) and toks[0].tag == "VB" and not any(t.dep == "nsubj" for t in toks)


def find_dates(units: list[Unit], parses: list | None = None) -> list[Dated]:
    """Every date of every unit, in date order (yearless ones without a publication date last).
    ``parses`` (``bot.briefing.names.SentenceParse`` per unit) give each date's clause its tense."""
    from bot.briefing.date_tense import dates_a_remark, dates_no_event, on_a_verb, tense
    from bot.briefing.relative_dates import RELATIVE, resolve

    out = []
    seen = set()
    anchor: dict[tuple[str, ...], dt.date] = {}
    for i, u in enumerate(units):
        parse = parses[i] if parses else None
        if about_the_reporting(u.text) or not_an_event(u.text, parse):
            continue
        found_here = []
        for m in _DATE.finditer(u.text):
            if _in_range(u.text, m) or dates_a_remark(parse, m.start()):
                continue
            context = u.text[max(0, m.start() - 60) : m.end() + 60]
            when = tense(parse, m.start(), context) if parse is not None else None
            found = _resolve(m, u.published, context, when, anchor.get(u.article_ids))
            if not found:
                continue
            if (m.group("mdy") or m.group("dmy") or m.group("iso")) and found[0]:
                anchor[u.article_ids] = dt.date.fromisoformat(found[0])
            found_here.append((m.group("year") or m.group(0), found, m.span()))
        written = [m.span() for m in _DATE.finditer(u.text)]  # ranges left out above included
        found_here += _modifier_years(u.text, parse, written)
        for m in RELATIVE.finditer(u.text):
            if any(a < m.end() and m.start() < b for _, _, (a, b) in found_here) or dates_a_remark(
                parse, m.start()
            ):
                continue
            if m.group(0).lower() == "today" and not on_a_verb(parse, m.start()):
                continue
            context = u.text[max(0, m.start() - 60) : m.end() + 60]
            found = resolve(m, u.published, tense(parse, m.start(), context))
            if found:
                found_here.append((m.group(0), found, m.span()))
        for written, (resolved, (y, mo, d)), (start, _) in found_here:
            if (i, resolved or written) in seen or dates_no_event(parse, start, written):
                continue
            seen.add((i, resolved or written))
            out.append(Dated(i, written, resolved, (y, mo, d, u.order)))
    out.sort(key=lambda x: x.sort_key)
    return out
