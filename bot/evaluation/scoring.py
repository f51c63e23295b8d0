"""Score an answer function on questions (``bot.evaluation.questions``): accuracy, citation
hits, refusals, latency, overall and per question type.

Any answer function works (``bot.answer``, the textbook baseline in ``bench/``), so the same code
scores every system.

Example:
    >>> from bot.evaluation.questions import read_questions
    >>> from bot.evaluation.scoring import run_eval
    >>> report = run_eval(read_questions("dev.jsonl"), bot.answer)
    >>> print(report.summary_line())
"""

from __future__ import annotations

import math
import re
import statistics
import time
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from bot.evaluation.questions import EvalQuestion

#: Answers longer than this don't count as correct: a briefing answer must be short.
MAX_ANSWER_CHARS = 500

AnswerFn = Callable[..., Any]  # (question, history=None) -> an object shaped like bot.types.Answer


@dataclass(frozen=True)
class QuestionResult:
    """How one question went. ``why`` is empty when every check passed."""

    id: str
    question: str
    type: str
    answerable: bool
    answered: bool
    text: str
    chars: int
    ms: float
    must_present: bool  # all must groups found, whatever the length or refusal flag
    correct: bool  # answerable: answered, short, must present; unanswerable: refused
    citation_hit: bool | None  # None when the question has no evidence snippets
    first_citation_hit: bool | None
    why: tuple[str, ...] = ()
    confidence: float | None = None  # the answer model's score (``Answer.confidence``), if any

    @property
    def miss(self) -> bool:
        return bool(self.why)


@dataclass(frozen=True)
class EvalReport:
    """The figures over a question set. Rates are ``None`` when no question of that kind exists."""

    n: int
    answerable: int
    unanswerable: int
    accuracy: float | None
    citation: float | None
    first_citation: float | None
    rejection: float | None
    false_refusal: float | None
    must_present: float | None  # answerable questions whose must strings appear, at any length
    median_chars: float | None  # over answered questions (refusals are boilerplate)
    p50_ms: float | None
    p95_ms: float | None
    by_type: tuple[tuple[str, int, int], ...]  # (type, questions, correct)
    results: tuple[QuestionResult, ...]

    @property
    def misses(self) -> tuple[QuestionResult, ...]:
        return tuple(r for r in self.results if r.miss)

    def summary_line(self) -> str:
        """One line with every figure, e.g. ``accuracy 0.96 | citation 0.96 | ... | n=29``."""

        def rate(x: float | None) -> str:
            return "-" if x is None else f"{x:.2f}"

        def num(x: float | None, unit: str) -> str:
            return "-" if x is None else f"{x:.0f} {unit}"

        return (
            f"accuracy {rate(self.accuracy)} | citation {rate(self.citation)} | "
            f"first-citation {rate(self.first_citation)} | rejection {rate(self.rejection)} | "
            f"false-refusal {rate(self.false_refusal)} | median {num(self.median_chars, 'chars')} | "
            f"p50 {num(self.p50_ms, 'ms')} | p95 {num(self.p95_ms, 'ms')} | n={self.n}"
        )

    def to_dict(self) -> dict:
        data = asdict(self)
        data["by_type"] = [{"type": t, "n": n, "correct": c} for t, n, c in self.by_type]
        data["misses"] = [r["id"] for r in data["results"] if r["why"]]
        return data


# -- reading ----------------------------------------------------------------------------------------


_QUOTES = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "″": '"',
        "\u00a0": " ",
    }
)


def normalize(text: str) -> str:
    """Lower case, NFC, straight quotes, single spaces: so ``Syria’s`` in a passage matches
    ``Syria's`` in a snippet, and a line break in a passage matches a space."""
    text = unicodedata.normalize("NFC", text).translate(_QUOTES).casefold()
    return re.sub(r"\s+", " ", text).strip()


def contains(haystack: str, needle: str) -> bool:
    return normalize(needle) in normalize(haystack)


def missing_groups(text: str, must: Sequence[Sequence[str]]) -> list[tuple[str, ...]]:
    return [tuple(group) for group in must if not any(contains(text, s) for s in group)]


def _first_citation(citations: Sequence[Any]) -> Any | None:
    return min(citations, key=lambda c: getattr(c, "n", 0)) if citations else None


def percentile(values: Sequence[float], q: float) -> float | None:
    """Linear-interpolated percentile (``q`` in 0..100), ``None`` for no values."""
    if not values:
        return None
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    lo, hi = math.floor(pos), math.ceil(pos)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


# -- scoring ------------------------------------------------------------------------------------
def score(q: EvalQuestion, answer: Any, ms: float) -> QuestionResult:
    """Check one answer against its question."""
    text = str(getattr(answer, "text", ""))
    answered = bool(getattr(answer, "answered", False))
    citations = tuple(getattr(answer, "citations", ()) or ())
    missing = missing_groups(text, q.must)
    why: list[str] = []
    hit = first_hit = None
    if q.evidence:
        hit = any(contains(str(c.text), s) for c in citations for s in q.evidence)
        first = _first_citation(citations)
        first_hit = first is not None and any(contains(str(first.text), s) for s in q.evidence)
    if q.answerable:
        if not answered:
            why.append("refused an answerable question")
        if len(text) > MAX_ANSWER_CHARS:
            why.append(f"too long ({len(text)} chars > {MAX_ANSWER_CHARS})")
        if missing:
            why.append("missing " + "; ".join(" or ".join(repr(s) for s in g) for g in missing))
        if hit is False:
            why.append("no citation contains the evidence")
        elif first_hit is False:
            why.append("first citation lacks the evidence")
        correct = answered and len(text) <= MAX_ANSWER_CHARS and not missing
    else:
        correct = not answered
        if answered:
            why.append("answered an unanswerable question")
    return QuestionResult(
        id=q.id,
        question=q.question,
        type=q.type,
        answerable=q.answerable,
        answered=answered,
        text=text,
        chars=len(text),
        ms=ms,
        must_present=not missing,
        correct=correct,
        citation_hit=hit,
        first_citation_hit=first_hit,
        why=tuple(why),
        confidence=getattr(answer, "confidence", None),
    )


def _error_result(q: EvalQuestion, error: Exception, ms: float) -> QuestionResult:
    # A crash on one question is a finding to report, not a reason to lose the other figures.
    return QuestionResult(
        id=q.id,
        question=q.question,
        type=q.type,
        answerable=q.answerable,
        answered=False,
        text="",
        chars=0,
        ms=ms,
        must_present=False,
        correct=False,
        citation_hit=False if q.evidence else None,
        first_citation_hit=False if q.evidence else None,
        why=(f"error {type(error).__name__}: {error}",),
    )


def _rate(flags: Iterable[bool | None]) -> float | None:
    known = [f for f in flags if f is not None]
    return sum(known) / len(known) if known else None


def summarize(results: Sequence[QuestionResult]) -> EvalReport:
    """The figures over already scored results."""
    ok = [r for r in results if r.answerable]
    no = [r for r in results if not r.answerable]
    lengths = [r.chars for r in results if r.answered]
    times = [r.ms for r in results]
    types: dict[str, list[bool]] = {}
    for r in results:
        types.setdefault(r.type or "-", []).append(r.correct)
    return EvalReport(
        n=len(results),
        answerable=len(ok),
        unanswerable=len(no),
        accuracy=_rate(r.correct for r in ok),
        citation=_rate(r.citation_hit for r in ok),
        first_citation=_rate(r.first_citation_hit for r in ok),
        rejection=_rate(not r.answered for r in no),
        false_refusal=_rate(not r.answered for r in ok),
        must_present=_rate(r.must_present for r in ok),
        median_chars=statistics.median(lengths) if lengths else None,
        p50_ms=percentile(times, 50),
        p95_ms=percentile(times, 95),
        by_type=tuple((t, len(v), sum(v)) for t, v in types.items()),
        results=tuple(results),
    )


def run_eval(questions: Iterable[EvalQuestion], answer_fn: AnswerFn) -> EvalReport:
    """Ask every question (with its history, if any) and score the answers.

    ``answer_fn(question)`` or ``answer_fn(question, history=[(q, a), ...])`` must return an object
    with ``text``, ``answered`` and ``citations`` (each with ``n`` and ``text``), like ``bot.Answer``.
    Latency is the wall-clock time of each call.
    """
    results: list[QuestionResult] = []
    for q in questions:
        start = time.perf_counter()
        try:
            answer = (
                answer_fn(q.question, history=list(q.history))
                if q.history
                else answer_fn(q.question)
            )
        except Exception as e:  # noqa: BLE001 - reported as a miss, see _error_result
            results.append(_error_result(q, e, (time.perf_counter() - start) * 1000))
            continue
        results.append(score(q, answer, (time.perf_counter() - start) * 1000))
    return summarize(results)
