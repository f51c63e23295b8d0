"""People, organisations and places on CoNLL-2003 Reuters documents (``conll_names_dev``): the
briefing's who's who and places against spaCy's entities alone, both run here.

Metric (the folder's README): per document and kind, a system string is correct when it matches a
gold string of that kind, and a gold string is found when some system string matches it; two
strings match when, lower-cased, with punctuation at the ends and a final 's dropped, they are equal
or one holds the other as whole words. Counts are summed over documents (micro); ``who`` is people
and organisations with the kind ignored.

Minimal version (the names work replaces it): product vs spaCy baseline, same contract.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from bench.components_docs import articles, read_doc

KINDS = ("people", "organisations", "places")
_EDGE = re.compile(r"^\W+|\W+$")
_LABELS = {"PERSON": "people", "ORG": "organisations", "GPE": "places", "LOC": "places"}
_LABELS["FAC"] = "places"


def _fold(s: str) -> str:
    s = _EDGE.sub("", s.lower().replace("’", "'"))
    return _EDGE.sub("", re.sub(r"'s$", "", s))


def match(a: str, b: str) -> bool:
    a, b = _fold(a), _fold(b)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return re.search(rf"(?<!\w){re.escape(short)}(?!\w)", long) is not None


def counts(system: list[str], gold: list[str]) -> tuple[int, int, int, int]:
    """(system strings right, system strings, gold strings found, gold strings)."""
    right = sum(any(match(s, g) for g in gold) for s in system)
    found = sum(any(match(s, g) for s in system) for g in gold)
    return right, len(system), found, len(gold)


def _table(golds: dict[str, dict], out: dict[str, dict]) -> dict[str, tuple[int, int, int, int]]:
    sums: dict[str, list[int]] = {k: [0, 0, 0, 0] for k in (*KINDS, "who")}
    for doc_id, gold in golds.items():
        mine = out.get(doc_id, {})
        pairs = {k: (mine.get(k, []), gold[k]) for k in KINDS}
        pairs["who"] = (
            mine.get("people", []) + mine.get("organisations", []),
            gold["people"] + gold["organisations"],
        )
        for k, (s, g) in pairs.items():
            for n, c in enumerate(counts(s, g)):
                sums[k][n] += c
    return {k: tuple(v) for k, v in sums.items()}


def spacy_entities(text: str) -> dict[str, list[str]]:
    from bot import nlp

    out: dict[str, list[str]] = {k: [] for k in KINDS}
    for e in nlp.parse(text).entities:
        kind = _LABELS.get(e.label)
        if kind and e.text.lower() not in {s.lower() for s in out[kind]}:
            out[kind].append(e.text)
    return out


def product_names(doc_id: str, text: str) -> dict[str, list[str]]:
    import numpy as np

    from bot.briefing.keypoints import article_weights
    from bot.briefing.names import group_names
    from bot.briefing.people import who_is_who
    from bot.briefing.places import places

    doc = read_doc(doc_id, text)
    names = group_names(doc.units, doc.parses)
    centrality = np.ones(len(doc.units), dtype=np.float32)
    weights = article_weights(doc.units)
    who = who_is_who(names, doc.units, centrality, weights, doc.parses)
    where = places(names, doc.units, centrality, weights, doc.parses)
    return {
        "people": [i.name.label for i in who if i.name.kind == "person"],
        "organisations": [i.name.label for i in who if i.name.kind != "person"],
        "places": [i.name.label for i in where],
    }


def _rows(name: str, table: dict) -> list[str]:
    rows = []
    for kind, (right, system, found, gold) in table.items():
        p = right / system if system else 0.0
        r = found / gold if gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        rows.append(f"| {name} | {kind} | {f:.3f} | {p:.3f} | {r:.3f} | {system} | {gold} |")
    return rows


def measure(eval_root: Path) -> str:
    folder = eval_root / "conll_names_dev"
    lines = (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    golds = {d["id"]: d for d in map(json.loads, filter(str.strip, lines))}
    texts = articles(folder)
    product = {k: product_names(k, texts[k]) for k in golds}
    baseline = {k: spacy_entities(texts[k]) for k in golds}
    return "\n".join(
        [
            f"### Names: `conll_names_dev` ({len(golds)} documents, micro, document level)",
            "",
            "| system | kind | F1 | P | R | system strings | gold strings |",
            "|---|---|---|---|---|---|---|",
            *_rows("this project (who's who, places)", _table(golds, product)),
            *_rows("baseline: spaCy `en_core_web_sm` entities alone", _table(golds, baseline)),
        ]
    )
