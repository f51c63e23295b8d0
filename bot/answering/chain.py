"""The answer chain, in LangChain runnables:

question + history → condense → hybrid retrieval → ``ExtractiveAnswer`` (the articles' metadata or
the learned answer model) → answer + citations, with a frozen ``ChainState`` between the steps
(``bot.answering.state``).
"""

from __future__ import annotations

import dataclasses
from functools import lru_cache
from typing import Any

from langchain_core.embeddings import Embeddings
from langchain_core.runnables import Runnable, RunnableConfig
from langchain_core.vectorstores import VectorStore

from bot.answerer import ChainInput
from bot.answering import about as about_articles
from bot.answering.collection import collection, field_answer, one_article, previous_article
from bot.answering.learned.answer import compose
from bot.answering.learned.model import AnswerModel, default_model
from bot.answering.questions import Question, analyze
from bot.answering.replies import meta_answer, nothing_indexed, originals, which_article
from bot.answering.resolve import Resolver
from bot.answering.retriever import HybridRetriever
from bot.answering.state import ChainState, condense_step, retrieve_step
from bot.citations import strip_markers
from bot.corpus import Corpus
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


class QueryVectors(Embeddings):
    """``embed_query`` with a small cache: the same text is embedded once per question flow."""

    def __init__(self, embeddings: Embeddings) -> None:
        self.embeddings = embeddings
        self.vector = lru_cache(maxsize=256)(self._vector)

    def _vector(self, text: str) -> tuple[float, ...]:
        return tuple(self.embeddings.embed_query(text))

    def embed_query(self, text: str) -> list[float]:
        return list(self.vector(text))

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embeddings.embed_documents(texts)


class ExtractiveAnswer(Runnable[ChainState, Answer]):
    """The last step of the extractive chain: the retrieved state → the ``Answer``. A question
    about the articles themselves is answered from their metadata, any other from the sentences
    of the candidate passages by the learned answer model."""

    name = "extractive_answer"

    def __init__(self, corpus: Corpus, resolver: Resolver, model: AnswerModel) -> None:
        self.corpus, self.resolver, self.model = corpus, resolver, model

    def invoke(
        self, input: ChainState, config: RunnableConfig | None = None, **kwargs: Any
    ) -> Answer:
        return self._call_with_config(self._answer, input, config)

    def _answer(self, s: ChainState) -> Answer:
        if len(self.corpus) == 0:
            a = nothing_indexed(s.question)
        else:
            a = self._about_articles(s) or self._from_passages(s)
        return dataclasses.replace(a, standalone_question=s.standalone)

    def _about_articles(self, s: ChainState) -> Answer | None:
        """A question about the articles themselves (bylines, dates, outlets; the collection)."""
        corpus, resolver = self.corpus, self.resolver
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

    def _from_passages(self, s: ChainState) -> Answer:
        """A metadata line of the article meant ("when was the article published?"), or the
        answer model's best sentence(s) of the candidates; a refusal naming unknown names."""
        q = analyze(s.standalone)
        candidates = list(s.candidates)
        if q.meta:
            meant = self._article_meant(q, candidates, s.history)
            if meant or not self.corpus.meta_of:
                return meta_answer(s.question, q, self.corpus, meant)
            return which_article(s.question, q, self.corpus)
        unknown = [e for e in q.entities if not self.corpus.vocabulary.knows(e)]
        reason = f"anything about {originals(s.question, unknown)}" if unknown else ""
        return compose(s.question, q, candidates, self.corpus, self.model, reason)

    def _article_meant(
        self, q: Question, candidates: list[int], history: tuple[tuple[str, str], ...]
    ) -> str | None:
        """Which article "the article" means: the only one, or the one the question names a topic
        of (the best retrieved), or the one the previous answer quoted; None when that can't be
        told (several articles, no topic, no earlier answer)."""
        corpus = self.corpus
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


def build_chain(
    corpus: Corpus,
    vectorstore: VectorStore,
    embeddings: Embeddings,
    answer_model: AnswerModel | None = None,
) -> Runnable[ChainInput, Answer]:
    """The whole flow as one runnable (an ``Answerer``):
    ``chain.invoke({"question": q, "history": [...]}) -> Answer``.

    ``answer_model``: the learned answer model (default: the packaged one, ``bot.answering.learned.model``).
    """
    model = answer_model or default_model()
    queries = QueryVectors(embeddings)
    retriever = HybridRetriever(
        corpus=corpus, vectorstore=vectorstore, embeddings=queries, k=EVIDENCE_PASSAGES
    )
    resolver = Resolver(corpus, vectorstore, queries)  # its article profiles are built on first use
    return (
        condense_step()
        | retrieve_step(retriever, EVIDENCE_PASSAGES)
        | ExtractiveAnswer(corpus, resolver, model)
    )
