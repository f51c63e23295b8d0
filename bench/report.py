"""Write the benchmark results as ``benchmarks.md`` (speed, scale, memory) and ``quality.md``."""

from __future__ import annotations

from pathlib import Path

from bench.report_parts import BenchRun, SystemRun
from bench.report_quality import quality_md
from bench.report_speed import benchmarks_md
from lab.dev_report import MARK_END, MARK_START

__all__ = ["BenchRun", "SystemRun", "benchmarks_md", "quality_md", "write"]


def write(run: BenchRun, out: Path) -> tuple[Path, Path]:
    out.mkdir(parents=True, exist_ok=True)
    bench, quality = out / "benchmarks.md", out / "quality.md"
    bench.write_text(benchmarks_md(run), encoding="utf-8")
    text = quality_md(run)
    old = quality.read_text(encoding="utf-8") if quality.exists() else ""
    if (
        MARK_START in old and MARK_END in old
    ):  # keep the dev-set section of ``python -m lab.dev_sets``
        block = MARK_START + old.split(MARK_START, 1)[1].split(MARK_END, 1)[0] + MARK_END
        first, _, rest = text.partition("\n")
        text = f"{first}\n\n{block}\n\n{rest.lstrip()}"
    quality.write_text(text, encoding="utf-8")
    return bench, quality
