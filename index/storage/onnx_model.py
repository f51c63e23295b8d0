"""The packaged embedding model run by ONNX Runtime instead of torch.

Why: a fresh process that imports torch and transformers' BERT code spends ~3.5 s before it can
embed anything (measured here: torch 1.2 s, transformers 0.9 s, the BERT modeling imports 1.5 s),
most of a one-shot ``briefing ask``. onnxruntime (already installed with chromadb) and tokenizers
load in ~0.3 s and give the same vectors (max abs difference 2e-7 on the seed's sentences) at the
same speed. The ONNX file is exported once per machine from the packaged weights (the only time
torch is imported) into the model cache; the export takes a few seconds.
"""

from __future__ import annotations

import hashlib
import json
import os
import warnings
from pathlib import Path

import numpy as np

# Bump when the exported graph changes, so old files in users' caches are not reused.
EXPORT_VERSION = 1
_INPUTS = ("input_ids", "attention_mask", "token_type_ids")


def onnx_file(model_dir: Path, cache_dir: Path) -> Path:
    """Where the export of ``model_dir`` lives: named by the weights' size and time, so a changed
    model package gets a new export instead of a stale one."""
    parts = [str(EXPORT_VERSION), str(model_dir.resolve())]
    for name in ("model.safetensors", "pytorch_model.bin", "config.json", "1_Pooling/config.json"):
        path = model_dir / name
        if path.exists():
            st = path.stat()
            parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
    digest = hashlib.sha1("|".join(parts).encode()).hexdigest()[:16]
    return Path(cache_dir) / f"{model_dir.name}-{digest}.onnx"


def export(model_dir: Path, target: Path) -> None:
    """Write ``model_dir`` (transformer + mean pooling + normalize) as one ONNX graph whose output
    is the normalized sentence vector. Atomic: a crash leaves no half-written file."""
    import torch
    from transformers import AutoModel

    from index.runtime import limit_torch_threads

    limit_torch_threads()
    net = AutoModel.from_pretrained(str(model_dir)).eval()

    class Pooled(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask, token_type_ids):
            hidden = self.inner(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2, dim=1)

    write_graph(Pooled(net), target, "vector")


def write_graph(module, target: Path, output: str) -> None:
    """Trace ``module`` (token ids, attention mask, token types → one ``output`` per text) into
    an ONNX graph with dynamic batch and token axes. Atomic: a crash leaves no half-written file."""
    import torch

    example = tuple(
        torch.ones((2, 8), dtype=torch.long)
        if n != "token_type_ids"
        else torch.zeros((2, 8), dtype=torch.long)
        for n in _INPUTS
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f"{target.name}.{os.getpid()}.partial")
    try:
        with warnings.catch_warnings(), torch.inference_mode():
            warnings.simplefilter("ignore")  # the TorchScript exporter's deprecation notices
            torch.onnx.export(
                module,
                example,
                str(partial),
                input_names=list(_INPUTS),
                output_names=[output],
                dynamic_axes={
                    **{n: {0: "batch", 1: "tokens"} for n in _INPUTS},
                    output: {0: "batch"},
                },
                opset_version=17,
                dynamo=False,
            )
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def _pad_token(model_dir: Path) -> str:
    for name in ("special_tokens_map.json", "tokenizer_config.json"):
        try:
            pad = json.loads((model_dir / name).read_text(encoding="utf-8")).get("pad_token")
        except (OSError, ValueError):
            continue
        if isinstance(pad, dict):
            pad = pad.get("content")
        if pad:
            return str(pad)
    return "[PAD]"


def batch_tokenizer(model_dir: Path, max_tokens: int):
    """The model's own ``tokenizer.json``, truncating at ``max_tokens`` and padding a batch to
    its longest text."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    tokenizer.enable_truncation(max_tokens)
    pad = _pad_token(model_dir)
    tokenizer.enable_padding(pad_id=tokenizer.token_to_id(pad) or 0, pad_token=pad)
    return tokenizer


def one_thread_session(graph: Path):
    """An ONNX Runtime CPU session on one thread, as for torch (docs/environment.md: 2 threads +
    any other load on these 2 cores = 30x slower)."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    return ort.InferenceSession(str(graph), options, providers=["CPUExecutionProvider"])


class OnnxEncoder:
    """Tokenize with the model's own ``tokenizer.json`` and run the exported graph."""

    def __init__(self, model_dir: Path, graph: Path, max_tokens: int) -> None:
        from tokenizers import Tokenizer

        self.max_tokens = max_tokens
        self._counter = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self._counter.no_truncation()
        self._counter.no_padding()
        self._batcher = batch_tokenizer(model_dir, max_tokens)
        self._session = one_thread_session(graph)
        self._wanted = [i.name for i in self._session.get_inputs()]
        width = self._session.get_outputs()[0].shape[-1]
        self.dimension = width if isinstance(width, int) else int(self.encode_batch(["x"]).shape[1])

    def count_tokens(self, text: str) -> int:
        return len(self._counter.encode(text).ids)

    def encode(self, texts: list[str], batch_size: int, longest_first: bool = True) -> np.ndarray:
        """Vectors for ``texts`` in their order, computed in length-sorted batches (a batch is
        padded to its longest text, as sentence-transformers does)."""
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        order = sorted(
            range(len(texts)), key=lambda i: -len(texts[i]) if longest_first else len(texts[i])
        )
        for start in range(0, len(order), batch_size):
            batch = order[start : start + batch_size]
            out[batch] = self.encode_batch([texts[i] for i in batch])
        return out

    def encode_batch(self, texts: list[str]) -> np.ndarray:
        encodings = self._batcher.encode_batch(texts)
        arrays = {
            "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
        }
        return self._session.run(None, {name: arrays[name] for name in self._wanted})[0]


def load_onnx(model_dir: Path, cache_dir: Path, max_tokens: int) -> OnnxEncoder:
    """The encoder, exporting the model into ``cache_dir`` first if this machine has no export."""
    graph = onnx_file(model_dir, cache_dir)
    if not graph.exists():
        export(model_dir, graph)
    return OnnxEncoder(model_dir, graph, max_tokens)
