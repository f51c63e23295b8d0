"""The fine-tuning loop shared by the answer encoder (``bot/train/encoder.py``) and the reranker
probe (``bench/reranker_train.py``): AdamW, linear warm-up over the first tenth then linear decay,
gradient clipping at 1, batches shuffled per epoch with ``seed + epoch``. A few lines of torch around
the library's model and loss, so training needs no ``datasets``/``accelerate``.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Sequence

log = logging.getLogger(__name__)


def run(
    model,
    batches: Sequence,
    batch_loss: Callable,
    *,
    epochs: int,
    lr: float,
    seed: int,
    max_steps: int | None = None,
    label: str = "step",
) -> dict:
    """Train ``model`` in place: ``batch_loss(batch)`` gives each batch's loss tensor. Returns
    steps, the mean of the last 20 losses and the seconds taken."""
    import torch

    optimizer = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    total = len(batches) * epochs if max_steps is None else min(max_steps, len(batches) * epochs)
    warmup = max(1, total // 10)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warmup, max(0.0, (total - s) / max(1, total - warmup)))
    )
    model.train()
    step, started, losses = 0, time.time(), []
    for epoch in range(epochs):
        order = list(range(len(batches)))
        random.Random(seed + epoch).shuffle(order)
        for b in order:
            if step >= total:
                break
            value = batch_loss(batches[b])
            optimizer.zero_grad()
            value.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            losses.append(float(value.detach()))
            step += 1
            if step % 20 == 0 or step == total:
                log.info(
                    "%s %d/%d loss %.4f (%.0f s)",
                    label,
                    step,
                    total,
                    sum(losses[-20:]) / len(losses[-20:]),
                    time.time() - started,
                )
    model.eval()
    return {
        "steps": step,
        "final_loss": round(sum(losses[-20:]) / max(1, len(losses[-20:])), 4),
        "seconds": round(time.time() - started, 1),
    }
