"""Write the benchmark results as ``benchmarks.md`` (speed, scale, memory) and ``quality.md``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.dev_report import MARK_END, MARK_START
from bench.machine import Machine
from bench.measure import Latency, Throughput
from bot.evaluation.scoring import EvalReport

GOALS = {"ratio": 0.8, "seed_p50": 50, "seed_p95": 150, "scale_p95": 250, "ask_s": 6, "ui_s": 10,
         "rss_mb": 1536}
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
    made_snapshot: bool = False  # this process copied the passages out of Chroma (first after a change)
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


def _ms(x: float | None) -> str:
    return "–" if x is None else f"{x:.0f} ms"


def _rate(x: float | None) -> str:
    return "–" if x is None else f"{x:.2f}"


def _cell(text: str, limit: int) -> str:
    text = " ".join(text.split()).replace("|", "\\|")
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    return out + ["| " + " | ".join(row) + " |" for row in rows]


def _met(ok: bool, why: str) -> str:
    return "met" if ok else f"NOT met: {WHY[why]}"


def _intro(run: BenchRun, what: str) -> list[str]:
    mode = " `--quick` (a CI smoke run at a small size, not the reference figures)" if run.quick else ""
    return [
        f"# {what}", "",
        f"Written by `python -m bench --size {run.size}`{mode} in {run.total_seconds:.0f} s; every figure "
        "below comes from that one run. Re-run it to refresh this page.", "",
        *([f"Code measured: {run.code_version}.", ""] if run.code_version else []),
        f"Machine: {run.machine.line()}.", "",
        "The machine is shared: other engineers run tests on the same 2 cores, so timings are noisy "
        "(the same call varies 2-3x between runs). Where a figure was measured several times the "
        "page says which (best, median or max) it shows.", "",
    ]


def _scale_name(run: BenchRun) -> str:
    return f"seed + {run.size:,} distractor passages"


def benchmarks_md(run: BenchRun) -> str:
    lines = _intro(run, "Benchmarks")
    lines += ["## 1. Index throughput", "",
              "`index.rebuild` (what `briefing index rebuild` runs, model already loaded) against "
              "`SentenceTransformer.encode` alone on the same passages, same batch size; best of the "
              "interleaved runs. Goal: ratio ≥ 0.8.", ""]
    rows = [(t.backend, f"{t.passages:,}", f"{t.rebuild_rate:.1f}", f"{t.encode_rate:.1f}", f"{t.ratio:.2f}",
             " / ".join(f"{x:.1f}" for x in t.rebuild_seconds), " / ".join(f"{x:.1f}" for x in t.encode_seconds),
             _met(t.ratio >= GOALS["ratio"], "ratio" if t.backend == "embedded" else "ratio_server"))
            for t in run.throughput]
    lines += _table(("store", "passages", "rebuild passages/s", "encode passages/s", "ratio",
                     "rebuild runs (s)", "encode runs (s)", "goal"), rows)
    rec = run.scale_record
    lines += ["", f"Batch size {run.throughput[0].batch_size if run.throughput else '–'}. The rebuild embeds "
              "with the bot's own model path (ONNX Runtime, exported once per machine: same vectors as "
              "torch), in length-sorted batches, writing each batch while the next is embedded; the "
              "reference is `SentenceTransformer.encode` on torch, which also sorts by length. Model "
              f"load as the bot does it (imports included) {run.model_seconds:.1f} s; the reference's "
              f"cold import of torch + sentence-transformers {run.import_seconds:.1f} s.", ""]
    if rec:
        rate = rec["embedded"] / rec["seconds"] if rec.get("seconds") else 0
        earlier = rec.get("passages", 0) - rec.get("embedded", 0)
        lines += [f"The {_scale_name(run)} corpus ({rec.get('distractor_files', 0):,} generated article files, "
                  f"{rec.get('passages', 0):,} passages in the index) is cached under `.bench/` "
                  f"(`python -m bench.corpus`); the build run that completed it embedded {rec.get('embedded', 0):,} "
                  f"passages in {rec.get('seconds', 0) / 60:.0f} min ({rate:.1f} passages/s, model "
                  "already loaded, other jobs running)"
                  + (f"; the other {earlier:,} were embedded by earlier, interrupted runs." if earlier > 0 else "."),
                  ""]
    lines += ["## 2. Warm answer latency", "",
              "After a fresh process has loaded the system and answered one question: **first-time** = "
              "the dev-set pass (each question new to the process), **repeated** = timed calls cycling "
              "over the dev questions after a warm-up pass. Goals: seed p50 ≤ 50 ms and p95 ≤ 150 ms; "
              f"{_scale_name(run)}: p95 ≤ 250 ms. Judged on the worse of the two.", ""]
    rows = []
    for s in run.systems:
        if s.latency is None or s.report is None:
            rows.append((s.name, s.corpus, "–", "–", "–", s.note or "not run"))
            continue
        p50 = max(s.latency.p50_ms, s.report.p50_ms or 0)
        p95 = max(s.latency.p95_ms, s.report.p95_ms or 0)
        if s.name.startswith("textbook"):
            goal = "(baseline)"
        elif s.corpus == "seed":
            goal = _met(p50 <= GOALS["seed_p50"] and p95 <= GOALS["seed_p95"], "latency")
        else:
            goal = _met(p95 <= GOALS["scale_p95"], "latency_scale")
        rows.append((s.name, f"{s.corpus} ({s.passages:,})", f"{_ms(s.report.p50_ms)} / {_ms(s.report.p95_ms)}",
                     f"{_ms(s.latency.p50_ms)} / {_ms(s.latency.p95_ms)} (n={s.latency.calls})",
                     _ms(s.latency.max_ms), goal))
    lines += _table(("system", "corpus (passages/chunks)", "first-time p50 / p95", "repeated p50 / p95",
                     "repeated max", "goal"), rows)
    lines += ["", "## 3. Cold start", ""]
    rows = []
    for corpus, times in run.cold_ask.items():
        goal = _met(max(times) <= GOALS["ask_s"], "ask_s") if corpus == "seed" else "(no goal at scale)"
        rows.append((f"`briefing ask` in a fresh process, {corpus}", " / ".join(f"{t:.1f}" for t in times),
                     f"{min(times):.1f} / {max(times):.1f}", goal))
    ui = run.ui
    if "chat_usable_s_median" in ui:
        rows.append((f"web chat usable after `briefing serve`, seed (`bench/ui_timing.py`, {ui['runs']} runs)",
                     f"median {ui['chat_usable_s_median']:.1f}", f"– / {ui['chat_usable_s_max']:.1f}",
                     _met(ui["chat_usable_s_max"] <= GOALS["ui_s"], "ui_s")))
    else:
        rows.append(("web chat usable after `briefing serve`, seed", "–", "–",
                     f"not measured: {ui.get('error', 'skipped')}"))
    for corpus, s in run.serve.items():
        rows.append((f"`briefing serve`: page answers HTTP / bot ready (warm-up answer given), {corpus}",
                     f"{s['http_s']:.1f} / {s['ready_s']:.1f}", "–", "(no goal)"))
    lines += _table(("what", "seconds per run", "min / max", "goal (seed: ask ≤ 6 s, UI ≤ 10 s)"), rows)
    lines += ["", "Each `briefing ask` run found the passage snapshot and the kept BM25 terms under the "
              "data dir (written by the first process after an index change; see section 4).", "",
              "## 4. Memory", "", "Peak RSS of each probe process (model, index snapshot, BM25, dev-set "
              "pass and timed calls) and of `briefing serve` once its bot is ready (gradio included). "
              "Goal while serving the large corpus: ≤ 1.5 GB.", ""]
    rows = [(s.name, s.corpus, "–" if s.peak_rss_mb is None else f"{s.peak_rss_mb:,.0f} MB",
             "–" if s.first_answer_s is None else f"{s.first_answer_s:.1f} s"
             + (" (made the snapshot)" if s.made_snapshot and not s.name.startswith("textbook") else ""))
            for s in run.systems]
    rows += [("`briefing serve`", corpus, f"{s['peak_rss_mb']:,.0f} MB", f"{s['ready_s']:.1f} s")
             for corpus, s in run.serve.items()]
    lines += _table(("process", "corpus", "peak RSS", "start → first answer"), rows)
    scale_rss = [s["peak_rss_mb"] for c, s in run.serve.items() if c == "scale"] + [
        s.peak_rss_mb for s in run.systems if s.corpus == "scale" and not s.name.startswith("textbook")
        and s.peak_rss_mb]
    if scale_rss:
        lines += ["", f"Serving {_scale_name(run)}: {max(scale_rss):,.0f} MB at most — "
                  f"{_met(max(scale_rss) <= GOALS['rss_mb'], 'rss_mb')}."]
    lines += ["", "“start → first answer”: from process start (imports included) on a built index. The "
              "first process after an index change also copies the passages out of Chroma into the "
              "snapshot (measured at 100k passages: 13-18 s, once)."]
    return "\n".join(lines) + "\n"


def quality_md(run: BenchRun) -> str:
    lines = _intro(run, "Answer quality")
    systems = [s for s in run.systems]
    ref = next((s.report for s in systems if s.report), None)
    n_text = f"{ref.n} questions, {ref.answerable} answerable, {ref.unanswerable} to refuse" if ref else "–"
    lines += [
        f"Dev set `{run.dev_name}` ({n_text}), asked of every system below; all are scored by the same "
        "code (`bot/evaluation/scoring.py`, also behind `briefing eval`) with the same embedding model. “scale” "
        f"is the {_scale_name(run)} (made-up articles on the same topics with invented names, so any "
        "answer drawn from one is a retrieval error). The textbook baseline is LangChain's "
        "RecursiveCharacterTextSplitter (1000/200) + Chroma + k=4 on the raw files.", "",
        "- **accuracy**: answerable questions answered in ≤ 500 characters containing one string of "
        "every `must` group; **citation** / **first-citation**: some citation / citation [1] holds an "
        "`evidence` snippet; **rejection**: unanswerable questions refused; **false refusal**: "
        "answerable ones refused.", "",
    ]
    header = ("figure", *(f"{s.name} ({s.corpus})" for s in systems))

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
        row("misses (any check failed)", lambda r: f"{len(r.misses)} of {r.n}"),
    ])
    seed_bot = next((s for s in systems if s.name == "briefing bot" and s.corpus == "seed" and s.report), None)
    scale_bot = next((s for s in systems if s.name == "briefing bot" and s.corpus == "scale" and s.report), None)
    if seed_bot and scale_bot:
        seed_missed = {r.id for r in seed_bot.report.misses}
        new = [r for r in scale_bot.report.misses if r.id not in seed_missed]
        meta = [r for r in new if r.type == "metadata"]
        lines += ["", "## Why the large corpus costs accuracy", "",
                  f"{len(new)} dev questions are missed among the {_scale_name(run)} but not on the seed "
                  f"alone; {len(meta)} of them ask about “the article” without naming it. With thousands "
                  "of articles indexed that question has thousands of answers, so the bot asks which article "
                  "is meant (with up to 3 articles indexed it answers for each), which the scoring counts "
                  "as a refusal. Ask “When was the article about the Syrian rebels published?” and it is "
                  "answered from the right article. The other misses come from the made-up articles "
                  "being on the same topics (ministers meeting, rebels, refugees): a question without a "
                  "name (“Where will the foreign ministers meet?”) is answered by some of them, and "
                  "their paragraphs can push the evidence out of the 30 fused candidates. Fixed on the "
                  "way (see git history): evidence slots only go to passages that use the question's "
                  "names or spell out its acronym, name spellings the index never saw (“Turkey” for "
                  "“Türkiye”) reach BM25 through their known variants, and an asked-for thing "
                  "(“what weapons”) must be mentioned by the answer's own article."]
    with_extra = [s for s in systems if s.extra]
    if with_extra:
        files = sorted({f for s in with_extra for f in s.extra})
        lines += ["", "## Our own question files", "",
                  "Written by us while building the answerer (`eval/`, the later ones after its rules were "
                  "set), scored the same way: how far the dev-set figures carry to questions the rules "
                  "were not tuned on. Each cell: accuracy / citation hit / rejection (n).", ""]
        lines += _table(("file", *(f"{s.name} ({s.corpus})" for s in with_extra)), [
            (f"`{f}`", *(f"{_rate(s.extra[f].accuracy)} / {_rate(s.extra[f].citation)} / "
                         f"{_rate(s.extra[f].rejection)} ({s.extra[f].n})" if f in s.extra else "–"
                         for s in with_extra))
            for f in files])
    for s in systems:
        lines += ["", f"## Misses: {s.name} ({s.corpus})", ""]
        if s.report is None:
            lines.append(f"Not run: {s.note}.")
            continue
        if not s.report.misses:
            lines.append("None.")
        shown = s.report.misses[:8] if s.name.startswith("textbook") else s.report.misses
        for r in shown:
            lines.append(f"- **{r.id}** ({r.type or '-'}) {_cell(r.question, 160)} — "
                         f"{'; '.join(r.why)}. Answer: “{_cell(r.text, 200) or '(empty)'}”")
        if len(shown) < len(s.report.misses):
            lines.append(f"- … and {len(s.report.misses) - len(shown)} more.")
    return "\n".join(lines) + "\n"


def write(run: BenchRun, out: Path) -> tuple[Path, Path]:
    out.mkdir(parents=True, exist_ok=True)
    bench, quality = out / "benchmarks.md", out / "quality.md"
    bench.write_text(benchmarks_md(run), encoding="utf-8")
    text = quality_md(run)
    old = quality.read_text(encoding="utf-8") if quality.exists() else ""
    if MARK_START in old and MARK_END in old:  # keep the dev-set section of ``python -m bench.dev_sets``
        block = MARK_START + old.split(MARK_START, 1)[1].split(MARK_END, 1)[0] + MARK_END
        first, _, rest = text.partition("\n")
        text = f"{first}\n\n{block}\n\n{rest.lstrip()}"
    quality.write_text(text, encoding="utf-8")
    return bench, quality
