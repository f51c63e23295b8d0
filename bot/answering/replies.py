"""What every answer shares: refusals, the length limit, and the answers from an article's own
metadata lines (citations are numbered in ``bot.citations``). Which sentence answers, and
whether to refuse, is the learned decision's (``bot/answering/learned/answer.py``)."""

from __future__ import annotations

import re

from bot.answering.questions import Question
from bot.citations import cited_answer
from bot.corpus import Corpus
from bot.types import Answer
from index.text.terms import terms

MAX_CHARS = 500
MAX_SENTENCES = 3

_META_LINE = {
    "author": "Author:",
    "published": "Published:",
    "title": "Title:",
    "reading_time": "Reading time:",
}
_META_WHAT = {
    "author": "who wrote the article",
    "published": "when the article was published",
    "title": "the article's headline",
    "reading_time": "how long the article takes to read",
}


def nothing_indexed(question: str) -> Answer:
    return Answer(
        question=question,
        answered=False,
        text="No articles are indexed yet: add some with `briefing index add FILE` or the Articles tab.",
    )


def refusal(question: str, reason: str = "") -> Answer:
    what = reason or "anything that answers this question"
    return Answer(question=question, text=f"The indexed articles don't say {what}.", answered=False)


def meta_answer(question: str, q: Question, corpus: Corpus, article_id: str | None) -> Answer:
    """Answer a question about the article itself from its metadata passage."""
    metas = corpus.meta_of
    if not metas:
        return refusal(question, _META_WHAT[q.meta])
    i = metas.get(article_id or "", next(iter(metas.values())))
    label = _META_LINE[q.meta]
    line = next((s for s in corpus.sentences(i) if s.startswith(label)), "")
    if not line:
        return refusal(question, _META_WHAT[q.meta])
    return cited_answer(question, [(i, line, 1.0)], corpus)


# Up to this many articles, "When was the article published?" is answered for each of them.
LIST_ARTICLES = 3


def which_article(question: str, q: Question, corpus: Corpus) -> Answer:
    """ "The article" with several articles indexed and nothing saying which: a few are each
    answered (title and the asked line, quoted from their metadata passages); with more, the
    reply asks which one is meant rather than pick one at random."""
    metas = sorted(corpus.meta_of.values(), key=lambda i: corpus.passages[i].title.lower())
    label = _META_LINE[q.meta]
    chosen = []
    for i in metas if len(metas) <= LIST_ARTICLES else []:
        lines = corpus.sentences(i)
        title = next((s for s in lines if s.startswith(_META_LINE["title"])), "")
        asked = next((s for s in lines if s.startswith(label)), "")
        if asked:  # an article that doesn't give it is left out rather than shown without it
            chosen += [(i, line, 1.0) for line in dict.fromkeys((title, asked)) if line]
    if len(metas) <= LIST_ARTICLES and not chosen:
        return refusal(question, _META_WHAT[q.meta])
    if chosen and sum(len(s) + 5 for _, s, _ in chosen) <= MAX_CHARS:
        return cited_answer(question, chosen, corpus)
    return Answer(
        question=question,
        answered=False,
        text=(
            f"{len(metas):,} articles are indexed, so “the article” could be any of them: say which one, "
            f"e.g. “{_META_EXAMPLE[q.meta]} the article about …?”"
        ),
    )


_META_EXAMPLE = {
    "author": "Who wrote",
    "published": "When was",
    "title": "What is the headline of",
    "reading_time": "How long is",
}


def within_limit(sentence: str) -> str:
    """A sentence too long for an answer is cut at its last clause boundary that fits: the quote
    stays a verbatim span of the passage."""
    room = MAX_CHARS - 6  # " [1]" and slack
    if len(sentence) <= room:
        return sentence
    cut = max(sentence.rfind(mark, 0, room) for mark in (", ", "; ", " – ", " — "))
    return sentence[: cut if cut > room // 3 else room].rstrip(" ,;–—")


def originals(question: str, stems: list[str]) -> str:
    """The question's own words for the given stems, e.g. ["china"] → "China"."""
    found = []
    for token in re.findall(r"[^\W_]+(?:[-'’][^\W_]+)*", question):
        if any(t in stems for t in terms(token)) and token not in found:
            found.append(token)
    return " and ".join(found) if found else "that"
