"""Dates a text gives relative to when it was written, resolved against the publication date and
the tense of the clause they stand in (``bot.briefing.date_tense``), or not at all.

Rules (measured on timebank_dates_dev and the dev pages, ``python -m bench.components``):
- a weekday in a past clause is the latest such day on or before publication ("On Thursday"
  in a Friday's paper is the day before); in a future clause the first on or after it; with no
  tense it is left out (can't be pinned down) unless it is the publication's own weekday, which
  both readings give ("the debate stage Wednesday" in a Wednesday's paper); "a Wednesday" names
  a kind of day;
- a month alone after a time word ("in November", "since late March", "this September") is the
  latest such month on or before the publication month in a past clause, the next one in a future
  clause, the nearest otherwise; one more than ``UNCERTAIN_MONTHS`` away is a guess, left out;
- any other phrase relative to the day of writing ("last year", "two weeks ago", "later this
  month", "yesterday", "today") is read by dateparser from the publication date, at its unit's
  precision; quarters and seasons ("last quarter", "next summer"), which dateparser doesn't read,
  give their year. No list of phrases: on timebank_dates_dev the dev pages' former whitelist
  ("last week/month", "earlier this month", "yesterday") found 0.54 of the gold dates, these
  rules 0.73 at the same precision.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from index.text.calendar import MONTH_NAMES, MONTHS, WEEKDAY_NAMES, WEEKDAYS

# Months away from publication beyond which a tense-chosen month yields to one within two months
# (measured on timebank_dates_dev, see ``bench.components``).
FAR_MONTHS = 6
UNCERTAIN_MONTHS = 4
_NUMBER = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})"
_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
RELATIVE = re.compile(
    # "on Dec. 18, a Wednesday": a weekday after "a" names the kind of day, not which one
    rf"(?<!\b[Aa]\s)\b(?P<weekday>(?:on\s+|last\s+|next\s+|this\s+)?(?:{WEEKDAY_NAMES}))\b"
    # a weekday before a date ("Friday, March 3", "Friday 3") is that date's; the month name is
    # matched case-sensitively, or "on Friday was 777" would read as one
    r"(?![\s,]+(?-i:[A-Z][a-z]+\.?\s+)?\d)"
    # a month name as written, capitalised: "this may continue" is a verb
    r"|\b(?:in|since|until|by|from|during|early|late|mid-?|last|next|this|through)\s+"
    rf"(?:(?:early|late|mid-?)\s*)?(?P<month>(?-i:{MONTH_NAMES}))\b(?![\s,]+\d)"
    # Any calendar phrase relative to the day of writing, resolved by dateparser from the
    # publication date ("last year", "two weeks ago", "earlier this month", "yesterday"), and
    # quarters and seasons, which dateparser doesn't read ("last quarter", "next spring"). "The
    # past year" is a period, and "a year later/earlier" counts from another event: both left out.
    r"|\b(?:(?:earlier|later|early|late)\s+)?(?P<rel>(?:this|last|next|coming)\s+"
    r"(?P<unit>week|month|year|quarter|spring|summer|autumn|fall|winter)"
    rf"|{_NUMBER}\s+(?:day|week|month|year)s?\s+ago"
    r"|yesterday|tomorrow|tonight|last\s+night|today(?!['’]s))\b",
    re.IGNORECASE,
)


def in_quote(m: re.Match) -> bool:
    """Whether the match stands inside quotation marks (an odd number of them before it)."""
    before = m.string[: m.start()]
    return (before.count("“") > before.count("”")) or before.count('"') % 2 == 1


def resolve(m: re.Match, published: str, when: str) -> tuple[str, tuple[int, int, int]] | None:
    """The resolved date (``YYYY-MM-DD`` or ``YYYY-MM``/``YYYY``) and a sort key, or None."""
    try:
        base = dt.date.fromisoformat(published)
    except ValueError:
        return None
    g = m.groupdict()
    word = m.group(0)
    if (
        in_quote(m)
        or word.lower() == "today"
        and word != "today"
        and (m.start() or word != "Today")
    ):
        # a quoted "on Monday" may be relative to when it was said, not printed; "Today"
        # capitalised inside a sentence, or in capitals, is a name ("This is VOA Today", "USA
        # TODAY")
        return None
    if g["weekday"]:
        return _weekday(g["weekday"], base, when)
    if g["month"]:
        return _month(m, base, when)
    return _relative(" ".join(g["rel"].lower().split()), (g["unit"] or "").lower(), base)


def _weekday(phrase: str, base: dt.date, when: str) -> tuple[str, tuple[int, int, int]] | None:
    """A weekday ("on Thursday", "next Monday") by the clause's tense; see the module's rules."""
    words = phrase.lower().split()
    wd = WEEKDAYS.index(words[-1])
    if words[0] == "last" or (when == "past" and words[0] != "next"):
        back = (base.weekday() - wd) % 7
        d = base - dt.timedelta(days=back or (7 if words[0] == "last" else 0))
    elif words[0] == "next" or when == "future":
        d = base + dt.timedelta(days=(wd - base.weekday()) % 7 or (7 if words[0] == "next" else 0))
    elif wd == base.weekday():
        d = base  # the day of writing: the last such day and the next agree on it
    else:
        return None
    return d.isoformat(), (d.year, d.month, d.day)


def _month(m: re.Match, base: dt.date, when: str) -> tuple[str, tuple[int, int, int]] | None:
    """A month after a time word ("in November", "since late March"); see the module's rules."""
    g = m.groupdict()
    month = MONTHS.index(g["month"].lower()) + 1
    if g["month"] == "May" and not re.match(
        r"(?i)in|since|until|by|from|during|early|late|mid", m.group(0)
    ):
        return None
    text = m.group(0).lower()
    years = re.findall(r"\b(?:19|20)\d\d\b", m.string)
    if len(set(years)) == 1:  # "In 2004, ... in mid-August": the sentence's own year
        return f"{years[0]}-{month:02d}", (int(years[0]), month, 0)
    nearest = min((base.year - 1, base.year, base.year + 1), key=lambda y: _months(base, y, month))
    if text.startswith("this"):
        year = base.year
    elif text.startswith(("last", "since")) or when == "past":
        year = base.year if month <= base.month else base.year - 1
    elif text.startswith("next") or when == "future":
        year = base.year if month >= base.month else base.year + 1
    else:
        year = nearest
    # as for days (``timeline.resolve_year``): a tense that puts the month most of a year away
    # when it could be next month or last was read from another clause
    if text.split()[0] in ("in", "by", "until", "through", "from", "during", "early", "late"):
        if _months(base, year, month) > FAR_MONTHS and _months(base, nearest, month) <= 2:
            year = nearest
    explicit = text.startswith(("last", "next", "this", "since"))
    if not explicit and _months(base, year, month) > UNCERTAIN_MONTHS:
        return None  # see ``timeline.UNCERTAIN_DAYS``
    return f"{year:04d}-{month:02d}", (year, month, 0)


def _months(base: dt.date, year: int, month: int) -> int:
    return abs((year - base.year) * 12 + month - base.month)


def _relative(rel: str, unit: str, base: dt.date) -> tuple[str, tuple[int, int, int]] | None:
    """A phrase relative to the day of writing, as precise as its unit: a day ("yesterday",
    "three days ago"), a month ("last month", "last week": the week's month) or a year."""
    if unit in ("quarter", *_SEASONS):
        return _season(rel.split()[0], unit, base)
    found = _dateparser_relative(rel, base)
    if found is None:
        return None
    d, period = found
    if period == "year":
        return f"{d.year:04d}", (d.year, 0, 0)
    if period in ("month", "week"):
        return f"{d.year:04d}-{d.month:02d}", (d.year, d.month, 0)
    return d.isoformat(), (d.year, d.month, d.day)


@lru_cache(maxsize=4096)
def _dateparser_relative(rel: str, base: dt.date) -> tuple[dt.date, str] | None:
    from dateparser.date import DateDataParser  # lazy: only briefings need it at run time

    parser = DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day),
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )
    data = parser.get_date_data(rel.replace("coming", "next"))
    return (data.date_obj.date(), data.period or "day") if data.date_obj else None


def _season(word: str, unit: str, base: dt.date) -> tuple[str, tuple[int, int, int]]:
    """The year of "last/this/next quarter" or "... summer": the calendar quarter or season
    before, at or after the publication date's."""
    shift = {"last": -1, "next": 1, "coming": 1}.get(word, 0)
    if unit == "quarter":
        n = base.year * 4 + (base.month - 1) // 3 + shift
        year = n // 4
    else:
        start = _SEASONS[unit]
        year = base.year
        if shift < 0 and start > base.month:
            year -= 1
        elif shift > 0 and start <= base.month:
            year += 1
    return f"{year:04d}", (year, 0, 0)
