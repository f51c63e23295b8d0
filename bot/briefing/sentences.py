"""The sentences a briefing is made of: body sentences of the chosen articles, with near-duplicates
across articles merged into one unit that cites every copy."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bot.corpus import Corpus
from index.text.sentences import sentence_spans
from index.text.terms import terms

# Two sentences are "the same thing said twice" when their vectors are this close or they share
# this much of their vocabulary. Measured with MiniLM: lightly rewritten copies of a sentence (as
# a second outlet runs a wire story) score cosine 0.87-0.90 and term Jaccard 0.67-0.75; the most
# alike *different* sentences of the seed article score cosine 0.82 and Jaccard 0.29.
DUP_COSINE = 0.9
DUP_JACCARD = 0.6
CANDIDATE_COSINE = 0.6


@dataclass(frozen=True)
class Sentence:
    """One sentence of a body passage. ``passage``: its position in the corpus."""

    text: str
    passage: int
    article_id: str
    paragraph: int
    order: int  # reading order across the chosen articles
    published: str  # the article's ISO publication date, or ""
    span: tuple[int, int] | None = None  # its character bounds in the passage's text


@dataclass(frozen=True)
class Unit:
    """A sentence as the briefing uses it: the first copy, plus every near-duplicate's passage."""

    text: str
    order: int
    passages: tuple[int, ...]
    article_ids: tuple[str, ...]
    published: str
    quotes: tuple[str, ...] = ()  # each passage's own copy of the sentence, parallel to passages
    # ``text``'s character bounds in ``passages[0]``: where its parse is sliced (``names``).
    # None for a unit made without a passage (a test's): its text is parsed alone.
    span: tuple[int, int] | None = None


def collect(corpus: Corpus, article_ids: list[str]) -> list[Sentence]:
    """Body sentences of ``article_ids`` (in that order), paragraph by paragraph."""
    rank = {a: k for k, a in enumerate(article_ids)}
    chosen = [i for i, p in enumerate(corpus.passages) if p.kind == "body" and p.article_id in rank]
    chosen.sort(
        key=lambda i: (
            rank[corpus.passages[i].article_id],
            corpus.passages[i].paragraph,
            corpus.passages[i].id,
        )
    )
    out: list[Sentence] = []
    for i in chosen:
        p = corpus.passages[i]
        for a, b in sentence_spans(p.text):
            out.append(
                Sentence(p.text[a:b], i, p.article_id, p.paragraph, len(out), p.published, (a, b))
            )
    return out


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def merge_duplicates(
    sentences: list[Sentence], vectors: np.ndarray
) -> tuple[list[Unit], np.ndarray]:
    """Units (first copy kept, in reading order) and their vectors.

    Only sentences of *different* articles are merged: within one article, a repeated idea is the
    writer's choice and both places stay citable.
    """
    n = len(sentences)
    owner = list(range(n))
    if n:
        articles = np.array([s.article_id for s in sentences])
        sims = vectors @ vectors.T
        # Only pairs from different articles and already close in meaning are compared word by
        # word (a word-level duplicate is always close in meaning too): keeps this near-linear.
        close = (sims >= CANDIDATE_COSINE) & (articles[:, None] != articles[None, :])
        bags: dict[int, set[str]] = {}

        def bag(k: int) -> set[str]:
            if k not in bags:
                bags[k] = set(terms(sentences[k].text))
            return bags[k]

        for j in np.flatnonzero(close.any(axis=1)):
            for i in np.flatnonzero(close[j, :j]):
                if owner[i] != i:
                    continue
                if sims[i, j] >= DUP_COSINE or _jaccard(bag(i), bag(j)) >= DUP_JACCARD:
                    owner[j] = int(i)
                    break
    members: dict[int, list[int]] = {}
    for j, i in enumerate(owner):
        members.setdefault(i, []).append(j)
    units, keep = [], []
    for i, group in members.items():
        s = sentences[i]
        copies = {}
        for k in group:
            copies.setdefault(sentences[k].passage, sentences[k].text)
        units.append(
            Unit(
                text=s.text,
                order=s.order,
                passages=tuple(copies),
                quotes=tuple(copies.values()),
                article_ids=tuple(dict.fromkeys(sentences[k].article_id for k in group)),
                published=s.published,
                span=s.span,
            )
        )
        keep.append(i)
    return units, (vectors[keep] if keep else vectors[:0])
