"""Separate a scraped page's article body from its page chrome, and read its metadata.

General heuristics over lines (no site-specific strings): prose paragraphs are long lines that end
like sentences; chrome is bullets (headline lists), navigation ("Previous Article ..."), section
labels ("NEWS 24H /"), the date line, the byline and the reading time. We write this ourselves
because the article extractors (trafilatura, jusText) work on HTML markup, which plain-text scrapes
have lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\.?,?\s+"
DATE_RE = re.compile(
    rf"(?:{_WEEKDAY})?(?:{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?)",
    re.IGNORECASE,
)
READING_TIME_RE = re.compile(r"(\d{1,3})\s*(?:min(?:ute)?s?\.?)\s*(?:read|reading)\b", re.IGNORECASE)
_BULLET_RE = re.compile(r"^(?:[-*•–—·▪►»]|\d{1,2}[.)])\s+")
_NAV_RE = re.compile(
    # No \b after the word: scraped text glues the link label to the linked headline.
    r"^(?:previous|next|prev|older|newer)\s*(?:article|post|story|page|item)"
    r"|^(?:read (?:more|next|also)|related(?: articles| stories| posts)?|more from|share(?: this)?|"
    r"tags?|topics?|follow us|subscribe|sign up|sign in|log in|advertisement|sponsored|"
    r"all rights reserved|copyright|©|cookie|privacy policy|terms of (?:use|service)|"
    r"home\s*[>/»]|skip to)\b",
    re.IGNORECASE,
)
_BYLINE_RE = re.compile(r"^(?:by|written by|words by|author:?|reporter:?)\s+(.+)$", re.IGNORECASE)
_LABEL_RE = re.compile(
    r"^(?:published|updated|posted|date|last updated|first published)\s*(?:on|at)?\s*:?\s*",
    re.IGNORECASE,
)
_FIELD_RE = re.compile(r"^(title|headline|author|by|date|published)\s*:\s*(.+)$", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s+[|·•—–]\s+|\s*\|\s*")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
# A prose paragraph: at least this many characters and ends like a sentence. 60 is below the
# shortest real paragraph in our test pages and above typical headlines and menu entries.
_MIN_PROSE_CHARS = 60


@dataclass(frozen=True)
class PageParts:
    """What a page holds: the article body and its metadata (empty strings when unknown)."""

    paragraphs: tuple[str, ...]
    title: str = ""
    author: str = ""
    published_text: str = ""
    reading_time: str = ""


def _units(text: str) -> list[str]:
    """Lines, with hard-wrapped paragraphs (blank-line separated blocks of long lines) joined."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = re.split(r"\n\s*\n", text)
    has_blank_line_blocks = len(blocks) > 1
    units: list[str] = []
    for block in blocks:
        lines = [ln.strip() for ln in block.split("\n") if ln.strip()]
        wrapped = (
            has_blank_line_blocks
            and len(lines) > 1
            and all(len(ln) >= 40 and not _BULLET_RE.match(ln) for ln in lines[:-1])
            and not any(_SENTENCE_END.search(ln) and len(ln) < 40 for ln in lines[:-1])
        )
        if wrapped:
            units.append(" ".join(lines))
        else:
            units.extend(lines)
    return [re.sub(r"\s+", " ", u) for u in units]


def is_prose(unit: str) -> bool:
    return (
        len(unit) >= _MIN_PROSE_CHARS
        and bool(_SENTENCE_END.search(unit))
        and not _BULLET_RE.match(unit)
        and not _NAV_RE.match(unit)
        and len(unit.split()) >= 8
    )


def _is_chrome(unit: str) -> bool:
    letters = [c for c in unit if c.isalpha()]
    shouting = len(letters) >= 4 and sum(c.isupper() for c in letters) / len(letters) > 0.7
    return bool(
        _BULLET_RE.match(unit)
        or _NAV_RE.match(unit)
        or _BYLINE_RE.match(unit)
        or _is_date_line(unit)
        or READING_TIME_RE.search(unit) and len(unit) < 80
        or unit.endswith(("/", ">", "»"))
        or shouting
        or _FIELD_RE.match(unit)
    )


def _is_date_line(unit: str) -> bool:
    if len(unit) > 80:
        return False
    rest = DATE_RE.sub("", _LABEL_RE.sub("", unit))
    rest = re.sub(r"\d{1,2}:\d{2}\s*(?:am|pm)?|\b(?:GMT|UTC|[A-Z]{2,4}T)\b|[|,·•\-–—:()]", "", rest, flags=re.I)
    return bool(DATE_RE.search(unit)) and len(rest.strip()) <= 12


def _body_span(units: list[str]) -> tuple[int, int]:
    """The run of prose units with the most characters; one short non-chrome line may sit inside
    it (a sub-heading or a one-line paragraph)."""
    best = (0, 0, 0)  # chars, start, end (exclusive)
    i = 0
    while i < len(units):
        if not is_prose(units[i]):
            i += 1
            continue
        start, chars, j = i, 0, i
        while j < len(units):
            if is_prose(units[j]):
                chars += len(units[j])
                j += 1
            elif (
                j + 1 < len(units)
                and is_prose(units[j + 1])
                and not _is_chrome(units[j])
            ):
                j += 1
            else:
                break
        if chars > best[0]:
            best = (chars, start, j)
        i = j
    return best[1], best[2]


def _body_paragraphs(units: list[str], start: int, end: int) -> list[str]:
    out = []
    for u in units[start:end]:
        if is_prose(u) or (_SENTENCE_END.search(u) and len(u.split()) >= 4 and not _is_chrome(u)):
            out.append(u)
    return out


def _author_from(text: str) -> str:
    m = READING_TIME_RE.search(text)
    if m:
        text = text[: m.start()]
    text = _SEPARATORS.split(text)[0]
    text = DATE_RE.sub("", text)
    text = re.sub(r"\s+(?:on|at|in)\s*$", "", text.strip(" ,;:-–—|·•"), flags=re.I)
    return text.strip(" ,;:-–—|·•")


def _title_score(unit: str, idx: int, anchors: list[int]) -> float:
    words = unit.split()
    if not 3 <= len(words) <= 30 or len(unit) > 220 or unit.endswith((".", ",", ";", ":")):
        return -1.0
    caps = sum(w[:1].isupper() for w in words) / len(words)
    near = max((3.0 - min(abs(idx - a), 3) for a in anchors), default=0.0)
    return caps + near


def split_page(text: str) -> PageParts:
    """Split a plain-text (or Markdown) page into body paragraphs and metadata.

    Example:
        >>> parts = split_page(open("seeds/page.txt").read())
        >>> parts.title, parts.author, len(parts.paragraphs)
    """
    units = _units(text)
    start, end = _body_span(units)
    paragraphs = _body_paragraphs(units, start, end)
    outside = [(i, u) for i, u in enumerate(units) if not start <= i < end]

    title = author = published = reading = ""
    anchors: list[int] = []
    for i, u in outside:
        field_match = _FIELD_RE.match(u)
        if field_match:
            key, value = field_match.group(1).lower(), field_match.group(2).strip()
            if key in ("title", "headline") and not title:
                title = value
            elif key in ("author", "by") and not author:
                author = _author_from(value)
            elif key in ("date", "published") and not published:
                m = DATE_RE.search(value)
                published = m.group(0) if m else ""
            anchors.append(i)
            continue
        md_heading = re.match(r"^#\s+(.+)$", u)
        if md_heading and not title:
            title = md_heading.group(1).strip()
            anchors.append(i)
            continue
        if not reading:
            m = READING_TIME_RE.search(u)
            if m and len(u) < 200:
                reading = m.group(0)
        for part in _SEPARATORS.split(u) if len(u) < 200 else []:
            by = _BYLINE_RE.match(part)
            if by and not author and len(part) < 120:
                author = _author_from(by.group(1))
                anchors.append(i)
            elif not published and _is_date_line(part):
                published = DATE_RE.search(part).group(0)
                anchors.append(i)
    if not title:
        scored = [
            (_title_score(u, i, anchors), -i, u)
            for i, u in outside
            if not _is_chrome(u) and not u.startswith("#")
        ]
        scored = [s for s in scored if s[0] > 0]
        if scored:
            title = max(scored)[2]
    return PageParts(
        paragraphs=tuple(paragraphs),
        title=title.strip(),
        author=author,
        published_text=published.strip(),
        reading_time=reading,
    )
