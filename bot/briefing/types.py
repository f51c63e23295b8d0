"""The typed result of ``brief()``: sections of verbatim, cited entries (rendered by
``bot.briefing.render``)."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from bot.types import Citation


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
