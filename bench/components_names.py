"""Who's who and places on ``conll_names_dev`` (142 Reuters documents of CoNLL-2003's dev part):
the product's lists beside spaCy's raw entities, scored in one run by the benchmark's own metric.

The product path is the briefing's: the document goes through ``index`` as an article file would
(``load_article`` -> ``article_passages``), its body sentences through ``bot.briefing.names`` and
``who_is_who`` / ``places``. Key points and embeddings play no part in which names are listed (only
in their order and key sentence), so none are computed here.

The metric (the folder's README, ``score_names.py``): per document and kind a system string is
right when it matches a gold string of that kind, and a gold string is found when some system
string matches it; two strings match when, lower-cased and with punctuation at the ends and a
final 's dropped, they are equal or one holds the other as whole words. Counts are summed over
documents (micro P/R/F1); ``who`` pools people and organisations with the kind ignored.

Usage:
    .venv/bin/python -m bench.components_names [--eval DIR] [--json]

From Python: ``measure(eval_root)`` returns the Markdown section (``bench.components`` prints and
writes it).
"""

from __future__ import annotations

import argparse
import json
import re
import string
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_EVAL = REPO.parent / "shared" / "eval"
FOLDER = "conll_names_dev"
KINDS = ("people", "organisations", "places")
SPACY_KINDS = {"PERSON": "people", "ORG": "organisations", "GPE": "places"}
SPACY_KINDS.update(LOC="places", FAC="places")
_ENDS = string.punctuation + "\u2018\u2019\u201c\u201d"


def norm(text: str) -> str:
    """Lower-cased, punctuation off both ends, a final 's dropped."""
    text = text.lower().replace("\u2019", "'").strip().strip(_ENDS).strip()
    if text.endswith("'s"):
        text = text[:-2].strip().strip(_ENDS).strip()
    return " ".join(text.split())


def _within(big: str, small: str) -> bool:
    return bool(small) and re.search(rf"(?<!\w){re.escape(small)}(?!\w)", big) is not None


def match(a: str, b: str) -> bool:
    """Equal, or one holds the other as whole words, after ``norm``."""
    a, b = norm(a), norm(b)
    return bool(a and b) and (a == b or _within(a, b) or _within(b, a))


def _unique(strings: list[str]) -> list[str]:
    seen, out = set(), []
    for s in strings:
        if norm(s) and norm(s) not in seen:
            seen.add(norm(s))
            out.append(s)
    return out


@dataclass(frozen=True)
class Counts:
    right: int
    system: int
    found: int
    gold: int

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(a + b for a, b in zip(self.as_tuple(), other.as_tuple())))

    def as_tuple(self) -> tuple[int, int, int, int]:
        return (self.right, self.system, self.found, self.gold)

    @property
    def precision(self) -> float:
        return self.right / self.system if self.system else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def count(system: list[str], gold: list[str]) -> Counts:
    system, gold = _unique(system), _unique(gold)
    right = sum(any(match(s, g) for g in gold) for s in system)
    found = sum(any(match(s, g) for s in system) for g in gold)
    return Counts(right, len(system), found, len(gold))


def _doc_counts(system: dict, gold: dict) -> dict[str, Counts]:
    out = {k: count(system.get(k, []), gold.get(k, [])) for k in KINDS}
    pooled = system.get("who") or system.get("people", []) + system.get("organisations", [])
    out["who"] = count(pooled, gold["people"] + gold["organisations"])
    return out


def score(outputs: dict[str, dict], gold: list[dict]) -> dict[str, dict]:
    """Per kind (people, organisations, places, who, all): P, R, F1, macro F1 and the counts."""
    per_doc = [_doc_counts(outputs.get(g["id"], {}), g) for g in gold]
    table = {}
    for kind in (*KINDS, "who", "all"):
        parts = [
            sum((d[k] for k in KINDS), Counts(0, 0, 0, 0)) if kind == "all" else d[kind]
            for d in per_doc
        ]
        total = sum(parts, Counts(0, 0, 0, 0))
        scored = [c for c in parts if c.system or c.gold]
        table[kind] = {
            "precision": round(total.precision, 3),
            "recall": round(total.recall, 3),
            "f1": round(total.f1, 3),
            "macro_f1": round(sum(c.f1 for c in scored) / len(scored), 3) if scored else 0.0,
            "system": total.system,
            "gold": total.gold,
        }
    return table


def read_gold(folder: Path) -> list[dict]:
    lines = (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def spacy_entities(texts: dict[str, str], model) -> dict[str, dict]:
    """The baseline: a spaCy pipeline's raw entities over each whole document."""
    out = {}
    for doc_id, doc in zip(texts, model.pipe(texts.values(), batch_size=16)):
        kinds: dict[str, list[str]] = {k: [] for k in KINDS}
        for e in doc.ents:
            if e.label_ in SPACY_KINDS:
                kinds[SPACY_KINDS[e.label_]].append(e.text)
        out[doc_id] = kinds
    return out


def _article(doc_id: str, text: str):
    """The document as an indexed article: every line a paragraph (headline and dateline too: the
    baseline reads them, and the gold names their places), the headline as the title."""
    from index.pages.articles import Article, article_id

    lines = tuple(line.strip() for line in text.splitlines() if line.strip())
    return Article(article_id(lines), f"{doc_id}.txt", lines[0], "", "", "", "", lines)


def briefing_names(article) -> tuple[list, list]:
    """The product's who's who and places (``Identified`` lists) of one article: its body
    sentences through ``bot.briefing.names``, ``who_is_who`` and ``places``."""
    import numpy as np

    from bot.briefing.names import group_names, sentence_parses
    from bot.briefing.people import who_is_who
    from bot.briefing.places import places
    from bot.briefing.sentences import Unit, collect
    from bot.corpus import Corpus
    from index.storage.passages import article_passages

    corpus = Corpus.from_passages(article_passages(article))
    units = [
        Unit(s.text, s.order, (s.passage,), (s.article_id,), s.published, span=s.span)
        for s in collect(corpus, [article.id])
    ]
    parses = sentence_parses(corpus, units)
    names = group_names(units, parses)
    centrality = np.zeros(len(units))
    return (
        who_is_who(names, units, centrality, parses=parses),
        places(names, units, centrality, parses=parses),
    )


def product_names(doc_id: str, text: str) -> dict[str, list[str]]:
    """The product's who's who and places of one document (labels and merged spellings)."""
    who, where = briefing_names(_article(doc_id, text))
    out: dict[str, list[str]] = {k: [] for k in KINDS}
    for found in who:
        kind = "people" if found.name.kind == "person" else "organisations"
        out[kind] += [found.name.label, *found.name.aliases]
    for found in where:
        out["places"] += [found.name.label, *found.name.aliases]
    return out


def read_texts(folder: Path, gold: list[dict]) -> dict[str, str]:
    return {g["id"]: (folder / "articles" / f"{g['id']}.txt").read_text("utf-8") for g in gold}


def run(eval_root: Path) -> dict:
    """Both systems' scores and seconds on ``eval_root / conll_names_dev``."""
    from bot import nlp

    folder = Path(eval_root) / FOLDER
    gold = read_gold(folder)
    texts = read_texts(folder, gold)
    start = time.perf_counter()
    product = {doc_id: product_names(doc_id, text) for doc_id, text in texts.items()}
    product_s = time.perf_counter() - start
    start = time.perf_counter()
    baseline = spacy_entities(texts, nlp.pipeline())
    baseline_s = time.perf_counter() - start
    return {
        "documents": len(gold),
        "product": {"scores": score(product, gold), "seconds": round(product_s, 1)},
        "spacy": {"scores": score(baseline, gold), "seconds": round(baseline_s, 1)},
    }


def markdown(result: dict) -> str:
    """The section: who's who and places, product beside spaCy, then every kind."""
    model = result.get("model", "en_core_web_sm")
    p, b = result["product"]["scores"], result["spacy"]["scores"]
    lines = [
        f"### Names and places: `{FOLDER}` ({result['documents']} Reuters documents)",
        "",
        "Document-level F1 / P / R by the benchmark's metric (`bench/components_names.py`):",
        "",
        "| part | this project | spaCy `" + model + "` entities alone, same documents |",
        "|---|---|---|",
        f"| who's who (people + organisations) | {_fpr(p['who'])} | {_fpr(b['who'])} |",
        f"| places | {_fpr(p['places'])} | {_fpr(b['places'])} |",
        "",
        "| kind | system | P | R | F1 | macro F1 | system strings | gold strings |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for kind in (*KINDS, "who", "all"):
        for name, s in (("this project", p[kind]), ("spaCy", b[kind])):
            lines.append(
                f"| {kind} | {name} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} "
                f"| {s['macro_f1']:.3f} | {s['system']} | {s['gold']} |"
            )
    lines += [
        "",
        f"Seconds on this machine: this project {result['product']['seconds']} "
        f"(sentence split, parse, names), spaCy {result['spacy']['seconds']}.",
    ]
    return "\n".join(lines) + "\n"


def _fpr(s: dict) -> str:
    return f"{s['f1']:.3f} / {s['precision']:.3f} / {s['recall']:.3f}"


def measure(eval_root: Path) -> str:
    """Run both systems on ``eval_root / conll_names_dev`` and return the Markdown section."""
    return markdown(run(eval_root))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL, help="the shared eval folder")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    result = run(args.eval)
    print(json.dumps(result, indent=2) if args.json else markdown(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
