"""Features of (question, candidate sentence) pairs for the learned answer decision.

One function, used by the training script (``lab/train``) and by the answer path alike, so the
model sees at run time exactly what it was fitted on. Every weight on these features is learned
(``lab/train/decision.py``), none is set by hand: the features only say *what* is measured, such
as the answer encoder's similarity, how much of the question the sentence repeats, whether it
holds the kind of thing asked for (a number, a date, a name the question doesn't give), and how it
compares with the other candidates.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from bot.answering.questions import Question
from bot.nlp.surface import capitalized
from index.text.calendar import MONTH_NAMES, WEEKDAY_NAMES
from index.text.terms import covered, terms

_BASE = 18  # features before the question-kind ones
KINDS = ("who", "when", "where", "count", "duration", "why", "how", "what", "other")
# Generic English surface cues of the kind of thing a sentence holds. They only describe the
# sentence; how much each matters for which question kind is learned.
_NUMBER = re.compile(
    r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"dozens?|hundreds?|thousands?|millions?|billions?|half|percent)\b",
    re.IGNORECASE,
)
_DATE = re.compile(
    rf"\b(1[0-9]\d\d|20\d\d)s?\b|\b({MONTH_NAMES}|Jan|Feb|Aug|Sept?|Oct|Nov|Dec|"
    rf"{WEEKDAY_NAMES}|yesterday|today|tomorrow|century|decade)\b",
    re.IGNORECASE,
)
_NEGATION = re.compile(r"\b(?:not|never|no|none|nor|without|cannot)\b|n['’]t\b", re.IGNORECASE)

NAMES = (
    "sim",
    "sim_asked",
    "sim_previous",
    "sim_rank",
    "margin",
    "gap_top",
    "cover",
    "cover_context",
    "cover_passage",
    "names_context",
    "max_missing_context",
    "negation_mismatch",
    "missing_article",
    "name_missing_article",
    "focus_missing_article",
    "novel",
    "length",
    "first",
    *[f"kind_{k}" for k in KINDS],
    *[f"{k}_x_{c}" for k in KINDS for c in ("number", "date", "name")],
)


@dataclass(frozen=True)
class Candidate:
    """One sentence that might answer: with the text around it, for coverage."""

    sentence: str
    previous: str = ""  # the sentence before it in its paragraph
    passage: str = ""  # its whole paragraph
    title: str = ""  # its article's title
    article: str = ""  # key of its article, for ``article_terms``
    position: int = 0  # index of the sentence in its paragraph


def _kind(q: Question) -> str:
    if q.kind in KINDS:
        return q.kind
    return "what" if q.kind == "which" else "other"


def new_name(q_terms: set[str], sentence: str) -> bool:
    """A capitalized word (not the sentence's first) that the question doesn't use."""
    return any(not set(terms(w)) <= q_terms for w in capitalized(sentence))


def _share(
    wanted: Sequence[str], have: set[str], weight: Callable[[str], float], names: frozenset[str]
) -> float:
    total = sum(weight(t) for t in wanted)
    if not total:
        return 1.0
    return sum(weight(t) for t in wanted if covered(t, have, names)) / total


def asked_part(question: str) -> str:
    """The question's last sentence: news-quiz questions open with context ("Millions are under
    air quality alerts this week. What is causing the haze?"); "" when it is one sentence."""
    from index.text.sentences import split_sentences

    parts = split_sentences(question)
    return parts[-1] if len(parts) > 1 else ""


@dataclass(frozen=True)
class _Asked:
    """What every candidate is measured against: the question's terms, names and kind."""

    wanted: list[str]
    q_terms: set[str]
    names: frozenset[str]
    focus: list[str]
    idf: Callable[[str], float]
    top_idf: float
    negated: bool

    @classmethod
    def of(cls, q: Question, idf: Callable[[str], float]) -> _Asked:
        wanted = list(q.terms)
        return cls(
            wanted=wanted,
            q_terms=set(wanted),
            names=frozenset(q.entities),
            focus=list(q.focus),
            idf=idf,
            top_idf=max((idf(t) for t in wanted), default=1.0) or 1.0,
            negated=bool(_NEGATION.search(q.text)),
        )

    def missing_from_article(self, known: frozenset[str]) -> tuple[float, float, float]:
        """How much of the question the candidate's whole article lacks: idf share, whether a
        name is among it, and the share of the asked-for thing ("what weapons") it never
        mentions."""
        absent = [t for t in self.wanted if not covered(t, known, self.names)]
        idf = self.idf
        return (
            sum(idf(t) for t in absent) / max(sum(idf(t) for t in self.wanted), 1e-9),
            float(any(t in self.names for t in absent)),
            sum(not covered(t, known, self.names) for t in self.focus) / len(self.focus)
            if self.focus
            else 0.0,
        )


def _ranks(sims: np.ndarray) -> np.ndarray:
    """Each candidate's place by similarity, 0 the best (ties keep their order)."""
    rank = np.empty(len(sims), dtype=np.int64)
    rank[np.argsort(-sims, kind="stable")] = np.arange(len(sims))
    return rank


def _similarity_columns(sims, asked, top, rank, j: int, previous_sim: float) -> tuple:
    """The encoder's view of candidate ``j``: its similarity, the asked part's, the previous
    sentence's (answers often follow a sentence restating the question), 1 / (1 + rank), its lead
    over the best other and its gap to the best (``top``: the similarities, best first)."""
    n = len(sims)
    other_best = top[1] if sims[j] >= top[0] and n > 1 else top[0]
    return (
        sims[j],
        asked[j],
        previous_sim,
        1.0 / (1.0 + rank[j]),
        sims[j] - other_best if n > 1 else 0.0,
        sims[j] - top[0],
    )


def _overlap_columns(a: _Asked, c: Candidate, term_set: Callable, missing) -> tuple:
    """How the candidate and what is around it cover the question (the ``cover`` … ``first``
    columns of ``NAMES``)."""
    sentence_terms = terms(c.sentence)
    s_terms = set(sentence_terms)
    context = s_terms | term_set(c.previous) | term_set(c.title)
    passage = context | term_set(c.passage)
    names, wanted = a.names, a.wanted
    return (
        _share(wanted, s_terms, a.idf, names),
        _share(wanted, context, a.idf, names),
        _share(wanted, passage, a.idf, names),
        _share(list(names), context, lambda t: 1.0, names) if names else 1.0,
        # the most specific question word the sentence and its context don't have
        max((a.idf(t) for t in wanted if not covered(t, context, names)), default=0.0) / a.top_idf,
        float(a.negated != bool(_NEGATION.search(c.sentence))),
        *missing,
        sum(t not in a.q_terms for t in sentence_terms) / max(len(sentence_terms), 1),
        math.log1p(len(sentence_terms)) / 4.0,
        float(c.position == 0),
    )


def featurize(
    q: Question,
    candidates: Sequence[Candidate],
    sims: np.ndarray,
    idf: Callable[[str], float],
    article_terms: Callable[[str], frozenset[str]],
    asked_sims: np.ndarray | None = None,
) -> np.ndarray:
    """A (candidates × ``len(NAMES)``) matrix; ``sims`` are the encoder's cosine similarities of
    the question to each candidate sentence, ``asked_sims`` those of its last sentence alone (see
    ``asked_part``; default ``sims``), ``idf`` weighs the question's terms."""
    out = np.zeros((len(candidates), len(NAMES)), dtype=np.float32)
    if not candidates:
        return out
    a = _Asked.of(q, idf)
    kind = KINDS.index(_kind(q))
    kind_at = len(NAMES) - len(KINDS) * 4 + kind
    cross_at = len(NAMES) - len(KINDS) * 3 + kind * 3
    asked = sims if asked_sims is None else asked_sims
    by_text = {c.sentence: float(sims[j]) for j, c in enumerate(candidates)}
    top, rank = np.sort(sims)[::-1], _ranks(sims)
    missing: dict[str, tuple[float, float, float]] = {}
    term_set = functools.cache(lambda text: frozenset(terms(text)))  # texts recur
    for j, c in enumerate(candidates):
        if c.article not in missing:
            missing[c.article] = a.missing_from_article(article_terms(c.article))
        out[j, :_BASE] = (
            *_similarity_columns(
                sims, asked, top, rank, j, by_text.get(c.previous, 0.0) if c.previous else 0.0
            ),
            *_overlap_columns(a, c, term_set, missing[c.article]),
        )
        out[j, kind_at] = 1.0
        out[j, cross_at : cross_at + 3] = (
            float(bool(_NUMBER.search(c.sentence))),
            float(bool(_DATE.search(c.sentence))),
            float(new_name(a.q_terms, c.sentence)),
        )
    return out


def question_features(features: np.ndarray, probabilities: np.ndarray) -> np.ndarray:
    """One row for the refusal decision: the best candidate's ranker score (as a logit), its lead
    over the runner-up, how many candidates there were, and the best candidate's own features."""
    order = np.argsort(-probabilities, kind="stable")
    p = np.clip(probabilities[order[:2]], 1e-6, 1 - 1e-6)
    logits = np.log(p / (1 - p))
    lead = logits[0] - logits[1] if len(logits) > 1 else 10.0
    return np.concatenate(
        [[logits[0], lead, math.log1p(len(probabilities))], features[order[0]]]
    ).astype(np.float32)
