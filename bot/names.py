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
PLACE_BEFORE = re.compile(r"\b(?:in|at|near|towards?|into|from|across|around|outside|inside|to|"
                           r"between|via|through|"
                           r"(?:city|town|capital|region|province|village|port) of)\s+(?:the\s+)?$", re.IGNORECASE)
APPOSITIVE = re.compile(r"^(?:\s*\([^()]{1,15}\))?\s*,\s+((?:(?:the|a|an|once|originally|formerly|previously|now|also)\s+"
                         r"|who\s|which\s)(?:[^,.;]|(?<=\d)[,.](?=\d)){3,90})[,.;]")
ROLE_BEFORE = re.compile(r"((?:[A-Z][\w’'-]+\s+)?\b(?:" + "|".join(sorted(ROLE_WORDS)) + r"))(?:,\s+|\s+)$")
COPULA = re.compile(r"^(?:’s|'s)?\s+(?:is|was|are|were|has been|had been)\s+(?:a|an|the|one|strategically|located)\b")


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


def is_acronym(form: str) -> bool:
    return 2 <= len(form) <= 8 and form.isupper() and form.isalpha()


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


def group_names(units: list[Unit]) -> list[Name]:
    """Mentions grouped into names (merged variants), with kind evidence; demonyms left out."""
    from bot.name_kinds import add_evidence, coordinated, is_demonym  # it imports this module

    mentions = find_mentions(units)
    all_forms = {m.form for m in mentions}
    demonyms = {f for f in all_forms if is_demonym(f, all_forms - {f})}
    # A name whose demonym is used is a country or region ("Syrian" → Syria).
    demonym_of = {key(o) for o in all_forms - demonyms for d in demonyms if is_demonym(d, {o})}
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
        if is_acronym(form):
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
        add_evidence(name, units, demonym_of)
    coordinated(names, units)
    return names
