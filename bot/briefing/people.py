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

from bot.briefing.names import SentenceParse
from bot.briefing.roles import APPOSITIVE, COPULA, ROLE_BEFORE
from bot.briefing.sentences import Unit
from bot.briefing.timeline import not_an_event
from bot.nlp import Name

# Centrality only breaks ties between patterns: it adds less than the smallest pattern step.
W_CENTRAL = 0.4


@dataclass(frozen=True)
class Identified:
    name: Name
    unit: int
    detail: str  # a verbatim span of the unit's text, or ""
    strength: float  # pattern strength, 0 when none


def _dep_appositive(m, parse: SentenceParse | None, text: str) -> str:
    """The span of a token the parser attaches to the name as an appositive, or ""."""
    if parse is None:
        return ""
    toks = parse.tokens
    for k, t in enumerate(toks):
        head = toks[t.head] if t.head < len(toks) else t
        if t.dep == "appos" and m.start <= head.start < m.end and t.start >= m.end:
            inside = {k}
            for j in range(k + 1, len(toks)):  # the appositive's subtree: its dependents, in order
                h, steps = toks[j].head, 0
                while h not in inside and toks[h].head != h and steps < 20:
                    h, steps = toks[h].head, steps + 1
                if h in inside:
                    inside.add(j)
                elif j > max(inside) + 1:
                    break
            lo = min(toks[j].start for j in inside | {k})
            hi = max(toks[j].start + len(toks[j].text) for j in inside)
            words = [toks[j].text for j in range(k - 1, -1, -1) if toks[j].start >= m.end]
            if text[m.end : lo].strip() in (",", "") and len(words) <= 1 and hi - lo <= 90:
                return text[lo:hi].strip(" ,")
    return ""


def _pattern(name: Name, m, text: str, parse: SentenceParse | None = None) -> tuple[float, str]:
    before, after = text[: m.start], text[m.end :]
    appositive = APPOSITIVE.match(after)
    if appositive:
        return 3.0, appositive.group(1).strip()
    if m.title:
        start = text.rfind(m.title, 0, m.start)
        return 3.0, text[start : m.end] if start >= 0 else ""
    dep = _dep_appositive(m, parse, text)
    if dep:
        return 3.0, dep
    role = ROLE_BEFORE.search(before)
    if role:
        return 3.0, text[role.start(1) : m.end]
    if name.acronym and re.match(rf"^\s*\({re.escape(name.acronym)}\)", after):
        return 2.0, text[m.start : m.end + after.index(")") + 1]
    if re.search(
        r"\b(?:under the name|formerly known as|known as|renamed|then called)\s+$", before
    ):
        start = re.search(
            r"\b(?:under the name|formerly known as|known as|renamed|then called)\s+$", before
        ).start()
        return 2.0, text[start : m.end]
    if COPULA.match(after):
        return 2.0, ""
    if re.search(r"\b(?:leader|head|chief|founder)s? of\s+$", before):
        return 1.0, ""
    return 0.0, ""


def identify(
    name: Name, units: list[Unit], centrality: np.ndarray, parses: list[SentenceParse] | None = None
) -> Identified:
    """The mention that best says who or what ``name`` is."""
    best: tuple[float, int, str, float] | None = None
    top = float(centrality.max()) if len(centrality) else 1.0
    for m in name.mentions:
        parse = parses[m.where] if parses else None
        strength, detail = _pattern(name, m, units[m.where].text, parse)
        score = strength + W_CENTRAL * float(centrality[m.where]) / (top or 1.0)
        if best is None or score > best[0]:
            best = (score, m.where, detail, strength)
    _, unit, detail, strength = best
    return Identified(name, unit, detail, strength)


def salience(name: Name, weights: np.ndarray | None = None) -> float:
    """Sentences naming it; with ``weights`` (see ``keypoints.article_weights``) each sentence
    counts by its article's size, so a short article's main names are not crowded out."""
    units = name.places_of()
    return float(sum(weights[u] for u in units)) if weights is not None else float(len(units))


def who_is_who(
    names: list[Name],
    units: list[Unit],
    centrality: np.ndarray,
    weights: np.ndarray | None = None,
    parses: list[SentenceParse] | None = None,
) -> list[Identified]:
    """People and organisations the articles name, most mentioned first. Every one is listed: a
    cap fitted to the dev pages' gold cut correct names on longer articles (a team sheet names 20
    players); the reader collapses the tail."""
    return listed(names, ("person", "organisation"), units, centrality, weights, parses)


def _to_the_reader(text: str, parse: SentenceParse) -> bool:
    """The page speaking to its reader, not the article about someone: an order ("Get The
    Times of Israel's Daily Edition by email", "Start your Independent Premium subscription
    today") or an embedded post's signature."""
    return not_an_event(text, parse) and not text.rstrip().endswith("?")


def listed(
    names: list[Name],
    kinds: tuple[str, ...],
    units: list[Unit],
    centrality: np.ndarray,
    weights: np.ndarray | None = None,
    parses: list[SentenceParse] | None = None,
) -> list[Identified]:
    """The names of ``kinds``, most mentioned first, ties by first mention. A name is listed
    once the model tags it: on real pages most people and organisations are named once."""
    out = []
    for name in names:
        if name.kind not in kinds:
            continue
        if parses and all(
            _to_the_reader(units[m.where].text, parses[m.where]) for m in name.mentions
        ):
            continue
        out.append(identify(name, units, centrality, parses))
    first = {id(i.name): min(units[m.where].order for m in i.name.mentions) for i in out}
    out.sort(key=lambda i: (-salience(i.name, weights), first[id(i.name)]))
    return out
