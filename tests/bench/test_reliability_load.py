"""A small bounded run of the load test (bench/load_test.py) against the app with the real bot
code on fake embeddings: every question answered, none failed. The figures for the real model
are in docs/reliability.md; nothing here is timed."""

from __future__ import annotations

import shutil

import pytest

import index
from bench.load_test import percentile, run_load
from bot.service import Bot
from tests.conftest import CORPUS
from tests.fakes import HashingEmbeddings
from tests.ui.test_ui_app import running
from ui.app import build_app
from ui.library import IndexLibrary
from ui.settings import Settings

QUESTIONS = (
    "Who opened the Riverside Bridge?",
    "How many ferries did Almera order?",
    "Who won the Lakeside Marathon?",
    "What is the best pizza in Rome?",
    "Qui a gagné le marathon ?",
    "谁赢得了马拉松？",
)


def test_a_bounded_load_run_has_zero_errors(tmp_path):
    folder = tmp_path / "articles"
    shutil.copytree(CORPUS, folder)
    settings = Settings(data_dir=tmp_path / "data", articles_dir=folder)
    embeddings = HashingEmbeddings()
    index.build(settings, embeddings)
    bot = Bot(settings, embeddings=embeddings)
    app = build_app(
        lambda q, h: bot.answer(q, history=h), IndexLibrary(settings, embeddings), settings
    )
    with running(app, settings) as url:
        figures = run_load(url, count=60, clients=6, max_seconds=300, questions=QUESTIONS)
    assert figures["errors"] == 0, figures["error_samples"]
    assert figures["requests"] == 60 and not figures["stopped_by_time_limit"]
    assert 0 < figures["answered"] < 60  # the pizza question is refused, the rest answered
    assert figures["p50_s"] <= figures["p95_s"] <= figures["max_s"]


def test_the_load_test_only_targets_loopback():
    with pytest.raises(ValueError, match="loopback"):
        run_load("http://192.0.2.1:7860/", count=1)


def test_percentile_is_nearest_rank():
    values = [float(v) for v in range(1, 101)]
    assert (percentile(values, 50), percentile(values, 95), percentile(values, 100)) == (
        50,
        95,
        100,
    )
    assert percentile([3.0], 95) == 3.0
