"""The measurements: index build cost, warm answer latency, and the systems to compare."""

from __future__ import annotations

import itertools
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from bot.evaluation.questions import EvalQuestion
from bot.evaluation.scoring import percentile
from index.runtime import go_offline
from ui.settings import Settings


@dataclass(frozen=True)
class Throughput:
    """``index.rebuild`` against ``SentenceTransformer.encode`` on the same passages (best of
    ``reps`` interleaved runs each: the least disturbed by other load on a shared machine)."""

    backend: str
    passages: int
    rebuild_seconds: tuple[float, ...]
    encode_seconds: tuple[float, ...]
    batch_size: int

    @property
    def rebuild_rate(self) -> float:
        return self.passages / min(self.rebuild_seconds)

    @property
    def encode_rate(self) -> float:
        return self.passages / min(self.encode_seconds)

    @property
    def ratio(self) -> float:
        return self.rebuild_rate / self.encode_rate


@dataclass(frozen=True)
class Latency:
    calls: int
    warmup: int
    p50_ms: float
    p95_ms: float
    max_ms: float


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def load_model(settings: Settings):
    """``(reference import seconds, model load seconds, embeddings)``: the bot's model loaded as
    the bot loads it (ONNX Runtime by default), then torch + sentence-transformers imported cold
    (sentence-transformers is the reference of the throughput ratio, not what the bot imports)."""
    go_offline()
    start = time.perf_counter()
    from index.storage.embeddings import embeddings_for

    embeddings = embeddings_for(settings)
    loaded = time.perf_counter()
    import sentence_transformers  # noqa: F401
    import torch  # noqa: F401

    return time.perf_counter() - loaded, loaded - start, embeddings


def measure_throughput(settings: Settings, embeddings, backend: str, reps: int) -> Throughput:
    """Rebuild the index of ``settings`` ``reps`` times, each followed by a raw ``encode`` of the
    same passage texts with the same batch size."""
    import index
    from index.storage.embeddings import resolve_model_path
    from index.storage.store import Store

    reference = _sentence_transformer(str(resolve_model_path(settings.embedding_model)))
    rebuilds, encodes = [], []
    texts: list[str] = []
    for _ in range(reps):
        summary = index.rebuild(settings, embeddings)
        rebuilds.append(summary.seconds)
        if not texts:
            texts = [p.text for p in Store(settings).passages()]
            reference.encode(texts[:8])  # the first call pays one-off allocation costs
        t0 = time.perf_counter()
        reference.encode(
            texts,
            batch_size=embeddings.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        encodes.append(time.perf_counter() - t0)
    return Throughput(backend, len(texts), tuple(rebuilds), tuple(encodes), embeddings.batch_size)


@lru_cache(maxsize=2)
def _sentence_transformer(path: str):
    from sentence_transformers import SentenceTransformer

    from index.runtime import limit_torch_threads

    # One thread, as the bot's model runs (docs/environment.md): with torch's default 2 the
    # reference ran 1.4x faster on an idle machine, a ratio of thread counts, not of overheads.
    limit_torch_threads()
    return SentenceTransformer(path, device="cpu")


def measure_latency(
    answer_fn: Callable[[str], object],
    questions: Sequence[EvalQuestion],
    calls: int,
    warmup: int | None = None,
) -> Latency:
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
    return Latency(
        calls,
        warmup,
        percentile(times, 50) or 0.0,
        percentile(times, 95) or 0.0,
        max(times, default=0.0),
    )
