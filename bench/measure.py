"""The measurements: index build cost, warm answer latency, and the systems to compare."""

from __future__ import annotations

import itertools
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.evaluate import EvalQuestion, percentile
from index.runtime import go_offline
from index.settings import Settings


@dataclass(frozen=True)
class BuildCost:
    import_seconds: float  # torch + sentence-transformers imports
    model_seconds: float  # loading the packaged model once imported
    build_seconds: float  # index.rebuild end to end: read, split, embed, write to Chroma
    embed_seconds: float  # embedding the same passages again, nothing else
    articles: int
    passages: int

    @property
    def passages_per_second(self) -> float:
        return self.passages / self.embed_seconds if self.embed_seconds > 0 else 0.0


@dataclass(frozen=True)
class Latency:
    calls: int
    warmup: int
    p50_ms: float
    p95_ms: float
    max_ms: float


@dataclass(frozen=True)
class ScaleBuild:
    distractors: int  # made-up passages added to the real articles
    articles: int
    passages: int  # in the index, metadata passages included
    generate_seconds: float
    build_seconds: float

    @property
    def passages_per_second(self) -> float:
        return self.passages / self.build_seconds if self.build_seconds > 0 else 0.0


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def measure_build(settings: Settings):
    """Load the model (timed from a cold import) and build the seed index into ``settings.data_dir``.

    Returns ``(BuildCost, embeddings)``; the embeddings are reused by everything after.
    """
    go_offline()
    start = time.perf_counter()
    import sentence_transformers  # noqa: F401  - timed: most of a cold start is this import
    import torch  # noqa: F401

    imported = time.perf_counter()
    from index.embeddings import load_embeddings

    embeddings = load_embeddings(settings.embedding_model)
    loaded = time.perf_counter()
    import index
    from index.store import Store

    summary = index.rebuild(settings, embeddings)
    texts = [p.text for p in Store(settings).passages()]
    embeddings.embed_documents(texts[:1])  # the first call pays one-off allocation costs
    t0 = time.perf_counter()
    embeddings.embed_documents(texts)
    embed_seconds = time.perf_counter() - t0
    articles = summary.added + summary.unchanged + summary.updated
    cost = BuildCost(imported - start, loaded - imported, summary.seconds, embed_seconds,
                     articles, summary.passages)
    return cost, embeddings


def measure_latency(answer_fn: Callable[[str], object], questions: Sequence[EvalQuestion],
                    calls: int, warmup: int | None = None) -> Latency:
    """Warm latency of ``answer_fn``: ``warmup`` untimed calls (default: one pass over the
    questions), then ``calls`` timed calls cycling over the questions."""
    texts = [q.question for q in questions]
    warmup = len(texts) if warmup is None else warmup
    for text in itertools.islice(itertools.cycle(texts), warmup):
        answer_fn(text)
    times = []
    for text in itertools.islice(itertools.cycle(texts), calls):
        start = time.perf_counter()
        answer_fn(text)
        times.append((time.perf_counter() - start) * 1000)
    return Latency(calls, warmup, percentile(times, 50) or 0.0, percentile(times, 95) or 0.0,
                   max(times, default=0.0))


def our_bot(settings: Settings):
    """``(answer_fn, None)`` for the project's bot, or ``(None, reason)`` while it isn't there."""
    try:
        from bot.service import default_bot
    except ImportError as e:
        return None, f"the bot is not available ({e})"
    bot = default_bot(settings)
    return (lambda question, history=None: bot.answer(question, history=history)), None


def build_scale(settings: Settings, embeddings, distractors: int, root: Path):
    """Index the real articles plus ``distractors`` made-up passages (see ``bench.distractors``)
    into a second data dir under ``root``; returns ``(settings for it, ScaleBuild)``."""
    import shutil

    import index
    from bench.distractors import write_distractors
    from index.articles import iter_article_files

    folder = root / "scale-articles"
    folder.mkdir(parents=True)
    for path in iter_article_files(settings.articles_dir):
        shutil.copy(path, folder / path.name)
    start = time.perf_counter()
    write_distractors(folder, distractors)
    generated = time.perf_counter() - start
    scale = settings.replace(data_dir=root / "scale-data", articles_dir=folder)
    summary = index.rebuild(scale, embeddings, progress=True)
    return scale, ScaleBuild(distractors, summary.added, summary.total_passages, generated, summary.seconds)
