"""Dates on a web page: the one printed in the header zone, read as YYYY-MM-DD.

The printed date wins over the declared one (measured: a page's metadata six years later than the
date it prints); the declared date only settles an ambiguous numeric date (01.02.2020) and stands
in when nothing is printed. Among printed dates "Published" beats an unmarked date beats
"Updated"; an "Updated" date counts when it is the only one shown.
"""

from __future__ import annotations

import re

from index.pages.chrome import DATE_RE
from index.pages.html_doc import Line

NUMERIC_DATE = re.compile(r"\b(\d{1,2})([./-])(\d{1,2})\2(\d{4})\b")
_LABEL = re.compile(
    r"\b(updated|modified|published|first published|posted|date|dated)\b", re.IGNORECASE
)
# How near a long line's start or end its date must be to be the line's own (a dateline).
_EDGE_CHARS = 40
_UPDATED = re.compile(r"\b(?:last )?(?:updated|modified)\b", re.IGNORECASE)
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](\d{1,2})[/-](\d{1,2})(?:/|$)")
_DATE_ELEMENT = re.compile(r"^time\b|date|time|publish", re.IGNORECASE)
# Longer lines are prose that mentions a date, not a dateline.
_MAX_DATELINE_CHARS = 160


def iso_date(text: str) -> str:
    """``"Thursday, January 23, 2025"`` → ``"2025-01-23"``; ``""`` when it can't be read."""
    if not text:
        return ""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", text.strip()):
        return text.strip()[:10]
    import dateparser  # lazy: only index builds need it

    parsed = dateparser.parse(
        text,
        languages=["en"],
        settings={"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False},
    )
    return parsed.date().isoformat() if parsed else ""


def read_date(text: str, hint: str = "") -> tuple[str, str]:
    """(the date as printed, YYYY-MM-DD) of the first date in ``text``; ``hint`` (a declared
    YYYY-MM-DD) settles which of day and month comes first when both readings are valid."""
    m = DATE_RE.search(text)
    num = NUMERIC_DATE.search(text)
    if num and (not m or num.start() < m.start()):
        a, b, year = int(num.group(1)), int(num.group(3)), num.group(4)
        readings = [
            f"{year}-{mo:02d}-{d:02d}"
            for mo, d in ((a, b), (b, a))
            if 1 <= mo <= 12 and 1 <= d <= 31
        ]
        if not readings:
            return "", ""
        # US order (month first) when nothing settles it: most English-language news sites use it.
        return num.group(0), (hint if hint in readings else readings[0])
    return (m.group(0), iso_date(m.group(0))) if m else ("", "")


def _edge_date(text: str, hint: str) -> tuple[str, str]:
    """The date of a long line when it opens or closes it, or follows a label ("… Published 4
    March 2024 …"): a dateline or a standfirst's date, not a date the prose mentions."""
    shown, iso = read_date(text, hint)
    if not iso:
        return "", ""
    at = text.find(shown)
    label = _LABEL.search(text[max(0, at - 25) : at])
    edge = at <= _EDGE_CHARS or at + len(shown) >= len(text) - _EDGE_CHARS
    return (shown, iso) if (edge or label) else ("", "")


def _dated_element(element) -> bool:
    node = element
    for _ in range(3):
        if node is None or not isinstance(node.tag, str):
            return False
        attrs = f"{node.tag} {node.get('class') or ''} {node.get('itemprop') or ''}"
        if _DATE_ELEMENT.search(attrs):
            return True
        node = node.getparent()
    return False


def printed_date(
    zone: list[Line],
    head: int,
    declared_dates: list[str],
    addresses: list[str] = (),
    footer: list[Line] = (),
) -> tuple[str, str]:
    """(as printed, YYYY-MM-DD) for the page; ``head`` is the headline's index in ``zone``;
    ``footer``: the lines after the body, where a labelled date counts when none is printed
    above it. The declared date comes before any other fallback; the last is a day in the page's
    ``addresses``. A date guessed from elsewhere on the page (trafilatura's, which takes a
    copyright year or another story's date) is never used."""
    hint = next((d[:10] for d in declared_dates if re.match(r"\d{4}-\d{2}-\d{2}", d)), "")
    best, best_key = ("", ""), None
    for i, ln in enumerate(zone):
        if len(ln.text) > _MAX_DATELINE_CHARS:
            continue
        shown, iso = read_date(ln.text, hint)
        if not iso:
            continue
        label = _LABEL.search(ln.text)
        rank = 1 if not label else (0 if label.group(1).lower() in ("updated", "modified") else 2)
        # Then: the declared day, below the headline rather than above it, the first one.
        candidate_key = (rank, iso == hint, i >= head, -i)
        if best_key is None or candidate_key > best_key:
            best, best_key = (shown, iso), candidate_key
    if best[1]:
        return best
    if hint:
        return hint, hint
    for ln in zone:
        if len(ln.text) > _MAX_DATELINE_CHARS and _edge_date(ln.text, hint)[1]:
            return _edge_date(ln.text, hint)
    for ln in footer:
        if len(ln.text) <= _MAX_DATELINE_CHARS and (
            _LABEL.search(ln.text) or _dated_element(ln.element)
        ):
            shown, iso = read_date(ln.text, hint)
            if iso:
                return shown, iso
    fallback = address_date(addresses)
    return fallback, fallback


def updated_date(zone: list[Line]) -> str:
    """The date a header line gives after "Updated" ("Updated 2:02 p.m. ET March 9, 2024"), as
    printed; "" when none is."""
    for ln in zone:
        m = _UPDATED.search(ln.text) if len(ln.text) <= _MAX_DATELINE_CHARS else None
        shown = read_date(ln.text[m.end() :])[0] if m else ""
        if shown:
            return shown
    return ""


def address_date(addresses: list[str]) -> str:
    """The day in a page's address (``/2020/08/16/`` → 2020-08-16), or ""."""
    for url in addresses:
        m = _URL_DATE.search(url or "")
        if m and 1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(3)) <= 31:
            return f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    return ""
