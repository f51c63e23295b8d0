"""``python -m bench``: our bot against the textbook LangChain RAG baseline, in one process.

Measures the index build cost of the articles, scores both systems on the dev set with the same
eval code, times warm ``answer()`` calls, and writes ``benchmarks.md`` and ``quality.md``.
Everything is built in a temporary data directory: the user's index is never touched.

Examples:
    python -m bench                       # full run, writes docs/benchmarks.md and docs/quality.md
    python -m bench --quick --out /tmp/b  # CI smoke run: fewer latency calls
    python -m bench --dev my_questions.jsonl --articles my_articles/
    python -m bench --distractors 5000    # plus our bot among 5,000 made-up distractor passages
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# The dev set is shared between projects and lives next to the repository, not inside it.
DEFAULT_DEV = REPO.parent / "shared" / "eval" / "seed_dev.jsonl"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="\n".join(__doc__.split("\n\n")[2:]))
    parser.add_argument("--dev", type=Path, default=None,
                        help="question file (JSONL); default: $BRIEFING_DEV_SET or the shared seed dev set")
    parser.add_argument("--articles", type=Path, default=None, help="articles folder (default: seeds/)")
    parser.add_argument("--out", type=Path, default=REPO / "docs", help="where to write the two pages")
    parser.add_argument("--calls", type=int, default=None,
                        help="timed answer() calls per system (default 200; 20 with --quick)")
    parser.add_argument("--quick", action="store_true", help="small, fast run for CI")
    parser.add_argument("--no-textbook", action="store_true", help="skip the textbook baseline")
    parser.add_argument("--distractors", type=int, default=0, metavar="N",
                        help="also index the articles plus N made-up distractor passages and measure "
                             "our bot on that (e.g. 100000; each passage is embedded: minutes per 10k)")
    parser.add_argument("--code-version", default=None,
                        help="what is measured, for the pages (default: the git commit, if any)")
    args = parser.parse_args(argv)
    if args.dev is None:
        args.dev = Path(os.environ.get("BRIEFING_DEV_SET") or DEFAULT_DEV)
    if not args.dev.is_file():
        parser.error(f"question file {args.dev.name} not found; pass --dev FILE")
    if args.calls is None:
        args.calls = 20 if args.quick else 200
    if args.calls < 1:
        parser.error("--calls must be at least 1")
    if args.distractors < 0:
        parser.error("--distractors must be 0 or more")
    return args


def git_version() -> str:
    """``commit abc1234`` (plus a note when the code differs from it), or "" outside a checkout."""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True,
                                text=True, timeout=10, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "bot", "index", "bench"], cwd=REPO,
                               capture_output=True, text=True, timeout=10, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""
    return f"commit {commit}" + (" with uncommitted changes to the code" if dirty else "")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    from index.runtime import go_offline

    go_offline()
    from bench.machine import describe
    from bench.measure import log, measure_build
    from bench.report import BenchRun, write
    from bot.evaluate import EvalFileError, read_questions
    from index.settings import Settings

    try:
        questions = read_questions(args.dev)
    except EvalFileError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as tmp:
        # Anything that reads the settings from the environment must land here too.
        os.environ["BRIEFING_DATA_DIR"] = str(Path(tmp) / "data")
        settings = Settings(data_dir=Path(tmp) / "data")
        if args.articles is not None:
            settings = settings.replace(articles_dir=args.articles)
        log(f"building the index of {settings.articles_dir.name}/ in a temporary data dir")
        build, embeddings = measure_build(settings)
        log(f"built {build.passages} passages in {build.build_seconds:.1f} s")
        systems = [_run_ours(settings, questions, args.calls)]
        if not args.no_textbook:
            systems.append(_run_textbook(settings, embeddings, questions, args.calls))
        scale = None
        if args.distractors > 0:
            from bench.measure import build_scale

            log(f"indexing the articles plus {args.distractors} distractor passages")
            scale_settings, scale = build_scale(settings, embeddings, args.distractors, Path(tmp))
            log(f"built {scale.passages} passages in {scale.build_seconds:.1f} s")
            systems.append(_run_ours(scale_settings, questions, args.calls,
                                     f"briefing bot + {args.distractors:,} distractors"))
        run = BenchRun(describe(), build, tuple(systems), args.dev.name, f"`{settings.articles_dir.name}/`",
                       args.quick, time.perf_counter() - started,
                       args.code_version if args.code_version is not None else git_version(), scale)
    for path in write(run, args.out):
        log(f"wrote {path}")
    for s in systems:
        if s.report:
            print(f"{s.name}: {s.report.summary_line()}")
        if s.latency:
            print(f"{s.name}: warm p50 {s.latency.p50_ms:.0f} ms | p95 {s.latency.p95_ms:.0f} ms "
                  f"over {s.latency.calls} calls")
    return 0


def _run_ours(settings, questions, calls, name="briefing bot"):
    from bench.measure import log, measure_latency, our_bot
    from bench.report import SystemRun
    from bot.evaluate import run_eval

    start = time.perf_counter()
    answer_fn, reason = our_bot(settings)
    if answer_fn is None:
        log(f"skipping our bot: {reason}")
        return SystemRun(name, None, None, None, reason or "not available")
    answer_fn(questions[0].question)
    start_seconds = time.perf_counter() - start
    log(f"{name}: dev-set eval")
    report = run_eval(questions, answer_fn)
    log(f"{name}: {calls} timed calls")
    return SystemRun(name, report, measure_latency(answer_fn, questions, calls), start_seconds)


def _run_textbook(settings, embeddings, questions, calls):
    from bench.measure import log, measure_latency
    from bench.report import SystemRun
    from bench.textbook import TextbookRAG
    from bot.evaluate import run_eval

    start = time.perf_counter()
    with TextbookRAG(settings, embeddings) as rag:
        rag.answer(questions[0].question)
        start_seconds = time.perf_counter() - start
        log(f"textbook RAG: {rag.chunks} chunks; dev-set eval")
        report = run_eval(questions, rag.answer)
        log(f"textbook RAG: {calls} timed calls")
        latency = measure_latency(rag.answer, questions, calls)
        note = f"{rag.chunks} chunks of ≤1000 chars, k=4"
    return SystemRun("textbook RAG", report, latency, start_seconds, note)


if __name__ == "__main__":
    sys.exit(main())
