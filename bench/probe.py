"""One system measured in a fresh process: start → first answer, dev-set eval, warm latency, peak RSS.

Run by ``python -m bench`` as a child process so its start-up and memory are its own:

    python -m bench.probe --data-dir D --articles A [--chroma-url URL] --dev Q.jsonl --calls 200
    python -m bench.probe --textbook-dir T --articles A --dev Q.jsonl --calls 200

Prints one JSON object on stdout.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import resource
import sys
import time

STARTED = time.perf_counter()


def peak_rss_mb() -> float:
    # VmHWM, not getrusage's ru_maxrss: Linux carries ru_maxrss over fork+exec, so every probe
    # reported its parent's 890 MB.
    try:
        for line in open("/proc/self/status", encoding="utf-8"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.probe", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--data-dir")
    parser.add_argument("--textbook-dir", help="measure the textbook baseline kept in this folder")
    parser.add_argument("--articles", required=True)
    parser.add_argument("--chroma-url", default="")
    parser.add_argument("--dev", required=True)
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument(
        "--extra",
        action="append",
        default=[],
        help="another question file to score (after the timed calls); repeatable",
    )
    args = parser.parse_args(argv)
    from index.runtime import go_offline

    go_offline()
    from pathlib import Path

    from bench.measure import measure_latency
    from bot.evaluation.questions import read_questions
    from bot.evaluation.scoring import run_eval
    from ui.settings import Settings

    questions = read_questions(args.dev)
    settings = Settings(
        data_dir=Path(args.data_dir or args.textbook_dir),
        articles_dir=Path(args.articles),
        chroma_url=args.chroma_url,
    )
    snapshot_existed = (settings.data_dir / "snapshots").is_dir() and any(
        (settings.data_dir / "snapshots").iterdir()
    )
    if args.textbook_dir:
        from bench.textbook import TextbookRAG

        system = TextbookRAG(settings, persist_dir=Path(args.textbook_dir) / "chroma")
        answer = system.answer
    else:
        from bot.service import Bot

        bot = Bot(settings)
        bot.warm_up()

        def answer(question, history=None):
            return bot.answer(question, history=history)

    answer(questions[0].question)
    first_answer_s = time.perf_counter() - STARTED
    report = run_eval(questions, answer)
    latency = measure_latency(answer, questions, args.calls)
    extra = {
        Path(f).name: [dataclasses.asdict(r) for r in run_eval(read_questions(f), answer).results]
        for f in args.extra
    }
    out = {
        "extra": extra,
        "first_answer_s": round(first_answer_s, 2),
        "snapshot_existed": snapshot_existed,
        "passages": len(bot.corpus) if not args.textbook_dir else system.chunks,
        "results": [dataclasses.asdict(r) for r in report.results],
        "latency": dataclasses.asdict(latency),
        "peak_rss_mb": round(peak_rss_mb()),
    }
    json.dump(out, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
