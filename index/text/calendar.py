"""Month and weekday names, defined here only, for every pattern that reads dates in text: the
page chrome rules (``index.pages.chrome``), the sentence splitter (``index.text.sentences``), the
briefing's timeline (``bot.briefing.timeline``, ``bot.briefing.relative_dates``) and the answer
path (``bot.answering.resolve``, the learned model's features)."""

from __future__ import annotations

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
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# "January|February|..." and "Monday|...", capitalised as running text writes them.
MONTH_NAMES = "|".join(m.capitalize() for m in MONTHS)
WEEKDAY_NAMES = "|".join(d.capitalize() for d in WEEKDAYS)
# Short forms without their full stop, "May" having none: "Jan|Feb|Mar|Apr|Jun|...|Sept?|...".
MONTH_SHORT = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
# Abbreviations as news text writes them, always with their full stop ("Sept. 27", "Dec. 7").
MONTH_ABBREVIATIONS = "|".join(rf"{m}\." for m in MONTH_SHORT.split("|"))
# Any spelling a page header uses ("Sep 5", "Sept. 5", "September 5"), for case-blind patterns.
MONTH_ANY = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
