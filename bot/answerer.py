"""Scored evidence → an ``Answer``: verbatim sentences with [n] markers, or a refusal.

Refusal is decided here, in code, from the evidence: names the articles never use, an asked-for
thing they never mention, or best evidence that is too weak or lacks the kind of fact asked for.
"""

from __future__ import annotations

import re

from bot.evidence import Evidence
from bot.questions import Question
from bot.text import name_matches, terms
from bot.types import Answer, Citation

MAX_CHARS = 500
MAX_SENTENCES = 3
# Calibrated on the dev set and our own extra question file (eval/seed_extra.jsonl): answerable
# questions' best evidence scored ≥0.62, unanswerable ones ≤0.55 (see docs/quality.md).
MIN_SCORE = 0.58
# A further sentence joins the answer only when nearly as good as the best one: 0.9 keeps
# multi-part answers ("which three countries…") while single facts stay one sentence. A sentence
# next to the best one in the same paragraph needs less (0.8): explanations and answers often sit
# in the sentence after the one that restates the question ("… efforts to reassure the
# population." → "In Aleppo, HTS fighters … providing electricity and water.").
FOLLOW_RATIO = 0.9
NEIGHBOUR_RATIO = 0.8

_META_LINE = {"author": "Author:", "published": "Published:", "title": "Title:", "reading_time": "Reading time:"}
_META_WHAT = {"author": "who wrote the article", "published": "when the article was published",
              "title": "the article's headline", "reading_time": "how long the article takes to read"}


def nothing_indexed(question: str) -> Answer:
    return Answer(question=question, answered=False,
                  text="No articles are indexed yet: add some with `briefing index add FILE` or the Articles tab.")


def refusal(question: str, reason: str = "") -> Answer:
    what = reason or "anything that answers this question"
    return Answer(question=question, text=f"The indexed articles don't say {what}.", answered=False)


def _citations_and_text(question: str, chosen: list[tuple[int, str, float]], corpus) -> Answer:
    """``chosen``: (passage position, sentence, score) in answer order."""
    numbers: dict[int, int] = {}
    quotes: dict[int, list[str]] = {}
    scores: dict[int, float] = {}
    parts = []
    for i, sentence, score in chosen:
        n = numbers.setdefault(i, len(numbers) + 1)
        quotes.setdefault(i, []).append(sentence)
        scores[i] = max(scores.get(i, 0.0), score)
        parts.append(f"{sentence} [{n}]")
    citations = []
    for i, n in numbers.items():
        p = corpus.passages[i]
        citations.append(Citation(
            n=n, passage_id=p.id, article_id=p.article_id, title=p.title, source=p.source,
            paragraph=p.paragraph, text=p.text, score=round(scores[i], 4),
            quote=("\n" if p.kind == "meta" else " ").join(quotes[i]),  # metadata: separate lines
            author=p.author, published=p.published,
        ))
    return Answer(question=question, text=" ".join(parts), answered=True, citations=tuple(citations))


def meta_answer(question: str, q: Question, corpus, article_id: str | None) -> Answer:
    """Answer a question about the article itself from its metadata passage."""
    metas = corpus.meta_of
    if not metas:
        return refusal(question, _META_WHAT[q.meta])
    i = metas.get(article_id or "", next(iter(metas.values())))
    label = _META_LINE[q.meta]
    line = next((s for s in corpus.sentences(i) if s.startswith(label)), "")
    if not line:
        return refusal(question, _META_WHAT[q.meta])
    return _citations_and_text(question, [(i, line, 1.0)], corpus)


# Up to this many articles, "When was the article published?" is answered for each of them.
LIST_ARTICLES = 3


def which_article(question: str, q: Question, corpus) -> Answer:
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
        return _citations_and_text(question, chosen, corpus)
    return Answer(question=question, answered=False, text=(
        f"{len(metas):,} articles are indexed, so “the article” could be any of them: say which one, "
        f"e.g. “{_META_EXAMPLE[q.meta]} the article about …?”"))


_META_EXAMPLE = {"author": "Who wrote", "published": "When was", "title": "What is the headline of",
                 "reading_time": "How long is"}


# Support rules, from the dev set and our extra questions (docs/quality.md): every answerable
# question's chosen sentence either repeats ≥30% of what the question says about its names
# (predicate coverage) or is close in meaning (dense ≥0.6); "who founded X?" answered by a sentence
# that merely names X has neither. For dates the bar is higher: a sentence naming the people
# but not the event (dense <0.55) dates some other event.
MIN_PREDICATE, DENSE_PARAPHRASE, DENSE_WHEN = 0.3, 0.6, 0.55


def supported(q: Question, e: Evidence) -> bool:
    """Does the sentence say what the question asks about, not just name the same things?"""
    if q.kind == "acronym":
        return True
    if not e.names_covered:
        return False  # "How many died in Aleppo?" is not answered by a sentence about Homs
    if e.predicate < MIN_PREDICATE and e.dense < DENSE_PARAPHRASE:
        return False
    if q.kind == "when" and e.predicate < 1.0 and e.dense < DENSE_WHEN:
        return False
    return True


def _within_limit(sentence: str) -> str:
    """A sentence too long for an answer is cut at its last clause boundary that fits: the quote
    stays a verbatim span of the passage."""
    room = MAX_CHARS - 6  # " [1]" and slack
    if len(sentence) <= room:
        return sentence
    cut = max(sentence.rfind(mark, 0, room) for mark in (", ", "; ", " – ", " — "))
    return sentence[: cut if cut > room // 3 else room].rstrip(" ,;–—")


def _fits(chosen: list[tuple[int, str, float]], sentence: str) -> bool:
    length = sum(len(s) + 5 for _, s, _ in chosen) + len(sentence) + 5
    return length <= MAX_CHARS and len(chosen) < MAX_SENTENCES


def compose(question: str, q: Question, evidence: list[Evidence], corpus, vocabulary) -> Answer:
    """Pick the best 1-3 sentences, or refuse."""
    unknown = [e for e in q.entities if not vocabulary.knows(e)]
    if unknown:
        names = _originals(question, unknown)
        return refusal(question, f"anything about {names}")
    # "What weapons …?" / "How much aid …?" when no article ever mentions weapons or aid. Not
    # for the other kinds: in "what day"
    # or "which city" the focus names the kind of answer, which the text gives without the word.
    if q.kind in ("what", "which", "count") and q.focus and not any(vocabulary.knows(t) for t in q.focus):
        return refusal(question, f"anything about {_originals(question, list(q.focus))}")
    usable = [e for e in evidence if e.cue and e.score >= MIN_SCORE and supported(q, e)]
    if q.kind in ("what", "which", "count") and q.focus:
        # The same rule per article: among thousands of articles some other one always mentions
        # weapons, so the answer must come from an article that does (on one article: as above).
        usable = [e for e in usable if _article_knows(corpus, e.passage, q.focus)]
    if not usable:
        return refusal(question)
    best = usable[0]
    chosen = [(best.passage, _within_limit(best.sentence), best.score)]
    for e in evidence:
        neighbour = e.passage == best.passage and abs(e.position - best.position) == 1
        if neighbour and e.score >= NEIGHBOUR_RATIO * best.score and _fits(chosen, e.sentence):
            entry = (e.passage, e.sentence, e.score)
            chosen.insert(0, entry) if e.position < best.position else chosen.append(entry)
    seen = {s for _, s, _ in chosen}
    for e in usable[1:]:
        if e.score < FOLLOW_RATIO * best.score:
            break
        if e.sentence in seen or not _fits(chosen, e.sentence):
            continue
        chosen.append((e.passage, e.sentence, e.score))
        seen.add(e.sentence)
    return _citations_and_text(question, chosen, corpus)


def _article_knows(corpus, i: int, focus: tuple[str, ...]) -> bool:
    known = corpus.article_terms(corpus.passages[i].article_id)
    return any(t in known or any(name_matches(t, u) for u in known if u[:4] == t[:4]) for t in focus)


def _originals(question: str, stems: list[str]) -> str:
    """The question's own words for the given stems, e.g. ["china"] → "China"."""
    found = []
    for token in re.findall(r"[^\W_]+(?:[-'’][^\W_]+)*", question):
        if any(t in stems for t in terms(token)) and token not in found:
            found.append(token)
    return " and ".join(found) if found else "that"
