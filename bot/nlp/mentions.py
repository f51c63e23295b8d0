"""Mentions of names merged into one name per thing: spellings, surnames, titles, acronyms.

Rules (all general):
- a mention is an entity's text without a leading "the", a possessive or a courtesy title
  ("Mr Hancock" → "Hancock", "Dr Fauci" → "Fauci"); the title is kept as evidence;
- the same name folded (case, accents, "al-" and kin) is one name;
- the last words of exactly one multi-word person ("Hancock" → "Matt Hancock") are that person,
  whatever the model labelled them, once the full name has come first; a single word the model
  took for a person that is the first word of exactly one ("Meghan") is that person too;
- an acronym is the name whose initials it spells ("CDC" ↔ "Centers for Disease Control"), unless
  that name is a person's, or that the text defines with it in brackets ("Hayat Tahrir al-Sham
  (HTS)");
- a name's kind is the majority of its mentions' labels (the model labels one place ORG in one
  sentence and GPE in the next), person ahead of place ahead of organisation on a tie.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field

from bot.nlp.pipeline import Entity
from index.text.tokens import fold

KIND_OF = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
    "EVENT": "event",
    "WORK_OF_ART": "work",
    "LAW": "law",
    "PRODUCT": "product",
}
NAME_LABELS = frozenset(KIND_OF)
_TIE_ORDER = ("person", "place", "organisation", "group", "event", "work", "law", "product")
# Courtesy and office titles the model often leaves inside a PERSON span.
_TITLES = """mr mrs ms miss dr prof professor sir dame lord lady president
senator sen rep gov governor mayor judge justice rev pope king queen prince princess
sheikh emir general gen col capt sgt lt"""
TITLES = frozenset(_TITLES.split())
PARTICLES = frozenset(
    {
        "al",
        "el",
        "bin",
        "ibn",
        "de",
        "del",
        "da",
        "di",
        "van",
        "von",
        "der",
        "du",
        "le",
        "la",
        "of",
        "the",
        "and",
        "for",
        "&",
    }
)
_PREFIX = re.compile(r"^(?:al|el|ad|an|ar|as|ash|at|az|bin|ibn|abu)-(?=\w)", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_SPACED_DASH = re.compile(r"\s[-–—]+\s")


@dataclass(frozen=True)
class Mention:
    """One mention: ``where`` is the caller's key for the text it is in (a sentence's index, a
    passage id); ``start``/``end`` bound ``form`` in that text."""

    where: Hashable
    form: str
    label: str
    start: int
    end: int
    title: str = ""  # a title the entity span began with ("Dr")


@dataclass
class Name:
    """Every mention of one thing, after merging."""

    mentions: list[Mention] = field(default_factory=list)
    acronym: str = ""
    long_form: str = ""
    fixed_kind: str = ""  # set by a caller's correction; overrides the vote

    @property
    def forms(self) -> Counter:
        return Counter(m.form for m in self.mentions)

    @property
    def kind(self) -> str:
        return self.fixed_kind or self.voted_kind()

    def voted_kind(self) -> str:
        # The fullest forms vote: the model reads a full name from its words, a bare surname or
        # an abbreviation only from the sentence around it ("NHCG" GPE twice, "Northern Harbour
        # Construction Group" ORG; "Tarango" ORG, "Jeff Tarango" PERSON).
        most = max(len(m.form.split()) for m in self.mentions) if self.mentions else 0
        votes = Counter(
            KIND_OF.get(m.label, "") for m in self.mentions if len(m.form.split()) == most
        )
        votes.pop("", None)
        if not votes:
            return ""
        top = max(votes.values())
        return next(k for k in _TIE_ORDER if votes.get(k) == top)

    @property
    def label(self) -> str:
        if self.acronym and self.long_form:
            return f"{self.long_form} ({self.acronym})"
        forms = self.forms
        # The fullest form ("Abu Mohammed al-Golani" over "Golani"), then the most used.
        return max(forms, key=lambda f: (len(f.split()), forms[f], -len(f)))

    @property
    def aliases(self) -> tuple[str, ...]:
        label = self.label
        return tuple(
            f for f in self.forms if f != label and f not in (self.acronym, self.long_form)
        )

    def places_of(self) -> set[Hashable]:
        return {m.where for m in self.mentions}


def core(word: str) -> str:
    """ "al-Golani" → "Golani": Arabic article and kin prefixes dropped for comparing."""
    return _PREFIX.sub("", word)


def key(form: str) -> str:
    """The folded form names are compared by."""
    words = [core(w) for w in form.replace("’", "'").split() if w.lower() not in PARTICLES]
    return fold(" ".join(words)).replace("-", " ").replace(".", "")


def is_acronym(form: str) -> bool:
    bare = form.replace(".", "")
    return 2 <= len(bare) <= 8 and bare.isupper() and bare.isalpha()


def initials(form: str) -> str:
    return "".join(core(w)[:1] for w in form.split() if w.lower() not in PARTICLES).upper()


def mention(where: Hashable, entity: Entity) -> Mention | None:
    """``entity`` as a mention (leading "the", possessive and title dropped), or None when
    nothing of a name is left."""
    form, start, label = entity.text, entity.start, entity.label
    title = ""
    lead = re.match(r"^[’']s\s+", form)  # the model's span began inside "Syria’s al-Qaeda"
    if lead:
        form, start = form[lead.end() :], start + lead.end()
    words = form.split()
    if words and words[0].lower() == "the" and len(words) > 1:
        cut = form.index(words[1])
        form, start, words = form[cut:], start + cut, words[1:]
    if label == "PERSON" and len(words) > 1 and words[0].lower().rstrip(".") in TITLES:
        title = words[0]
        cut = form.index(words[1], len(words[0]))
        form, start = form[cut:], start + cut
    form = _POSSESSIVE.sub("", form).rstrip(" ,;:-–—")
    if form.endswith(".") and not is_acronym(form):  # "U.S." keeps its full stop
        form = form.rstrip(".")
    if not any(c.isupper() for c in form) or not any(c.isalpha() for c in form):
        return None
    if _SPACED_DASH.search(form):  # a dash between spaces parts phrases, never a name's words
        return None
    return Mention(where, form, label, start, start + len(form), title)


def _person_of(k: str, name: Name, persons: list[str], first_seen: dict[str, int]) -> str:
    """The one person whose full name ``k`` continues, or "": its last words ("Hancock",
    "Montoya-Lewis" of "Raquel Montoya-Lewis") whatever the model called them once the full name
    came first (the model often takes a bare surname for an organisation or a place); its first
    word ("Meghan") only when the model too saw a person."""
    words = k.split()
    tails = [p for p in persons if p != k and p.split()[-len(words) :] == words]
    if len(tails) == 1 and (name.kind in ("person", "") or first_seen[tails[0]] < first_seen[k]):
        return tails[0]
    if not tails and len(words) == 1 and name.kind in ("person", ""):
        heads = [p for p in persons if p.split()[0] == k]
        return heads[0] if len(heads) == 1 else ""
    return ""


def group(mentions: Iterable[Mention], texts: Sequence[str] = ()) -> list[Name]:
    """Mentions merged into names, each name's mentions in the order given. ``texts``: the
    texts the mentions come from, searched for "Long Form (ABBR)" definitions."""
    groups: dict[str, Name] = {}
    order: list[str] = []
    for m in mentions:
        k = key(m.form)
        if k:
            groups.setdefault(k, Name()).mentions.append(m)
            order.append(k)
    parent = {k: k for k in groups}

    def find(k: str) -> str:
        while parent[k] != k:
            k = parent[k]
        return k

    first_seen = {k: n for n, k in reversed(list(enumerate(order)))}
    persons = [k for k, g in groups.items() if " " in k and g.kind == "person"]
    multi = [k for k in groups if " " in k]
    joined = "\n".join(texts)
    for k, name in groups.items():
        form = name.forms.most_common(1)[0][0]
        if is_acronym(form):
            bare = form.replace(".", "")
            for k2 in multi:
                long_form = groups[k2].label
                # Initials alone never make a person's abbreviation: "AI" is not "Alex Isenstadt".
                spelt = initials(long_form) == bare and groups[k2].kind != "person"
                if spelt or f"{long_form} ({form})" in joined:
                    parent[find(k)] = find(k2)
                    groups[k2].acronym, groups[k2].long_form = form, long_form
                    break
        else:
            owner = _person_of(k, name, persons, first_seen)
            if owner:
                parent[find(k)] = find(owner)
    merged: dict[str, Name] = {}
    for k, name in groups.items():
        root = merged.setdefault(find(k), Name())
        root.mentions.extend(name.mentions)
        root.acronym = root.acronym or name.acronym
        root.long_form = root.long_form or name.long_form
    return list(merged.values())
