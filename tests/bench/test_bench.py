"""``python -m bench --quick`` runs end to end and writes both pages with their figures."""

from __future__ import annotations

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
    {
        "id": "b1",
        "type": "factoid",
        "question": "Which bridge did Russian bombers destroy?",
        "must": [["Rustan"]],
        "evidence": ["destroyed the Rustan bridge"],
    },
    {
        "id": "b2",
        "type": "factoid",
        "question": "Which highway links Damascus with the coast?",
        "must": [["M5"]],
        "evidence": ["along the M5 highway"],
    },
    {
        "id": "b3",
        "type": "unanswerable",
        "question": "How many people live in Latakia?",
        "answerable": False,
    },
]

FIGURE = r"(\d\.\d\d|–)"


@pytest.fixture(scope="module")
def bench_out(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("bench")
    dev = tmp / "questions.jsonl"
    dev.write_text("\n".join(json.dumps(q) for q in QUESTIONS) + "\n", encoding="utf-8")
    out = tmp / "out"
    # A safety net only: speed is reported by the benchmark, not asserted.
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench",
            "--quick",
            "--calls",
            "5",
            "--size",
            "40",
            "--dev",
            str(dev),
            "--out",
            str(out),
            "--cache",
            str(tmp / "cache"),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return out, proc.stdout


def test_benchmarks_page_has_every_section(bench_out):
    out, _ = bench_out
    text = (out / "benchmarks.md").read_text(encoding="utf-8")
    assert re.search(r"Machine: .+, \d+ cores, \d+ GB RAM; Python 3\.\d+\.\d+, torch \S+", text)
    assert "--quick" in text and "--size 40" in text
    for store in ("embedded", "server"):  # 1. throughput, both stores, with the ratio and its goal
        assert re.search(
            rf"\| {store} \| [\d,]+ \| [\d.]+ \| [\d.]+ \| \d\.\d\d \| .+ \| (met|NOT met)", text
        )
    for system in ("briefing bot", "briefing bot, Chroma server", "textbook RAG"):  # 2. latency
        for corpus in ("seed", "scale"):
            assert re.search(rf"\| {system} \| {corpus} \([\d,]+\) \| \d+ ms / \d+ ms \|", text), (
                system,
                corpus,
            )
    assert re.search(
        r"\| `briefing ask` in a fresh process, seed \| [\d.]+ \|", text
    )  # 3. cold start
    assert re.search(
        r"\| `briefing serve`: page answers HTTP / bot ready .*, seed \| [\d.]+ / [\d.]+ \|", text
    )
    assert re.search(
        r"\| briefing bot \| scale \| [\d,]+ MB \| [\d.]+ s( \(made the snapshot\))? \|", text
    )  # 4. memory
    assert "Serving seed + 40 distractor passages:" in text


def test_quality_page_has_the_side_by_side_table_and_misses(bench_out):
    out, stdout = bench_out
    text = (out / "quality.md").read_text(encoding="utf-8")
    assert (
        "| figure | briefing bot (seed) | briefing bot (scale) | briefing bot, Chroma server (seed) | "
        "briefing bot, Chroma server (scale) | textbook RAG (seed) | textbook RAG (scale) |"
    ) in text
    # The textbook answer is a whole chunk (up to 1000 chars): never a correct briefing answer.
    assert re.search(
        r"\| answer accuracy \| " + r" \| ".join([FIGURE] * 4) + r" \| 0\.00 \| 0\.00 \|", text
    )
    assert re.search(
        r"\| rejection \(unanswerable refused\) \| (" + FIGURE + r" \| ){4}0\.00 \|", text
    )
    assert "## Misses: textbook RAG (seed)" in text and "**b3** (unanswerable)" in text
    assert "answered an unanswerable question" in text
    assert re.search(r"textbook RAG \(seed\): accuracy 0\.00 \| .* \| n=3", stdout)
    assert re.search(r"briefing bot \(scale\): accuracy \d\.\d\d \| .* \| n=3", stdout)
    # our own question files, scored for the bot on both corpora
    assert "## Our own question files" in text
    assert re.search(
        r"\| `seed_extra\.jsonl` \| "
        + FIGURE
        + r" / "
        + FIGURE
        + r" / "
        + FIGURE
        + r" \(\d+\) \| ",
        text,
    )


@pytest.mark.parametrize("k", [1, 2])
def test_textbook_baseline_keeps_page_chrome_and_answers_with_the_top_chunk(
    tmp_path, fake_embeddings, k
):
    # Unmarked: fake embeddings, no model. The baseline reads raw files, chrome included.
    from bench.textbook import TextbookRAG
    from bot.evaluation.questions import EvalQuestion
    from bot.evaluation.scoring import run_eval
    from ui.settings import Settings

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Ferries leave the harbour at noon.\n\nNEWS 24H /\n- Unrelated headline", encoding="utf-8"
    )
    (folder / "b.md").write_text("The museum opens on Mondays.", encoding="utf-8")
    settings = Settings(data_dir=tmp_path / "data", articles_dir=folder)
    with TextbookRAG(settings, fake_embeddings, k=k) as rag:
        assert rag.chunks == 2
        a = rag.answer("When do ferries leave the harbour?")
        assert a.answered and len(a.citations) == k
        assert "NEWS 24H" in a.text and a.text == a.citations[0].text
        assert a.citations[0].source == "a.txt" and a.citations[0].passage_id == "a.txt#0"
        report = run_eval(
            [EvalQuestion("x", "When do the ferries leave?", (("noon",),), ("at noon",))],
            rag.answer,
        )
        assert report.accuracy == 1.0 and report.first_citation == 1.0
    assert not Path(rag._dir).exists()  # its temporary Chroma folder is removed


def test_distractors_are_deterministic_made_up_articles(tmp_path):
    from bench import distractors
    from index.pages.articles import load_folder
    from tests.conftest import SEED_FILE

    assert distractors.write_distractors(tmp_path / "a", 25, paragraphs_per_article=10) == 3
    distractors.write_distractors(tmp_path / "b", 25, paragraphs_per_article=10)
    files = sorted((tmp_path / "a").iterdir())
    assert [f.read_text() for f in files] == [
        f.read_text() for f in sorted((tmp_path / "b").iterdir())
    ]
    articles = load_folder(tmp_path / "a")
    assert len(articles) == 3 and sum(len(a.paragraphs) for a in articles) == 25
    assert all(a.title and a.author and a.published for a in articles)
    # invented names only: none of them may occur in a real article
    seed = SEED_FILE.read_text(encoding="utf-8")
    names = distractors._COUNTRIES + distractors._CITIES + distractors._FIRST + distractors._LAST
    assert not [n for n in names if n in seed]


def test_scale_corpus_is_cached_and_its_build_resumes(tmp_path, fake_embeddings):
    # Unmarked: fake embeddings. A second call reuses the cache; an interrupted build picks up.
    from bench.corpus import corpus_for, ensure_indexed
    from index.storage.store import Store
    from tests.conftest import CORPUS
    from ui.settings import Settings

    base = Settings(data_dir=tmp_path / "unused", articles_dir=CORPUS)
    corpus = corpus_for(45, tmp_path / "cache")
    record = ensure_indexed(corpus, base, fake_embeddings, log=lambda m: None)
    assert record["complete"] and record["distractor_files"] == 3
    assert record["passages"] == Store(corpus.settings(base)).count()
    assert ensure_indexed(corpus, base, fake_embeddings, log=lambda m: None) == record
    corpus.record.unlink()  # as if interrupted before the end: nothing left to embed
    again = ensure_indexed(corpus, base, fake_embeddings, log=lambda m: None)
    assert again["passages"] == record["passages"] and again["embedded"] == 0


def test_passage_snapshot_follows_adds_removals_and_renames(tmp_path, fake_embeddings, monkeypatch):
    # Unmarked. The snapshot must give exactly what reading Chroma gives, after every change.
    import shutil

    import index
    from index.storage import snapshot
    from index.storage.store import Store
    from tests.conftest import CORPUS
    from ui.settings import Settings

    monkeypatch.setattr(snapshot, "PAGE", 3)  # several pages even on a tiny corpus
    folder = tmp_path / "articles"
    shutil.copytree(CORPUS, folder)
    settings = Settings(data_dir=tmp_path / "data", articles_dir=folder)
    index.build(settings, fake_embeddings)
    store = Store(settings)

    def direct():
        got = store._collection().get(include=["documents", "metadatas"])
        return sorted(zip(got["ids"], got["documents"], [m["source"] for m in got["metadatas"]]))

    def cached():
        return sorted((p.id, p.text, p.source) for p in store.passages())

    assert cached() == direct() and len(direct()) > 3
    assert store.passages().snapshot_dir is not None
    (folder / "extra.md").write_text(
        "# Extra\n\nThe ferry to Lindholm leaves at dawn.", encoding="utf-8"
    )
    index.build(settings, fake_embeddings)
    assert cached() == direct()
    (folder / "ferry_order.md").rename(folder / "ferries.md")  # same text, new source
    index.build(settings, fake_embeddings)
    assert cached() == direct() and any(src == "ferries.md" for _, _, src in cached())
    (folder / "extra.md").unlink()
    index.build(settings, fake_embeddings)
    assert cached() == direct() and not any("Lindholm" in t for _, t, _ in cached())


def test_lexical_index_ranks_like_bm25s_and_keeps_terms(tmp_path):
    # Unmarked. Our BM25 must rank as bm25s did (same formula), from kept terms too.
    import bm25s
    import numpy as np

    from bot.lexical import LexicalIndex
    from index.text.terms import terms

    texts = [
        "The ferry leaves Lindholm at dawn.",
        "Ministers met in Doha on Saturday to talk.",
        "Doha talks: ministers of three countries met.",
        "",
        "Rebels took Aleppo, then Hama.",
        "The bridge on the M5 highway was destroyed by bombers near Hama.",
    ]
    tokens = [terms(t) or ["∅"] for t in texts]
    vocab: dict[str, int] = {}
    ids = [[vocab.setdefault(w, len(vocab)) for w in ts] for ts in tokens]
    reference = bm25s.BM25()
    reference.index(bm25s.tokenization.Tokenized(ids=ids, vocab=vocab), show_progress=False)
    ours = LexicalIndex(texts)
    for query in (
        "Where did the ministers meet in Doha?",
        "Hama bridge",
        "ferry dawn dawn",
        "nothing here",
    ):
        q = [vocab[t] for t in terms(query) if t in vocab]
        expected = reference.get_scores(q) if q else np.zeros(len(texts))
        got = dict(ours.search(query, len(texts)))
        assert [i for i in np.argsort(-expected, kind="stable") if expected[i] > 0] == list(got)
        assert all(abs(got[i] - expected[i]) < 1e-4 for i in got)
    kept = LexicalIndex(texts, cache=tmp_path)
    assert list(tmp_path.glob("lexical*.npz"))
    again = LexicalIndex([*texts, "A new passage about Doha."], cache=tmp_path)
    assert kept.search("Doha", 3) == ours.search("Doha", 3)
    assert again.search("Doha", 1)[0][0] == len(texts) and again.doc_freq["doha"] == 3
