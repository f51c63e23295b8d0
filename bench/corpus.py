"""The large benchmark corpus: the real articles plus made-up distractor articles, written as files
and indexed through the real ingestion path, cached under ``.bench/corpus-<size>/``.

Embedding is what costs: ~20 passages/s on one core here, so 100,000 passages take well over an
hour. The cache therefore survives runs, and its build is resumable: the real articles are indexed
first (a full build), then the distractors with the incremental ``index build``, which skips every
article whose passages are already in and so picks up where an interrupted run stopped.

Example:
    .venv/bin/python -m bench.corpus --size 100000    # generate + index (resumable), nice it
    .venv/bin/python -m bench --size 100000           # then measure on it
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from ui.progress import terminal_bar

REPO = Path(__file__).resolve().parents[1]
DEFAULT_ROOT = REPO / ".bench"
# 19 body paragraphs + 1 metadata passage per article: ``size`` passages = size/20 articles.
PARAGRAPHS_PER_ARTICLE = 19


@dataclass(frozen=True)
class ScaleCorpus:
    size: int  # distractor passages in the index (metadata passages included)
    folder: Path  # the cache folder: articles/, data/, build.json

    @property
    def articles_dir(self) -> Path:
        return self.folder / "articles"

    @property
    def data_dir(self) -> Path:
        return self.folder / "data"

    @property
    def record(self) -> Path:
        return self.folder / "build.json"

    def settings(self, base):
        """``base`` settings pointed at this corpus's articles and data directory."""
        return base.replace(articles_dir=self.articles_dir, data_dir=self.data_dir)

    def build_record(self) -> dict:
        try:
            return json.loads(self.record.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}


def corpus_for(size: int, root: Path = DEFAULT_ROOT) -> ScaleCorpus:
    return ScaleCorpus(size, root / f"corpus-{size}")


def body_paragraphs(size: int) -> int:
    """Distractor body paragraphs for ``size`` index passages (one metadata passage per article)."""
    articles = max(1, -(-size // (PARAGRAPHS_PER_ARTICLE + 1)))
    return max(1, size - articles)


def generate(corpus: ScaleCorpus, seed_articles: Path) -> int:
    """Write the articles folder (real articles + distractors); returns the distractor file count.
    Deterministic, so regenerating gives the same files and the index cache stays valid."""
    from bench.distractors import write_distractors
    from index.pages.articles import iter_article_files

    folder = corpus.articles_dir
    folder.mkdir(parents=True, exist_ok=True)
    for path in iter_article_files(seed_articles):
        shutil.copy(path, folder / path.name)
    return write_distractors(folder, body_paragraphs(corpus.size), PARAGRAPHS_PER_ARTICLE)


def write_throughput_corpus(folder: Path, seed_articles: Path, passages: int) -> None:
    """The real articles plus ``passages`` distractor passages, for timing a rebuild."""
    from bench.distractors import write_distractors
    from index.pages.articles import iter_article_files

    folder.mkdir(parents=True, exist_ok=True)
    for path in iter_article_files(seed_articles):
        shutil.copy(path, folder / path.name)
    write_distractors(folder, body_paragraphs(passages), PARAGRAPHS_PER_ARTICLE, seed=1)


def ensure_indexed(
    corpus: ScaleCorpus, base, embeddings=None, progress: bool = False, log=print
) -> dict:
    """Generate and index the corpus unless the cache already holds it; returns the build record
    (``passages``, ``embedded``, ``seconds`` of embedding time summed over resumed runs)."""
    import index
    from index.pages.articles import iter_article_files
    from index.storage.store import Store

    record = corpus.build_record()
    if (
        record.get("complete")
        and record.get("size") == corpus.size
        and (corpus.data_dir / "chroma").exists()
    ):
        return record
    settings = corpus.settings(base)
    corpus.folder.mkdir(parents=True, exist_ok=True)
    store = Store(settings)
    if store.live() is None:
        # Full build of the real articles alone first: only incremental builds can resume.
        seed_only = settings.replace(articles_dir=corpus.folder / "seed-only")
        seed_only.articles_dir.mkdir(exist_ok=True)
        for path in iter_article_files(base.articles_dir):
            shutil.copy(path, seed_only.articles_dir / path.name)
        index.build(seed_only, embeddings, store)
    start = time.perf_counter()
    files = generate(corpus, base.articles_dir)
    generated = time.perf_counter() - start
    log(f"corpus-{corpus.size}: {files} distractor files written in {generated:.1f} s; indexing")
    summary = index.build(settings, embeddings, store, progress=terminal_bar(progress))
    record = {
        "size": corpus.size,
        "complete": True,
        "distractor_files": files,
        "passages": summary.total_passages,
        "embedded": record.get("embedded", 0) + summary.passages,
        "seconds": round(record.get("seconds", 0.0) + summary.seconds, 1),
        "generate_seconds": round(generated, 2),
    }
    corpus.record.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return record


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.corpus", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--size", type=int, default=100_000, help="distractor passages (default 100000)"
    )
    parser.add_argument(
        "--root", type=Path, default=DEFAULT_ROOT, help="cache folder (default .bench/)"
    )
    parser.add_argument("--articles", type=Path, default=REPO / "seeds", help="the real articles")
    args = parser.parse_args(argv)
    from index.runtime import go_offline

    go_offline()
    from ui.settings import Settings

    base = Settings().replace(articles_dir=args.articles)
    record = ensure_indexed(
        corpus_for(args.size, args.root),
        base,
        progress=True,
        log=lambda m: print(m, file=sys.stderr, flush=True),
    )
    print(json.dumps(record))
    return 0


if __name__ == "__main__":
    sys.exit(main())
