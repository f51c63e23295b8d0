"""The typed result of ``brief()``: sections of verbatim, cited entries, and its Markdown form."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from bot.types import Citation

SECTIONS = (
    ("key_points", "Key points"),
    ("people", "Who's who"),
    ("timeline", "Timeline"),
    ("places", "Places"),
)


@dataclass(frozen=True)
class BriefEntry:
    """One line of a briefing. ``text`` is a sentence copied verbatim from the cited passage(s);
    ``citations`` are the ``n`` of the briefing's citations (several when near-duplicate sentences
    of different articles were merged).

    ``label``: the name (who's who, places) or the date as written (timeline). ``detail``: a short
    verbatim span of ``text`` that says who/what it is ("the leader of HTS"), or "". ``date``: the
    resolved date for the timeline (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; "" when the year can't
    be known). ``aliases``: other spellings merged into this entry. ``kind``: person,
    organisation, place or "".
    """

    text: str
    citations: tuple[int, ...]
    label: str = ""
    detail: str = ""
    date: str = ""
    aliases: tuple[str, ...] = ()
    kind: str = ""


@dataclass(frozen=True)
class Briefing:
    """A briefing document over one or more articles; every entry cites ``citations``."""

    article_ids: tuple[str, ...]
    titles: tuple[str, ...]
    key_points: tuple[BriefEntry, ...]
    people: tuple[BriefEntry, ...]
    timeline: tuple[BriefEntry, ...]
    places: tuple[BriefEntry, ...]
    citations: tuple[Citation, ...]
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return asdict(self)

    def to_markdown(self) -> str:
        """The briefing as a Markdown document; article text is escaped so it stays text."""
        return to_markdown(self)


# Inline characters Markdown (and the HTML it may carry) would interpret; backslashed so an
# article saying "<script>" or "![x](javascript:...)" shows those characters instead of acting on
# them. Article text only ever stands inside a line we start, so line-start markers ("#", "1.")
# need no escaping and "." and "-" stay readable in the downloaded file.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>&~|!])")


def md_escape(text: str) -> str:
    """Escape ``text`` for Markdown: every special character backslashed, so it renders as is."""
    flat = " ".join(str(text).split())
    return _MD_SPECIAL.sub(r"\\\1", flat)


def _line(entry: BriefEntry, section: str) -> str:
    marks = "".join(f"[{n}]" for n in entry.citations)
    quote = md_escape(entry.text)
    if section == "key_points":
        return f"- {quote} {marks}"
    if section == "timeline":
        shown = md_escape(entry.label)
        resolved = entry.date or "year unknown"
        when = shown if resolved == entry.label else f"{shown} ({md_escape(resolved)})"
        return f"- **{when}** — {quote} {marks}"
    name = md_escape(entry.label)
    if entry.aliases:
        name += f" (also {md_escape(', '.join(entry.aliases))})"
    return f"- **{name}** — {quote} {marks}"


def to_markdown(b: Briefing) -> str:
    titles = "; ".join(md_escape(t) for t in b.titles) or "no articles"
    lines = [f"# Briefing: {titles}", ""]
    for attr, heading in SECTIONS:
        entries = getattr(b, attr)
        lines.append(f"## {heading}")
        lines.append("")
        if entries:
            lines.extend(_line(e, attr) for e in entries)
        else:
            lines.append("_None found in the articles._")
        lines.append("")
    lines.append("## Sources")
    lines.append("")
    for c in b.citations:
        where = "article details" if c.paragraph == 0 else f"paragraph {c.paragraph}"
        lines.append(f"- \\[{c.n}\\] {md_escape(c.title)} — {where} (article {c.article_id})")
    lines.append("")
    return "\n".join(lines)
