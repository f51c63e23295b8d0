"""``python -m bench --quick`` runs end to end and writes both pages with their figures."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.model

# Made-up questions about the seed article (not the dev set).
QUESTIONS = [
    {"id": "b1", "type": "factoid", "question": "Which bridge did Russian bombers destroy?",
     "must": [["Rustan"]], "evidence": ["destroyed the Rustan bridge"]},
    {"id": "b2", "type": "factoid", "question": "Which highway links Damascus with the coast?",
     "must": [["M5"]], "evidence": ["along the M5 highway"]},
    {"id": "b3", "type": "unanswerable", "question": "How many people live in Latakia?",
     "answerable": False},
]

FIGURE = r"(\d\.\d\d|–)"


@pytest.fixture(scope="module")
def bench_out(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("bench")
    dev = tmp / "questions.jsonl"
    dev.write_text("\n".join(json.dumps(q) for q in QUESTIONS) + "\n", encoding="utf-8")
    out = tmp / "out"
    # A safety net only: the run takes seconds; speed is reported by the benchmark, not asserted.
    proc = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--calls", "5", "--distractors", "20", "--dev", str(dev),
         "--out", str(out)],
        cwd=REPO, capture_output=True, text=True, timeout=1800,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return out, proc.stdout


def test_benchmarks_page_has_machine_build_cost_and_latency(bench_out):
    out, _ = bench_out
    text = (out / "benchmarks.md").read_text(encoding="utf-8")
    assert re.search(r"Machine: .+, \d+ cores, \d+ GB RAM; Python 3\.\d+\.\d+, torch \S+", text)
    assert re.search(r"\(1 article\(s\), 30 passages\)", text)
    assert re.search(r"\| load the packaged embedding model \| \d+\.\d\d \|", text)
    assert re.search(r"\| embedding alone \(\d+ passages/s\) \| \d+\.\d\d \|", text)
    assert re.search(r"\| textbook RAG \| \d+ ms / \d+ ms \(n=3\) \| \d+ ms / \d+ ms \(n=5\) \| \d+ ms \| "
                     r"[\d.]+ s \| (met|NOT met) \|", text)
    assert "--quick" in text
    assert re.search(r"`index.rebuild` of 3 articles, 52 passages \| [\d.]+ s \(\d+ passages/s\)", text)


def test_quality_page_has_the_side_by_side_table_and_misses(bench_out):
    out, stdout = bench_out
    text = (out / "quality.md").read_text(encoding="utf-8")
    assert "| figure | briefing bot | textbook RAG | briefing bot + 20 distractors |" in text
    # The textbook answer is a whole chunk (up to 1000 chars): never a correct briefing answer.
    assert re.search(r"\| answer accuracy \| " + FIGURE + r" \| 0\.00 \| " + FIGURE + r" \|", text)
    assert re.search(r"\| rejection \(unanswerable refused\) \| " + FIGURE + r" \| 0\.00 \|", text)
    assert re.search(r"\| citation hit \| " + FIGURE + r" \| \d\.\d\d \|", text)
    assert "## Misses: textbook RAG" in text and "**b3** (unanswerable)" in text
    assert "answered an unanswerable question" in text
    assert re.search(r"textbook RAG: accuracy 0\.00 \| .* \| n=3", stdout)
    if importlib.util.find_spec("bot.service") is not None:
        # once the bot exists, its column holds real figures too
        assert re.search(r"\| answer accuracy \| \d\.\d\d \| 0\.00 \| \d\.\d\d \|", text)
        assert re.search(r"briefing bot: accuracy \d\.\d\d \| .* \| n=3", stdout)


@pytest.mark.parametrize("k", [1, 2])
def test_textbook_baseline_keeps_page_chrome_and_answers_with_the_top_chunk(tmp_path, fake_embeddings, k):
    # Unmarked: fake embeddings, no model. The baseline reads raw files, chrome included.
    from bench.textbook import TextbookRAG
    from bot.evaluate import EvalQuestion, run_eval
    from index.settings import Settings

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("Ferries leave the harbour at noon.\n\nNEWS 24H /\n- Unrelated headline",
                                  encoding="utf-8")
    (folder / "b.md").write_text("The museum opens on Mondays.", encoding="utf-8")
    settings = Settings(data_dir=tmp_path / "data", articles_dir=folder)
    with TextbookRAG(settings, fake_embeddings, k=k) as rag:
        assert rag.chunks == 2
        a = rag.answer("When do ferries leave the harbour?")
        assert a.answered and len(a.citations) == k
        assert "NEWS 24H" in a.text and a.text == a.citations[0].text
        assert a.citations[0].source == "a.txt" and a.citations[0].passage_id == "a.txt#0"
        report = run_eval([EvalQuestion("x", "When do the ferries leave?", (("noon",),), ("at noon",))],
                          rag.answer)
        assert report.accuracy == 1.0 and report.first_citation == 1.0
    assert not Path(rag._dir).exists()  # its temporary Chroma folder is removed


def test_distractors_are_deterministic_made_up_articles(tmp_path):
    from bench import distractors
    from index.articles import load_folder
    from tests.conftest import SEED_FILE

    assert distractors.write_distractors(tmp_path / "a", 25, paragraphs_per_article=10) == 3
    distractors.write_distractors(tmp_path / "b", 25, paragraphs_per_article=10)
    files = sorted((tmp_path / "a").iterdir())
    assert [f.read_text() for f in files] == [f.read_text() for f in sorted((tmp_path / "b").iterdir())]
    articles = load_folder(tmp_path / "a")
    assert len(articles) == 3 and sum(len(a.paragraphs) for a in articles) == 25
    assert all(a.title and a.author and a.published for a in articles)
    # invented names only: none of them may occur in a real article
    seed = SEED_FILE.read_text(encoding="utf-8")
    names = distractors._COUNTRIES + distractors._CITIES + distractors._FIRST + distractors._LAST
    assert not [n for n in names if n in seed]
