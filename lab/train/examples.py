"""The training examples (A for the encoder, B for the decision, TrecQA test) and fitting the
decision on an encoder: the library part of ``python -m lab.train``, shared by
``python -m lab.train.refit`` and the probes (a ``__main__`` is never imported)."""

from __future__ import annotations

from pathlib import Path

from bot.answering.learned import model as answer_model
from lab.train import data, decision, stages, trecqa

REPO = Path(__file__).resolve().parents[2]
SQUAD_B_TITLES = 3  # the last titles of the SQuAD subset fit the decision, the rest the encoder
RTQA_B_FROM = "20230505"  # RealTime QA weeks from this one (before the dev weeks) fit the decision


def _sources(root: Path) -> dict[str, Path]:
    return {
        "squad": root / "squad2_train_subset" / "train-v2.0-first10titles.json",
        # every RealTime QA week of 2023-2025 (its first 26 are realtimeqa2023/, line for line)
        "rtqa": root / "realtimeqa",
        "trec_train": root / "trecqa" / "train.csv",
        "trec_dev": root / "trecqa" / "dev.csv",
        "trec_test": root / "trecqa" / "test.csv",
    }


def load_examples(
    root: Path,
    limit: int | None,
    synthetic: bool = False,
    checkpoints: Path | None = None,
    resume: bool = False,
):
    """(A, B, TrecQA test, data files). B holds every RealTime QA week from ``RTQA_B_FROM`` on
    (2023-2025 but the dev weeks) and, with ``synthetic``, each answerable question of B again
    with its answer sentences removed (``data.without_answer``). With ``checkpoints`` the
    examples are kept there (``stages.cached``; ``resume`` reuses them)."""
    src = _sources(root)
    missing = [str(p) for p in src.values() if not p.exists()]
    if missing:
        raise SystemExit(f"training data missing: {', '.join(missing)} (expected ../shared/data)")
    files = [src["squad"], src["trec_train"], src["trec_dev"], src["trec_test"]]
    files += [p for p in sorted(src["rtqa"].glob("*.jsonl")) if p.stem not in data.DEV_WEEKS]
    name = stages.key(
        limit=limit,
        synthetic=True,  # always made and kept; left out below when not wanted
        code=answer_model.sha256(Path(data.__file__)),
        files={p.name: (p.stat().st_size, int(p.stat().st_mtime)) for p in files},
    )
    path = checkpoints / f"examples-{name}.pkl" if checkpoints else None
    a, b, test = stages.cached(path, lambda: _examples(src, limit, True), resume)
    if not synthetic:
        b = [e for e in b if not e[0].source.endswith("removed")]
    return a, b, test, files


def _examples(src: dict[str, Path], limit: int | None, synthetic: bool):
    squad = list(data.squad(src["squad"], limit, synthetic))
    titles = list(dict.fromkeys(ex.group for ex, _ in squad))
    b_titles = set(titles[-SQUAD_B_TITLES:])
    weeks = sorted(p.stem for p in src["rtqa"].glob("*.jsonl"))
    if limit:  # a smoke run: the first ``limit`` weeks of A and of B
        weeks = [w for w in weeks if w < RTQA_B_FROM][:limit] + [
            w for w in weeks if w >= RTQA_B_FROM
        ][:limit]
    rtqa = list(data.realtimeqa(src["rtqa"], limit, synthetic, set(weeks).__contains__))
    # synthetic questions only where the decision learns (the encoder skips unanswerable ones)
    squad = [e for e in squad if e[0].group in b_titles or e[0].source != data.SQ_RM]
    rtqa = [e for e in rtqa if e[0].group >= RTQA_B_FROM or e[0].source != "rtqa-removed"]
    a = [e for e in squad if e[0].group not in b_titles] + [
        e for e in rtqa if e[0].group < RTQA_B_FROM
    ]
    b = [e for e in squad if e[0].group in b_titles] + [
        e for e in rtqa if e[0].group >= RTQA_B_FROM
    ]
    a += list(trecqa.trecqa(src["trec_train"], limit))
    b += list(trecqa.trecqa(src["trec_dev"], limit))
    test = list(trecqa.trecqa(src["trec_test"], limit))
    return a, b, test


def cached_encoder(folder: Path, encoder, checkpoints: Path | None):
    """``encoder`` (the int8 encoder of ``folder``) with the sentence vectors an earlier run kept
    in ``checkpoints``; (cached encoder, the file to keep them in, None without checkpoints)."""
    int8 = decision.CachedEncoder(encoder)
    sha = answer_model.sha256(folder / answer_model.ENCODER_FILE)[:16]
    vectors = checkpoints / f"vectors-{sha}.pkl" if checkpoints else None
    if vectors is not None and vectors.exists():
        int8.cache = stages.cached(vectors, dict, resume=True)
    return int8, vectors


def fit_decision(folder: Path, b, test, false_refusal: float, checkpoints: Path | None = None):
    """Fit the answer decision on B with the int8 encoder in ``folder``; (decision, figures).
    With ``checkpoints`` the sentence vectors are kept there, per encoder, for the next refit."""
    int8, vectors = cached_encoder(folder, answer_model.AnswerEncoder(folder), checkpoints)
    rows_b = decision.featurized(b, int8)
    rows_test = decision.featurized(test, int8)
    if vectors is not None:
        stages.cached(vectors, lambda: int8.cache, resume=False)
    fitted = decision.fit(rows_b)
    scores_b = decision.question_scores(rows_b, fitted)
    threshold = decision.threshold_for(scores_b, false_refusal)
    fitted = decision.Decision(**{**fitted.__dict__, "threshold": threshold})
    figures = {
        "B top-1, int8 encoder similarity": decision.summary(
            decision.question_scores(rows_b, None), 0.0
        )["top1"],
        "B decision": decision.summary(scores_b, threshold),
        "TrecQA test decision": decision.summary(
            decision.question_scores(rows_test, fitted), threshold
        ),
    }
    return fitted, figures
