"""Corrections on top of the model's labels, for the kinds a briefing lists (person,
organisation, place). Each rests on grammar or on the document's own words, never on a list of
names, and each was kept only where it helps on the 142 Reuters documents of ``conll_names_dev``
(``python -m bench.components_names``) without costing the 10 dev pages (docs/briefing.md):

- a name the text itself calls a place, "the town of X", "the state of X" or "X county", is a
  place when the model took it for a person, an organisation or a nationality (it tags "Homs" ORG
  while the text says "the city of Homs", "Goma" PERSON in "the border town of Goma"); a full
  personal name stays a person;
- a name the text introduces as a person, a title or role word before it or ", who" after it
  ("Brenholt's mayor, Ana Petrova", tagged GPE), is a person when it has at least two words;
- a name with an acronym (defined in brackets or spelt by its initials) is not a person.

Measured and dropped (docs/briefing.md): "in X," / "at X" / "from X" as place evidence
(employers: "analyst at McDonald & Co"), being listed beside a place ("Blackburn and Southampton"
are clubs), a list of organisation nouns, and a gazetteer of country names: none helped on the
benchmark and each wrongly moved names there.
"""

from __future__ import annotations

import re
from collections import Counter

from bot.briefing.roles import ROLE_BEFORE
from bot.briefing.sentences import Unit
from bot.nlp import Name

# Common nouns that name a kind of place: "the town of X", "X county".
_PLACE_NOUNS = """city town village capital port state county province region district island
islands valley river lake mountain mountains desert peninsula governorate municipality suburb
neighbourhood neighborhood"""
PLACE_NOUNS = frozenset(_PLACE_NOUNS.split())
_PLACE_OF = re.compile(
    r"\b(?:cities|towns|villages|islands|" + "|".join(sorted(PLACE_NOUNS)) + r")\s+of\s+$",
    re.IGNORECASE,
)
_NOUN_AFTER = re.compile(r"^\s+([a-z]+)\b")
_SPEAKER_AFTER = re.compile(
    r"^(?:’s|'s)?\s+(?:fighters|members|militants|leadership|spokesman|"
    r"spokeswoman|said|announced|says)\b"
)


def _cues(name: Name, units: list[Unit]) -> Counter:
    """Votes of the words around each mention: person (a title or role word just before, "X,
    who"), place (the text calls it a place: "the town of X", "X province"), speaker ("X said":
    not a place)."""
    cues: Counter = Counter()
    # A nationality before a place noun describes the place ("the Kurdish town of Arbil", "the
    # Jewish state"): it is not its name.
    adjective = name.voted_kind() == "group"
    for m in name.mentions:
        text = units[m.where].text
        before, after = text[: m.start], text[m.end :]
        if m.title or ROLE_BEFORE.search(before) or re.match(r"^,\s+who\b", after):
            cues["person"] += 1
        noun = _NOUN_AFTER.match(after)
        if _PLACE_OF.search(before) or (noun and noun.group(1) in PLACE_NOUNS and not adjective):
            cues["place"] += 1
        if _SPEAKER_AFTER.match(after):
            cues["speaker"] += 1
    return cues


def correct_kinds(names: list[Name], units: list[Unit]) -> None:
    """Set ``fixed_kind`` where a cue overrides the model's vote."""
    for name in names:
        kind = name.voted_kind()
        if name.acronym and kind == "person":
            # People are not introduced with a bracketed abbreviation; groups are
            # ("Hayat Tahrir al-Sham (HTS)", which the model tags PERSON).
            name.fixed_kind = "organisation"
            continue
        if kind not in ("person", "organisation", "group", "place"):
            continue
        cues = _cues(name, units)
        # The model is reliable on full personal names; its person/place slips are single
        # unknown words ("Goma" PERSON).
        full_person = kind == "person" and " " in name.label
        if kind != "place" and not full_person and cues["place"] > cues["person"] + cues["speaker"]:
            name.fixed_kind = "place"
        elif (
            kind in ("place", "organisation")
            and cues["person"] > cues["place"]
            and len(name.label.split()) >= 2
        ):
            name.fixed_kind = "person"
