"""Retrieved passages → an ``Answer`` by the learned decision: the likeliest sentence (plus the
next likeliest where nearly as likely, for multi-part answers), verbatim with [n] markers, or a
refusal when no sentence is likely enough to state the answer.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from bot.answering.learned.features import Candidate, asked_part, featurize
from bot.answering.learned.model import AnswerModel
from bot.answering.questions import Question
from bot.answering.replies import MAX_CHARS, MAX_SENTENCES, refusal, within_limit
from bot.citations import cited_answer
from bot.corpus import Corpus
from bot.types import Answer


def candidates_of(
    passages: list[int], corpus: Corpus
) -> tuple[list[Candidate], list[tuple[int, int]]]:
    """Every sentence of the given passages (metadata passages are answered apart), with where it
    sits: (passage position, sentence index)."""
    out, where, seen = [], [], set()
    for i in passages:
        p = corpus.passages[i]
        if p.kind == "meta":
            continue
        sentences = corpus.sentences(i)
        for pos, s in enumerate(sentences):
            if s in seen:  # the same sentence in two copies of a story: score it once
                continue
            seen.add(s)
            out.append(
                Candidate(s, sentences[pos - 1] if pos else "", p.text, p.title, p.article_id, pos)
            )
            where.append((i, pos))
    return out, where


def score(
    q: Question, candidates: list[Candidate], corpus: Corpus, model: AnswerModel
) -> tuple[np.ndarray, float]:
    """P(states the answer) for each candidate, and the confidence that the best one is right."""
    if not candidates:
        return np.zeros(0, np.float32), 0.0
    asked = asked_part(q.text)
    vectors = model.encoder.encode([q.text, asked] if asked else [q.text])
    sentences = corpus.sentence_vectors([c.sentence for c in candidates], model.encoder)
    sims = sentences @ vectors[0]
    x = featurize(
        q,
        candidates,
        sims,
        corpus.lexical.idf,
        corpus.article_terms,
        sentences @ vectors[1] if asked else None,
    )
    probs = model.decision.probabilities(x)
    return probs, model.decision.confidence(x, probs)


def _fits(chosen: list[str], sentence: str) -> bool:
    return (
        len(chosen) < MAX_SENTENCES
        and sum(len(s) + 5 for s in chosen) + len(sentence) + 5 <= MAX_CHARS
    )


def compose(
    question: str,
    q: Question,
    passages: list[int],
    corpus: Corpus,
    model: AnswerModel,
    unknown_reason: str = "",
) -> Answer:
    """The answer to ``q`` from the sentences of ``passages`` (best retrieved first).

    ``unknown_reason``: what to say in a refusal when the question names things no article uses.
    """
    candidates, where = candidates_of(passages, corpus)
    probs, confidence = score(q, candidates, corpus, model)
    if len(probs) == 0:
        return refusal(question, unknown_reason)
    order = [int(j) for j in np.argsort(-probs, kind="stable")]
    best = order[0]
    confidence = round(confidence, 4)
    decision = model.decision
    if confidence < decision.threshold:
        return dataclasses.replace(refusal(question, unknown_reason), confidence=confidence)
    picked = [best]
    texts = {best: within_limit(candidates[best].sentence)}
    for j in order[1:]:
        if probs[j] < decision.follow_ratio * probs[best]:
            break
        if _fits(list(texts.values()), candidates[j].sentence):
            picked.append(j)
            texts[j] = candidates[j].sentence
    # Sentences of one paragraph read in their own order; paragraphs in order of likelihood.
    rank = {where[j][0]: k for k, j in reversed(list(enumerate(picked)))}
    picked.sort(key=lambda j: (rank[where[j][0]], where[j][1]))
    chosen = [(where[j][0], texts[j], float(probs[j])) for j in picked]
    return dataclasses.replace(cited_answer(question, chosen, corpus), confidence=confidence)
