"""Bylines and site names, as a page prints them: which words of a byline are people's names
and which a desk's ("By Evan Halper Staff Writer", "CBS News"), and a title with its site name
cut off ("Headline | DW"). ``index.pages.page_meta`` decides which line is the byline."""

from __future__ import annotations

import re

from index.pages.chrome import DATE_RE
from index.pages.page_dates import NUMERIC_DATE

BYLINE_START = re.compile(r"^(?:(?:written|words|reporting|story|text)\s+)?by\s+", re.IGNORECASE)
# Where a byline's names end: a date, a month before a number, a time, a label, a separator.
_BYLINE_END = re.compile(
    rf"{DATE_RE.pattern}|{NUMERIC_DATE.pattern}"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d"
    r"|\b(?:updated|published|posted)\b|\d|\s[|•·—–]\s",
    re.IGNORECASE,
)
# Job titles after a name ("Evan Halper Staff Writer", "Andrew Woodcock, Political Editor").
_ROLE_WORD = re.compile(
    r"^(?:correspondents?|editors?|writers?|reporters?|journalists?|columnists?|contributors?|"
    r"staff|bureau|chief|analyst|producer|photographer|desk|senior|deputy|associate|contributing|"
    r"special|political|foreign|national|international|managing|executive|digital|science|"
    r"health|technology|business|sports?|opinion|politics|economics|investigations?)$",
    re.IGNORECASE,
)
_PARTICLES = {"de", "da", "di", "del", "der", "van", "von", "bin", "ibn", "al", "la", "le", "du"}
_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def squash(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", text.lower().translate(_FOLD))


def _words(text: str) -> set[str]:
    return set(re.findall(r"[0-9a-z']+", text.lower().translate(_FOLD)))


def overlap(a: str, b: str) -> float:
    wa, wb = _words(a), _words(b)
    return len(wa & wb) / min(len(wa), len(wb)) if wa and wb else 0.0


def is_site(name: str, sites: set[str]) -> bool:
    s = squash(name)
    return bool(s) and any(s in (x, "the" + x, x + "news") or x == "the" + s for x in sites)


_TITLE_SEP = re.compile(r"(\s+[|\-–—·•»:]\s+|\s*\|\s*)")


def strip_site(title: str, sites: set[str]) -> str:
    """``"Headline | DW | 12.03.2021"`` → ``"Headline"`` (site names and dates off either end)."""
    parts = _TITLE_SEP.split(" ".join(title.split()))  # [text, separator, text, …]
    while len(parts) > 1 and (is_site(parts[-1], sites) or _is_date(parts[-1])):
        del parts[-2:]
    while len(parts) > 1 and is_site(parts[0], sites):
        del parts[:2]
    return "".join(parts)


def _is_date(text: str) -> bool:
    rest = NUMERIC_DATE.sub("", DATE_RE.sub("", text))
    return rest != text and len(rest.strip(" ,.")) <= 3


def _is_name(words: list[str]) -> bool:
    return (
        2 <= len(words) <= 5
        and all(w[:1].isupper() or w.lower() in _PARTICLES for w in words)
        and words[0][:1].isupper()
        and not any(ch.isdigit() for w in words for ch in w)
    )


def split_names(text: str, sites: set[str]) -> tuple[list[str], list[str]]:
    """A byline's (persons, desks): ``"By Evan Halper Staff Writer"`` → ``(["Evan Halper"], [])``;
    ``"CBS News February 24, 2020"`` → ``([], ["CBS News"])``."""
    text = BYLINE_START.sub("", " ".join(text.split()))
    end = _BYLINE_END.search(text)
    text = text[: end.start()] if end else text
    persons, desks = [], []
    for part in re.split(r",|;|\s+and\s+|\s+&\s+|\s+with\s+", text):
        words = part.split()
        cut = next((i for i, w in enumerate(words) if _ROLE_WORD.match(w.strip(".,"))), len(words))
        whole = [w.strip(".,:") for w in words]
        words = whole[:cut]
        name = " ".join(w for w in words if w)
        if not name:
            continue
        if cut < len(whole) and not _is_name(words) and len(whole) <= 3:
            # No person before the job word: the whole part is a desk's byline ("News Desk").
            desks.append(" ".join(whole))
            continue
        if is_site(name, sites) or (len(words) == 1 and name.isupper()):
            desks.append(name)
        elif _is_name(words):
            persons.append(name.title() if name.isupper() else name)
        elif len(words) <= 3 and all(w[:1].isupper() for w in words):
            desks.append(name)
    return persons, desks
