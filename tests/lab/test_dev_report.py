"""The dev-set report: the refusal curve and threshold pick, the figures at a threshold, and
storing a picked threshold (with its related-reading floor) into an answer model folder."""

from __future__ import annotations

import json
import shutil
from types import SimpleNamespace

import pytest

from bot.answering.learned import model as answer_model
from lab import dev_report, dev_sets

# (answerable, right if answered, confidence)
ROWS = [(True, True, 0.9), (True, True, 0.2), (True, False, 0.05), (False, False, 0.1)]


def test_curve_reads_each_threshold_off_one_run():
    curve = {round(t, 3): (acc, fr, rej) for t, acc, fr, rej in dev_sets.curve(ROWS)}
    assert curve[0.0] == (pytest.approx(2 / 3), 0.0, 0.0)
    assert curve[0.15] == (pytest.approx(2 / 3), pytest.approx(1 / 3), 1.0)
    assert curve[0.5] == (pytest.approx(1 / 3), pytest.approx(2 / 3), 1.0)


def test_the_pick_ignores_the_seed_and_keeps_every_other_set_under_the_bound():
    news = dev_sets.curve(ROWS)  # false refusal 1/3 from 0.055 on
    strict = dev_sets.curve([(True, True, 0.9)] * 9 + [(True, True, 0.031)])  # 0.1 up to 0.9
    assert dev_sets.pick({"a": strict}) == 0.9
    assert dev_sets.pick({"a": strict, "b": news}) == 0.05
    assert dev_sets.pick({"seed_dev": news, "a": strict}) == 0.9


def test_figures_at_a_threshold_count_related_reading_among_refusals():
    results = [
        SimpleNamespace(answerable=a, citation_hit=None, first_citation_hit=None)
        for a, _, _ in ROWS
    ]
    report = SimpleNamespace(results=results, p50_ms=1.0, p95_ms=2.0)
    f = dev_report.with_threshold(report, ROWS, 0.15)
    assert f["accuracy"] == pytest.approx(2 / 3) and f["rejection"] == 1.0
    # refused: 0.05 and 0.1; at least half the threshold (0.075): only 0.1
    assert f["related"] == 0.5


def test_applying_a_threshold_writes_a_new_model_and_leaves_the_measured_one(tmp_path):
    source = tmp_path / "measured"
    shutil.copytree(answer_model.WEIGHTS, source)
    before = {p.name: p.read_bytes() for p in source.iterdir()}
    new = dev_report.apply_threshold(0.06, tmp_path / "picked", source=source)
    loaded = answer_model.load(new)  # the new manifest's sha256 follows the new decision file
    assert loaded.decision.threshold == 0.06 and loaded.decision.related_floor == 0.03
    manifest = json.loads((new / "manifest.json").read_text())
    assert manifest["threshold"]["related_floor"] == 0.03
    assert manifest["threshold"]["from manifest sha256"] == answer_model.sha256(
        source / "manifest.json"
    )
    assert {p.name: p.read_bytes() for p in source.iterdir()} == before


@pytest.mark.parametrize("where", ["packaged", "source", "not empty"])
def test_applying_a_threshold_never_writes_over_a_model(tmp_path, where):
    source = tmp_path / "measured"
    shutil.copytree(answer_model.WEIGHTS, source)
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("x")
    out = {"packaged": answer_model.WEIGHTS, "source": source, "not empty": tmp_path / "full"}
    packaged = answer_model.sha256(answer_model.WEIGHTS / answer_model.DECISION_FILE)
    with pytest.raises((ValueError, FileExistsError)):
        dev_report.apply_threshold(0.06, out[where], source=source)
    assert answer_model.sha256(answer_model.WEIGHTS / answer_model.DECISION_FILE) == packaged
