"""What kind of thing a name is — person, organisation or place — from the evidence around
its mentions (see ``bot.names`` for the rules in brief). Kept apart from finding and merging
names so each module reads on its own."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from bot.brief_sentences import Unit
from bot.names import (
    APPOSITIVE,
    GROUP_NOUNS,
    ORG_WORDS,
    PLACE_BEFORE,
    PLACE_NOUNS,
    ROLE_BEFORE,
    ROLE_WORDS,
    Mention,
    Name,
    is_acronym,
    key,
)
from bot.text import fold


@lru_cache(maxsize=1)
def territories() -> frozenset[str]:
    try:
        from babel import Locale

        return frozenset(fold(v) for v in Locale("en").territories.values())
    except Exception:  # Babel or its data missing: demonyms and place phrases still work
        return frozenset()


def is_demonym(form: str, others: set[str]) -> bool:
    """"Syrian(s)", "Iranian", "Turkish": an adjective of another name in the articles."""
    word = fold(form).rstrip("s")
    if " " in form or not re.search(r"(an|ian|ish|ese|i|ean|ic)$", word):
        return False
    for other in others:
        o = fold(other)
        if len(o) > len(word) or " " in o:  # "Iran" is not the adjective of "Iranian"
            continue
        n = 0
        for a, b in zip(o, word):
            if a != b:
                break
            n += 1
        if o != word and n >= 4 and n >= 0.6 * min(len(o), len(word)):
            return True
    return False


def add_evidence(name: Name, units: list[Unit], demonym_of: set[str]) -> None:
    ev = name.evidence
    forms = set(name.forms)
    if any(fold(f) in territories() for f in forms) or key(name.label) in demonym_of:
        ev["place"] += 4
    if name.acronym:
        ev["organisation"] += 2
    elif any(is_acronym(f) for f in forms):
        ev["organisation"] += 1  # "CNN", "NATO"; a country acronym is usually spelt out too
    if any(t.lower() in ORG_WORDS for f in forms for t in f.split()):
        ev["organisation"] += 3
    for m in name.mentions:
        text = units[m.unit].text
        before, after = text[:m.start], text[m.end:]
        if m.title:
            ev["person"] += 3
        if ROLE_BEFORE.search(before) and not m.title:
            ev["person"] += 2
        appositive = APPOSITIVE.match(after)
        if appositive:
            head = appositive.group(1).split()
            if head[0] == "who":
                ev["person"] += 2
            elif any(w.lower().strip("’'s") in ROLE_WORDS for w in head[:4]):
                ev["person"] += 3
        if re.match(rf"^\s+(?:and|or) other (?:\w+ )?(?:{GROUP_NOUNS})\b", after) or re.match(
                r"^(?:’s|'s)?\s+(?:fighters|members|militants|leadership)\b", after):
            ev["organisation"] += 2
        if PLACE_BEFORE.search(before):
            ev["place"] += 1
        nxt = re.match(r"^\s+([a-z]+)", after)
        if nxt and nxt.group(1) in PLACE_NOUNS:
            ev["place"] += 3
        if re.search(r"\b(?:city|cities|towns?|capital|region|province|villages?) of\s+$", before):
            ev["place"] += 2
    if len(forms) and all(len(f.split()) >= 2 for f in forms) and not ev:
        ev["person"] += 1  # an untitled two-word name is weak evidence of a person


_LIST_GAP = re.compile(r"^(?:’s|'s)?\s*,?\s*(?:and|or)\s+$")


def coordinated(names: list[Name], units: list[Unit]) -> None:
    """A name of no clear kind listed with names of one kind is of that kind: "between Damascus
    and Syria's coast", "the cities of Latakia and Tartus"."""
    by_unit: dict[int, list[tuple[Mention, Name]]] = {}
    for name in names:
        for m in name.mentions:
            by_unit.setdefault(m.unit, []).append((m, name))
    votes: dict[int, Counter] = {}
    for unit, pairs in by_unit.items():
        pairs.sort(key=lambda p: p[0].start)
        for (m1, n1), (m2, n2) in zip(pairs, pairs[1:]):
            if n1 is n2 or not _LIST_GAP.match(units[unit].text[m1.end:m2.start]):
                continue
            for a, b in ((n1, n2), (n2, n1)):
                # The partner's leaning counts even below the bar: "between Lisbon and
                # Rotterdam" is one weak place cue each, and together they are places.
                leaning = b.kind or (b.evidence.most_common(1)[0][0] if b.evidence else "")
                if not a.kind and leaning:
                    votes.setdefault(id(a), Counter())[leaning] += 1
    for name in names:
        if id(name) in votes:
            kind, _ = votes[id(name)].most_common(1)[0]
            name.evidence[kind] += 2
