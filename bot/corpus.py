"""A read-only snapshot of the index for answering: passages, their sentences, BM25, and cached
sentence embeddings. Rebuilt when the store's revision changes."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np
from langchain_core.embeddings import Embeddings

from bot.lexical import LexicalIndex, Vocabulary
from index.storage.passages import Passage
from index.text.sentences import split_sentences
from index.text.terms import terms

if TYPE_CHECKING:
    from bot.nlp import ParseCache

# Below this many passages all sentence vectors are computed up front (seed: ~120 sentences,
# ~1 s); above it they are computed on first use and kept in an LRU cache (measured: eager at
# 1,130 passages made start-up 23 s).
EAGER_SENTENCE_PASSAGES = 200
_SENTENCE_CACHE = 50_000
# Sentences differ a lot in length (10-50 tokens) and a batch is padded to its longest one, so
# small length-sorted batches waste less: 30 seed sentences took 410 ms in one batch of 64,
# 290 ms in batches of 8 and 300 ms of 4 (one torch thread, median of 6 draws).
SENTENCE_BATCH = 8


class SentenceEncoder(Protocol):
    """What encodes sentences in batches (the answer encoder, the embedder)."""

    def encode(self, texts: list[str], batch_size: int) -> np.ndarray: ...


@dataclass
class Corpus:
    revision: int
    passages: list[Passage]
    lexical: LexicalIndex
    by_id: dict[str, int] = field(default_factory=dict)
    #: article id → position of its metadata passage (built once; asked on every metadata question)
    meta_of: dict[str, int] = field(default_factory=dict)
    _sentences: dict[int, list[str]] = field(default_factory=dict)
    _vectors: dict[str, OrderedDict[str, np.ndarray]] = field(default_factory=dict)
    _article_terms: dict[str, frozenset[str]] = field(default_factory=dict)
    #: the snapshot folder, where derived data valid for this snapshot may be kept
    snapshot_dir: Path | None = None

    @classmethod
    def from_passages(cls, passages: list[Passage], revision: int = 0) -> Corpus:
        # A snapshot folder (``index.storage.snapshot.PassageList``) keeps the passages' terms between runs.
        cache = getattr(passages, "snapshot_dir", None)
        corpus = cls(
            revision=revision,
            passages=list(passages),
            lexical=LexicalIndex([p.text for p in passages], cache=cache),
            snapshot_dir=cache,
        )
        corpus.by_id = {p.id: i for i, p in enumerate(corpus.passages)}
        corpus.meta_of = {
            p.article_id: i for i, p in enumerate(corpus.passages) if p.kind == "meta"
        }
        return corpus

    @cached_property
    def vocabulary(self) -> Vocabulary:
        """Which terms the corpus uses, name variants included (one per snapshot)."""
        return Vocabulary(self.lexical)

    @cached_property
    def parses(self) -> ParseCache:
        """The NLP parses of this snapshot's passages (``bot.nlp.ParseCache``): each passage is
        parsed once per snapshot, kept in the snapshot folder between processes."""
        from bot.nlp import ParseCache  # lazy: spaCy loads only when something asks for a parse

        return ParseCache(self.snapshot_dir)

    def __len__(self) -> int:
        return len(self.passages)

    def meta_passages(self) -> list[Passage]:
        return [self.passages[i] for i in self.meta_of.values()]

    def sentences(self, i: int) -> list[str]:
        """Sentences of passage ``i``; a metadata passage's sentences are its lines."""
        if i not in self._sentences:
            p = self.passages[i]
            if p.kind == "meta":
                self._sentences[i] = [ln for ln in p.text.split("\n") if ln.strip()]
            else:
                self._sentences[i] = split_sentences(p.text)
        return self._sentences[i]

    def article_terms(self, article_id: str) -> frozenset[str]:
        """Every term of one article (all its passages), computed on first use."""
        if article_id not in self._article_terms:
            self._article_terms[article_id] = frozenset(
                t for p in self._passages_of(article_id) for t in terms(p.text)
            )
        return self._article_terms[article_id]

    def _passages_of(self, article_id: str) -> list[Passage]:
        # The store lists passages by article, so they sit around the metadata passage.
        start = self.meta_of.get(article_id)
        if start is None:
            return [p for p in self.passages if p.article_id == article_id]
        lo = hi = start
        while lo > 0 and self.passages[lo - 1].article_id == article_id:
            lo -= 1
        while hi + 1 < len(self.passages) and self.passages[hi + 1].article_id == article_id:
            hi += 1
        return self.passages[lo : hi + 1]

    def sentence_vectors(
        self, texts: list[str], embeddings: SentenceEncoder | Embeddings
    ) -> np.ndarray:
        """Normalized vectors for ``texts`` by ``embeddings``, computing only the ones not cached
        yet (one cache per model: the answer encoder's and the embedder's vectors never mix)."""
        key = getattr(embeddings, "model_name", None) or type(embeddings).__name__
        cache = self._vectors.setdefault(key, OrderedDict())
        missing = [t for t in dict.fromkeys(texts) if t not in cache]
        if missing:
            encode = getattr(embeddings, "encode", None)
            fresh = (
                encode(missing, batch_size=SENTENCE_BATCH)
                if encode
                else np.asarray(embeddings.embed_documents(missing))
            )
            for t, v in zip(missing, fresh):
                cache[t] = np.asarray(v, dtype=np.float32)
            while len(cache) > _SENTENCE_CACHE:
                cache.popitem(last=False)
        for t in texts:
            cache.move_to_end(t)
        return np.stack([cache[t] for t in texts]) if texts else np.zeros((0, 1), np.float32)

    def warm(self, embeddings: SentenceEncoder | Embeddings) -> None:
        """Pre-compute sentence vectors of a small corpus so the first questions are fast."""
        if len(self.passages) <= EAGER_SENTENCE_PASSAGES:
            texts = [s for i in range(len(self.passages)) for s in self.sentences(i)]
            if texts:
                self.sentence_vectors(texts, embeddings)
