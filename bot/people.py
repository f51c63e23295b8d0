"""Who's who: the people and organisations named, each with the sentence that says who they are.

The identifying sentence is the mention with the strongest "this is who it is" pattern: an
appositive ("X, the leader of Y", "X, originally part of Y"), a title or role noun written before
the name ("Foreign Minister X", "his counterpart X"), an abbreviation being defined ("Long Name
(ABBR)"), a former name ("under the name X") or a copula ("X is a ..."). Ties, and names with no
such pattern, go to the most central of their sentences (so the line also says something that
matters), then to the first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from bot.brief_sentences import Unit
from bot.names import APPOSITIVE, COPULA, ROLE_BEFORE, Name

MAX_PEOPLE = 12
# Centrality only breaks ties between patterns: it adds less than the smallest pattern step.
W_CENTRAL = 0.4


@dataclass(frozen=True)
class Identified:
    name: Name
    unit: int
    detail: str  # a verbatim span of the unit's text, or ""
    strength: float  # pattern strength, 0 when none


def _pattern(name: Name, m, text: str) -> tuple[float, str]:
    before, after = text[:m.start], text[m.end:]
    appositive = APPOSITIVE.match(after)
    if appositive:
        return 3.0, appositive.group(1).strip()
    if m.title:
        start = text.rfind(m.title, 0, m.start)
        return 3.0, text[start:m.end] if start >= 0 else ""
    role = ROLE_BEFORE.search(before)
    if role:
        return 3.0, text[role.start(1):m.end]
    if name.acronym and re.match(rf"^\s*\({re.escape(name.acronym)}\)", after):
        return 2.0, text[m.start:m.end + after.index(")") + 1]
    if re.search(r"\b(?:under the name|formerly known as|known as|renamed|then called)\s+$", before):
        start = re.search(r"\b(?:under the name|formerly known as|known as|renamed|then called)\s+$",
                          before).start()
        return 2.0, text[start:m.end]
    if COPULA.match(after):
        return 2.0, ""
    if re.search(r"\b(?:leader|head|chief|founder)s? of\s+$", before):
        return 1.0, ""
    return 0.0, ""


def identify(name: Name, units: list[Unit], centrality: np.ndarray) -> Identified:
    """The mention that best says who or what ``name`` is."""
    best: tuple[float, int, str, float] | None = None
    top = float(centrality.max()) if len(centrality) else 1.0
    for m in name.mentions:
        strength, detail = _pattern(name, m, units[m.unit].text)
        score = strength + W_CENTRAL * float(centrality[m.unit]) / (top or 1.0)
        if best is None or score > best[0]:
            best = (score, m.unit, detail, strength)
    _, unit, detail, strength = best
    return Identified(name, unit, detail, strength)


def salience(name: Name, weights: np.ndarray | None = None) -> float:
    """Sentences naming it; with ``weights`` (see ``keypoints.article_weights``) each sentence
    counts by its article's size, so a short article's main names are not crowded out."""
    units = name.sentences()
    return float(sum(weights[u] for u in units)) if weights is not None else float(len(units))


def who_is_who(names: list[Name], units: list[Unit], centrality: np.ndarray,
               weights: np.ndarray | None = None) -> list[Identified]:
    """People and organisations worth listing (named in ≥2 sentences, or introduced by a pattern),
    most mentioned first."""
    return listed(names, ("person", "organisation"), units, centrality, weights)[:MAX_PEOPLE]


def listed(names: list[Name], kinds: tuple[str, ...], units: list[Unit], centrality: np.ndarray,
           weights: np.ndarray | None = None) -> list[Identified]:
    """The names of ``kinds`` worth listing (named in ≥2 sentences, or introduced by a pattern),
    most mentioned first, ties by first mention."""
    out = []
    for name in names:
        if name.kind not in kinds:
            continue
        found = identify(name, units, centrality)
        if salience(name) >= 2 or found.strength >= 2:
            out.append(found)
    first = {id(i.name): min(units[m.unit].order for m in i.name.mentions) for i in out}
    out.sort(key=lambda i: (-salience(i.name, weights), first[id(i.name)]))
    return out
