"""The parse memo of ``bot.nlp.pipeline``: each text parsed once, and a full memo never loses a
parse the same call asked for."""

from __future__ import annotations

import importlib

import pytest

# bot.nlp exports a function named pipeline, which hides the module of that name
pipeline_module = importlib.import_module("bot.nlp.pipeline")


@pytest.mark.nlp
def test_a_full_memo_still_returns_every_parse_asked_for(monkeypatch):
    monkeypatch.setattr(pipeline_module, "_MEMO", 2)
    monkeypatch.setattr(pipeline_module, "_memo", type(pipeline_module._memo)())
    first = ["The ferry left Orrin.", "Rain fell on Tuesday."]
    assert [p.text for p in pipeline_module.parse_many(first)] == first
    # one text from the memo and two new ones: three parses for a memo that keeps two
    asked = ["The ferry left Orrin.", "Ada Quell sailed at noon.", "Gulls circled the quay."]
    assert [p.text for p in pipeline_module.parse_many(asked)] == asked
    assert len(pipeline_module._memo) == 2
