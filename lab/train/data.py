"""Training examples from ``../shared/data``: questions with candidate sentences labelled by
whether they state the answer.

Sources (see that folder's README for licences and what each is for):
- SQuAD 2.0 train subset (Wikipedia, 10 titles; answerable and unanswerable questions),
- RealTime QA weeks 2023-2025 but the dev weeks (news quizzes with the retrieved articles),
- TrecQA train/dev/test (newswire answer-sentence selection): ``lab/train/trecqa.py``.
Never read: ``squad2/`` (``eval/squad2_dev``'s titles), the 4 RealTime QA dev weeks, WikiQA (licence).
Candidates mimic the answer path: the paragraphs of the question's articles that share most of
its words (the lexical side of retrieval), all their sentences."""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot.answering.learned.features import Candidate
from index.text.sentences import split_sentences
from index.text.terms import terms

#: RealTime QA weeks used by ``eval/realtimeqa2023_dev`` (never trained on).
DEV_WEEKS = ("20230609", "20230616", "20230623", "20230630")
#: Paragraphs whose sentences become candidates, as the answer path scores ~8 passages.
PARAGRAPHS = 8
# Quiz items worded against their choices can't be answered from a text.
_CHOICE_WORDED = re.compile(
    r"which of the following|true or false|\bexcept\b|which of these", re.IGNORECASE
)


@dataclass(frozen=True)
class Example:
    question: str
    source: str  # squad | rtqa | trecqa
    group: str  # title, week or split: examples of one group share articles
    answerable: bool
    candidates: tuple[Candidate, ...]
    labels: tuple[bool, ...]  # per candidate: does it state the answer?


@dataclass
class Articles:
    """The articles of one group: their terms (for ``article_terms``) and document frequencies."""

    terms: dict[str, frozenset[str]]
    df: Counter
    size: int

    def idf(self, term: str) -> float:
        df = self.df.get(term, 0)
        return math.log(1.0 + (self.size - df + 0.5) / (df + 0.5))

    def article_terms(self, key: str) -> frozenset[str]:
        return self.terms.get(key, frozenset())


@lru_cache(maxsize=100_000)
def _sentences_with_spans(paragraph: str) -> list[tuple[str, int, int]]:
    out, cursor = [], 0
    for s in split_sentences(paragraph):
        start = paragraph.find(s, cursor)
        start = cursor if start < 0 else start
        out.append((s, start, start + len(s)))
        cursor = start + len(s)
    return out


def _top_paragraphs(question: str, paragraph_terms: list[frozenset[str]], idf) -> list[int]:
    """Indexes of the paragraphs sharing most of the question's idf mass (ties: file order)."""
    wanted = set(terms(question))
    scored = [
        (-sum(idf(t) for t in sorted(wanted & have)), i) for i, have in enumerate(paragraph_terms)
    ]  # summed in sorted order, as in ``hard_negatives``
    return [i for _, i in sorted(scored)[:PARAGRAPHS]]


def _candidates(
    question, paragraphs, idf, label_fn, paragraph_terms=None
) -> tuple[list[Candidate], list[bool]]:
    if paragraph_terms is None:
        paragraph_terms = [frozenset(terms(p[2])) for p in paragraphs]
    cands, labels = [], []
    for i in _top_paragraphs(question, paragraph_terms, idf):
        key, title, text = paragraphs[i]
        previous = ""
        for position, (s, start, end) in enumerate(_sentences_with_spans(text)):
            cands.append(Candidate(s, previous, text, title, key, position))
            labels.append(bool(label_fn(i, s, start, end)))
            previous = s
    return cands, labels


def articles_of(docs: dict[str, str]) -> Articles:
    by_key = {k: frozenset(terms(t)) for k, t in docs.items()}
    df: Counter = Counter()
    for ts in by_key.values():
        df.update(ts)
    return Articles(by_key, df, len(by_key))


#: A synthetic unanswerable question is skipped when its answer sits in more paragraphs than this:
#: a common word ("one", "Yes") is no answer to remove.
MAX_REMOVED = 30


def without_answer(
    question: str, answer: str, paragraphs, paragraph_terms, arts: Articles, source: str, group: str
) -> tuple[Example, Articles] | None:
    """An on-topic unanswerable question: ``question`` over the same articles with every sentence
    that holds ``answer`` removed (issue 21: the held-out sets' unanswerable questions are about
    their articles' topic, which off-topic questions don't teach). None when nothing is removed
    or the answer is too common to remove."""
    if len(answer) < 3:
        return None
    touched = [i for i, p in enumerate(paragraphs) if _whole_word(answer, p[2])]
    if not touched or len(touched) > MAX_REMOVED:
        return None
    paragraphs, paragraph_terms = list(paragraphs), list(paragraph_terms)
    for i in touched:
        key, title, text = paragraphs[i]
        kept = [s for s, _, _ in _sentences_with_spans(text) if not _whole_word(answer, s)]
        paragraphs[i] = (key, title, " ".join(kept))
        paragraph_terms[i] = frozenset(terms(paragraphs[i][2]))
    keys = {paragraphs[i][0] for i in touched}
    by_key = dict(arts.terms)
    for key in keys:  # the article's words without the removed sentences
        by_key[key] = frozenset().union(
            *(t for p, t in zip(paragraphs, paragraph_terms) if p[0] == key)
        )
    view = Articles(by_key, arts.df, arts.size)
    cands, labels = _candidates(question, paragraphs, arts.idf, lambda *_: False, paragraph_terms)
    return Example(question, source, group, False, tuple(cands), tuple(labels)), view


SQ_RM = "squad-removed"

#: Questions of the title before asked of each title (its article doesn't answer them): a briefing
#: is asked about things its articles never mention, which SQuAD's own unanswerable questions
#: (all about their article's topic) don't teach.
OFF_TOPIC = 40


def squad(
    path: Path, limit: int | None = None, synthetic: bool = False
) -> Iterator[tuple[Example, Articles]]:
    """SQuAD 2.0: a sentence states the answer when a gold answer starts inside it; plus
    ``OFF_TOPIC`` questions of the previous title asked of each title, unanswerable there, and
    with ``synthetic`` each answerable question again without its answer (``without_answer``)."""
    data = json.loads(path.read_text(encoding="utf-8"))["data"]
    previous: list[str] = []
    for article in data:
        title = article["title"].replace("_", " ")
        paragraphs = [(title, title, p["context"]) for p in article["paragraphs"]]
        # idf over the title's paragraphs: the answer path's idf is over passages too.
        arts = articles_of({f"{title}#{i}": p[2] for i, p in enumerate(paragraphs)})
        paragraph_terms = list(arts.terms.values())
        arts.terms = {title: frozenset().union(*paragraph_terms)}
        count = 0
        for pi, p in enumerate(article["paragraphs"]):
            for qa in p["qas"]:
                starts = {(pi, a["answer_start"]) for a in qa.get("answers", [])}

                def label(i, _s, start, end, starts=starts):
                    return any(i == j and start <= a < end for j, a in starts)

                cands, labels = _candidates(
                    qa["question"], paragraphs, arts.idf, label, paragraph_terms
                )
                yield (
                    Example(
                        qa["question"],
                        "squad",
                        title,
                        not qa.get("is_impossible", False),
                        tuple(cands),
                        tuple(labels),
                    ),
                    arts,
                )
                answers = [a["text"] for a in qa.get("answers", [])]
                if synthetic and answers and any(labels):
                    made = without_answer(
                        qa["question"], answers[0], paragraphs, paragraph_terms, arts, SQ_RM, title
                    )
                    if made:
                        yield made
                count += 1
                if limit and count >= limit:
                    break
            if limit and count >= limit:
                break
        for question in previous[:: max(1, len(previous) // OFF_TOPIC)][:OFF_TOPIC]:
            cands, labels = _candidates(
                question, paragraphs, arts.idf, lambda *_: False, paragraph_terms
            )
            yield (
                Example(question, "squad-offtopic", title, False, tuple(cands), tuple(labels)),
                arts,
            )
        previous = [
            qa["question"]
            for p in article["paragraphs"]
            for qa in p["qas"]
            if not qa.get("is_impossible", False)
        ][: (limit or 10**9)]


# Compiled once per answer: thousands of answers through ``re.search`` evicted the sentence
# splitter's patterns from re's 512-entry cache (a third of the loading time).
@lru_cache(maxsize=4096)
def _word_pattern(alias: str) -> re.Pattern:
    return re.compile(rf"(?<!\w){re.escape(alias)}(?!\w)", re.IGNORECASE)


def _whole_word(alias: str, text: str) -> bool:
    return bool(_word_pattern(alias).search(text))


def realtimeqa(
    folder: Path, limit: int | None = None, synthetic: bool = False, weeks=lambda week: True
) -> Iterator[tuple[Example, Articles]]:
    """RealTime QA weeks outside the dev set. A sentence states the answer when it holds the gold
    answer and shares ≥2 other content words with the question and the quiz's rationale (as the
    dev set's README derives it); a question whose answer no article holds is unanswerable; one
    whose answer appears only in unrelated sentences is left out (its label is unknowable).
    Candidates come from all the week's articles, as in a briefing over many articles (the dev
    set indexes its weeks together), so off-topic paragraphs compete as they do there. With
    ``synthetic``, each answerable question also comes without its answer (``without_answer``);
    ``weeks`` picks the weeks read (by ``YYYYMMDD``)."""
    previous: list[dict] = []
    for path in sorted(folder.glob("*.jsonl")):
        week = path.stem
        if week in DEV_WEEKS or not weeks(week):
            continue
        rows = [
            json.loads(line)
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        docs = {a["url"]: a for row in rows for a in row.get("articles", [])}
        arts = articles_of({url: a["text"] for url, a in docs.items()})
        paragraphs = [
            (url, a.get("title", ""), para)
            for url, a in docs.items()
            for para in a["text"].split("\n")
            if para.strip()
        ]
        paragraph_terms = [frozenset(terms(p[2])) for p in paragraphs]
        count = 0
        # Last week's questions asked of this week's articles, where their answer is absent: the
        # news counterpart of the SQuAD off-topic questions (see ``OFF_TOPIC``).
        for row in previous[:: max(1, len(previous) // OFF_TOPIC)][:OFF_TOPIC]:
            answer = str(row["answer"]).strip().strip("\"'“”").rstrip(".")
            if answer and not any(_whole_word(answer, a["text"]) for a in docs.values()):
                cands, labels = _candidates(
                    row["question"], paragraphs, arts.idf, lambda *_: False, paragraph_terms
                )
                yield (
                    Example(
                        row["question"], "rtqa-offtopic", week, False, tuple(cands), tuple(labels)
                    ),
                    arts,
                )
        previous = [
            r for r in rows if r.get("articles") and not _CHOICE_WORDED.search(r["question"])
        ]
        for row in rows:
            if not row.get("articles") or _CHOICE_WORDED.search(row["question"]):
                continue
            answer = str(row["answer"]).strip().strip("\"'“”").rstrip(".")
            context = set(terms(row["question"] + " " + row.get("rationale", ""))) - set(
                terms(answer)
            )

            def label(_i, s, _start, _end, answer=answer, context=context):
                return _whole_word(answer, s) and len(context & set(terms(s))) >= 2

            cands, labels = _candidates(
                row["question"], paragraphs, arts.idf, label, paragraph_terms
            )
            present = any(_whole_word(answer, a["text"]) for a in docs.values())
            if present and not any(labels):
                continue
            yield Example(row["question"], "rtqa", week, present, tuple(cands), tuple(labels)), arts
            if synthetic and present:
                made = without_answer(
                    row["question"], answer, paragraphs, paragraph_terms, arts, "rtqa-removed", week
                )
                if made:
                    yield made
            count += 1
            if limit and count >= limit:
                break
