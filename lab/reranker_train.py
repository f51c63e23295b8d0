"""A cross-encoder answer reranker, for ``lab/reranker_probe.py`` (measured, not shipped: see
lab/log.md). A sentence-transformers ``CrossEncoder`` reads the question and a candidate
sentence together, so it can see what the answer encoder's two separate vectors can't. Initialised
from the packaged MiniLM with a fresh one-logit head, trained listwise with the library's
cross-encoder ``MultipleNegativesRankingLoss`` on (question, answer sentence, hard negatives) rows of
split A (the answer encoder's questions), exported to ONNX int8 and scored with ONNX Runtime on one
thread, as the answer path would.
"""

from __future__ import annotations

import random
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from lab.train import loop
from lab.train.data import Articles, Example
from lab.train.encoder import hard_negatives

NEGATIVES = 3  # hard negatives per question (all of a row's pairs go through the model at once)
MAX_TOKENS = 128


def rows(
    examples: Sequence[tuple[Example, Articles]], seed: int, negatives: int = NEGATIVES
) -> list[tuple[str, ...]]:
    """(question, a sentence stating the answer, its ``negatives`` hard negatives
    (``lab.train.encoder.hard_negatives``)); questions with fewer negatives are left out."""
    out = []
    for ex, arts in examples:
        positives = [c.sentence for c, lab in zip(ex.candidates, ex.labels) if lab]
        hard = hard_negatives(ex, arts, negatives)
        if positives and len(hard) == negatives:
            out.append((ex.question, positives[0], *hard))
    random.Random(seed).shuffle(out)
    return out


def pointwise_rows(
    examples: Sequence[tuple[Example, Articles]], seed: int, negatives: int | None = NEGATIVES
) -> list[tuple[str, str, float]]:
    """(question, sentence, 1.0 or 0.0): each question's first answer sentence, and its
    ``negatives`` hard negatives (``lab.train.encoder.hard_negatives``), unanswerable questions' too
    (so the score also learns SQuAD's plausible-but-wrong sentences and off-topic questions).
    ``negatives`` None: every other candidate (QNLI-style: the question against every sentence of
    its paragraphs; with the synthetic unanswerable questions, ~100k pairs from all weeks)."""
    out = []
    for ex, arts in examples:
        positives = [c.sentence for c, lab in zip(ex.candidates, ex.labels) if lab]
        out += [(ex.question, s, 1.0) for s in positives[:1]]
        n = len(ex.candidates) if negatives is None else negatives
        out += [(ex.question, s, 0.0) for s in hard_negatives(ex, arts, n)]
    random.Random(seed).shuffle(out)
    return out


def train(
    base: Path,
    data: list[tuple[str, ...]],
    target: Path,
    *,
    epochs: int = 1,
    batch_size: int = 16,
    lr: float = 5e-5,
    seed: int = 13,
    device: str = "cpu",
    max_steps: int | None = None,
    pointwise: bool = False,
    freeze: int = 0,
    state: Path | None = None,
    stage_seconds: float | None = None,
) -> dict:
    """Train a cross-encoder from ``base`` on ``data`` and save it (a transformers folder).
    ``pointwise``: ``data`` holds ``pointwise_rows`` (binary cross-entropy), else ``rows``.
    ``freeze``: keep the embeddings and the lower ``freeze`` layers as they are (each step ~1.5x
    cheaper at 3-4 of 6, by public figures). ``state``/``stage_seconds``: ``loop.run``'s
    checkpoint and stage length; an unfinished stage saves nothing but its checkpoint."""
    import torch
    from sentence_transformers import CrossEncoder
    from sentence_transformers.cross_encoder.losses import MultipleNegativesRankingLoss

    loop.seed_torch(seed, device)
    model = CrossEncoder(str(base), num_labels=1, max_length=MAX_TOKENS, device=device)
    if pointwise:
        from sentence_transformers.cross_encoder.losses import BinaryCrossEntropyLoss

        loss = BinaryCrossEntropyLoss(model)
    else:
        loss = MultipleNegativesRankingLoss(model, num_negatives=1)
    if freeze:
        bert = model.model.base_model
        for part in [bert.embeddings, *bert.encoder.layer[:freeze]]:
            for weight in part.parameters():
                weight.requires_grad = False

    def batch_loss(batch):
        columns = [list(col) for col in zip(*batch)]
        if pointwise:
            return loss(columns[:2], torch.tensor(columns[2], device=model.device))
        return loss(columns, None)

    batches = [data[i : i + batch_size] for i in range(0, len(data), batch_size)]
    run = loop.run(
        model,
        batches,
        batch_loss,
        epochs=epochs,
        lr=lr,
        seed=seed,
        max_steps=max_steps,
        label="reranker step",
        state=state,
        stage_seconds=stage_seconds,
    )
    if not run["finished"]:
        return run
    target.mkdir(parents=True, exist_ok=True)
    model.save(str(target))
    return run


def save_checkpoint_model(base: Path, state: Path, target: Path) -> int:
    """The model of an unfinished staged run (``loop.run``'s checkpoint) saved as a folder, to
    measure a judge part-way through its epoch. Returns the steps it had made."""
    import torch
    from sentence_transformers import CrossEncoder

    model = CrossEncoder(str(base), num_labels=1, max_length=MAX_TOKENS, device="cpu")
    saved = torch.load(state, weights_only=False, map_location="cpu")
    model.load_state_dict(saved["model"])
    target.mkdir(parents=True, exist_ok=True)
    model.save(str(target))
    return int(saved["step"])


def export_int8(model_dir: Path, target: Path) -> None:
    """The trained folder as one ONNX graph (pairs' token ids → one logit each), int8 weights."""
    import torch
    from transformers import AutoModelForSequenceClassification

    from index.storage.onnx_model import write_graph

    net = AutoModelForSequenceClassification.from_pretrained(str(model_dir)).eval()

    class Logit(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask, token_type_ids):
            out = self.inner(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            )
            return out.logits[:, 0]

    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "fp32.onnx"
        write_graph(Logit(net), fp32, "logit")
        loop.quantize_int8(fp32, target)


class Reranker:
    """Scores (question, sentence) pairs with an exported graph and the MiniLM tokenizer."""

    def __init__(self, tokenizer_dir: Path, graph: Path, batch: int = 8) -> None:
        from index.storage.onnx_model import batch_tokenizer, one_thread_session

        self.batch = batch
        self._tokenizer = batch_tokenizer(tokenizer_dir, MAX_TOKENS)
        self._session = one_thread_session(graph)

    def scores(self, question: str, sentences: list[str]) -> np.ndarray:
        """One logit per sentence, in order (batched shortest first)."""
        out = np.zeros(len(sentences), dtype=np.float32)
        order = sorted(range(len(sentences)), key=lambda i: len(sentences[i]))
        for start in range(0, len(order), self.batch):
            batch = order[start : start + self.batch]
            encodings = self._tokenizer.encode_batch([(question, sentences[i]) for i in batch])
            feeds = {
                "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
                "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
            }
            out[batch] = self._session.run(None, feeds)[0].reshape(-1)
        return out
