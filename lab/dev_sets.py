"""``python -m lab.dev_sets``: answer quality on every dev set, side by side, in one run.

Systems, each on the same indexes and questions:
- **learned**: this answerer (the answer encoder + the learned decision, threshold as committed);
- **top sentence**: the same retrieval, then the sentence most similar to the question by the
  packaged MiniLM, never refusing (the "embed and take the nearest sentence" baseline);
- **learned @<commit>**: the learned answerer this one replaces, run from that commit;
- **rules @<commit>**: the hand-tuned rule-based answerer this one replaced, run from that commit;
- **textbook**: LangChain's textbook RAG pipeline (bench/textbook.py).
Also the refusal curve of the learned decision (accuracy, false refusal, rejection at each
threshold, per dev set) and the threshold it picks: the highest at which no dev set but the seed
refuses more than 10 % of its answerable questions (the seed is never used to pick it).

Examples:
    python -m lab.dev_sets                      # all systems, writes docs/quality.md's dev section
    python -m lab.dev_sets --only learned --no-write
    python -m lab.dev_sets --apply-threshold DIR  # also write a new model with the picked threshold
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from lab.dev_report import PICK_FALSE_REFUSAL, REPO, apply_threshold, with_threshold, write
from ui.progress import terminal_bar

EVAL = REPO.parent / "shared" / "eval"
RULES_COMMIT = "3609232"
#: The learned answerer before the decision learned from all RealTime QA weeks (issue 21).
PREVIOUS_COMMIT = "063fa9f"
#: (name, questions, articles); the seed is reported but never picks the threshold.
#: realtimeqa2026_dev (1,142 articles of 2026 weeks no training file holds) is the news set that
#: decides; realtimeqa2023_dev stays for continuity.
SETS = (
    ("seed_dev", EVAL / "seed_dev.jsonl", REPO / "seeds"),
    (
        "realtimeqa2026_dev",
        EVAL / "realtimeqa2026_dev" / "questions.jsonl",
        EVAL / "realtimeqa2026_dev" / "articles",
    ),
    ("squad2_dev", EVAL / "squad2_dev" / "questions.jsonl", EVAL / "squad2_dev" / "articles"),
    (
        "realtimeqa2023_dev",
        EVAL / "realtimeqa2023_dev" / "questions.jsonl",
        EVAL / "realtimeqa2023_dev" / "articles",
    ),
)
#: Thresholds tried: 0.005 apart (a decision fitted with many unanswerable questions puts its
#: confidences low, where 0.025 steps jumped from 0.01 to 0.12 false refusal on the news set).
GRID = [round(0.005 * k, 3) for k in range(0, 200)]


def parse_args(argv=None):
    p = argparse.ArgumentParser(
        prog="python -m lab.dev_sets",
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--cache",
        type=Path,
        default=Path.home() / ".cache" / "briefing-bot" / "dev",
        help="where the dev sets' indexes are kept between runs (outside the repository: the "
        "2026 news set's index takes long to build)",
    )
    p.add_argument(
        "--only",
        action="append",
        choices=["learned", "previous", "top-sentence", "rules", "textbook"],
    )
    p.add_argument("--out", type=Path, default=REPO / "docs" / "quality.md")
    p.add_argument("--no-write", action="store_true")
    p.add_argument("--json", type=Path, help="also write the figures and curves to this file")
    p.add_argument("--sets", action="append", help="only these dev sets (by name; default: all)")
    p.add_argument(
        "--model", type=Path, help="the answer model folder to measure (default: the packaged one)"
    )
    p.add_argument(
        "--apply-threshold",
        type=Path,
        metavar="DIR",
        help="write a new model to DIR: the measured one with the picked threshold, own manifest",
    )
    return p.parse_args(argv)


def settings_for(name: str, articles: Path, cache: Path):
    """The product's settings for dev set ``name``: its index under ``cache``, extractive."""
    from ui.settings import Settings

    return Settings.from_env().replace(
        data_dir=cache / name, articles_dir=articles, chroma_url="", llm="extractive"
    )


def _learned_rows(bot, questions):
    """Every question answered with the threshold at 0, so each threshold's outcome can be read
    off: (answerable, correct-if-answered, confidence)."""
    from bot.evaluation.scoring import run_eval

    report = run_eval(questions, bot.answer)
    # Answers the decision didn't make (metadata lines, "which article?") keep their outcome at
    # every threshold.
    return report, [
        (
            r.answerable,
            r.must_present and r.chars <= 500,
            r.confidence if r.confidence is not None else (2.0 if r.answered else -1.0),
        )
        for r in report.results
    ]


def curve(rows):
    out = []
    ans = [r for r in rows if r[0]]
    una = [r for r in rows if not r[0]]
    for t in GRID:
        out.append(
            (
                t,
                sum(c and s >= t for _, c, s in ans) / max(1, len(ans)),
                sum(s < t for _, _, s in ans) / max(1, len(ans)),
                sum(s < t for _, _, s in una) / max(1, len(una)) if una else None,
            )
        )
    return out


def pick(curves: dict[str, list]) -> float:
    best = 0.0
    for i, t in enumerate(GRID):
        if all(c[i][2] <= PICK_FALSE_REFUSAL for name, c in curves.items() if name != "seed_dev"):
            best = t
    return best


def _commit_report(commit: str, questions_file: Path, settings, tmp: Path) -> dict:
    """The answerer of an earlier ``commit`` (the rule-based one, or the learned one this code
    replaces), run in a child process on the same index."""
    src = tmp / commit
    if not src.exists():
        src.mkdir()
        archive = subprocess.run(
            ["git", "-C", str(REPO), "archive", commit], check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(src)], input=archive, check=True)
    env = {
        **os.environ,
        "PYTHONPATH": str(src),
        "BRIEFING_DATA_DIR": str(settings.data_dir),
        "BRIEFING_ARTICLES_DIR": str(settings.articles_dir),
    }
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from ui.cli import main; main()",
            "eval",
            str(questions_file),
            "--json",
        ],
        env=env,
        cwd=src,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise RuntimeError(f"run of {commit} failed: {done.stderr[-500:]}")
    return json.loads(done.stdout)


def _figures(d) -> dict:
    keys = (
        "accuracy",
        "citation",
        "first_citation",
        "rejection",
        "false_refusal",
        "p50_ms",
        "p95_ms",
    )
    d = d if isinstance(d, dict) else dataclasses.asdict(d)
    return {k: d.get(k) for k in keys}


def run(args) -> dict:
    import numpy as np

    from bot.answering.learned.model import (
        AnswerModel,
        Decision,
        Logistic,
        default_model,
        load_cached,
    )
    from bot.evaluation.questions import read_questions
    from bot.evaluation.scoring import run_eval
    from bot.service import Bot
    from index import ensure_built
    from index.storage.embeddings import embeddings_for

    systems = args.only or ["learned", "previous", "top-sentence", "rules", "textbook"]
    folder = args.model or settings_for("seed_dev", REPO, args.cache).answer_model_dir
    model = load_cached(str(folder)) if folder else default_model()
    free = dataclasses.replace(model, decision=dataclasses.replace(model.decision, threshold=0.0))
    results: dict[str, dict] = {}
    curves: dict[str, list] = {}
    embeddings = None
    with tempfile.TemporaryDirectory() as tmp:
        for name, qfile, articles in SETS:
            if args.sets and name not in args.sets:
                continue
            if not qfile.exists():
                print(f"skipping {name}: {qfile} not found", file=sys.stderr)
                continue
            settings = settings_for(name, articles, args.cache)
            embeddings = embeddings or embeddings_for(settings)
            ensure_built(settings, embeddings, progress=terminal_bar(True))
            questions = read_questions(qfile)
            res = results.setdefault(name, {})
            if "learned" in systems:
                bot = Bot(settings, embeddings=embeddings, answer_model=free)
                bot.warm_up()
                report, rows = _learned_rows(bot, questions)
                curves[name] = curve(rows)
                t = model.decision.threshold
                res["learned"] = with_threshold(report, rows, t)
                res["_results"] = [
                    (r.id, r.question, r.answerable, ok, conf, r.text)
                    for r, (_, ok, conf) in zip(report.results, rows)
                ]
            if "previous" in systems:
                res[f"learned @{PREVIOUS_COMMIT}"] = _figures(
                    _commit_report(PREVIOUS_COMMIT, qfile, settings, Path(tmp))
                )
            if "top-sentence" in systems:
                n = len(model.decision.names)
                coef = np.zeros(n, np.float32)
                coef[0] = 1.0
                nearest = Decision(
                    model.decision.names,
                    Logistic(np.zeros(n, np.float32), np.ones(n, np.float32), coef, 0.0),
                    None,
                    0.0,
                    2.0,
                )
                baseline = AnswerModel(embeddings, nearest, {})  # the embedder has ``encode`` too
                bot = Bot(settings, embeddings=embeddings, answer_model=baseline)
                res["top-sentence"] = _figures(run_eval(questions, bot.answer))
            if "rules" in systems:
                res[f"rules @{RULES_COMMIT}"] = _figures(
                    _commit_report(RULES_COMMIT, qfile, settings, Path(tmp))
                )
            if "textbook" in systems:
                from bench.textbook import TextbookRAG

                with TextbookRAG(settings, embeddings) as rag:
                    res["textbook"] = _figures(run_eval(questions, rag.answer))
            print(
                name,
                json.dumps({k: v for k, v in res.items() if not k.startswith("_")}),
                flush=True,
            )
    picked = pick(curves) if curves else None
    return {
        "results": results,
        "curves": curves,
        "picked": picked,
        "threshold": model.decision.threshold,
    }


def main(argv=None) -> int:
    args = parse_args(argv)
    out = run(args)
    if args.apply_threshold and out["picked"] is not None:
        new = apply_threshold(out["picked"], args.apply_threshold, source=args.model)
        print(f"threshold {out['threshold']} -> {out['picked']}: new answer model in {new}")
    if args.json:
        kept = {
            n: {k: v for k, v in r.items() if k != "_results"} for n, r in out["results"].items()
        }
        args.json.write_text(json.dumps({**out, "results": kept}, indent=1), encoding="utf-8")
    if not args.no_write:
        write(out, args.out)
        print(f"wrote {args.out}")
    print(json.dumps({"picked": out["picked"], "threshold": out["threshold"]}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
