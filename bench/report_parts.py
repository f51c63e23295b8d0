"""What the benchmark reports share: the targets, the records of a run and the table helpers
(``bench.report`` writes the files, ``report_speed`` and ``report_quality`` their text)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from bench.machine import Machine
from bench.measure import Latency, Throughput
from bot.evaluation.scoring import EvalReport

GOALS = {
    "ratio": 0.8,
    "seed_p50": 50,
    "seed_p95": 150,
    "scale_p95": 250,
    "ask_s": 6,
    "ui_s": 10,
    "rss_mb": 1536,
}
# Shown next to a goal that was not met: the causes measured while fixing what could be fixed.
WHY = {
    "ratio": "besides embedding, a rebuild reads, cleans and token-counts every article, writes to "
    "Chroma (HNSW inserts) and swaps collections; the fixed part weighs more on a small "
    "corpus, and single runs swing by ±30% on this shared machine",
    "ratio_server": "as above, and every batch of 64 vectors also travels to the server as JSON over "
    "HTTP and is inserted there, on the same 2 cores",
    "latency": "on 2 cores shared with other engineers' test runs one embedding call takes 13 ms "
    "idle but several times that under load; see the spread between runs",
    "latency_scale": "repeated questions are fast; first-time ones embed the sentences of their 8 "
    "candidate passages on demand (~30 sentences, ~200 ms on one core in length-sorted "
    "batches of 8), because embedding every sentence up front costs minutes at start-up "
    "(measured 23 s at 1,130 passages); storing sentence vectors at index time "
    "would remove it at ~4x the embedding cost of a build",
    "ask_s": "a fresh process imports chromadb, langchain-core and onnxruntime and opens the index "
    "before it can embed the question; 2-3x slower while other jobs run",
    "ui_s": "`briefing serve` imports gradio (~2.8 s) before the page answers and loads the bot beside "
    "it on the same 2 cores",
    "rss_mb": "the model in ONNX Runtime takes ~150 MB; the rest is passages, BM25 and Chroma's HNSW index",
}


@dataclass(frozen=True)
class SystemRun:
    """One system's results from a probe process; ``report`` is None when it did not run."""

    name: str
    corpus: str  # "seed" or "scale"
    report: EvalReport | None
    latency: Latency | None
    first_answer_s: float | None = None  # fresh process → first answer, index already built
    peak_rss_mb: float | None = None
    passages: int = 0
    note: str = ""
    made_snapshot: bool = (
        False  # this process copied the passages out of Chroma (first after a change)
    )
    extra: dict[str, EvalReport] = field(default_factory=dict)  # our own question files → figures


@dataclass
class BenchRun:
    machine: Machine
    size: int
    dev_name: str
    quick: bool
    total_seconds: float = 0.0
    code_version: str = ""
    import_seconds: float = 0.0
    model_seconds: float = 0.0
    throughput: list[Throughput] = field(default_factory=list)
    scale_record: dict = field(default_factory=dict)
    systems: list[SystemRun] = field(default_factory=list)
    cold_ask: dict[str, list[float]] = field(default_factory=dict)  # corpus → seconds per run
    serve: dict[str, dict] = field(default_factory=dict)  # corpus → ready_s, peak_rss_mb
    ui: dict = field(default_factory=dict)


def ms(x: float | None) -> str:
    return "–" if x is None else f"{x:.0f} ms"


def rate(x: float | None) -> str:
    return "–" if x is None else f"{x:.2f}"


def cell(text: str, limit: int) -> str:
    text = " ".join(text.split()).replace("|", "\\|")
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    return out + ["| " + " | ".join(row) + " |" for row in rows]


def met(ok: bool, why: str) -> str:
    return "met" if ok else f"NOT met: {WHY[why]}"


def intro(run: BenchRun, what: str) -> list[str]:
    mode = (
        " `--quick` (a CI smoke run at a small size, not the reference figures)"
        if run.quick
        else ""
    )
    return [
        f"# {what}",
        "",
        f"Written by `python -m bench --size {run.size}`{mode} in {run.total_seconds:.0f} s; every figure "
        "below comes from that one run. Re-run it to refresh this page.",
        "",
        *([f"Code measured: {run.code_version}.", ""] if run.code_version else []),
        f"Machine: {run.machine.line()}.",
        "",
        "The machine is shared: other engineers run tests on the same 2 cores, so timings are noisy "
        "(the same call varies 2-3x between runs). Where a figure was measured several times the "
        "page says which (best, median or max) it shows.",
        "",
    ]


def scale_name(run: BenchRun) -> str:
    return f"seed + {run.size:,} distractor passages"
