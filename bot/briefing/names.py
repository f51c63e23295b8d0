"""Names in a briefing's sentences: spaCy's entities (``bot.nlp``) merged into one name per
thing, with the few corrections a trained model needs on top (``bot.briefing.kinds``).

Each unit (a sentence) gets a ``SentenceParse``: the entities and tokens of its passage's parse
that fall inside it, with offsets relative to the sentence. Parses come from the corpus'
per-snapshot cache, so a warm briefing parses nothing.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from bot import nlp
from bot.briefing.kinds import correct_kinds
from bot.briefing.roles import ROLE_WORDS
from bot.briefing.sentences import Unit
from bot.corpus import Corpus
from index.text.terms import STOPWORDS


@dataclass(frozen=True)
class SentenceParse:
    """The part of a passage's parse that lies in one sentence, offsets from the sentence start."""

    entities: tuple[nlp.Entity, ...]
    tokens: tuple[nlp.Token, ...]  # heads re-indexed inside the sentence; outside → itself


def _slice(parse: nlp.Parse, start: int, end: int) -> SentenceParse:
    ents = tuple(
        nlp.Entity(e.text, e.label, e.start - start, e.end - start)
        for e in parse.entities_in(start, end)
    )
    inside = [k for k, t in enumerate(parse.tokens) if start <= t.start < end]
    index = {k: n for n, k in enumerate(inside)}
    toks = tuple(
        nlp.Token(
            parse.tokens[k].start - start,
            parse.tokens[k].text,
            parse.tokens[k].tag,
            parse.tokens[k].dep,
            index.get(parse.tokens[k].head, n),
        )
        for n, k in enumerate(inside)
    )
    return SentenceParse(ents, toks)


def sentence_parses(corpus: Corpus, units: list[Unit]) -> list[SentenceParse]:
    """One ``SentenceParse`` per unit: its first passage's parse, sliced at the unit's bounds
    (the sentence splitter's, ``index.text.sentences``), so the parse is never searched."""
    wanted = list(dict.fromkeys(u.passages[0] for u in units if u.span is not None))
    cache = corpus.parses
    parses = dict(
        zip(
            wanted, cache.get_many((corpus.passages[i].id, corpus.passages[i].text) for i in wanted)
        )
    )
    cache.save()
    out = []
    for u in units:
        if u.span is None:  # a unit made without a passage: its text is all there is
            out.append(_slice(nlp.parse(u.text), 0, len(u.text)))
        else:
            out.append(_slice(parses[u.passages[0]], *u.span))
    return out


def _extended(e: nlp.Entity, parse: SentenceParse, text: str) -> nlp.Entity:
    """``e`` grown left over proper nouns the model left out of it: the small model tags
    "Tahrir al-Sham" in "Hayat Tahrir al-Sham (HTS)". Role words stop it ("Minister Fidan"), and
    an entity's possessive owner is cut off ("Assad’s Alawite" → "Assad")."""
    start = e.start
    taken = {k for x in parse.entities for k in range(x.start, x.end)}
    toks = [t for t in parse.tokens if t.start + len(t.text) <= e.start]
    while toks:
        t = toks.pop()
        gap = text[t.start + len(t.text) : start]
        if (
            t.tag != "NNP"
            or gap != " "
            or not t.text[:1].isupper()
            or t.start in taken
            or t.text.lower().rstrip(".") in ROLE_WORDS | nlp.TITLES
        ):
            break
        start = t.start
    inner = re.search(r"[’']s\s", text[start : e.end])
    end = start + inner.start() if inner and inner.start() > 0 else e.end
    if (start, end) == (e.start, e.end):
        return e
    return nlp.Entity(text[start:end], e.label, start, end)


def _untagged(mentions: list[nlp.Mention], units: list[Unit]) -> list[nlp.Mention]:
    """Other occurrences of names the model tagged somewhere, written the same way: the small
    model tags "HTS" in 2 of the seed's 12 sentences naming it), and a known person's surname.
    Function words are never names ("Will", "May")."""
    labels: dict[str, Counter] = {}
    for m in mentions:
        labels.setdefault(m.form, Counter())[m.label] += 1
        if m.label == "PERSON" and " " in m.form:  # "Voss" once "Clara Voss" is known
            labels.setdefault(m.form.split()[-1], Counter())["PERSON"] += 1
    forms = [f for f in labels if len(f) >= 3 and (" " in f or nlp.is_acronym(f) or len(f) >= 4)]
    if not forms:
        return []
    pattern = re.compile(
        r"(?<![\w’'-])(?:"
        + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        + r")(?![\w-])"
    )
    taken: dict[int, list[tuple[int, int]]] = {}
    for m in mentions:
        taken.setdefault(m.where, []).append((m.start, m.end))
    out = []
    for i, u in enumerate(units):
        spans = taken.get(i, [])
        for hit in pattern.finditer(u.text):
            a, b = hit.span()
            if any(a < e and s < b for s, e in spans):
                continue
            if hit.group().lower() in STOPWORDS:
                continue
            label = labels[hit.group()].most_common(1)[0][0]
            out.append(nlp.Mention(i, hit.group(), label, a, b))
    return out


def group_names(units: list[Unit], parses: list[SentenceParse]) -> list[nlp.Name]:
    """Every name of the units, merged, kinds corrected; mentions' ``where`` is the unit index."""
    mentions = []
    for i, p in enumerate(parses):
        for e in p.entities:
            if e.label in nlp.NAME_LABELS:
                m = nlp.mention(i, _extended(e, p, units[i].text))
                if m is not None:
                    mentions.append(m)
    mentions += _untagged(mentions, units)
    names = nlp.names(mentions, [u.text for u in units])
    for name in names:
        name.mentions.sort(key=lambda m: (units[m.where].order, m.start))
    correct_kinds(names, units)
    return names
