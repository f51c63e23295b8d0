"""Training examples from ``../shared/data``: questions with candidate sentences labelled by
whether they state the answer.

Sources (see that folder's README for licences and what each is for):
- SQuAD 2.0 train subset (Wikipedia, 10 titles; answerable and unanswerable questions),
- RealTime QA 2023 weeks before the dev weeks (news quizzes with the retrieved news articles),
- TrecQA train/dev (newswire answer-sentence selection; its test split is kept for validation).
Never read: ``squad2/`` (the 4 titles of ``eval/squad2_dev``), the 4 RealTime QA dev weeks, WikiQA
(its licence does not allow shipping a model trained on it).

Candidates mimic the answer path: the paragraphs of the question's articles that share most of
its words (the lexical side of retrieval), all their sentences.
"""

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


def hard_negatives(ex: Example, arts: Articles, n: int) -> list[str]:
    """The ``n`` candidate sentences that share most of the question's idf mass without stating
    the answer (fewer when there are fewer), most sharing first; ties keep the candidates' order.
    The confusion the answer path must resolve, so every trained model learns from it."""
    wanted = set(terms(ex.question))
    others = list(dict.fromkeys(c.sentence for c, lab in zip(ex.candidates, ex.labels) if not lab))
    # sorted: a float sum in set order differs in its last bits from run to run (hash seeds),
    # which reorders ties between runs
    others.sort(key=lambda s: -sum(arts.idf(t) for t in sorted(wanted & set(terms(s)))))
    return others[:n]


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


def _articles(docs: dict[str, str]) -> Articles:
    by_key = {k: frozenset(terms(t)) for k, t in docs.items()}
    df: Counter = Counter()
    for ts in by_key.values():
        df.update(ts)
    return Articles(by_key, df, len(by_key))


#: Questions of the title before asked of each title (its article doesn't answer them): a briefing
#: is asked about things its articles never mention, which SQuAD's own unanswerable questions
#: (all about their article's topic) don't teach.
OFF_TOPIC = 40


def squad(path: Path, limit: int | None = None) -> Iterator[tuple[Example, Articles]]:
    """SQuAD 2.0: a sentence states the answer when a gold answer starts inside it; plus
    ``OFF_TOPIC`` questions of the previous title asked of each title, unanswerable there."""
    data = json.loads(path.read_text(encoding="utf-8"))["data"]
    previous: list[str] = []
    for article in data:
        title = article["title"].replace("_", " ")
        paragraphs = [(title, title, p["context"]) for p in article["paragraphs"]]
        # idf over the title's paragraphs: the answer path's idf is over passages too.
        arts = _articles({f"{title}#{i}": p[2] for i, p in enumerate(paragraphs)})
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


def _whole_word(alias: str, text: str) -> bool:
    return bool(re.search(rf"(?<!\w){re.escape(alias)}(?!\w)", text, re.IGNORECASE))


def realtimeqa(folder: Path, limit: int | None = None) -> Iterator[tuple[Example, Articles]]:
    """RealTime QA weeks outside the dev set. A sentence states the answer when it holds the gold
    answer and shares ≥2 other content words with the question and the quiz's rationale (as the
    dev set's README derives it); a question whose answer no article holds is unanswerable; one
    whose answer appears only in unrelated sentences is left out (its label is unknowable).
    Candidates come from all the week's articles, as in a briefing over many articles (the dev
    set indexes its weeks together), so off-topic paragraphs compete as they do there."""
    previous: list[dict] = []
    for path in sorted(folder.glob("*.jsonl")):
        week = path.stem
        if week in DEV_WEEKS:
            continue
        rows = [
            json.loads(line)
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        docs = {a["url"]: a for row in rows for a in row.get("articles", [])}
        arts = _articles({url: a["text"] for url, a in docs.items()})
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
            count += 1
            if limit and count >= limit:
                break


_PTB = [
    ("-LRB-", "("),
    ("-RRB-", ")"),
    ("-LSB-", "["),
    ("-RSB-", "]"),
    ("``", '"'),
    ("''", '"'),
    (" ,", ","),
    (" .", "."),
    (" ;", ";"),
    (" :", ":"),
    (" 's", "'s"),
    (" n't", "n't"),
    ("( ", "("),
    (" )", ")"),
    (" ?", "?"),
    (" %", "%"),
]


def _detokenize(text: str) -> str:
    for a, b in _PTB:
        text = text.replace(a, b)
    text = re.sub(r'" ([^"]*?) "', r'"\1"', text)
    return text[:1].upper() + text[1:]


def trecqa(csv_path: Path, limit: int | None = None) -> Iterator[tuple[Example, Articles]]:
    """TrecQA (tokenized newswire): each question's judged sentences are its candidates; a
    question with no positive sentence is unanswerable from them."""
    import csv

    grouped: dict[str, list[tuple[str, bool]]] = {}
    with csv_path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            grouped.setdefault(_detokenize(row["qtext"]), []).append(
                (_detokenize(row["atext"]), row["label"] == "1")
            )
    for count, (question, rows) in enumerate(grouped.items()):
        if limit and count >= limit:
            break
        key = f"trec:{count}"
        arts = _articles({f"{key}#{i}": s for i, (s, _) in enumerate(rows)})
        arts.terms = {key: frozenset().union(*arts.terms.values())}
        cands = tuple(Candidate(s, "", s, "", key, 0) for s, _ in rows)
        labels = tuple(lab for _, lab in rows)
        yield Example(question, "trecqa", csv_path.stem, any(labels), cands, labels), arts
