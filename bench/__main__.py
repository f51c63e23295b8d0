"""``python -m bench``: speed, scale, memory and quality of the bot, side by side with the textbook
LangChain RAG pipeline, on the seed and on the seed mixed into a large made-up corpus.

Index throughput against raw encoding; warm latency, cold start, peak memory and dev-set quality
of each system in a fresh process; the same on a Chroma server (`chroma run` on 127.0.0.1); the web
chat's ready time. Writes ``benchmarks.md`` and ``quality.md``. The seed runs use a temporary data
dir; the large corpus and its indexes are cached under ``.bench/`` (embedding 100,000 passages
takes over an hour on 2 cores: ``python -m bench.corpus --size N`` builds the cache, resumably).

Examples:
    python -m bench                            # full run at 100,000 passages, writes docs/
    python -m bench --quick --out /tmp/b       # CI smoke run: 200 passages, few calls (~2 min)
    python -m bench --size 10000 --no-ui       # a mid-size run without the browser timing
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# The dev set is shared between projects and lives next to the repository, not inside it.
DEFAULT_DEV = REPO.parent / "shared" / "eval" / "seed_dev.jsonl"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="\n".join(__doc__.split("\n\n")[2:]),
    )
    parser.add_argument(
        "--dev",
        type=Path,
        default=None,
        help="question file (JSONL); default: $BRIEFING_DEV_SET or the shared seed dev set",
    )
    parser.add_argument(
        "--articles", type=Path, default=None, help="articles folder (default: seeds/)"
    )
    parser.add_argument(
        "--out", type=Path, default=REPO / "docs", help="where to write the two pages"
    )
    parser.add_argument(
        "--calls",
        type=int,
        default=None,
        help="timed answer() calls per system (default 200; 10 with --quick)",
    )
    parser.add_argument("--quick", action="store_true", help="small, fast run for CI")
    parser.add_argument("--no-textbook", action="store_true", help="skip the textbook baseline")
    parser.add_argument(
        "--size",
        type=int,
        default=None,
        metavar="N",
        help="distractor passages in the large corpus (default 100000; 200 with --quick)",
    )
    parser.add_argument(
        "--cache", type=Path, default=REPO / ".bench", help="where the large corpus is kept"
    )
    parser.add_argument(
        "--reps", type=int, default=None, help="throughput runs (default 2; 1 with --quick)"
    )
    parser.add_argument("--no-server", action="store_true", help="skip the Chroma server runs")
    parser.add_argument(
        "--no-ui", action="store_true", help="skip the browser timing of the web chat"
    )
    parser.add_argument(
        "--no-textbook-scale",
        action="store_true",
        help="skip the textbook baseline on the large corpus (it embeds its own chunks)",
    )
    parser.add_argument(
        "--code-version",
        default=None,
        help="what is measured, for the pages (default: the git commit, if any)",
    )
    args = parser.parse_args(argv)
    if args.dev is None:
        args.dev = Path(os.environ.get("BRIEFING_DEV_SET") or DEFAULT_DEV)
    if not args.dev.is_file():
        parser.error(f"question file {args.dev.name} not found; pass --dev FILE")
    if args.calls is None:
        args.calls = 10 if args.quick else 200
    if args.calls < 1:
        parser.error("--calls must be at least 1")
    if args.size is None:
        args.size = 200 if args.quick else 100_000
    if args.size < 1:
        parser.error("--size must be at least 1")
    if args.reps is None:
        args.reps = 1 if args.quick else 2
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    from index.runtime import go_offline

    go_offline()
    from bench.machine import describe, git_version
    from bench.report import BenchRun, write
    from bot.evaluation.questions import EvalFileError, read_questions

    try:
        read_questions(args.dev)
    except EvalFileError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    run = BenchRun(
        describe(),
        args.size,
        args.dev.name,
        args.quick,
        code_version=args.code_version if args.code_version is not None else git_version(),
    )
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as tmp:
        os.environ["BRIEFING_DATA_DIR"] = str(
            Path(tmp) / "data"
        )  # nothing touches the user's index
        _measure(args, run, Path(tmp))
    run.total_seconds = time.perf_counter() - started
    for path in write(run, args.out):
        print(f"[bench] wrote {path}", file=sys.stderr)
    for s in run.systems:
        if s.report and s.latency:
            print(
                f"{s.name} ({s.corpus}): {s.report.summary_line()} | repeated p50 "
                f"{s.latency.p50_ms:.0f} ms p95 {s.latency.p95_ms:.0f} ms | peak RSS {s.peak_rss_mb} MB"
            )
    return 0


def _measure(args, run, tmp: Path) -> None:
    from bench import processes as proc
    from bench.corpus import corpus_for, ensure_indexed, write_throughput_corpus
    from bench.measure import load_model, log, measure_throughput
    from ui.settings import Settings

    seed = Settings(data_dir=tmp / "seed-data")
    if args.articles is not None:
        seed = seed.replace(articles_dir=args.articles)
    run.import_seconds, run.model_seconds, embeddings = load_model(seed)
    # 1. throughput on the seed plus a few hundred distractor passages (enough to time, cheap to redo)
    tp = seed.replace(data_dir=tmp / "tp-data", articles_dir=tmp / "tp-articles")
    write_throughput_corpus(tp.articles_dir, seed.articles_dir, 60 if args.quick else 600)
    log("throughput: embedded Chroma")
    run.throughput.append(measure_throughput(tp, embeddings, "embedded", args.reps))
    if not args.no_server:
        (tmp / "tp-server").mkdir()
        with proc.chroma_server(tmp / "tp-server") as url:
            log("throughput: Chroma server")
            run.throughput.append(
                measure_throughput(
                    tp.replace(chroma_url=url, data_dir=tmp / "tp-sdata"),
                    embeddings,
                    "server",
                    args.reps,
                )
            )
    import index

    index.rebuild(seed, embeddings)
    corpus = corpus_for(args.size, args.cache)
    log(f"large corpus: {corpus.folder} (built once, then cached)")
    run.scale_record = ensure_indexed(corpus, seed, embeddings, progress=not args.quick, log=log)
    scale = corpus.settings(seed)
    dev = ["--dev", str(args.dev), "--calls", str(args.calls)]
    targets = [("seed", seed), ("scale", scale)]
    # Our own question files (eval/), written while building the answerer: scored for the bot on
    # both corpora, as a check that the dev-set figures are not the whole story.
    extra = [a for f in sorted((REPO / "eval").glob("*.jsonl")) for a in ("--extra", str(f))]
    for name, s in targets:
        log(f"probe: briefing bot, {name}, embedded Chroma")
        run.systems.append(
            _system(
                "briefing bot",
                name,
                proc.probe(
                    ["--data-dir", str(s.data_dir), "--articles", str(s.articles_dir), *dev, *extra]
                ),
            )
        )
    if not args.no_server:
        for name, s in targets:
            with proc.chroma_server(s.chroma_dir) as url:
                log(f"probe: briefing bot, {name}, Chroma server")
                data = (
                    tmp / f"{name}-server-data" if name == "seed" else corpus.folder / "server-data"
                )
                run.systems.append(
                    _system(
                        "briefing bot, Chroma server",
                        name,
                        proc.probe(
                            [
                                "--data-dir",
                                str(data),
                                "--articles",
                                str(s.articles_dir),
                                "--chroma-url",
                                url,
                                *dev,
                            ]
                        ),
                    )
                )
    if not args.no_textbook:
        books = [("seed", seed, tmp / "textbook-seed")]
        if not args.no_textbook_scale:
            books.append(("scale", scale, corpus.folder / "textbook"))
        for name, s, folder in books:
            log(f"probe: textbook RAG, {name} (embeds its chunks unless cached)")
            run.systems.append(
                _system(
                    "textbook RAG",
                    name,
                    proc.probe(
                        ["--textbook-dir", str(folder), "--articles", str(s.articles_dir), *dev],
                        timeout=6 * 3600,
                    ),
                )
            )
        if args.no_textbook_scale:
            from bench.report import SystemRun

            run.systems.append(
                SystemRun(
                    "textbook RAG",
                    "scale",
                    None,
                    None,
                    note=(
                        "not run (--no-textbook-scale): it embeds its own ~1000-char chunks of every file, "
                        "hours at this size; `python -m bench` without the flag builds them into the cache"
                    ),
                )
            )
    runs = 1 if args.quick else 3
    # --quick (CI): only the seed is timed, to keep the smoke run short
    for name, s in targets[:1] if args.quick else targets:
        log(f"cold start: briefing ask, {name} ×{runs}")
        run.cold_ask[name] = proc.cold_ask(proc.briefing_env(s.data_dir, s.articles_dir), runs)
        log(f"briefing serve, {name}")
        run.serve[name] = proc.serve_ready(proc.briefing_env(s.data_dir, s.articles_dir))
    if args.no_ui or args.quick:
        run.ui = {"error": "skipped (--no-ui or --quick)"}
    else:
        log("web chat timing (bench/ui_timing.py)")
        run.ui = proc.ui_timing(1 if args.quick else 3)


def _system(name: str, corpus: str, out: dict):
    from bench.measure import Latency
    from bench.report import SystemRun
    from bot.evaluation.scoring import QuestionResult, summarize

    def report(rows):
        return summarize([QuestionResult(**{**r, "why": tuple(r["why"])}) for r in rows])

    return SystemRun(
        name,
        corpus,
        report(out["results"]),
        Latency(**out["latency"]),
        out["first_answer_s"],
        out["peak_rss_mb"],
        out["passages"],
        made_snapshot=not out["snapshot_existed"],
        extra={f: report(rows) for f, rows in out.get("extra", {}).items()},
    )


if __name__ == "__main__":
    sys.exit(main())
