"""Retrieval rules that matter once thousands of articles share the index: name variants reach
BM25."""

from __future__ import annotations

from bot.lexical import LexicalIndex, Vocabulary
from index.storage.passages import Passage


def _passage(article: str, paragraph: int, text: str) -> Passage:
    return Passage(
        id=f"{article}:{paragraph}",
        article_id=article,
        paragraph=paragraph,
        text=text,
        title=f"About {article}",
        author="",
        published="",
        source=f"{article}.txt",
    )


def test_a_name_variant_the_index_never_saw_reaches_bm25():
    texts = [
        "Foreign Minister Hakan Fidan of Türkiye spoke in Doha.",
        "The ferry left the port on time.",
    ]
    lexical = LexicalIndex(texts)
    assert lexical.search("Turkey", 2) == []  # "turkey" is not a term of the index
    hits = lexical.search("Turkey", 2, Vocabulary(lexical).variants)
    assert [i for i, _ in hits] == [0]
    # known terms are searched as they are, variants or not
    assert lexical.search("ferry", 2, Vocabulary(lexical).variants) == lexical.search("ferry", 2)
