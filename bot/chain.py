"""The answer chain, in LangChain runnables:

question + history → condense → hybrid retrieval → sentence evidence → answer + citations.
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache

import numpy as np
from langchain_core.runnables import Runnable, RunnableLambda, RunnablePassthrough

from bot.answerer import compose, meta_answer, nothing_indexed, which_article
from bot.condense import condense
from bot.evidence import can_answer, score_sentences
from bot.questions import analyze
from bot.retriever import HybridRetriever
from bot.text import terms
from bot.types import Answer

# Words of questions about an article itself; the rest of such a question names its topic.
META_WORDS = frozenset(terms(
    "article story piece report text author wrote written writer byline journalist published "
    "publication date dated posted released headline title long take takes read reading time minutes"
))

# Passages whose sentences are scored: measured on the seed, the evidence paragraph is in the
# fused top 8 for every dev question, and 8 passages (~30 sentences) keep scoring to a few ms.
EVIDENCE_PASSAGES = 8
# ...taken from this many fused candidates, skipping passages that could never pass the answer
# rules (``evidence.can_answer``): among 100,000 made-up passages the dense side filled half the
# top 8 with passages that don't use the question's names, and the evidence fell out of it.
CANDIDATE_POOL = 30


class QueryVectors:
    """``embed_query`` with a small cache: the same text is embedded once per question flow."""

    def __init__(self, embeddings) -> None:
        self.embeddings = embeddings
        self.vector = lru_cache(maxsize=256)(self._vector)

    def _vector(self, text: str) -> tuple[float, ...]:
        return tuple(self.embeddings.embed_query(text))

    def embed_query(self, text: str) -> list[float]:
        return list(self.vector(text))

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embeddings.embed_documents(texts)


def build_chain(corpus, vectorstore, embeddings) -> Runnable:
    """The whole flow as one runnable: ``chain.invoke({"question": q, "history": [...]}) -> Answer``."""
    queries = QueryVectors(embeddings)
    analysis = lru_cache(maxsize=256)(analyze)  # asked by both the retrieval and the answer step
    retriever = HybridRetriever(corpus=corpus, vectorstore=vectorstore, embeddings=queries, k=EVIDENCE_PASSAGES)
    vocabulary = corpus.vocabulary

    def _condense(x: dict) -> dict:
        c = condense(x["question"], x.get("history"))
        return {"question": x["question"], "standalone": c.standalone, "retrieval": c.retrieval,
                "history": x.get("history")}

    def _article_meant(q, candidates, history) -> str | None:
        """Which article "the article" means: the only one, or the one the question names a topic
        of (the best retrieved), or the one the previous answer quoted; None when that can't be
        told (several articles, no topic, no earlier answer)."""
        if len(corpus.meta_of) == 1:
            return next(iter(corpus.meta_of))
        topic = [t for t in q.terms if t not in META_WORDS]
        if topic:
            return corpus.passages[candidates[0][0]].article_id if candidates else None
        if history:
            previous = re.sub(r"\s*\[\d+\]", " ", history[-1][1])
            hits = corpus.lexical.search(previous, 1)
            if hits:
                return corpus.passages[hits[0][0]].article_id
        return None

    def _retrieve(x: dict) -> list[tuple[int, float]]:
        """(passage, retrieval prior) for the passages whose sentences get scored; the prior comes
        from the passage's fused rank among all candidates (0 from rank 8 on)."""
        q = analysis(x["standalone"])
        cache: dict[int, set[str]] = {}
        fused = retriever.fused(x["retrieval"], CANDIDATE_POOL)
        kept = [(rank, i) for rank, (i, *_rest) in enumerate(fused) if can_answer(q, i, corpus, cache)]
        return [(i, max(0.0, 1.0 - rank / EVIDENCE_PASSAGES)) for rank, i in kept[:EVIDENCE_PASSAGES]]

    def _answer(x: dict) -> Answer:
        if len(corpus) == 0:
            return _with(nothing_indexed(x["question"]), standalone_question=x["standalone"])
        q = analysis(x["standalone"])
        candidates = x["candidates"]
        if q.meta:
            meant = _article_meant(q, candidates, x.get("history"))
            a = (meta_answer(x["question"], q, corpus, meant) if meant or not corpus.meta_of
                 else which_article(x["question"], q, corpus))
        else:
            vector = np.asarray(queries.embed_query(x["standalone"]), dtype=np.float32)
            evidence = score_sentences(q, vector, candidates, corpus, embeddings)
            a = compose(x["question"], q, evidence, corpus, vocabulary)
        return _with(a, standalone_question=x["standalone"])

    return (
        RunnableLambda(_condense).with_config(run_name="condense")
        | RunnablePassthrough.assign(candidates=RunnableLambda(_retrieve).with_config(run_name="hybrid_retrieval"))
        | RunnableLambda(_answer).with_config(run_name="extractive_answer")
    )


def _with(a: Answer, **changes) -> Answer:
    return dataclasses.replace(a, **changes)
