"""The learned answer model: its files are checked when they load, the training script runs on a
tiny slice of the shared data, and the decision behaves as a decision (table-driven features)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from bot.answering.learned import model as answer_model
from bot.answering.learned.features import NAMES, Candidate, featurize
from bot.answering.questions import analyze
from index.text.terms import terms
from tests.conftest import REPO

DATA = REPO.parent / "shared" / "data"


def _copy_weights(tmp_path: Path) -> Path:
    folder = tmp_path / "weights"
    shutil.copytree(answer_model.WEIGHTS, folder)
    return folder


def test_packaged_model_matches_its_manifest():
    manifest = answer_model.verify()
    assert set(manifest["files"]) >= {answer_model.ENCODER_FILE, answer_model.DECISION_FILE}
    assert manifest["data"], "the manifest names the training data and its sha256"
    size = (answer_model.WEIGHTS / answer_model.ENCODER_FILE).stat().st_size
    assert size <= 30_000_000


@pytest.mark.parametrize("damage", ["missing", "changed"])
def test_a_damaged_model_is_one_line_naming_the_fix(tmp_path, damage):
    folder = _copy_weights(tmp_path)
    target = folder / answer_model.DECISION_FILE
    if damage == "missing":
        target.unlink()
    else:
        target.write_text(target.read_text() + " ")
    with pytest.raises(answer_model.ModelFilesError, match="python -m lab.train"):
        answer_model.load(folder)


def test_cli_reports_a_damaged_model_in_one_line(tmp_path, monkeypatch):
    from ui.cli import cli

    folder = _copy_weights(tmp_path)
    (folder / answer_model.ENCODER_FILE).write_bytes(b"not a model")
    monkeypatch.setenv("BRIEFING_ANSWER_MODEL_DIR", str(folder))
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.txt").write_text(
        "The Harbour Bridge\n\nThe ferry to Lunden leaves at noon every day of the week.\n"
    )
    monkeypatch.setenv("BRIEFING_ARTICLES_DIR", str(articles))
    import index
    from tests.fakes import HashingEmbeddings
    from ui.settings import Settings

    index.build(Settings.from_env(), HashingEmbeddings())
    monkeypatch.setattr(
        "index.storage.embeddings.embeddings_for", lambda settings: HashingEmbeddings()
    )
    result = CliRunner().invoke(cli, ["ask", "When does the ferry leave?"])
    assert result.exit_code == 1, result.output
    assert "does not match its manifest" in result.output and "python -m lab.train" in result.output
    assert "Traceback" not in result.output


def _features(question: str, sentences: list[str], sims: list[float]) -> dict[str, np.ndarray]:
    cands = [Candidate(s, "", s, "", "a", 0) for s in sentences]
    article = frozenset(t for s in sentences for t in terms(s))
    x = featurize(
        analyze(question), cands, np.asarray(sims, np.float32), lambda t: 1.0, lambda key: article
    )
    return {name: x[:, k] for k, name in enumerate(NAMES)}


@pytest.mark.parametrize(
    "question, sentence, feature, expected",
    [
        ("When did the mill close?", "The mill closed in March 1998.", "when_x_date", 1.0),
        ("When did the mill close?", "The mill closed after the flood.", "when_x_date", 0.0),
        (
            "How many workers lost their jobs?",
            "About 340 workers were laid off.",
            "count_x_number",
            1.0,
        ),
        ("Who bought the mill?", "It was bought by Orla Brenn, a grocer.", "who_x_name", 1.0),
        ("Who bought the mill from Orla Brenn?", "Orla Brenn sold it.", "who_x_name", 0.0),
        ("Where did the ferry sink?", "The ferry sank near Kettle Point.", "where_x_name", 1.0),
    ],
)
def test_kind_of_answer_features(question, sentence, feature, expected):
    assert _features(question, [sentence], [0.5])[feature][0] == expected


def test_rank_and_margin_features_compare_candidates():
    f = _features("Why did the mill close?", ["a b c", "d e f", "g h i"], [0.2, 0.7, 0.5])
    assert list(f["sim_rank"]) == pytest.approx([1 / 3, 1.0, 0.5])
    assert f["margin"][1] == pytest.approx(0.2) and f["margin"][0] == pytest.approx(-0.5)
    assert f["gap_top"][1] == 0.0


def test_a_question_name_the_article_never_uses_is_a_feature():
    f = _features("Where did the Vostra ferry sink?", ["The ferry sank near Kettle Point."], [0.6])
    assert f["name_missing_article"][0] == 1.0
    f = _features("Where did the ferry sink?", ["The ferry sank near Kettle Point."], [0.6])
    assert f["name_missing_article"][0] == 0.0


@pytest.mark.skipif(not DATA.is_dir(), reason="needs ../shared/data (the public QA training data)")
def test_training_script_runs_on_a_tiny_slice(tmp_path):
    from lab.train.build import main

    out = tmp_path / "model"
    assert (
        main(
            [
                "--data",
                str(DATA),
                "--out",
                str(out),
                "--limit",
                "3",
                "--max-steps",
                "2",
                "--epochs",
                "1",
                "--batch-size",
                "4",
                "--no-compare",
                "--checkpoints",
                str(tmp_path / "checkpoints"),
            ]
        )
        == 0
    )
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["training"]["steps"] == 2
    from lab.train.data import DEV_WEEKS

    assert not any(week in name for name in manifest["data"] for week in DEV_WEEKS), (
        "the dev weeks are never trained on"
    )
    assert not any("squad2/" in name for name in manifest["data"])
    loaded = answer_model.load(out)  # what it wrote passes its own check
    vectors = loaded.encoder.encode(["Who bought the mill?", "Orla Brenn bought the mill."])
    assert vectors.shape == (2, 384)


@pytest.mark.parametrize(
    "question, asked",
    [
        (
            "Millions are under air alerts this week. What is causing the haze?",
            "What is causing the haze?",
        ),
        ("Who bought the mill?", ""),
        ("The ferry sank in May. Two crew died. Where did it sink?", "Where did it sink?"),
    ],
)
def test_the_asked_part_of_a_question_with_a_preamble(question, asked):
    from bot.answering.learned.features import asked_part

    assert asked_part(question) == asked


def test_a_sentence_after_one_restating_the_question_knows_it():
    first, second = (
        "The last gaslit cinema is to reopen.",
        "The Cottage cinema in Lunden shut in 2021.",
    )
    cands = [
        Candidate(first, "", f"{first} {second}", "", "a", 0),
        Candidate(second, first, f"{first} {second}", "", "a", 1),
    ]
    x = featurize(
        analyze("Which gaslit cinema will reopen?"),
        cands,
        np.asarray([0.8, 0.3], np.float32),
        lambda t: 1.0,
        lambda key: frozenset(),
    )
    f = {name: x[:, k] for k, name in enumerate(NAMES)}
    assert list(f["sim_previous"]) == pytest.approx([0.0, 0.8])
    assert list(f["sim_asked"]) == pytest.approx([0.8, 0.3])  # one-sentence question: the same


@pytest.mark.parametrize(
    "negatives, expected",
    [
        (1, ("The kiln at Varrow fired bricks.",)),
        (
            2,
            ("The kiln at Varrow fired bricks.", "Varrow kiln workers struck in spring."),
        ),
        # fewer wrong sentences than asked for: the last one repeats, rows keep their columns
        (
            4,
            (
                "The kiln at Varrow fired bricks.",
                "Varrow kiln workers struck in spring.",
                "Rain fell on the harbour.",
                "Rain fell on the harbour.",
            ),
        ),
    ],
)
def test_triplets_take_the_most_word_sharing_wrong_sentences(negatives, expected):
    from lab.train.encoder import triplets
    from tests.fakes import training_example

    sentences = [
        "Rain fell on the harbour.",
        "Varrow kiln workers struck in spring.",
        "The kiln at Varrow fired bricks.",
        "Ada Quell built the Varrow kiln in 1871.",
    ]
    ex, arts = training_example("Who built the brick kiln at Varrow?", sentences, answer=3)
    (row,) = triplets([(ex, arts)], seed=1, negatives=negatives)
    assert row[:2] == (ex.question, sentences[3])
    assert row[2:] == expected


@pytest.mark.parametrize(
    "confidence, floor, outcome",
    [
        (0.50, 0.10, "answer"),
        (0.30, 0.10, "answer"),  # at the threshold: answered
        (0.20, 0.10, "related"),
        (0.05, 0.10, "refuse"),
        (0.20, None, "refuse"),  # a decision without a floor never offers related reading
    ],
)
def test_three_outcomes_of_the_decision(confidence, floor, outcome):
    ranker = answer_model.Logistic.from_dict(
        {"mean": [0.0], "scale": [1.0], "coef": [1.0], "intercept": 0.0}
    )
    d = answer_model.Decision(NAMES, ranker, None, 0.30, 0.45, related_floor=floor)
    assert d.outcome(confidence) == outcome
    assert answer_model.Decision.from_dict(d.to_dict()).outcome(confidence) == outcome


def test_an_answer_removed_makes_an_on_topic_unanswerable_question():
    from lab.train.data import articles_of, without_answer

    paragraphs = [
        (
            "k1",
            "Harbour fire",
            "A fire broke out at the Pellow harbour. Firefighter Ines Garo led the crew.",
        ),
        ("k2", "Weather", "Rain is expected on Tuesday."),
    ]
    arts = articles_of({"k1": paragraphs[0][2], "k2": paragraphs[1][2]})
    terms_of = [frozenset(terms(p[2])) for p in paragraphs]
    made = without_answer(
        "Who led the crew at the Pellow harbour fire?",
        "Ines Garo",
        paragraphs,
        terms_of,
        arts,
        "t",
        "g",
    )
    ex, view = made
    assert not ex.answerable and not any(ex.labels)
    sentences = [c.sentence for c in ex.candidates]
    assert "A fire broke out at the Pellow harbour." in sentences  # still on topic
    assert not any("Garo" in s for s in sentences)
    assert "garo" not in " ".join(view.article_terms("k1")) and "garo" in " ".join(
        arts.article_terms("k1")
    )
    # an answer nowhere in the articles, or too short to remove, gives no example
    assert without_answer("Who?", "Orla Brenn", paragraphs, terms_of, arts, "t", "g") is None
    assert without_answer("How many?", "2", paragraphs, terms_of, arts, "t", "g") is None
