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
from functools import lru_cache

from bot.brief_sentences import Unit
from bot.nlp import Name
from bot.text import fold

ORG_WORDS = frozenset("""front party army group council ministry union organization organisation
agency company corporation inc ltd llc plc bank court committee forces movement brigade
brigades network institute university college school association federation league authority
commission department office police guard board foundation alliance coalition assembly
parliament congress senate club fund trust airlines airways caucus pac tribe nation
laboratory lab hospital""".split())
PLACE_NOUNS = frozenset("""city cities town village capital region province district state county
coast river bridge highway road street square port airport border valley mountains mountain lake
sea island islands peninsula desert governorate neighbourhood neighborhood""".split())
_PLACE_BEFORE = re.compile(r"\b(?:city|cities|towns?|capital|region|province|villages?|port|"
                           r"outskirts|north|south|east|west) of\s+$|\b(?:towards?|into|near)\s+$",
                           re.IGNORECASE)
_AT = re.compile(r"\b(?:in|at|from)\s+$", re.IGNORECASE)
_ORG_AFTER = re.compile(r"^(?:’s|'s)?\s+(?:fighters|members|militants|leadership|spokesman|"
                        r"spokeswoman|said|announced|says)\b")


@lru_cache(maxsize=1)
def territories() -> frozenset[str]:
    try:
        from babel import Locale

        return frozenset(fold(v) for v in Locale("en").territories.values())
    except Exception:  # Babel or its data missing: the model's labels stand
        return frozenset()


def _has_org_word(name: Name) -> bool:
    return any(w.lower().strip(".,") in ORG_WORDS for f in name.forms for w in f.split())


def correct_kinds(names: list[Name], units: list[Unit]) -> None:
    """Set ``fixed_kind`` where a cue overrides the model's vote."""
    places = territories()
    for name in names:
        kind = name.voted_kind()
        if name.acronym and kind == "person":
            # People are not introduced with a bracketed abbreviation; groups are
            # ("Hayat Tahrir al-Sham (HTS)", which the model tags PERSON).
            name.fixed_kind = "organisation"
            continue
        if kind in ("place", "") and _has_org_word(name):
            name.fixed_kind = "organisation"
            continue
        if kind in ("organisation", "person", "") and any(fold(f) in places for f in name.forms):
            name.fixed_kind = "place"
            continue
        if kind not in ("organisation", "group") or _has_org_word(name):
            continue
        place_cues = org_cues = 0
        for m in name.mentions:
            text = units[m.where].text
            before, after = text[:m.start], text[m.end:]
            nxt = re.match(r"^\s+([a-z]+)", after)
            if _PLACE_BEFORE.search(before) or (nxt and nxt.group(1) in PLACE_NOUNS):
                place_cues += 1
            elif kind == "group" and _AT.search(before) and not re.match(r"^\s+[a-z]", after):
                # ...unless used as one: "from Republican donors", "in Victorian times"
                place_cues += 1  # nationalities are adjectives, so "in Aleppo," is a place
            if _ORG_AFTER.match(after):
                org_cues += 1
        if place_cues > org_cues:
            name.fixed_kind = "place"
