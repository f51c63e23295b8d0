"""One rendering of a briefing, shared by the terminal (``to_text``), the Markdown export
(``to_markdown``) and the web tab (``ui/brief_tab.py`` builds its HTML from ``rows``): which
sections, in which order, what heads each line (a name and its other spellings, a date as written
and as resolved), which markers follow it and how a source is named. Each format only escapes and
lays out.

Example:
    >>> print(to_text(b))          # b = bot.brief()
    >>> path.write_text(to_markdown(b))
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

from bot.briefing.types import BriefEntry, Briefing
from bot.types import Citation

SECTIONS = (
    ("key_points", "Key points"),
    ("people", "Who's who"),
    ("timeline", "Timeline"),
    ("places", "Places"),
)
NONE_FOUND = "None found in the articles."


@dataclass(frozen=True)
class Row:
    """One briefing line, ready to lay out: ``head`` ("" for a key point; the name or the date),
    ``also`` (other spellings, or ""), the verbatim ``text``, the span of it that says who or
    what the entry is (``detail``) and the source numbers."""

    head: str
    also: str
    text: str
    detail: str
    citations: tuple[int, ...]


def row(entry: BriefEntry, section: str) -> Row:
    if section == "key_points":
        head = ""
    elif section == "timeline":
        resolved = entry.date or "year unknown"
        head = entry.label if resolved == entry.label else f"{entry.label} ({resolved})"
    else:
        head = entry.label
    also = ", ".join(entry.aliases) if section in ("people", "places") else ""
    return Row(head, also, entry.text, entry.detail, entry.citations)


def rows(b: Briefing) -> list[tuple[str, list[Row]]]:
    """(section heading, its rows) in briefing order; a section with no entries has no rows."""
    return [(heading, [row(e, attr) for e in getattr(b, attr)]) for attr, heading in SECTIONS]


def where(c: Citation) -> str:
    return "article details" if c.paragraph == 0 else f"paragraph {c.paragraph}"


def marks(numbers: tuple[int, ...]) -> str:
    return "".join(f"[{n}]" for n in numbers)


def to_text(b: Briefing, width: int = 100) -> str:
    """Plain text for a terminal: sections of cited lines, then the numbered sources."""
    lines = [f"BRIEFING: {'; '.join(b.titles) or 'no articles'}", ""]
    for heading, section in rows(b):
        lines.append(heading.upper())
        for r in section:
            head = r.head + (f" (also {r.also})" if r.also else "")
            body = (
                f"{head}: {r.text} {marks(r.citations)}"
                if head
                else f"{r.text} {marks(r.citations)}"
            )
            lines.append(
                textwrap.fill(body, width=width, initial_indent="  • ", subsequent_indent="    ")
            )
        if not section:
            lines.append("  (none found)")
        lines.append("")
    lines.append("SOURCES")
    lines.extend(f"[{c.n}] {c.title} — {where(c)} (article {c.article_id})" for c in b.citations)
    return "\n".join(lines)


# Inline characters Markdown (and the HTML it may carry) would interpret; backslashed so an
# article saying "<script>" or "![x](javascript:...)" shows those characters instead of acting on
# them. Article text only ever stands inside a line we start, so line-start markers ("#", "1.")
# need no escaping and "." and "-" stay readable in the downloaded file.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>&~|!])")


def md_escape(text: str) -> str:
    """Escape ``text`` for Markdown: every special character backslashed, so it renders as is."""
    flat = " ".join(str(text).split())
    return _MD_SPECIAL.sub(r"\\\1", flat)


def to_markdown(b: Briefing) -> str:
    """The briefing as a Markdown document; article text is escaped so it stays text."""
    titles = "; ".join(md_escape(t) for t in b.titles) or "no articles"
    lines = [f"# Briefing: {titles}", ""]
    for heading, section in rows(b):
        lines += [f"## {heading}", ""]
        for r in section:
            also = f" (also {md_escape(r.also)})" if r.also else ""
            lead = f"**{md_escape(r.head)}{also}** — " if r.head else ""
            lines.append(f"- {lead}{md_escape(r.text)} {marks(r.citations)}")
        if not section:
            lines.append(f"_{NONE_FOUND}_")
        lines.append("")
    lines += ["## Sources", ""]
    lines.extend(
        f"- \\[{c.n}\\] {md_escape(c.title)} — {where(c)} (article {c.article_id})"
        for c in b.citations
    )
    lines.append("")
    return "\n".join(lines)
