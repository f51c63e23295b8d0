"""The packaged sentence-transformers model as a LangChain ``Embeddings``.

A thin wrapper of our own rather than langchain-huggingface: we need the model's tokenizer (to
split over-long paragraphs), one thread, no hub access, and a fast cold start (the model runs on
ONNX Runtime once exported: see index/storage/onnx_model.py); the wrapper is a few lines.
"""

from __future__ import annotations

import importlib
import json
import logging
from functools import lru_cache
from pathlib import Path

from langchain_core.embeddings import Embeddings

from index.runtime import go_offline, limit_torch_threads

log = logging.getLogger(__name__)


def resolve_model_path(name: str) -> Path:
    """A local model folder as given, or the folder inside a model package (``get_model_path()``)."""
    candidate = Path(name).expanduser()
    if candidate.is_dir():
        return candidate
    module_name = name.replace("-", "_")
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        raise ValueError(
            f"embedding model {name!r} is neither a folder nor an installed model package "
            f"(pip install {name})"
        ) from None
    getter = getattr(module, "get_model_path", None)
    if getter is None:
        raise ValueError(f"package {module_name} has no get_model_path(); not a model package")
    return Path(getter())


def _plain_mean_pooling(path: Path) -> int | None:
    """``max_seq_length`` when the model folder is a plain transformer + mean pooling + normalize
    (all-MiniLM-L6-v2 is), which we can run without sentence-transformers; else None."""
    try:
        modules = [
            m["type"].rsplit(".", 1)[-1] for m in json.loads((path / "modules.json").read_text())
        ]
        pooling = json.loads((path / "1_Pooling" / "config.json").read_text())
        config = json.loads((path / "sentence_bert_config.json").read_text())
    except (OSError, ValueError, KeyError, TypeError):
        return None
    mean_only = pooling.get("pooling_mode_mean_tokens") and not any(
        v
        for k, v in pooling.items()
        if k.startswith("pooling_mode_") and k != "pooling_mode_mean_tokens"
    )
    if (
        modules != ["Transformer", "Pooling", "Normalize"]
        or not mean_only
        or config.get("do_lower_case")
    ):
        return None
    return int(config.get("max_seq_length", 256))


class PackagedEmbeddings(Embeddings):
    """Normalized sentence embeddings from a locally installed model (never downloads).

    A plain mean-pooling model runs on transformers directly: importing sentence-transformers
    costs a fresh process more than the model (it pulls in scikit-learn; measured 4-6 s of a 9 s
    `briefing ask` on an idle machine). Other layouts go through sentence-transformers.
    """

    # Embedding batch size: 4-64 measured within noise of each other on this CPU (16-23 passages/s
    # each, 2 interleaved rounds of 384 distractor passages, ~80 tokens); 64 keeps calls few.
    def __init__(
        self,
        model_name: str,
        batch_size: int = 64,
        backend: str = "onnx",
        cache_dir: Path | None = None,
    ) -> None:
        go_offline()
        path = resolve_model_path(model_name)
        self.model_name = model_name
        self.batch_size = batch_size
        self._st = self._onnx = self._net = None
        max_tokens = _plain_mean_pooling(path)
        if max_tokens is None:
            from sentence_transformers import SentenceTransformer

            limit_torch_threads()
            self._st = SentenceTransformer(str(path), device="cpu")
            self.tokenizer = self._st.tokenizer
            self.max_tokens = int(self._st.max_seq_length)
            self.dimension = int(self._st.get_embedding_dimension())
            self.backend = "sentence-transformers"
            return
        self.max_tokens = max_tokens
        if backend == "onnx" and cache_dir is not None:
            from index.storage.onnx_model import load_onnx

            try:
                self._onnx = load_onnx(path, Path(cache_dir), max_tokens)
            except Exception as exc:  # no onnx exporter, unwritable cache …: torch still works
                log.warning("ONNX model unavailable (%s); embedding with torch", exc)
        if self._onnx is not None:
            self.dimension = self._onnx.dimension
            self.backend = "onnx"
            return
        import torch
        from transformers import AutoModel, AutoTokenizer

        limit_torch_threads()
        self._torch = torch
        self.tokenizer = AutoTokenizer.from_pretrained(str(path))
        self._net = AutoModel.from_pretrained(str(path)).eval()
        self.dimension = int(self._net.config.hidden_size)
        self.backend = "torch"

    def count_tokens(self, text: str) -> int:
        if self._onnx is not None:
            return self._onnx.count_tokens(text)
        return len(self.tokenizer(text, add_special_tokens=True)["input_ids"])

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.encode(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]

    def encode(self, texts: list[str], batch_size: int | None = None):
        """Raw numpy vectors (normalized), for callers that score many sentences at once.
        ``batch_size`` overrides the default for this call (short, uneven texts: see bot/corpus.py)."""
        texts = list(texts)
        batch_size = batch_size or self.batch_size
        if self._st is not None:
            return self._st.encode(
                texts,
                batch_size=batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        if self._onnx is not None:
            return self._onnx.encode(texts, batch_size)
        import numpy as np

        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        order = sorted(
            range(len(texts)), key=lambda i: -len(texts[i])
        )  # as sentence-transformers: less padding
        torch = self._torch
        with torch.inference_mode():
            for start in range(0, len(order), batch_size):
                batch = order[start : start + batch_size]
                enc = self.tokenizer(
                    [texts[i] for i in batch],
                    padding=True,
                    truncation=True,
                    max_length=self.max_tokens,
                    return_tensors="pt",
                )
                hidden = self._net(**enc).last_hidden_state
                mask = enc["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                out[batch] = torch.nn.functional.normalize(pooled, p=2, dim=1).numpy()
        return out


@lru_cache(maxsize=4)
def load_embeddings(
    model_name: str, cache_dir: Path | None = None, backend: str = "onnx"
) -> PackagedEmbeddings:
    """Load once per process; later calls are free. ``cache_dir``: where the ONNX export is kept
    (``Settings.model_cache_dir``); without it the model runs on torch."""
    return PackagedEmbeddings(model_name, backend=backend, cache_dir=cache_dir)


def embeddings_for(settings) -> PackagedEmbeddings:
    """The embedding model ``settings`` ask for (loaded once per process)."""
    return load_embeddings(
        settings.embedding_model, settings.model_cache_dir, settings.embedding_backend
    )
