"""Plain-text benchmark documents as the briefing sees an indexed article: each non-empty line a
body paragraph, split into sentences by the index's splitter, parsed paragraph by paragraph and
sliced per sentence by the briefing's own ``sentence_parses`` (no embedding, no store)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class _Passage:
    id: str
    text: str


class _Parses:
    """The slice of ``bot.nlp.ParseCache`` that ``sentence_parses`` uses, without a file."""

    def get_many(self, pairs):
        from bot import nlp

        return nlp.parse_many([text for _, text in pairs])

    def save(self) -> None:
        pass


@dataclass(frozen=True)
class _Corpus:
    passages: tuple[_Passage, ...]
    parses: _Parses


@dataclass(frozen=True)
class Doc:
    units: list  # bot.briefing.sentences.Unit
    parses: list  # bot.briefing.names.SentenceParse, one per unit


def read_doc(doc_id: str, text: str, published: str = "") -> Doc:
    """``text``'s lines as one article's body, with the briefing's units and parses."""
    from bot.briefing.names import sentence_parses
    from bot.briefing.sentences import Unit
    from index.text.sentences import sentence_spans

    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    passages = tuple(_Passage(f"{doc_id}:{k}", p) for k, p in enumerate(paragraphs))
    units = []
    for k, p in enumerate(paragraphs):
        for a, b in sentence_spans(p):
            units.append(Unit(p[a:b], len(units), (k,), (doc_id,), published, span=(a, b)))
    return Doc(units, sentence_parses(_Corpus(passages, _Parses()), units))


def articles(folder: Path) -> dict[str, str]:
    """``articles/<id>.txt`` of a benchmark folder, by id."""
    return {
        p.stem: p.read_text(encoding="utf-8") for p in sorted((folder / "articles").glob("*.txt"))
    }
