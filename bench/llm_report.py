"""The text ``python -m bench.llm_bench`` prints: the run's Markdown summary (for docs/llm.md)
and the grounding thresholds' calibration figures."""

from __future__ import annotations

from collections import Counter


def markdown(r: dict) -> str:
    e, m = r["extractive"], r["llm"]

    def rate(x):
        return "-" if x is None else f"{x:.2f}"

    rows = [
        ("answer accuracy", "accuracy"),
        ("citation hit", "citation"),
        ("first-citation hit", "first_citation"),
        ("rejection (unanswerable refused)", "rejection"),
        ("false refusal", "false_refusal"),
        ("must strings present", "must_present"),
    ]
    lines = [
        f"| figure | extractive | SmolLM2-135M via llama.cpp ({r['threads']} thread) |",
        "|---|---|---|",
    ]
    lines += [f"| {label} | {rate(e[key])} | {rate(m[key])} |" for label, key in rows]
    lines.append(
        f"| median answer length | {e['median_chars']:.0f} chars | {m['median_chars'] or 0:.0f} chars |"
    )
    lines.append(
        f"| latency p50 / p95 | {e['p50_ms']:.0f} ms / {e['p95_ms']:.0f} ms | "
        f"{m['p50_ms'] / 1000:.1f} s / {m['p95_ms'] / 1000:.1f} s |"
    )
    lines.append(f"| misses | {len(e['misses'])} of {e['n']} | {len(m['misses'])} of {m['n']} |")
    lines.append("")
    lines.append(
        f"- speed: generation {r['generation_tokens_per_second']} tokens/s, prompt processing "
        f"{r['prompt_tokens_per_second']} tokens/s (median of 3 dev prompts)"
    )
    lines.append(
        f"- over the eval: {r['llm_calls']} calls, prompt {r['prompt_tokens_mean']} tokens and reply "
        f"{r['completion_tokens_mean']} tokens on average, {r['seconds_per_call_median']} s per call "
        f"(median), {r['tokens_per_second']} reply tokens per second of call time"
    )
    lines.append(f"- answers by: {r['answers_by']}")
    lines.append(
        f"- dropped by the grounding check: {r['dropped_sentences']} sentences, "
        f"{r['dropped_markers']} markers"
    )
    return "\n".join(lines)


def calibration() -> str:
    """The grounding check on the labelled claims of tests/bot/llm/test_llm_grounding.py, as a table."""
    from index.storage.embeddings import embeddings_for
    from tests.bot.llm.test_llm_grounding import CLAIMS, classify, seed_corpus
    from ui.settings import Settings

    embeddings = embeddings_for(Settings())
    corpus = seed_corpus(embeddings)
    lines = [
        "| claim | faithful | lexical | dense | missing | accepted |",
        "|---|---|---|---|---|---|",
    ]
    counts: Counter = Counter()
    for snippet, claim, faithful, _ in CLAIMS:
        s = classify(corpus, embeddings, snippet, claim)
        counts[(faithful, s.supported)] += 1
        short = claim if len(claim) < 90 else claim[:87] + "…"
        lines.append(
            f"| {short} | {'yes' if faithful else 'no'} | {s.lexical:.2f} | {s.dense:.2f} | "
            f"{', '.join(s.missing) or '-'} | {'yes' if s.supported else 'no'} |"
        )
    faithful_n = counts[(True, True)] + counts[(True, False)]
    invented_n = counts[(False, True)] + counts[(False, False)]
    lines.append("")
    lines.append(
        f"Faithful accepted: {counts[(True, True)]} of {faithful_n}; "
        f"unfaithful rejected: {counts[(False, False)]} of {invented_n}."
    )
    return "\n".join(lines)
