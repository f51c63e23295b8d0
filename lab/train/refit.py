"""``python -m lab.train.refit``: refit only the answer decision, on the encoder already in the
model folder (minutes instead of the encoder's fine-tuning). Same data, split and fit as
``python -m lab.train``, which gives the same decision from the same encoder; used when only the
features change. The manifest keeps the encoder's training record and notes the refit.

Example:
    python -m lab.train.refit                     # the packaged model in bot/answering/learned/weights
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

from bot.answering.learned import model as answer_model
from lab.train import stages
from lab.train.examples import REPO, RTQA_B_FROM, fit_decision, load_examples


def main(argv=None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m lab.train.refit", description=__doc__.split("\n\n")[0]
    )
    p.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    p.add_argument("--model", type=Path, default=answer_model.WEIGHTS)
    p.add_argument("--limit", type=int, default=None)
    p.add_argument("--false-refusal", type=float, default=0.10)
    p.add_argument(
        "--synthetic",
        action="store_true",
        help="add each answerable question again without its answer (measured equal on the dev "
        "sets, not shipped: lab/log.md)",
    )
    p.add_argument(
        "--checkpoints",
        type=Path,
        default=stages.CHECKPOINTS,
        help="where the examples and sentence vectors are kept (outside the repository)",
    )
    p.add_argument("--resume", action="store_true", help="reuse the kept examples and vectors")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    started = time.time()
    manifest = json.loads((args.model / "manifest.json").read_text(encoding="utf-8"))
    _a, b, test, files = load_examples(
        args.data, args.limit, args.synthetic, args.checkpoints, args.resume
    )
    fitted, figures = fit_decision(args.model, b, test, args.false_refusal, args.checkpoints)
    (args.model / answer_model.DECISION_FILE).write_text(
        json.dumps(fitted.to_dict(), indent=1) + "\n"
    )
    manifest["data"] = {str(f.relative_to(args.data)): answer_model.sha256(f) for f in files}
    manifest["figures"] = {**manifest.get("figures", {}), **figures}
    manifest["decision refit"] = {
        "command": "python -m lab.train.refit" + (" --synthetic" if args.synthetic else ""),
        "decision data": "B: the last 3 SQuAD titles, every RealTime QA week from "
        f"{RTQA_B_FROM} to 2025-12-26 but the dev weeks, TrecQA dev"
        + ("; each answerable question again without its answer" if args.synthetic else ""),
        "questions": figures["B decision"]["questions"],
        "seconds": round(time.time() - started, 1),
    }
    manifest.pop("threshold", None)  # a new decision's threshold is picked anew on the dev sets
    manifest["files"] = {n: answer_model.sha256(args.model / n) for n in manifest["files"]}
    (args.model / "manifest.json").write_text(
        json.dumps(manifest, indent=1, ensure_ascii=False) + "\n"
    )
    print(json.dumps(figures, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
