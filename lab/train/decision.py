"""Fit the answer decision: a logistic model over ``bot.answering.learned.features`` saying how likely a
candidate sentence states the answer. Its best candidate's probability is also the refusal score.

Fitted on other questions than the encoder was trained on (the held-out titles and weeks), so the
similarity feature has the spread it has on unseen articles, not on memorized ones.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from bot.answering.learned.features import NAMES, asked_part, featurize, question_features
from bot.answering.learned.model import Decision, Logistic
from bot.answering.questions import analyze
from lab.train.data import Articles, Example


class CachedEncoder:
    """Sentence vectors computed once per distinct text (candidates repeat within a title)."""

    def __init__(self, encoder) -> None:
        self.encoder = encoder
        self.cache: dict[str, np.ndarray] = {}

    def vectors(self, texts: list[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self.cache]
        if missing:
            for t, v in zip(missing, self.encoder.encode(missing)):
                self.cache[t] = np.asarray(v, np.float32)
        return np.stack([self.cache[t] for t in texts])


def featurized(examples: Sequence[tuple[Example, Articles]], encoder: CachedEncoder):
    """Per example: (features matrix, labels array); examples with no candidate are skipped."""
    out = []
    for ex, arts in examples:
        if not ex.candidates:
            continue
        q = analyze(ex.question)
        asked = asked_part(ex.question)
        sentences = encoder.vectors([c.sentence for c in ex.candidates])
        sims = sentences @ encoder.vectors([ex.question])[0]
        asked_sims = sentences @ encoder.vectors([asked])[0] if asked else None
        x = featurize(q, ex.candidates, sims, arts.idf, arts.article_terms, asked_sims)
        out.append((ex, x, np.asarray(ex.labels, dtype=bool)))
    return out


def logistic(x: np.ndarray, y: np.ndarray, c: float) -> Logistic:
    """A logistic regression on standardised features (L2, ``C=c``) as the answer model stores one: the
    ranker and the refusal are each one; the probes fit theirs the same way."""
    from sklearn.linear_model import LogisticRegression

    mean = x.mean(0)
    scale = x.std(0)
    scale[scale < 1e-6] = 1.0
    model = LogisticRegression(C=c, max_iter=5000)
    model.fit((x - mean) / scale, y)
    return Logistic(
        mean.astype(np.float32),
        scale.astype(np.float32),
        model.coef_[0].astype(np.float32),
        float(model.intercept_[0]),
    )


def fit(rows, c: float = 1.0, threshold: float = 0.5, follow_ratio: float = 0.45) -> Decision:
    """The ranker on every candidate's label, then the refusal on each question's best candidate:
    right (answerable, and that sentence states the answer) or not.

    ``follow_ratio`` 0.45: measured on squad2_dev and realtimeqa2023_dev at threshold 0 (accuracy
    0.80/0.48 at 0.8, 0.85/0.55 at 0.45, 0.86/0.58 at 0.3, median answer 149/161 → 190/283 →
    211/332 chars): most of the gain, answers still short."""
    x = np.concatenate([r[1] for r in rows])
    y = np.concatenate([r[2] for r in rows])
    ranker = logistic(x, y, c)
    qx, qy = question_rows(rows, ranker)
    return Decision(NAMES, ranker, logistic(qx, qy, c), threshold, follow_ratio)


def question_rows(rows, ranker: Logistic):
    qx, qy = [], []
    for ex, x, y in rows:
        p = ranker.probabilities(x)
        qx.append(question_features(x, p))
        qy.append(ex.answerable and bool(y[int(np.argmax(p))]))
    return np.stack(qx), np.asarray(qy)


def question_scores(rows, decision: Decision | None) -> list[tuple[bool, bool, float]]:
    """Per question: (answerable, best candidate states the answer, confidence). Without a
    decision the score is the encoder similarity alone (the first feature)."""
    out = []
    for ex, x, y in rows:
        p = decision.probabilities(x) if decision else x[:, 0]
        best = int(np.argmax(p))
        out.append(
            (
                ex.answerable,
                bool(y[best]),
                decision.confidence(x, p) if decision else float(p[best]),
            )
        )
    return out


def summary(scores: list[tuple[bool, bool, float]], threshold: float) -> dict:
    """Accuracy, false refusal and rejection at ``threshold`` (answerable questions count as
    right when answered with a sentence that states the answer)."""
    ans = [s for s in scores if s[0]]
    una = [s for s in scores if not s[0]]
    return {
        "questions": len(scores),
        "top1": round(sum(s[1] for s in ans) / max(1, len(ans)), 3),
        "accuracy": round(sum(s[1] and s[2] >= threshold for s in ans) / max(1, len(ans)), 3),
        "false_refusal": round(sum(s[2] < threshold for s in ans) / max(1, len(ans)), 3),
        "rejection": round(sum(s[2] < threshold for s in una) / max(1, len(una)), 3)
        if una
        else None,
    }


def threshold_for(scores: list[tuple[bool, bool, float]], false_refusal: float) -> float:
    """The highest threshold that refuses at most ``false_refusal`` of the answerable questions."""
    ans = sorted(s[2] for s in scores if s[0])
    if not ans:
        return 0.5
    k = int(np.floor(false_refusal * len(ans)))
    return float(ans[k]) if k < len(ans) else float(ans[-1])
