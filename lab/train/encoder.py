"""Fine-tune the packaged MiniLM bi-encoder into the answer encoder, then export it to ONNX (int8).

sentence-transformers' ``MultipleNegativesRankingLoss`` on (question, answer sentence, hard
negatives) rows: the hard negatives are the candidates that share most of the question's words
without stating the answer (``hard_negatives``), the confusion the answer path
must resolve. The loop is ``lab/train/loop.py``.
"""

from __future__ import annotations

import random
import tempfile
from collections.abc import Sequence
from pathlib import Path

from index.text.terms import terms
from lab.train import loop
from lab.train.data import Articles, Example


def hard_negatives(ex: Example, arts: Articles, n: int) -> list[str]:
    """The ``n`` candidate sentences that share most of the question's idf mass without stating
    the answer (fewer when there are fewer), most sharing first; ties keep the candidates' order.
    The confusion the answer path must resolve, so every trained model learns from it."""
    wanted = set(terms(ex.question))
    others = list(dict.fromkeys(c.sentence for c, lab in zip(ex.candidates, ex.labels) if not lab))
    # sorted: a float sum in set order differs in its last bits from run to run (hash seeds),
    # which reorders ties between runs
    others.sort(key=lambda s: -sum(arts.idf(t) for t in sorted(wanted & set(terms(s)))))
    return others[:n]


# Three hard negatives per question rather than one: split B top-1 by the int8 encoder 0.737 ->
# 0.742, squad2_dev accuracy / rejection 0.76 / 0.35 -> 0.79 / 0.40 and realtimeqa2023_dev
# rejection 0.47 -> 0.59 at false refusal <= 0.10 (lab/log.md), for ~1.7x the training.
NEGATIVES = 3


def triplets(
    examples: Sequence[tuple[Example, Articles]], seed: int, negatives: int = NEGATIVES
) -> list[tuple[str, ...]]:
    """(question, a sentence stating the answer, the ``negatives`` most word-sharing sentences
    that don't); a question with fewer such sentences repeats its last one, so that every row
    has the same columns."""
    out = []
    for ex, arts in examples:
        positives = [c.sentence for c, lab in zip(ex.candidates, ex.labels) if lab]
        hard = hard_negatives(ex, arts, negatives)
        if positives and hard:
            out.append((ex.question, positives[0], *hard, *hard[-1:] * (negatives - len(hard))))
    random.Random(seed).shuffle(out)
    return out


def fine_tune(
    base: Path,
    data: list[tuple[str, ...]],
    target: Path,
    *,
    epochs: int = 1,
    batch_size: int = 32,
    lr: float = 3e-5,
    max_tokens: int = 128,
    seed: int = 13,
    device: str = "cpu",
    max_steps: int | None = None,
    state: Path | None = None,
    stage_seconds: float | None = None,
) -> dict:
    """Train a copy of ``base`` on ``data`` and save it as a sentence-transformers folder.
    ``state``/``stage_seconds``: ``loop.run``'s checkpoint and stage length (an unfinished stage
    saves only its checkpoint)."""
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.losses import MultipleNegativesRankingLoss

    loop.seed_torch(seed, device)
    model = SentenceTransformer(str(base), device=device)
    model.max_seq_length = max_tokens
    loss = MultipleNegativesRankingLoss(model)

    def batch_loss(batch):
        features = [
            {
                k: (v.to(device) if hasattr(v, "to") else v)
                for k, v in model.preprocess(list(col)).items()
            }
            for col in zip(*batch)
        ]
        return loss(features, None)

    batches = [data[i : i + batch_size] for i in range(0, len(data), batch_size)]
    run = loop.run(
        model,
        batches,
        batch_loss,
        epochs=epochs,
        lr=lr,
        seed=seed,
        max_steps=max_steps,
        state=state,
        stage_seconds=stage_seconds,
    )
    if not run["finished"]:
        return run
    target.mkdir(parents=True, exist_ok=True)
    model.save(str(target))
    return run


def export_int8(model_dir: Path, target: Path) -> None:
    """The fine-tuned folder as one ONNX graph (mean pooling + normalize inside, like the
    embedder's export), weights quantized to int8 (dynamic quantization of the MatMuls)."""
    from index.storage.onnx_model import export

    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "fp32.onnx"
        export(model_dir, fp32)
        loop.quantize_int8(fp32, target)


def export_fp32(model_dir: Path, target: Path) -> None:
    from index.storage.onnx_model import export

    export(model_dir, target)
