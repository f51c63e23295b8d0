"""Timing of ``brief()`` (issue 8 target: under 1 s warm on the seed).

Usage:
    .venv/bin/python -m bench.brief_timing [--calls 20] [--articles seeds/]

Builds the index of the articles in a temporary data dir with the packaged model, loads the bot,
then times one first ``brief()`` (after the model and index are loaded: what a user waits for
on the first click) and ``--calls`` warm ones. ``brief_timing()`` returns the figures for
``python -m bench`` to include.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def brief_timing(articles: Path | None = None, calls: int = 20) -> dict:
    """Seconds for ``Bot.brief()`` over every article: first call and warm calls (median, p95,
    max), plus what the briefing held."""
    import index
    from bot.service import Bot
    from index.storage.embeddings import embeddings_for
    from ui.settings import Settings

    articles = Path(articles or REPO / "seeds")
    with tempfile.TemporaryDirectory(prefix="brief-bench-") as tmp:
        settings = Settings(data_dir=Path(tmp) / "data", articles_dir=articles)
        embeddings = embeddings_for(settings)
        index.build(settings, embeddings)
        bot = Bot(settings, embeddings=embeddings)
        bot.warm_up()
        start = time.perf_counter()
        b = bot.brief()
        first = time.perf_counter() - start
        warm = []
        for _ in range(calls):
            start = time.perf_counter()
            b = bot.brief()
            warm.append(time.perf_counter() - start)
    warm.sort()
    return {
        "articles": len(b.article_ids),
        "calls": calls,
        "first_s": round(first, 4),
        "warm_median_s": round(statistics.median(warm), 4),
        "warm_p95_s": round(warm[max(0, int(0.95 * len(warm)) - 1)], 4),
        "warm_max_s": round(warm[-1], 4),
        "entries": {
            "key_points": len(b.key_points),
            "people": len(b.people),
            "timeline": len(b.timeline),
            "places": len(b.places),
        },
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.brief_timing", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--calls", type=int, default=20, help="warm brief() calls to time")
    parser.add_argument(
        "--articles", type=Path, default=None, help="articles folder (default: seeds/)"
    )
    args = parser.parse_args(argv)
    from index.runtime import go_offline

    go_offline()
    print(json.dumps(brief_timing(args.articles, max(1, args.calls)), indent=2))


if __name__ == "__main__":
    main()
