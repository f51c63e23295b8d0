"""A plain-text (or Markdown) page's title, author, date and reading time, from the lines around
its body (``index.pages.chrome`` finds the body and tells chrome from prose)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.pages.chrome import (
    BYLINE_RE,
    DATE_RE,
    FIELD_RE,
    LABEL_RE,
    READING_TIME_RE,
    SEPARATORS,
    body_paragraphs,
    body_span,
    is_chrome,
    is_date_line,
    units,
)

_ROLE_RE = re.compile(
    r"\b(?:correspondent|editor|writer|reporter|journalist|columnist|contributor|staff|bureau|"
    r"chief|analyst|producer|photographer|desk|news)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class PageParts:
    """What a page holds: the article body and its metadata (empty strings when unknown)."""

    paragraphs: tuple[str, ...]
    title: str = ""
    author: str = ""
    published_text: str = ""
    reading_time: str = ""


def _author_from(text: str) -> str:
    m = READING_TIME_RE.search(text)
    if m:
        text = text[: m.start()]
    text = SEPARATORS.split(text)[0]
    text = DATE_RE.sub("", text)
    text = re.sub(r"\s+(?:on|at|in)\s*$", "", text.strip(" ,;:-–—|·•"), flags=re.IGNORECASE)
    name, _, rest = text.partition(",")
    if rest and _ROLE_RE.search(rest):
        text = name
    return text.strip(" ,;:-–—|·•")


def _title_score(unit: str, idx: int, anchors: list[int]) -> float:
    words = unit.split()
    if not 3 <= len(words) <= 30 or len(unit) > 220 or unit.endswith((".", ",", ";", ":")):
        return -1.0
    caps = sum(w[:1].isupper() for w in words) / len(words)
    near = max((3.0 - min(abs(idx - a), 3) for a in anchors), default=0.0)
    # Headlines are short; the longer line next to one is its standfirst (dek). 15 words: the
    # headlines we have seen run 8-12 words, standfirsts 15-30.
    long = 1.5 if len(words) > 15 else 0.0
    return caps + near - long


# Which dated line to believe: an explicit "Published" beats an unlabelled date beats "Updated".
def _date_rank(part: str) -> int:
    label = LABEL_RE.match(part)
    if not label or not label.group(0).strip():
        return 1
    return 0 if "updated" in label.group(0).lower() else 2


def split_page(text: str) -> PageParts:
    """Split a plain-text (or Markdown) page into body paragraphs and metadata.

    Example:
        >>> parts = split_page(open("seeds/page.txt").read())
        >>> parts.title, parts.author, len(parts.paragraphs)
    """
    all_units = units(text)
    start, end = body_span(all_units)
    paragraphs = body_paragraphs(all_units[start:end])
    outside = [(i, u) for i, u in enumerate(all_units) if not start <= i < end]

    title = author = reading = ""
    dates: list[tuple[int, int, str]] = []  # (rank, -position, date text)
    anchors: list[int] = []
    for i, u in outside:
        md_heading = re.match(r"^#\s+(.+)$", u)
        if md_heading:
            title = title or md_heading.group(1).strip()
            anchors.append(i)
            continue
        if len(u) >= 200:
            continue
        m = READING_TIME_RE.search(u)
        if m and not reading:
            reading = m.group(0)
        for part in SEPARATORS.split(u):
            field = FIELD_RE.match(part)
            key, value = (field.group(1).lower(), field.group(2).strip()) if field else ("", part)
            if key in ("title", "headline"):
                title = title or value
            elif key in ("author", "by") or (not key and BYLINE_RE.match(part) and len(part) < 120):
                if not author:
                    by = BYLINE_RE.match(value)
                    author = _author_from(by.group(1) if by else value)
            elif key in ("date", "published") or is_date_line(part):
                found = DATE_RE.search(value)
                if found:
                    dates.append((2 if key else _date_rank(part), -i, found.group(0)))
            else:
                continue
            anchors.append(i)
    if not title:
        scored = [
            (_title_score(u, i, anchors), -i, u)
            for i, u in outside
            if not is_chrome(u) and not u.startswith("#")
        ]
        scored = [s for s in scored if s[0] > 0]
        if scored:
            title = max(scored)[2]
    return PageParts(
        paragraphs=tuple(paragraphs),
        title=title.strip(),
        author=author,
        published_text=max(dates)[2].strip() if dates else "",
        reading_time=reading,
    )
