"""Month and weekday names, in one place for every pattern that reads dates in text: the page
chrome rules (``index.pages.chrome``) and the briefing's timeline (``bot.briefing.timeline``,
``bot.briefing.relative_dates``)."""

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
# Abbreviations as news text writes them, always with their full stop ("Sept. 27", "Dec. 7").
MONTH_ABBREVIATIONS = r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\."
# Any spelling a page header uses ("Sep 5", "Sept. 5", "September 5"), for case-blind patterns.
MONTH_ANY = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
