"""Citations, in one place: passages numbered [1], [2]… in order of first use, the sentences each
one is cited for, the ``[n]`` marker as the bot writes it and as LLMs write it, and what happens
to a marker that points at no passage (dropped and logged).

Every answerer (extractive, metadata, LLM) and the briefing number their sources with ``Citer``,
so an answer's ``[n]`` and its ``Citation.n`` always agree, and a citation's ``quotes`` are the
passage's own sentences in the order the passage reads (Haystack's ``AnswerBuilder`` is the
model).

Example:
    >>> citer = Citer(corpus)
    >>> n = citer.cite(12, "The bridge reopened on Monday.", score=0.91)   # -> 1
    >>> citer.citations()[0].quotes
    ('The bridge reopened on Monday.',)
"""

from __future__ import annotations

import logging
import re

from bot.corpus import Corpus
from bot.types import Answer, Citation

log = logging.getLogger(__name__)

#: The marker the bot writes after a cited sentence: ``[3]``.
MARKER = re.compile(r"\[(\d+)\]")
#: Markers as LLMs write them: [1], [1, 2], [1][2], [passage 1] (ranges are rare enough to ignore).
LOOSE_MARKER = re.compile(
    r"\[\s*(?:passages?\s*)?(\d{1,3}(?:\s*[,;]\s*\d{1,3})*)\s*\]", re.IGNORECASE
)


def strip_markers(text: str) -> str:
    """``text`` without its ``[n]`` markers (an earlier answer read as chat history)."""
    return " ".join(re.sub(r"\s*\[\d+\]", " ", text or "").split())


def loose_numbers(text: str) -> tuple[int, ...]:
    """The passage numbers of every loose marker in ``text``, as written."""
    return tuple(
        int(n) for m in LOOSE_MARKER.finditer(text) for n in re.split(r"\s*[,;]\s*", m.group(1))
    )


def in_range(numbers: tuple[int, ...], count: int, dropped: list[str]) -> list[int]:
    """The numbers that name one of the ``count`` passages (1-based); each other one is logged and
    noted in ``dropped`` ("marker [7]: no such passage")."""
    kept = []
    for n in numbers:
        if 1 <= n <= count:
            kept.append(n)
        else:
            log.info("dropped marker [%d]: the prompt had %d passages", n, count)
            dropped.append(f"marker [{n}]: no such passage")
    return kept


class Citer:
    """Numbers the passages cited (by corpus position) in order of first use and keeps, per
    passage, the sentences cited and the best score."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self._numbers: dict[int, int] = {}
        self._quotes: dict[int, list[str]] = {}
        self._scores: dict[int, float] = {}

    def cite(self, position: int, quote: str = "", score: float = 1.0) -> int:
        """The number of passage ``position`` (a new one on first use), noting ``quote``."""
        n = self._numbers.setdefault(position, len(self._numbers) + 1)
        quotes = self._quotes.setdefault(position, [])
        if quote and quote not in quotes:
            quotes.append(quote)
        self._scores[position] = max(self._scores.get(position, 0.0), score)
        return n

    def citations(self) -> tuple[Citation, ...]:
        out = []
        for i, n in self._numbers.items():
            p = self.corpus.passages[i]
            quotes = self._quotes[i]
            if p.kind != "meta":  # as the passage reads; metadata lines stay in answer order
                order = {s: k for k, s in enumerate(self.corpus.sentences(i))}
                quotes = sorted(quotes, key=lambda q: order.get(q, len(order)))
            out.append(
                Citation(
                    n=n,
                    passage_id=p.id,
                    article_id=p.article_id,
                    title=p.title,
                    source=p.source,
                    paragraph=p.paragraph,
                    text=p.text,
                    quotes=tuple(quotes),
                    score=round(self._scores[i], 4),
                    author=p.author,
                    published=p.published,
                )
            )
        return tuple(out)


def cited_answer(question: str, chosen: list[tuple[int, str, float]], corpus: Corpus) -> Answer:
    """An answer of the ``chosen`` (passage position, sentence, score), in answer order, each
    sentence followed by its passage's marker."""
    citer = Citer(corpus)
    parts = [f"{sentence} [{citer.cite(i, sentence, score)}]" for i, sentence, score in chosen]
    return Answer(
        question=question, text=" ".join(parts), answered=True, citations=citer.citations()
    )
