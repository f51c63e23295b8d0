"""Timeline dates on TimeBank news (``timebank_dates_dev``): the product's timeline against
``dateparser.search_dates`` on each sentence (``RELATIVE_BASE`` = the document's date), both run here.

The metric follows the folder's README: an entry (text, value, sentence) is right when its value
agrees with a gold date (or an ``also_ok`` one) of the same sentence; a gold date is found when a
right entry agrees with it. "agree": same year, and same month and day where both give them;
"exact": the same value (same precision). Same sentence: lower-cased with spaces collapsed, one
contains the other or they share at least 60 % of the shorter one's words. Counts are summed over
documents (micro).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

from bench.components_docs import articles, read_doc

_WORD = re.compile(r"\w+")
SAME_SENTENCE_SHARE = 0.6
# The README's rough sentence splitter, for the baseline: line breaks, and . ! ? before a capital,
# except after an abbreviation or an initial.
_SPLIT = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]*[A-Z])")
_ABBREV = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Co|Corp|Inc|Ltd|Gov|Sen|Rep|Gen|Col|Lt|Sgt|Prof|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|U\.S|vs|Mt|Ft))\.$"
)


@dataclass(frozen=True)
class DateScore:
    mode: str
    precision: float
    recall: float
    entries: int
    gold: int
    recall_by: tuple[float, float, float]  # gold dates found, by the gold's precision: Y / M / D

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _norm(s: str) -> str:
    return " ".join(s.lower().split())


def same_sentence(a: str, b: str) -> bool:
    a, b = _norm(a), _norm(b)
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    wa, wb = set(_WORD.findall(a)), set(_WORD.findall(b))
    shorter = min(len(wa), len(wb))
    return shorter > 0 and len(wa & wb) / shorter >= SAME_SENTENCE_SHARE


def agrees(value: str, gold: str, mode: str) -> bool:
    if mode == "exact":
        return value == gold
    a, b = value.split("-"), gold.split("-")
    return all(x == y for x, y in zip(a, b))


def score(golds: dict[str, dict], outputs: dict[str, list[dict]], mode: str) -> DateScore:
    right = entries = found = 0
    by = {1: [0, 0], 2: [0, 0], 3: [0, 0]}  # parts of the gold value → [found, total]
    for doc_id, gold in golds.items():
        system = [e for e in outputs.get(doc_id, []) if e.get("value")]
        accepted = gold["dates"] + gold.get("also_ok", [])
        entries += len(system)
        for e in system:
            right += any(
                agrees(e["value"], g["value"], mode) and same_sentence(e["sentence"], g["sentence"])
                for g in accepted
            )
        for g in gold["dates"]:
            hit = any(
                agrees(e["value"], g["value"], mode) and same_sentence(e["sentence"], g["sentence"])
                for e in system
            )
            found += hit
            parts = len(g["value"].split("-"))
            by[parts][0] += hit
            by[parts][1] += 1
    total = sum(len(g["dates"]) for g in golds.values())
    return DateScore(
        mode,
        right / entries if entries else 0.0,
        found / total if total else 0.0,
        entries,
        total,
        tuple(f / t if t else 0.0 for f, t in by.values()),
    )


def rough_sentences(text: str) -> list[str]:
    out = []
    for line in filter(str.strip, text.splitlines()):
        start = 0
        for m in _SPLIT.finditer(line):
            if _ABBREV.search(line[start : m.start()]):
                continue
            out.append(line[start : m.start()].strip())
            start = m.end()
        out.append(line[start:].strip())
    return [s for s in out if s]


def dateparser_entries(text: str, dct: str) -> list[dict]:
    """The baseline: ``search_dates`` on each sentence, the value as precise as dateparser's
    period for the matched text (day, month or year)."""
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    base = dt.datetime.fromisoformat(dct)
    settings = {"RELATIVE_BASE": base, "RETURN_AS_TIMEZONE_AWARE": False}
    periods = DateDataParser(languages=["en"], settings=settings)
    out = []
    for sentence in rough_sentences(text):
        for written, when in search_dates(sentence, languages=["en"], settings=settings) or []:
            period = periods.get_date_data(written).period or "day"
            width = {"year": 4, "month": 7}.get(period, 10)
            out.append(
                {"text": written, "value": when.date().isoformat()[:width], "sentence": sentence}
            )
    return out


def product_entries(doc_id: str, text: str, dct: str) -> list[dict]:
    from bot.briefing.timeline import find_dates

    doc = read_doc(doc_id, text, dct)
    return [
        {"text": d.written, "value": d.resolved, "sentence": doc.units[d.unit].text}
        for d in find_dates(doc.units, doc.parses)
    ]


def load(folder: Path) -> tuple[dict[str, dict], dict[str, str]]:
    lines = (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    golds = {d["id"]: d for d in map(json.loads, filter(str.strip, lines))}
    return golds, {k: g["dct"] for k, g in golds.items()}


def _rows(name: str, golds: dict, out: dict) -> list[str]:
    rows = []
    for mode in ("agree", "exact"):
        s = score(golds, out, mode)
        y, m, d = s.recall_by
        rows.append(
            f"| {name}, {mode} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | {s.entries} "
            f"| {s.gold} | {y:.2f} / {m:.2f} / {d:.2f} |"
        )
    return rows


def measure(eval_root: Path) -> str:
    folder = eval_root / "timebank_dates_dev"
    golds, dcts = load(folder)
    texts = articles(folder)
    product = {k: product_entries(k, texts[k], dcts[k]) for k in golds}
    baseline = {k: dateparser_entries(texts[k], dcts[k]) for k in golds}
    return "\n".join(
        [
            f"### Timeline dates: `timebank_dates_dev` ({len(golds)} documents)",
            "",
            "| system, mode | P | R (gold dates found) | F1 | entries | gold dates "
            "| R year / month / day |",
            "|---|---|---|---|---|---|---|",
            *_rows("this project (`bot.briefing.timeline.find_dates`)", golds, product),
            *_rows("baseline: `dateparser.search_dates` per sentence", golds, baseline),
        ]
    )
