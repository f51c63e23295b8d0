"""Write the benchmark results as ``benchmarks.md`` (speed, cost) and ``quality.md`` (answers)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.machine import Machine
from bench.measure import BuildCost, Latency, ScaleBuild
from bot.evaluate import EvalReport

P50_TARGET_MS = 50
P95_TARGET_MS = 150


@dataclass(frozen=True)
class SystemRun:
    """One system's results; ``report`` is None when it could not run (``note`` says why)."""

    name: str
    report: EvalReport | None
    latency: Latency | None
    start_seconds: float | None  # from nothing loaded to the first answer (index already built)
    note: str = ""


@dataclass(frozen=True)
class BenchRun:
    machine: Machine
    build: BuildCost
    systems: tuple[SystemRun, ...]
    dev_name: str
    articles_name: str
    quick: bool
    total_seconds: float
    code_version: str = ""  # the commit measured
    scale: ScaleBuild | None = None


def _rate(x: float | None) -> str:
    return "–" if x is None else f"{x:.2f}"


def _ms(x: float | None) -> str:
    return "–" if x is None else f"{x:.0f} ms"


def _cell(text: str, limit: int) -> str:
    text = " ".join(text.split()).replace("|", "\\|")
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return out


def _intro(run: BenchRun, what: str) -> list[str]:
    mode = " with `--quick` (fewer latency calls: a smoke run, not the reference figures)" if run.quick else ""
    return [
        f"# {what}", "",
        f"Written by `python -m bench`{mode} in {run.total_seconds:.0f} s; every figure below comes "
        "from that one run in one process. Re-run it to refresh this page.", "",
        *([f"Code measured: {run.code_version}.", ""] if run.code_version else []),
        f"Machine: {run.machine.line()}.", "",
    ]


def benchmarks_md(run: BenchRun) -> str:
    b = run.build
    lines = _intro(run, "Benchmarks")
    lines += [
        f"## Index build cost: {run.articles_name} ({b.articles} article(s), {b.passages} passages)", "",
        *_table(("step", "seconds"), [
            ("import torch + sentence-transformers (cold process)", f"{b.import_seconds:.2f}"),
            ("load the packaged embedding model", f"{b.model_seconds:.2f}"),
            ("`index.rebuild` end to end (read, clean, split, embed, write to Chroma)", f"{b.build_seconds:.2f}"),
            (f"embedding alone ({b.passages_per_second:.0f} passages/s)", f"{b.embed_seconds:.2f}"),
        ]), "",
        *_scale_lines(run.scale),
        "## Answer latency", "",
        f"Targets for our bot: p50 ≤ {P50_TARGET_MS} ms, p95 ≤ {P95_TARGET_MS} ms, judged on the worse "
        "of two measurements, both after the system is loaded and has answered one question:", "",
        "- **first-time**: the dev-set eval pass, each question asked for the first time in the "
        "process (nothing about it cached);",
        "- **repeated**: after a warm-up pass over the dev questions (untimed), that many timed "
        "calls cycling over them. Per-question caches (e.g. of query embeddings) hit here, so this "
        "is the best case.", "",
    ]
    rows = []
    for s in run.systems:
        if s.latency is None or s.report is None:
            rows.append((s.name, "–", "–", "–", "–", s.note or "not run"))
            continue
        lat, rep = s.latency, s.report
        p50 = max(lat.p50_ms, rep.p50_ms or 0.0)
        p95 = max(lat.p95_ms, rep.p95_ms or 0.0)
        met = p50 <= P50_TARGET_MS and p95 <= P95_TARGET_MS
        start = "–" if s.start_seconds is None else f"{s.start_seconds:.1f} s"
        rows.append((s.name, f"{_ms(rep.p50_ms)} / {_ms(rep.p95_ms)} (n={rep.n})",
                     f"{_ms(lat.p50_ms)} / {_ms(lat.p95_ms)} (n={lat.calls})", _ms(lat.max_ms), start,
                     "met" if met else "NOT met"))
    lines += _table(("system", "first-time p50 / p95", "repeated p50 / p95", "repeated max",
                     "start → first answer", "within targets"), rows)
    lines += [
        "", "“start → first answer”: from an already built index, the time to set the system up and "
        "answer one question (for the textbook baseline this includes chunking and embedding the "
        "articles into its own collection; for both, the model is already loaded).", "",
    ]
    return "\n".join(lines)


def _scale_lines(scale: ScaleBuild | None) -> list[str]:
    if scale is None:
        return []
    per_100k = 100_000 / scale.passages_per_second / 60 if scale.passages_per_second else 0.0
    return [
        f"## Index build at scale: the articles plus {scale.distractors:,} distractor passages", "",
        "Made-up articles on the same topics with invented names and places (`bench/distractors.py`, "
        "deterministic), so every answer drawn from them is a retrieval error.", "",
        *_table(("step", "figure"), [
            ("generate the distractor files", f"{scale.generate_seconds:.1f} s"),
            (f"`index.rebuild` of {scale.articles:,} articles, {scale.passages:,} passages",
             f"{scale.build_seconds:.1f} s ({scale.passages_per_second:.0f} passages/s)"),
            ("at that rate, 100,000 passages (estimate, not measured)", f"{per_100k:.0f} min"),
        ]), "",
    ]


def quality_md(run: BenchRun) -> str:
    lines = _intro(run, "Answer quality")
    systems = run.systems
    ref = next((s.report for s in systems if s.report), None)
    n_text = f"{ref.n} questions, {ref.answerable} answerable, {ref.unanswerable} to refuse" if ref else "–"
    lines += [
        f"Dev set `{run.dev_name}` ({n_text}) over {run.articles_name}. Both systems are scored by the "
        "same code (`bot/evaluate.py`, also behind `briefing eval`) with the same embedding model.", "",
        "- **accuracy**: answerable questions answered in ≤ 500 characters containing one string of "
        "every `must` group (case-insensitive);",
        "- **citation** / **first-citation**: some citation / citation [1] contains an `evidence` "
        "snippet (case, spaces and curly quotes normalized);",
        "- **rejection**: unanswerable questions refused; **false refusal**: answerable ones refused;",
        "- **must strings present**: like accuracy but at any length and even in a refusal — shows "
        "whether the right words were retrieved at all;",
        "- **median length** over answered questions; latency here is of the eval pass itself.", "",
    ]
    header = ("figure", *(s.name for s in systems))

    def row(label: str, get) -> tuple[str, ...]:
        return (label, *(get(s.report) if s.report else "–" for s in systems))

    lines += _table(header, [
        row("answer accuracy", lambda r: _rate(r.accuracy)),
        row("citation hit", lambda r: _rate(r.citation)),
        row("first-citation hit", lambda r: _rate(r.first_citation)),
        row("rejection (unanswerable refused)", lambda r: _rate(r.rejection)),
        row("false refusal", lambda r: _rate(r.false_refusal)),
        row("must strings present (any length)", lambda r: _rate(r.must_present)),
        row("median answer length", lambda r: "–" if r.median_chars is None else f"{r.median_chars:.0f} chars"),
        row("latency p50 / p95", lambda r: f"{_ms(r.p50_ms)} / {_ms(r.p95_ms)}"),
        row("misses (any check failed)", lambda r: f"{len(r.misses)} of {r.n}"),
    ])
    types = [t for t, _, _ in ref.by_type] if ref else []
    if types:
        lines += ["", "Correct answers by question type:", ""]
        lines += _table(("type", *(s.name for s in systems)), [
            (t, *(_by_type(s.report, t) for s in systems)) for t in types
        ])
    for s in systems:
        lines += ["", f"## Misses: {s.name}", ""]
        if s.report is None:
            lines.append(f"Not run: {s.note}.")
            continue
        if not s.report.misses:
            lines.append("None.")
        for r in s.report.misses:
            lines.append(f"- **{r.id}** ({r.type or '-'}) {_cell(r.question, 200)} — "
                         f"{'; '.join(r.why)}. Answer: “{_cell(r.text, 240) or '(empty)'}”")
    return "\n".join(lines) + "\n"


def _by_type(report: EvalReport | None, name: str) -> str:
    if report is None:
        return "–"
    for t, n, correct in report.by_type:
        if t == name:
            return f"{correct}/{n}"
    return "–"


def write(run: BenchRun, out: Path) -> tuple[Path, Path]:
    out.mkdir(parents=True, exist_ok=True)
    bench, quality = out / "benchmarks.md", out / "quality.md"
    bench.write_text(benchmarks_md(run) + "\n", encoding="utf-8")
    quality.write_text(quality_md(run), encoding="utf-8")
    return bench, quality
