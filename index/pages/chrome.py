"""Separate a scraped page's article body from its page chrome, and read its metadata.

General heuristics over lines (no site-specific strings): prose paragraphs are long lines that end
like sentences; chrome is bullets and headline lists, menus ("Home | World | Sport"), navigation
("Previous Article ..."), section labels ("NEWS 24H /"), captions, share/copyright lines, the date
line, the byline and the reading time. We write this ourselves because the article extractors
(trafilatura, jusText) work on HTML markup, which plain-text and Markdown scrapes have lost.
"""

from __future__ import annotations

import re

from index.text.calendar import MONTH_ANY

_MONTHS = MONTH_ANY
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\.?,?\s+"
DATE_RE = re.compile(
    rf"(?:{_WEEKDAY})?(?:{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?)",
    re.IGNORECASE,
)
READING_TIME_RE = re.compile(
    r"(\d{1,3})\s*(?:min(?:ute)?s?\.?)\s*(?:read|reading)\b", re.IGNORECASE
)
_BULLET_RE = re.compile(r"^(?:[-*+•–—·▪►»]|\d{1,2}[.)])\s+")
_NAV_RE = re.compile(
    # No \b after the word: scraped text glues the link label to the linked headline.
    r"^(?:previous|next|prev|older|newer)\s*(?:article|post|story|page|item)"
    r"|^(?:read (?:more|next|also)|related(?: articles| stories| posts| coverage)?|more from|"
    r"share(?: this)?|tags?|topics?|follow us|subscribe|sign up|sign in|log in|advertisement|"
    r"sponsored|all rights reserved|copyright|©|\(c\) \d{4}|cookie|privacy policy|"
    r"terms of (?:use|service)|home\s*[>/»|]|skip to|listen to this|click here|"
    r"(?:file )?(?:photos?|images?|pictures?|videos?|captions?|credits?|illustrations?)\s*:)\b",
    re.IGNORECASE,
)
BYLINE_RE = re.compile(r"^(?:by|written by|words by|author:?|reporter:?)\s+(.+)$", re.IGNORECASE)
LABEL_RE = re.compile(
    r"^(?:published|updated|posted|date|last updated|first published)\s*(?:on|at)?\s*:?\s*",
    re.IGNORECASE,
)
FIELD_RE = re.compile(r"^(title|headline|author|by|date|published)\s*:\s*(.+)$", re.IGNORECASE)
SEPARATORS = re.compile(r"\s+[|·•—–]\s+|\s*\|\s*")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
# Words after a comma in a byline that make the rest a job title, not a second author.
# Markdown inline syntax, reduced to its text: images vanish, links keep their label.
_MD_INLINE = (
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),
    (re.compile(r"\[([^\]]+)\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)"), r"\1"),
    (re.compile(r"`([^`]+)`"), r"\1"),
    (re.compile(r"^>\s?"), ""),
)
# A prose paragraph: at least this many characters and ends like a sentence. 60 is below the
# shortest real paragraph in our test pages and above typical headlines and menu entries.
_MIN_PROSE_CHARS = 60
_LONG_WORDS = 40
# Up to this many short non-prose lines (an "Advertisement" slot, a photo caption, a sub-heading)
# may sit inside the body; a longer gap (a related-stories list) ends it.
_MAX_GAP = 2
_MAX_GAP_CHARS = 160


def plain_markdown(line: str) -> str:
    """``"See [the report](http://x) **now**"`` → ``"See the report now"``."""
    for pattern, repl in _MD_INLINE:
        line = pattern.sub(repl, line)
    return line


def _is_byline(part: str) -> bool:
    m = BYLINE_RE.match(part)
    return (
        bool(m) and len(part.split()) <= 12 and m.group(1)[:1].isupper() and not part.endswith(".")
    )


def is_meta(line: str) -> bool:
    """A date, byline, reading-time or ``Field: value`` line (or ``|``-joined parts of those)."""
    return any(
        _is_byline(p) or is_date_line(p) or FIELD_RE.match(p) or READING_TIME_RE.fullmatch(p)
        for p in SEPARATORS.split(line)
    ) or bool(_NAV_RE.match(line))


def units(text: str) -> list[str]:
    """Lines, with hard-wrapped paragraphs (blank-line separated blocks of long lines) joined."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = re.split(r"\n\s*\n", text)
    has_blank_line_blocks = len(blocks) > 1
    out: list[str] = []
    for block in blocks:
        lines = [plain_markdown(ln.strip()).strip() for ln in block.split("\n")]
        lines = [ln for ln in lines if ln]
        wrapped = (
            has_blank_line_blocks
            and len(lines) > 1
            and all(len(ln) >= 40 and not _BULLET_RE.match(ln) for ln in lines[:-1])
            and not any(_SENTENCE_END.search(ln) and len(ln) < 40 for ln in lines[:-1])
            and not any(is_meta(ln) or ln.startswith("#") for ln in lines)
        )
        if wrapped:
            out.append(" ".join(lines))
        else:
            out.extend(lines)
    return [re.sub(r"\s+", " ", u) for u in out]


def is_prose(unit: str) -> bool:
    # A long run of words is prose even when it doesn't end like a sentence (a paragraph ending
    # in a colon, a citation mark or a formula): without this, one such paragraph cut a
    # Wikipedia article's body to its first quarter.
    return (
        len(unit) >= _MIN_PROSE_CHARS
        and (
            bool(_SENTENCE_END.search(unit))
            or (len(unit.split()) >= _LONG_WORDS and not _is_menu(unit))
        )
        # A numbered or bulleted item is prose when it is a long sentence (a listicle's points),
        # not a menu entry or a headline.
        and not (_BULLET_RE.match(unit) and len(unit.split()) < 12)
        and not _NAV_RE.match(unit)
        and len(unit.split()) >= 8
    )


def _is_menu(unit: str) -> bool:
    parts = SEPARATORS.split(unit)
    return len(parts) >= 3 and all(len(p.split()) <= 3 for p in parts)


def is_chrome(unit: str) -> bool:
    letters = [c for c in unit if c.isalpha()]
    shouting = len(letters) >= 4 and sum(c.isupper() for c in letters) / len(letters) > 0.7
    return bool(
        _BULLET_RE.match(unit)
        or is_meta(unit)
        or READING_TIME_RE.search(unit)
        and len(unit) < 80
        or unit.endswith(("/", ">", "»"))
        or shouting
        or _is_menu(unit)
    )


def is_date_line(unit: str) -> bool:
    if len(unit) > 80:
        return False
    rest = DATE_RE.sub("", LABEL_RE.sub("", unit))
    rest = re.sub(
        r"\d{1,2}:\d{2}\s*(?:am|pm)?|\b(?:GMT|UTC|[A-Z]{2,4}T)\b|[|,·•\-–—:()]",
        "",
        rest,
        flags=re.IGNORECASE,
    )
    return bool(DATE_RE.search(unit)) and len(rest.strip()) <= 12


def body_span(units: list[str]) -> tuple[int, int]:
    """The run of prose units with the most characters, allowing short gaps inside it."""
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
                continue
            gap = 0
            while j + gap < len(units) and gap < _MAX_GAP and not is_prose(units[j + gap]):
                gap += 1
            gapped = units[j : j + gap]
            if (
                j + gap < len(units)
                and is_prose(units[j + gap])
                and all(len(u) <= _MAX_GAP_CHARS and not _BULLET_RE.match(u) for u in gapped)
            ):
                j += gap
            else:
                break
        if chars > best[0]:
            best = (chars, start, j)
        i = j
    return best[1], best[2]


def body_paragraphs(units: list[str]) -> list[str]:
    """Prose units, plus one-line paragraphs that end like a sentence and aren't chrome."""
    return [
        u
        for u in units
        if is_prose(u)
        or (
            _SENTENCE_END.search(u)
            and len(u.split()) >= 4
            and not is_chrome(u)
            and not u.startswith("#")
        )
    ]
