"""The packaged sentence-transformers model as a LangChain ``Embeddings``.

A thin wrapper of our own rather than langchain-huggingface: we need the model's tokenizer (to
split over-long paragraphs), one torch thread, and no hub access; the wrapper is a few lines.
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from pathlib import Path

from langchain_core.embeddings import Embeddings

from index.runtime import go_offline, limit_torch_threads


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


class PackagedEmbeddings(Embeddings):
    """Normalized sentence embeddings from a locally installed model (never downloads)."""

    def __init__(self, model_name: str, batch_size: int = 64) -> None:
        go_offline()
        from sentence_transformers import SentenceTransformer

        limit_torch_threads()
        self.model_name = model_name
        self.batch_size = batch_size
        self._model = SentenceTransformer(str(resolve_model_path(model_name)), device="cpu")
        self.max_tokens = int(self._model.max_seq_length)
        self.dimension = int(self._model.get_embedding_dimension())

    def count_tokens(self, text: str) -> int:
        return len(self._model.tokenizer(text, add_special_tokens=True)["input_ids"])

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        vectors = self._model.encode(
            list(texts), batch_size=self.batch_size, normalize_embeddings=True,
            convert_to_numpy=True, show_progress_bar=False,
        )
        return vectors.tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]

    def encode(self, texts: list[str]):
        """Raw numpy vectors (normalized), for callers that score many sentences at once."""
        return self._model.encode(
            list(texts), batch_size=self.batch_size, normalize_embeddings=True,
            convert_to_numpy=True, show_progress_bar=False,
        )


@lru_cache(maxsize=4)
def load_embeddings(model_name: str) -> PackagedEmbeddings:
    """Load once per process; later calls are free."""
    return PackagedEmbeddings(model_name)
