"""Article body on the Article Extraction Benchmark's dev pages: the product's body against
``trafilatura.extract`` alone, both run here on the same pages.

The metric is the benchmark's own, as its README describes it: text cut into ``\\w+`` tokens, each
page's output and gold turned into multisets of 4-token shingles, per-page tp/fp/fn normalised to
sum 1 so every page weighs the same; precision is the mean over pages with some output, recall the
mean over pages with some gold, F1 = 2PR/(P+R). ``±`` is the standard deviation of F1 over 1000
bootstrap resamples of the pages (seed 0). The same with 1-token shingles is the bag-of-words F1.
"""

from __future__ import annotations

import json
import random
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

_TOKEN = re.compile(r"\w+")
BOOTSTRAP = 1000


@dataclass(frozen=True)
class BodyScore:
    f1: float
    precision: float
    recall: float
    spread: float  # bootstrap std of F1
    bag_f1: float
    pages: int


def _shingles(text: str, n: int) -> Counter:
    tokens = _TOKEN.findall(text or "")
    # a text shorter than n tokens is one (short) shingle, an empty one none
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens)


def page_counts(gold: str, output: str, n: int = 4) -> tuple[float, float, float]:
    """tp, fp, fn of one page's shingles, normalised to sum 1 (0s when both are empty)."""
    g, o = _shingles(gold, n), _shingles(output, n)
    tp = sum((g & o).values())
    fp = sum((o - g).values())
    fn = sum((g - o).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp else 0.0


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn else 0.0


def _prf(counts: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    ps = [_precision(*c) for c in counts if c[0] + c[1] > 0]
    rs = [_recall(*c) for c in counts if c[0] + c[2] > 0]
    p = statistics.mean(ps) if ps else 0.0
    r = statistics.mean(rs) if rs else 0.0
    return (2 * p * r / (p + r) if p + r else 0.0), p, r


def score(gold: dict[str, str], output: dict[str, str]) -> BodyScore:
    """Score ``output`` (page id → body; a missing page is an empty extraction) on ``gold``."""
    ids = sorted(gold)
    counts = [page_counts(gold[i], output.get(i, "")) for i in ids]
    f1, p, r = _prf(counts)
    rng = random.Random(0)
    boot = [_prf([rng.choice(counts) for _ in counts])[0] for _ in range(BOOTSTRAP)]
    bag = _prf([page_counts(gold[i], output.get(i, ""), 1) for i in ids])[0]
    return BodyScore(f1, p, r, statistics.pstdev(boot), bag, len(ids))


def load_gold(folder: Path) -> dict[str, str]:
    lines = (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    return {d["id"]: d["body"] for d in map(json.loads, filter(str.strip, lines))}


def product_body(html: str) -> str:
    from index.pages.html_article import read_html

    return "\n\n".join(read_html(html).paragraphs)


def trafilatura_body(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html) or ""


def outputs(folder: Path, extract) -> dict[str, str]:
    out = {}
    for page in sorted((folder / "pages").glob("*.html")):
        out[page.stem] = extract(page.read_text(encoding="utf-8", errors="replace"))
    return out


def _row(name: str, s: BodyScore) -> str:
    return (
        f"| {name} | {s.f1:.3f} ± {s.spread:.3f} | {s.precision:.3f} | {s.recall:.3f} "
        f"| {s.bag_f1:.3f} |"
    )


def measure(eval_root: Path) -> str:
    """The body section: the product and trafilatura alone, scored in this run."""
    folder = eval_root / "aeb_dev"
    gold = load_gold(folder)
    product = score(gold, outputs(folder, product_body))
    baseline = score(gold, outputs(folder, trafilatura_body))
    return "\n".join(
        [
            f"### Article body: `aeb_dev` ({product.pages} pages, AEB 4-gram shingles)",
            "",
            "| system | F1 ± std | P | R | F1 bag of words |",
            "|---|---|---|---|---|",
            _row("this project (`index.pages.html_article.read_html`)", product),
            _row("baseline: `trafilatura.extract(html)` alone", baseline),
        ]
    )
