"""Names in the articles: who and what is named, what kind of thing each is, and which spellings
and abbreviations are the same name.

There is no packaged English NER model we can depend on (see docs/briefing.md), so these are
general heuristics over capitalisation and the words around a name:
- a name is a run of capitalised words, with "al-", "bin", "de", "of"... allowed inside;
  a sentence's first word counts only if the articles also write it capitalised mid-sentence;
- a leading title ("Turkish Foreign Minister", "President") is split off and kept as evidence;
- kinds come from evidence summed over every mention: titles, "X, who", role nouns around it
  ("counterpart X", "X, the leader of") for people; acronyms, organisation words ("Front",
  "Party"), "X and other groups" for organisations; country names (CLDR territory names from
  Babel, already installed with trafilatura), demonyms ("Syrian" → Syria) and place phrases
  ("the city of X", "in X", "X region") for places;
- merged: the same name folded (case, accents, "al-"), an acronym and its long form ("Hayat
  Tahrir al-Sham (HTS)", or matching initials), a surname alone and the full name ("Golani").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from bot.brief_sentences import Unit
from bot.text import STOPWORDS, fold

ROLE_WORDS = frozenset("""president minister ministers prime secretary general chief king queen prince
princess sheikh emir mayor governor senator judge ambassador envoy commander colonel captain
lieutenant sergeant director chairman chairwoman chair ceo founder leader leaders spokesman
spokeswoman spokesperson dr mr mrs ms professor prof pope bishop imam ayatollah officer engineer
coach deputy vice speaker chancellor premier sir lord lady counterpart head boss executive
commissioner representative adviser advisor analyst author editor correspondent reporter
founder co-founder mp lawmaker""".split())
ORG_WORDS = frozenset("""front party army group council ministry union organization organisation
agency company corporation inc ltd bank court committee forces movement brigade brigades network
institute university association federation league authority commission department office police
guard board foundation alliance coalition assembly parliament congress senate news times post
press club service services fund trust airlines airways""".split())
GROUP_NOUNS = r"groups?|organi[sz]ations?|militias?|factions?|parties|party|companies|company|firms?|movements?|networks?|agencies"
PLACE_NOUNS = frozenset("""city cities town village capital region province district state county
coast river bridge highway road street square port airport border valley mountains mountain lake
sea island islands peninsula desert governorate neighbourhood neighborhood""".split())
PARTICLES = frozenset({"al", "el", "bin", "ibn", "de", "del", "da", "di", "van", "von", "der", "du",
                       "le", "la", "of"})
_CALENDAR = frozenset("""january february march april may june july august september october
november december monday tuesday wednesday thursday friday saturday sunday""".split())
_TOKEN = re.compile(r"[^\W_][\w'’-]*")
_PARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|an|ar|as|ash|at|az|bin|ibn|abu)-(?=[A-Z])")
_PLACE_BEFORE = re.compile(r"\b(?:in|at|near|towards?|into|from|across|around|outside|inside|to|"
                           r"between|via|through|"
                           r"(?:city|town|capital|region|province|village|port) of)\s+(?:the\s+)?$", re.I)
_APPOSITIVE = re.compile(r"^(?:\s*\([^()]{1,15}\))?\s*,\s+((?:(?:the|a|an|once|originally|formerly|previously|now|also)\s+"
                         r"|who\s|which\s)(?:[^,.;]|(?<=\d)[,.](?=\d)){3,90})[,.;]")
_ROLE_BEFORE = re.compile(r"((?:[A-Z][\w’'-]+\s+)?\b(?:" + "|".join(sorted(ROLE_WORDS)) + r"))(?:,\s+|\s+)$")
_COPULA = re.compile(r"^(?:’s|'s)?\s+(?:is|was|are|were|has been|had been)\s+(?:a|an|the|one|strategically|located)\b")


@dataclass(frozen=True)
class Mention:
    unit: int  # position in the units list
    form: str  # as written, possessive dropped
    start: int  # character offsets of the form in the unit's text
    end: int
    title: str = ""  # a capitalised title written before it ("Turkish Foreign Minister")


@dataclass
class Name:
    """All mentions of one name after merging spellings, abbreviations and surnames."""

    forms: Counter = field(default_factory=Counter)
    mentions: list[Mention] = field(default_factory=list)
    evidence: Counter = field(default_factory=Counter)  # person / organisation / place
    acronym: str = ""
    long_form: str = ""

    @property
    def kind(self) -> str:
        if not self.evidence:
            return ""
        kind, score = self.evidence.most_common(1)[0]
        return kind if score >= 2 else ""

    @property
    def label(self) -> str:
        if self.acronym and self.long_form:
            return f"{self.long_form} ({self.acronym})"
        # The fullest form: "Abu Mohammed al-Golani" over "Golani"; ties → the most used.
        return max(self.forms, key=lambda f: (len(f.split()), self.forms[f], -len(f)))

    @property
    def aliases(self) -> tuple[str, ...]:
        label = self.label
        return tuple(f for f in self.forms if f != label and f not in (self.acronym, self.long_form))

    def sentences(self) -> set[int]:
        return {m.unit for m in self.mentions}


def core(token: str) -> str:
    """"al-Golani" → "Golani": Arabic article and kin prefixes dropped for comparing."""
    return _PARTICLE_PREFIX.sub("", token)


def key(form: str) -> str:
    words = [core(t) for t in form.replace("’", "'").split() if t.lower() not in PARTICLES]
    return fold(" ".join(words)).replace("-", " ")


def _capitalised(tok: str) -> bool:
    return tok[:1].isupper() or bool(_PARTICLE_PREFIX.match(tok))


def _is_acronym(form: str) -> bool:
    return 2 <= len(form) <= 8 and form.isupper() and form.isalpha()


@lru_cache(maxsize=1)
def _territories() -> frozenset[str]:
    try:
        from babel import Locale

        return frozenset(fold(v) for v in Locale("en").territories.values())
    except Exception:  # Babel or its data missing: demonyms and place phrases still work
        return frozenset()


def _spans(text: str, first_ok) -> list[tuple[int, int, list[str]]]:
    """Runs of capitalised tokens: (start, end, tokens) with only spaces between tokens."""
    toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    runs, current = [], []
    for k, (s, e, tok) in enumerate(toks):
        tok_clean = re.sub(r"['’]s$", "", tok)
        joined = current and text[current[-1][1]:s].strip() == ""
        upper = _capitalised(tok_clean) and tok_clean.lower() not in _CALENDAR
        run_next = len(toks) > 1 and not text[e:toks[1][0]].strip() and _capitalised(toks[1][2])
        if k == 0 and upper and not first_ok(tok_clean, run_next):
            upper = False
        particle = tok.lower() in PARTICLES and k + 1 < len(toks) and _capitalised(toks[k + 1][2])
        if upper or (particle and current and joined):
            if current and not joined:
                runs.append(current)
                current = []
            current.append((s, s + len(tok_clean), tok_clean))
            if tok_clean != tok:  # a possessive ends the name
                runs.append(current)
                current = []
        else:
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)
    out = []
    for run in runs:
        while run and run[-1][2].lower() in PARTICLES:
            run = run[:-1]
        if run:
            out.append((run[0][0], run[-1][1], [t for _, _, t in run]))
    return out


def find_mentions(units: list[Unit]) -> list[Mention]:
    lower_words = {w for u in units for w in _TOKEN.findall(u.text) if w.islower()}
    mid_capitals = {t for u in units for t in _TOKEN.findall(u.text)[1:] if _capitalised(t)}

    def first_ok(tok: str, starts_run: bool) -> bool:
        # "Abu Mohammed al-Golani, ..." starts a name; "Meanwhile, ..." and "Led by ..." don't.
        low = tok.lower()
        if low in STOPWORDS or low in lower_words:
            return False
        return starts_run or tok in mid_capitals

    out = []
    for i, u in enumerate(units):
        for start, end, tokens in _spans(u.text, first_ok):
            if tokens[-1].split("-")[-1].islower():  # "Assad-held": a name used as a modifier
                head = tokens[-1].split("-")[0]
                if len(tokens) == 1 and head:
                    out.append(Mention(i, head, start, start + len(head)))
                continue
            roles = [k for k, t in enumerate(tokens) if t.lower() in ROLE_WORDS]
            title = ""
            if roles and roles[-1] < len(tokens) - 1:
                cut = roles[-1] + 1
                title = " ".join(tokens[:cut])
                start = u.text.index(tokens[cut], start)
                tokens = tokens[cut:]
            elif roles and len(tokens) == 1:
                continue  # a title alone ("President") is not a name
            out.append(Mention(i, " ".join(tokens), start, end, title))
    return out


def _is_demonym(form: str, others: set[str]) -> bool:
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


def _evidence(name: Name, units: list[Unit], demonym_of: set[str]) -> None:
    ev = name.evidence
    forms = set(name.forms)
    if any(fold(f) in _territories() for f in forms) or key(name.label) in demonym_of:
        ev["place"] += 4
    if name.acronym:
        ev["organisation"] += 2
    elif any(_is_acronym(f) for f in forms):
        ev["organisation"] += 1  # "CNN", "NATO"; a country acronym is usually spelt out too
    if any(t.lower() in ORG_WORDS for f in forms for t in f.split()):
        ev["organisation"] += 3
    for m in name.mentions:
        text = units[m.unit].text
        before, after = text[:m.start], text[m.end:]
        if m.title:
            ev["person"] += 3
        if _ROLE_BEFORE.search(before) and not m.title:
            ev["person"] += 2
        appositive = _APPOSITIVE.match(after)
        if appositive:
            head = appositive.group(1).split()
            if head[0] == "who":
                ev["person"] += 2
            elif any(w.lower().strip("’'s") in ROLE_WORDS for w in head[:4]):
                ev["person"] += 3
        if re.match(rf"^\s+(?:and|or) other (?:\w+ )?(?:{GROUP_NOUNS})\b", after) or re.match(
                rf"^(?:’s|'s)?\s+(?:fighters|members|militants|leadership)\b", after):
            ev["organisation"] += 2
        if _PLACE_BEFORE.search(before):
            ev["place"] += 1
        nxt = re.match(r"^\s+([a-z]+)", after)
        if nxt and nxt.group(1) in PLACE_NOUNS:
            ev["place"] += 3
        if re.search(r"\b(?:city|cities|towns?|capital|region|province|villages?) of\s+$", before):
            ev["place"] += 2
    if len(forms) and all(len(f.split()) >= 2 for f in forms) and not ev:
        ev["person"] += 1  # an untitled two-word name is weak evidence of a person


def group_names(units: list[Unit]) -> list[Name]:
    """Mentions grouped into names (merged variants), with kind evidence; demonyms left out."""
    mentions = find_mentions(units)
    all_forms = {m.form for m in mentions}
    demonyms = {f for f in all_forms if _is_demonym(f, all_forms - {f})}
    # A name whose demonym is used is a country or region ("Syrian" → Syria).
    demonym_of = {key(o) for o in all_forms - demonyms for d in demonyms if _is_demonym(d, {o})}
    groups: dict[str, Name] = {}
    for m in mentions:
        if m.form in demonyms:
            continue
        groups.setdefault(key(m.form), Name()).mentions.append(m)
    for name in groups.values():
        name.forms.update(m.form for m in name.mentions)
    parent = {k: k for k in groups}

    def find(k: str) -> str:
        while parent[k] != k:
            k = parent[k]
        return k

    def union(small: str, big: str) -> None:
        parent[find(small)] = find(big)

    texts = [u.text for u in units]
    multi = [k for k in groups if " " in k]
    for k, name in groups.items():
        form = name.forms.most_common(1)[0][0]
        if _is_acronym(form):
            for k2 in multi:
                long_form = groups[k2].forms.most_common(1)[0][0]
                defined = any(f"{long_form} ({form})" in t for t in texts)
                initials = "".join(core(t)[0] for t in long_form.split() if t.lower() not in PARTICLES)
                if defined or initials.upper() == form:
                    union(k, k2)
                    groups[k2].acronym, groups[k2].long_form = form, long_form
                    break
        elif " " not in k:
            # A surname alone: merged when exactly one full name ends with it.
            owners = [k2 for k2 in multi if k2.split()[-1] == k]
            if len(owners) == 1:
                union(k, owners[0])
    merged: dict[str, Name] = {}
    for k, name in groups.items():
        root = merged.setdefault(find(k), Name())
        root.forms.update(name.forms)
        root.mentions.extend(name.mentions)
        root.acronym = root.acronym or name.acronym
        root.long_form = root.long_form or name.long_form
    names = list(merged.values())
    for name in names:
        name.mentions.sort(key=lambda m: (units[m.unit].order, m.start))
        _evidence(name, units, demonym_of)
    _coordinated(names, units)
    return names


_LIST_GAP = re.compile(r"^(?:’s|'s)?\s*,?\s*(?:and|or)\s+$")


def _coordinated(names: list[Name], units: list[Unit]) -> None:
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
