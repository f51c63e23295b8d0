"""Corrections on top of the model's labels, for the kinds a briefing lists (person,
organisation, place). The small spaCy model is right on most names of real articles but has a
few systematic slips, each fixed by a general cue:

- a name holding an organisation word ("Court", "University", "Department", "Party") is an
  organisation, whatever the model said (it tags "Bristol Crown Court" FAC, "X Council" GPE);
- a country or territory name (CLDR list shipped with Babel) is a place;
- a name the model calls an organisation or a nationality (it tags Aleppo NORP) but the text puts in a place phrase ("the city of
  X", "X province", "towards X") more often than in an organisation phrase is a place: on the
  seed the model tags Homs ORG 5 times in 6 while the text says "the city of Homs";
- a name with an acronym (defined in brackets or spelt by its initials) is not a person.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from itertools import pairwise

from bot.briefing.roles import ROLE_BEFORE
from bot.briefing.sentences import Unit
from bot.nlp import Name
from bot.text import fold

_ORG_WORDS = """front party army group council ministry union organization organisation
agency company corporation inc ltd llc plc bank court committee forces movement brigade
brigades network institute university college school association federation league authority
commission department office police guard board foundation alliance coalition assembly
parliament congress senate club fund trust airlines airways caucus pac tribe nation
laboratory lab hospital"""
ORG_WORDS = frozenset(_ORG_WORDS.split())
_PLACE_NOUNS = """city cities town village capital region province district state county
coast river bridge highway road street square port airport border valley mountains mountain lake
sea island islands peninsula desert governorate neighbourhood neighborhood"""
PLACE_NOUNS = frozenset(_PLACE_NOUNS.split())
_PLACE_BEFORE = re.compile(
    r"\b(?:city|cities|towns?|capital|region|province|villages?|port|"
    r"outskirts|north|south|east|west) of\s+$|\b(?:towards?|into|near)\s+$",
    re.IGNORECASE,
)
_AT = re.compile(r"\b(?:in|at|from)\s+$", re.IGNORECASE)
_ORG_AFTER = re.compile(
    r"^(?:’s|'s)?\s+(?:fighters|members|militants|leadership|spokesman|"
    r"spokeswoman|said|announced|says)\b"
)


@lru_cache(maxsize=1)
def territories() -> frozenset[str]:
    try:
        from babel import Locale

        return frozenset(fold(v) for v in Locale("en").territories.values())
    except (ImportError, OSError, ValueError):  # no Babel data: the model's labels stand
        return frozenset()


def _has_org_word(name: Name) -> bool:
    return any(w.lower().strip(".,") in ORG_WORDS for f in name.forms for w in f.split())


def _neighbours(names: list[Name], units: list[Unit]) -> dict[int, list[tuple[Name, str]]]:
    """For each name (by id), the names written next to it and the text between: for lists."""
    by_unit: dict = {}
    for name in names:
        for m in name.mentions:
            by_unit.setdefault(m.where, []).append((m, name))
    out: dict[int, list[tuple[Name, str]]] = {}
    for unit, pairs in by_unit.items():
        pairs.sort(key=lambda p: p[0].start)
        for (m1, n1), (m2, n2) in pairwise(pairs):
            gap = units[unit].text[m1.end : m2.start]
            out.setdefault(id(n1), []).append((n2, gap))
            out.setdefault(id(n2), []).append((n1, gap))
    return out


def _cues(name: Name, units: list[Unit], listed_with: list[tuple[Name, str]]) -> Counter:
    """Votes of the words around each mention: person (a title or role word just before, "X,
    who"), place (a place phrase, or "in X," for a name the model did not call a person;
    listed with a place, "between Lisbon and X", when the model took it for a person or a
    nationality: it lists groups with countries, "Russia, Iran and Hezbollah"), speaker (X said/announced: not a place)."""
    cues: Counter = Counter()
    voted = name.voted_kind()
    for m in name.mentions:
        text = units[m.where].text
        before, after = text[: m.start], text[m.end :]
        nxt = re.match(r"^\s+([a-z]+)", after)
        if m.title or ROLE_BEFORE.search(before) or re.match(r"^,\s+who\b", after):
            cues["person"] += 1
        noun = (
            nxt
            and nxt.group(1) in PLACE_NOUNS
            and not (voted == "group" and re.match(r"^\s+[a-z]+\s+[a-z]", after))
        )  # "Victorian town house"
        if _PLACE_BEFORE.search(before) or noun:
            cues["place"] += 1
        elif (
            voted != "person"
            and _AT.search(before)
            and not nxt
            and not re.match(r"^[’']s\b", after)
            and not (voted == "organisation" and before.rstrip().lower().endswith("from"))
        ):
            # "in Aleppo,": but "from Republican donors" is an adjective, and groups come "from"
            # as often as places do ("songs from the Port Gamble S’Klallam Singers", tagged ORG)
            cues["place"] += 1
        if _ORG_AFTER.match(after):
            cues["speaker"] += 1
    if voted in ("person", "group") and " " not in name.label:  # guesses at an unknown word
        cues["place"] += sum(
            1 for other, gap in listed_with if other.kind == "place" and _LIST_GAP.match(gap)
        )
    return cues


_LIST_GAP = re.compile(r"^\s*(?:,|and|or|, and|, or)\s*$")


def correct_kinds(names: list[Name], units: list[Unit]) -> None:
    """Set ``fixed_kind`` where a cue overrides the model's vote."""
    places = territories()
    for name in names:
        kind = name.voted_kind()
        if name.acronym and kind == "person":
            # People are not introduced with a bracketed abbreviation; groups are
            # ("Hayat Tahrir al-Sham (HTS)", which the model tags PERSON).
            name.fixed_kind = "organisation"
        elif kind in ("place", "") and _has_org_word(name):
            name.fixed_kind = "organisation"
        elif kind in ("organisation", "person", "") and any(fold(f) in places for f in name.forms):
            name.fixed_kind = "place"
    neighbours = _neighbours(names, units)
    for _ in range(2):  # a second pass lets a corrected place vote for its list partners
        for name in names:
            kind = name.kind
            if name.fixed_kind or kind not in ("person", "organisation", "group", "place"):
                continue
            if kind != "place" and _has_org_word(name):
                continue
            cues = _cues(name, units, neighbours.get(id(name), []))
            # The model is reliable on full personal names; its person/place slips are single
            # unknown words ("Rotterdam" PERSON in a made-up article).
            full_person = kind == "person" and " " in name.label
            if (
                kind != "place"
                and not full_person
                and cues["place"] > cues["person"] + cues["speaker"]
            ):
                name.fixed_kind = "place"
            elif (
                kind in ("place", "organisation")
                and cues["person"] > cues["place"]
                and len(name.label.split()) >= 2
            ):
                name.fixed_kind = "person"  # "Brenholt's mayor, Ana Petrova" (tagged GPE)
