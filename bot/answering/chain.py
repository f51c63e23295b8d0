"""The answer chain, in LangChain runnables:

question + history → condense → hybrid retrieval → the learned answer model → answer + citations,
with a frozen ``ChainState`` between the steps (``bot.answering.state``).
"""

from __future__ import annotations

import dataclasses
from functools import lru_cache

from langchain_core.runnables import Runnable, RunnableLambda

from bot.answering import about as about_articles
from bot.answering.collection import collection, field_answer, one_article, previous_article
from bot.answering.learned.answer import compose
from bot.answering.learned.model import default_model
from bot.answering.questions import analyze
from bot.answering.replies import meta_answer, nothing_indexed, originals, which_article
from bot.answering.resolve import Resolver
from bot.answering.retriever import HybridRetriever
from bot.answering.state import ChainState, condense_step, retrieve_step
from bot.citations import strip_markers
from bot.types import Answer
from index.text.terms import terms

# Words of questions about an article itself; the rest of such a question names its topic.
META_WORDS = frozenset(
    terms(
        "article story piece report text author wrote written writer byline journalist published "
        "publication date dated posted released headline title long take takes read reading time minutes"
    )
)

# Passages whose sentences the answer model scores (~30-40 sentences): the fused top 8 held the
# evidence paragraph for every seed dev question, and the model's cost grows with the sentences.
EVIDENCE_PASSAGES = 8


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


def build_chain(corpus, vectorstore, embeddings, answer_model=None) -> Runnable:
    """The whole flow as one runnable: ``chain.invoke({"question": q, "history": [...]}) -> Answer``.

    ``answer_model``: the learned answer model (default: the packaged one, ``bot.answering.learned.model``).
    """
    model = answer_model or default_model()
    queries = QueryVectors(embeddings)
    retriever = HybridRetriever(
        corpus=corpus, vectorstore=vectorstore, embeddings=queries, k=EVIDENCE_PASSAGES
    )
    vocabulary = corpus.vocabulary
    resolver = Resolver(corpus, vectorstore, queries)  # its article profiles are built on first use

    def _about_articles(s: ChainState) -> Answer | None:
        """A question about the articles themselves (bylines, dates, outlets; the collection)."""
        follow = about_articles.follow_up(s.question) if s.history and corpus.meta_of else None
        meant = previous_article(s.history, resolver, corpus) if follow else None
        if follow and meant:  # "Who wrote it?" after an answer from one article
            return field_answer(s.question, follow.field, meant, corpus)
        about = about_articles.parse(s.standalone)
        if about is None or not corpus.meta_of:
            return None
        if about.collection:
            return collection(s.question, about, resolver, corpus)
        return one_article(s.question, about, resolver, corpus)

    def _article_meant(q, candidates, history) -> str | None:
        """Which article "the article" means: the only one, or the one the question names a topic
        of (the best retrieved), or the one the previous answer quoted; None when that can't be
        told (several articles, no topic, no earlier answer)."""
        if len(corpus.meta_of) == 1:
            return next(iter(corpus.meta_of))
        topic = [t for t in q.terms if t not in META_WORDS]
        if topic:
            return corpus.passages[candidates[0]].article_id if candidates else None
        if history:
            previous = strip_markers(history[-1][1])
            hits = corpus.lexical.search(previous, 1)
            if hits:
                return corpus.passages[hits[0][0]].article_id
        return None

    def _answer(s: ChainState) -> Answer:
        if len(corpus) == 0:
            return _with(nothing_indexed(s.question), standalone_question=s.standalone)
        about = _about_articles(s)
        if about is not None:
            return _with(about, standalone_question=s.standalone)
        q = analyze(s.standalone)
        candidates = list(s.candidates)
        if q.meta:
            meant = _article_meant(q, candidates, s.history)
            a = (
                meta_answer(s.question, q, corpus, meant)
                if meant or not corpus.meta_of
                else which_article(s.question, q, corpus)
            )
        else:
            unknown = [e for e in q.entities if not vocabulary.knows(e)]
            reason = f"anything about {originals(s.question, unknown)}" if unknown else ""
            a = compose(s.question, q, candidates, corpus, model, reason)
        return _with(a, standalone_question=s.standalone)

    return (
        condense_step()
        | retrieve_step(retriever, corpus, EVIDENCE_PASSAGES)
        | RunnableLambda(_answer).with_config(run_name="extractive_answer")
    )


def _with(a: Answer, **changes) -> Answer:
    return dataclasses.replace(a, **changes)
