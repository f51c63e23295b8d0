"""Small, deterministic stand-ins for the real model (no network, no weights)."""

from __future__ import annotations

import hashlib
import math
import re

from langchain_core.embeddings import Embeddings


class HashingEmbeddings(Embeddings):
    """Bag-of-words vectors hashed into a few dimensions: texts sharing words are close, which is
    enough for retrieval logic tests (unlike random fakes)."""

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self.max_tokens = 256
        self.model_name = "fake-hashing"

    def count_tokens(self, text: str) -> int:
        return len(text.split()) + 2

    def _vector(self, text: str) -> list[float]:
        v = [0.0] * self.size
        for word in re.findall(r"\w+", text.lower()):
            h = int(hashlib.md5(word.encode()).hexdigest(), 16)
            v[h % self.size] += 1.0
        norm = math.sqrt(sum(x * x for x in v)) or 1.0
        return [x / norm for x in v]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)

    def encode(self, texts, batch_size=None):
        import numpy as np

        return np.array(self.embed_documents(list(texts)), dtype="float32")


def training_example(question: str, sentences, answer: int | None, df=None, source: str = "test"):
    """One training question (``lab.train.data.Example``) over ``sentences``, the one at index
    ``answer`` stating it (None: unanswerable), with its group's ``Articles`` (document
    frequencies ``df`` over 10 documents)."""
    from collections import Counter

    from bot.answering.learned.features import Candidate
    from lab.train.data import Articles, Example

    ex = Example(
        question,
        source,
        "g",
        answer is not None,
        tuple(Candidate(s) for s in sentences),
        tuple(i == answer for i in range(len(sentences))),
    )
    return ex, Articles({}, Counter(df or {}), 10)
