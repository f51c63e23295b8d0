"""BM25 over passages, with the corpus statistics sentence scoring needs (idf).

The scores are bm25s's default ("lucene" idf, k1=1.5, b=0.75), computed here from a term → passage
matrix we own so the terms of each passage can be kept on disk next to the passage snapshot
(``index.storage.snapshot``). Measured at 100,000 passages on 2 busy cores: computing the terms (stemming)
took ~20 s and bm25s indexing ~7 s on every start and every index change; from the kept terms a
start takes well under a second, and an added article costs only its own passages' terms.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from index.text.terms import TERMS_VERSION, name_matches, terms

K1, B = 1.5, 0.75
EMPTY = "∅"  # the one term of a passage without terms, so every passage has a length
_CACHE = f"lexical-v{TERMS_VERSION}.npz"  # terms computed by another terms() are not reused


def _key(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little")


def _load_terms(folder: Path | None) -> tuple[list[str], dict[int, np.ndarray]]:
    """The vocabulary and {text key: term ids} kept in ``folder`` (empty when there is none)."""
    if folder is None:
        return [], {}
    try:
        with np.load(folder / _CACHE) as data:
            vocab = json.loads(str(data["vocab"]))
            keys, offsets, flat = data["keys"], data["offsets"], data["flat"]
    except (OSError, ValueError, KeyError):
        return [], {}
    return vocab, {int(k): flat[offsets[i] : offsets[i + 1]] for i, k in enumerate(keys.tolist())}


def _save_terms(folder: Path, vocab: list[str], keys: list[int], docs: list[np.ndarray]) -> None:
    lengths = np.fromiter((len(d) for d in docs), dtype=np.int64, count=len(docs))
    offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
    flat = np.concatenate(docs).astype(np.int32) if docs else np.zeros(0, np.int32)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".lexical-", suffix=".npz")
    with os.fdopen(fd, "wb") as f:
        np.savez(
            f,
            vocab=np.array(json.dumps(vocab, ensure_ascii=False)),
            keys=np.array(keys, dtype=np.uint64),
            offsets=offsets,
            flat=flat,
        )
    os.replace(tmp, folder / _CACHE)


class LexicalIndex:
    """BM25 over the given texts; ``search`` returns (position, score) pairs, best first.

    ``cache``: a folder where the terms of each text are kept between processes (optional).
    """

    def __init__(self, texts: Sequence[str], cache: Path | None = None) -> None:
        self.size = len(texts)
        vocab_list, cached = _load_terms(cache)
        vocab = {t: i for i, t in enumerate(vocab_list)}
        keys = [_key(t) for t in texts] if cache is not None else []
        docs: list[np.ndarray] = []
        fresh = 0
        for n, text in enumerate(texts):
            ids = cached.get(keys[n]) if cache is not None else None
            if ids is None:
                fresh += 1
                ids = np.array(
                    [vocab.setdefault(t, len(vocab)) for t in (terms(text) or [EMPTY])], np.int32
                )
            docs.append(ids)
        vocab_list = list(vocab)
        if cache is not None and (fresh or len(cached) != len(texts)):
            try:
                _save_terms(cache, vocab_list, keys, docs)
            except OSError:
                pass  # a read-only data dir costs the next start time, nothing else
        self._index(docs, vocab, vocab_list)

    def _index(self, docs: list[np.ndarray], vocab: dict[str, int], vocab_list: list[str]) -> None:
        lengths = np.fromiter((len(d) for d in docs), dtype=np.int64, count=len(docs))
        flat = np.concatenate(docs).astype(np.int64) if docs else np.zeros(0, np.int64)
        doc_of = np.repeat(np.arange(len(docs), dtype=np.int64), lengths)
        # (term, passage) pairs with their counts, sorted by term then passage: a CSR matrix by term
        pairs, tf = np.unique(flat * max(len(docs), 1) + doc_of, return_counts=True)
        term, doc = np.divmod(pairs, max(len(docs), 1))
        df = np.bincount(term, minlength=len(vocab_list))
        self._indptr = np.concatenate([[0], np.cumsum(df)]).astype(np.int64)
        self._indices = doc.astype(np.int32)
        n = len(docs)
        avgdl = float(lengths.mean()) if n else 1.0
        idf = np.log1p((n - df + 0.5) / (df + 0.5))
        tf = tf.astype(np.float64)
        norm = K1 * ((1 - B) + B * lengths[doc] / avgdl)
        self._scores = (idf[term] * tf / (norm + tf)).astype(np.float32)
        self._vocab = vocab
        self.doc_freq: dict[str, int] = {t: int(c) for t, c in zip(vocab_list, df.tolist()) if c}

    def idf(self, term: str) -> float:
        """Smoothed idf; terms the corpus never uses get the highest weight."""
        df = self.doc_freq.get(term, 0)
        return math.log(1.0 + (self.size - df + 0.5) / (df + 0.5))

    def known(self, term: str) -> bool:
        return term in self.doc_freq

    def containing(self, term: str) -> np.ndarray:
        """Positions of the texts that hold ``term`` (a stemmed term, as ``terms`` makes it)."""
        t = self._vocab.get(term)
        if t is None:
            return np.zeros(0, np.int64)
        return self._indices[self._indptr[t] : self._indptr[t + 1]].astype(np.int64)

    def search(self, query: str, k: int, variants=None) -> list[tuple[int, float]]:
        """Top ``k`` (passage, BM25 score). ``variants``: term → known spellings of it, used for
        a query term the index never saw ("turkey" → "turkiy" for Türkiye)."""
        wanted = []
        for t in terms(query):
            wanted += [t] if t in self._vocab or variants is None else variants(t)
        ids = [self._vocab[t] for t in wanted if t in self._vocab]
        if not ids or self.size == 0:
            return []
        scores = np.zeros(self.size, dtype=np.float32)
        for t in ids:  # a repeated query term counts again, as in bm25s
            start, end = self._indptr[t], self._indptr[t + 1]
            scores[self._indices[start:end]] += self._scores[start:end]
        k = min(k, self.size)
        top = np.argpartition(-scores, k - 1)[:k]
        ranked = sorted(
            ((int(i), float(scores[i])) for i in top if scores[i] > 0), key=lambda x: -x[1]
        )
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
        return term in self._known or bool(self.variants(term, first=True))

    def variants(self, term: str, first: bool = False) -> list[str]:
        """The corpus's terms that are spellings of ``term`` (itself when known)."""
        if term in self._known:
            return [term]
        if len(term) < 4:
            return []
        head, found = term[:4], []
        i = self._bisect.bisect_left(self._sorted, head)
        while i < len(self._sorted) and self._sorted[i].startswith(head):
            if name_matches(term, self._sorted[i]):
                found.append(self._sorted[i])
                if first:
                    break
            i += 1
        return found
