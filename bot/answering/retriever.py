"""Hybrid retrieval: dense (Chroma) + lexical (BM25), fused by reciprocal rank fusion.

Dense retrieval alone ranks the paragraph naming a meeting place 3rd-5th for "where will they
meet?" and misses names like a minister's at top-4 (measured on the seed); BM25 catches exact names
and places, the dense side catches paraphrases.
"""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_core.retrievers import BaseRetriever
from langchain_core.vectorstores import VectorStore
from pydantic import ConfigDict, SkipValidation

from bot.corpus import Corpus


class HybridRetriever(BaseRetriever):
    """Passages for a query, best first: ``positions`` gives their corpus positions (what the
    answer chains use); LangChain's retriever interface (``invoke``) gives ``Document``s with the
    passage metadata plus ``passage_id``, ``score`` (fused), ``dense_rank`` and ``lexical_rank`` (-1 when absent).

    Example:
        >>> retriever = HybridRetriever(corpus=corpus, vectorstore=store.vectorstore(emb), embeddings=emb)
        >>> retriever.invoke("Where will the ministers meet?", k=3)
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    corpus: SkipValidation[Corpus]  # typed for readers; pydantic would copy a dataclass
    vectorstore: SkipValidation[VectorStore]
    embeddings: SkipValidation[Embeddings]
    k: int = 6
    #: candidates taken from each side before fusion
    fetch_k: int = 30
    #: the usual RRF constant (Cormack et al. 2009); dampens the weight of top ranks
    rrf_k: int = 60

    def _dense(self, query: str, n: int) -> list[str]:
        vector = self.embeddings.embed_query(query)
        hits = self.vectorstore.similarity_search_by_vector_with_relevance_scores(vector, k=n)
        return [doc.id or "" for doc, _distance in hits]

    def fused(self, query: str, k: int | None = None) -> list[tuple[int, float, int, int]]:
        """(passage position, fused score, dense rank, lexical rank) for the top ``k``."""
        k = self.k if k is None else k
        n = min(max(self.fetch_k, k), len(self.corpus)) if len(self.corpus) else 0
        if n == 0:
            return []
        scores: dict[int, float] = {}
        dense_rank: dict[int, int] = {}
        lexical_rank: dict[int, int] = {}
        for rank, pid in enumerate(self._dense(query, n)):
            i = self.corpus.by_id.get(pid)
            if i is not None:
                dense_rank[i] = rank
                scores[i] = scores.get(i, 0.0) + 1.0 / (self.rrf_k + rank + 1)
        for rank, (i, _score) in enumerate(
            self.corpus.lexical.search(query, n, self.corpus.vocabulary.variants)
        ):
            lexical_rank[i] = rank
            scores[i] = scores.get(i, 0.0) + 1.0 / (self.rrf_k + rank + 1)
        ranked = sorted(scores.items(), key=lambda x: -x[1])[:k]
        return [(i, s, dense_rank.get(i, -1), lexical_rank.get(i, -1)) for i, s in ranked]

    def positions(self, query: str, k: int | None = None) -> list[int]:
        """Corpus positions of the top ``k`` passages, best first: what the answer chains use."""
        return [i for i, _score, _dense, _lexical in self.fused(query, k)]

    def _get_relevant_documents(
        self,
        query: str,
        *,
        run_manager: CallbackManagerForRetrieverRun | None = None,
        k: int | None = None,
        **_: Any,
    ) -> list[Document]:
        docs = []
        for i, score, dr, lr in self.fused(query, k):
            p = self.corpus.passages[i]
            meta = dict(p.metadata(), passage_id=p.id, score=score, dense_rank=dr, lexical_rank=lr)
            docs.append(Document(page_content=p.text, metadata=meta, id=p.id))
        return docs
