"""Retrieval rules that matter once thousands of articles share the index: name variants reach
BM25, and passages that could never pass the answer rules don't take the evidence slots."""

from __future__ import annotations

from bot.corpus import Corpus
from bot.evidence import can_answer
from bot.lexical import LexicalIndex, Vocabulary
from bot.questions import analyze
from index.passages import Passage


def _passage(article: str, paragraph: int, text: str) -> Passage:
    return Passage(id=f"{article}:{paragraph}", article_id=article, paragraph=paragraph, text=text,
                   title=f"About {article}", author="", published="", source=f"{article}.txt")


def test_a_name_variant_the_index_never_saw_reaches_bm25():
    texts = ["Foreign Minister Hakan Fidan of Türkiye spoke in Doha.", "The ferry left the port on time."]
    lexical = LexicalIndex(texts)
    assert lexical.search("Turkey", 2) == []  # "turkey" is not a term of the index
    hits = lexical.search("Turkey", 2, Vocabulary(lexical).variants)
    assert [i for i, _ in hits] == [0]
    # known terms are searched as they are, variants or not
    assert lexical.search("ferry", 2, Vocabulary(lexical).variants) == lexical.search("ferry", 2)


def test_passages_without_the_question_names_cannot_answer():
    corpus = Corpus.from_passages([
        _passage("a", 1, "The rebels of the north captured Tirsk."),
        _passage("a", 2, "They said the city would be held."),
        _passage("b", 1, "Ilse Quill, the foreign minister of Corvath, spoke on Sunday."),
        _passage("c", 1, "Hayat Tahrir al-Sham (HTS) leads the rebels."),
        _passage("c", 2, "HTS said it would hold the city."),
    ])
    cache: dict = {}
    q = analyze("Who captured Tirsk?")
    assert [can_answer(q, i, corpus, cache) for i in range(5)] == [True, True, False, False, False]
    # an acronym is answered only where it is spelled out
    acronym = analyze("What does HTS stand for?")
    assert [can_answer(acronym, i, corpus, cache) for i in range(5)] == [False, False, False, True, False]
    # no names in the question: every passage may answer
    assert all(can_answer(analyze("What happened to the city?"), i, corpus, cache) for i in range(5))
