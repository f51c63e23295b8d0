"""TrecQA (tokenized newswire answer-sentence selection) as training examples: each question's
judged sentences are its candidates."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from bot.answering.learned.features import Candidate
from lab.train.data import Articles, Example, articles_of

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
        arts = articles_of({f"{key}#{i}": s for i, (s, _) in enumerate(rows)})
        arts.terms = {key: frozenset().union(*arts.terms.values())}
        cands = tuple(Candidate(s, "", s, "", key, 0) for s, _ in rows)
        labels = tuple(lab for _, lab in rows)
        yield Example(question, "trecqa", csv_path.stem, any(labels), cands, labels), arts
