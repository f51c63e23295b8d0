"""What ``lab/reranker_probe.py`` prints: the judge's own top-1 on the dev sets, and the answer
decision refitted on split B with and without the judge's features, measured on every dev set."""

from __future__ import annotations

import numpy as np

from lab.dev_report import PICK_FALSE_REFUSAL
from lab.dev_sets import GRID


def _holds(text: str, must) -> bool:
    low = text.lower()
    return all(any(s.lower() in low for s in group) for group in must)


def fit_and_measure(rows_b, dev, extra_b, extra_dev) -> dict:
    """Fit ranker + refusal on B (features, plus ``extra`` columns when given); dev figures."""
    from bot.answering.learned.features import question_features
    from lab.train.decision import logistic

    def with_extra(x, extra):
        return np.concatenate([x, extra], 1) if extra is not None else x

    xs = [with_extra(x, e) for (_, x, _), e in zip(rows_b, extra_b)]
    ranker = logistic(np.concatenate(xs), np.concatenate([y for _, _, y in rows_b]), 1.0)
    qx, qy, b_top1 = [], [], []
    for (ex, _, y), x in zip(rows_b, xs):
        p = ranker.probabilities(x)
        qx.append(question_features(x, p))
        qy.append(ex.answerable and bool(y[int(np.argmax(p))]))
        if ex.answerable and y.any():
            b_top1.append(bool(y[int(np.argmax(p))]))
    refusal = logistic(np.stack(qx), np.asarray(qy), 1.0)
    scored = {}
    for name, rows in dev.items():
        scored[name] = []
        for (q, cands, x, _), e in zip(rows, extra_dev[name]):
            x = with_extra(x, e)
            p = ranker.probabilities(x)
            best = int(np.argmax(p))
            conf = float(refusal.probabilities(question_features(x, p)[None, :])[0])
            right = bool(q.answerable and _holds(cands[best].sentence, q.must))
            scored[name].append((q.answerable, right, conf))
    threshold = 0.0
    for t in GRID:
        if all(
            _figures(s, t)[2] <= PICK_FALSE_REFUSAL
            for name, s in scored.items()
            if name != "seed_dev"
        ):
            threshold = t
    return {
        "B top-1": round(float(np.mean(b_top1)), 3),
        "threshold": threshold,
        **{name: _figures(s, threshold) for name, s in scored.items()},
    }


def top1_by_judge(rows, ce, top: int) -> tuple[float, float, float]:
    """Share of answerable questions whose best sentence holds the answer: by the encoder's
    similarity, by the judge's logit alone, and the ceiling (any of the ``top`` judged holds it)."""
    hits = []
    for (q, cands, _x, sims), features in zip(rows, ce):
        if not q.answerable or not cands:
            continue
        holds = [_holds(c.sentence, q.must) for c in cands]
        judged = np.argsort(-sims, kind="stable")[:top]
        hits.append(
            (
                holds[int(np.argmax(sims))],
                holds[int(np.argmax(features[:, 0]))],
                any(holds[j] for j in judged),
            )
        )
    return tuple(round(float(v), 3) for v in np.mean(hits, 0)) if hits else (0.0, 0.0, 0.0)


def _figures(scored, t):
    """(top-1, accuracy, false refusal, rejection) at threshold ``t``."""
    ans = [s for s in scored if s[0]]
    una = [s for s in scored if not s[0]]
    n = max(1, len(ans))
    return (
        round(sum(s[1] for s in ans) / n, 2),
        round(sum(s[1] and s[2] >= t for s in ans) / n, 2),
        round(sum(s[2] < t for s in ans) / n, 2),
        round(sum(s[2] < t for s in una) / len(una), 2) if una else None,
    )
