"""BM25 over passages (bm25s), with the corpus statistics sentence scoring needs (idf)."""

from __future__ import annotations

import logging
import math
from collections import Counter
from collections.abc import Sequence

import numpy as np

from bot.text import name_matches, terms


class LexicalIndex:
    """BM25 over the given texts; ``search`` returns (position, score) pairs, best first."""

    def __init__(self, texts: Sequence[str]) -> None:
        import bm25s

        # bm25s sets its own logger to DEBUG at import, which prints on every index build.
        logging.getLogger("bm25s").setLevel(logging.WARNING)
        self.size = len(texts)
        tokenized = [terms(t) or ["∅"] for t in texts]
        self.doc_freq: Counter[str] = Counter()
        for toks in tokenized:
            self.doc_freq.update(set(toks))
        self._bm25 = bm25s.BM25()
        vocab: dict[str, int] = {}
        ids = [[vocab.setdefault(t, len(vocab)) for t in toks] for toks in tokenized]
        self._vocab = vocab
        self._bm25.index(bm25s.tokenization.Tokenized(ids=ids, vocab=vocab), show_progress=False)

    def idf(self, term: str) -> float:
        """Smoothed idf; terms the corpus never uses get the highest weight."""
        df = self.doc_freq.get(term, 0)
        return math.log(1.0 + (self.size - df + 0.5) / (df + 0.5))

    def known(self, term: str) -> bool:
        return term in self.doc_freq

    def search(self, query: str, k: int) -> list[tuple[int, float]]:
        ids = [self._vocab[t] for t in terms(query) if t in self._vocab]
        if not ids or self.size == 0:
            return []
        scores = self._bm25.get_scores(ids)
        k = min(k, self.size)
        top = np.argpartition(-scores, k - 1)[:k]
        ranked = sorted(((int(i), float(scores[i])) for i in top if scores[i] > 0), key=lambda x: -x[1])
        return ranked


class Vocabulary:
    """Which terms the corpus uses, tolerant to name variants: "turkey" ~ "turkiy" (Türkiye),
    "lebanes" ~ "lebanon", "iran" ~ "iranian" (shared prefix of ≥4 letters and ≥60% of the
    shorter term)."""

    def __init__(self, lexical: LexicalIndex) -> None:
        import bisect

        self._bisect = bisect
        self._sorted = sorted(lexical.doc_freq)
        self._known = set(self._sorted)

    def knows(self, term: str) -> bool:
        if term in self._known:
            return True
        if len(term) < 4:
            return False
        head = term[:4]
        i = self._bisect.bisect_left(self._sorted, head)
        while i < len(self._sorted) and self._sorted[i].startswith(head):
            other = self._sorted[i]
            if name_matches(term, other):
                return True
            i += 1
        return False
