"""The fine-tuning loop (and its seeding and int8 export) shared by the answer encoder (``lab/train/encoder.py``) and the reranker
probe (``lab/reranker_train.py``): AdamW, linear warm-up over the first tenth then linear decay,
gradient clipping at 1, batches shuffled per epoch with ``seed + epoch``. A few lines of torch around
the library's model and loss, so training needs no ``datasets``/``accelerate``.
"""

from __future__ import annotations

import logging
import random
import shutil
import time
from collections.abc import Callable, Sequence
from pathlib import Path

log = logging.getLogger(__name__)


def seed_torch(seed: int, device: str) -> None:
    """Fixed seeds before the model is built (a fresh head's initial weights come from them), and
    one torch thread on CPU: with two, any other load on these 2 cores makes torch 30x slower
    (docs/environment.md); measured steady either way on an idle machine."""
    import torch

    random.seed(seed)
    torch.manual_seed(seed)
    if device == "cpu":
        torch.set_num_threads(1)


def quantize_int8(fp32: Path, target: Path) -> None:
    """``fp32``'s weights quantized to int8 per channel (dynamic quantization), written to
    ``target`` atomically."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.WARNING)  # the quantizer logs every tensor at INFO
    partial = target.with_name(target.name + ".partial")
    try:
        quantize_dynamic(str(fp32), str(partial), weight_type=QuantType.QInt8, per_channel=True)
    finally:
        root.setLevel(level)
    shutil.move(str(partial), str(target))


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
    state: Path | None = None,
    stage_seconds: float | None = None,
    stage_steps: int | None = None,
) -> dict:
    """Train ``model`` in place: ``batch_loss(batch)`` gives each batch's loss tensor. Returns
    steps, the mean of the last 20 losses, the seconds taken and whether all steps are done.

    ``state``: a checkpoint file (model, optimizer, schedule, step, random state) written every
    ``SAVE_EVERY`` seconds and when the stage ends; training continues from it when it exists.
    ``stage_seconds``: stop (``finished`` False) after this long, so that a long training runs
    in stages on a shared machine; ``stage_steps``: stop after this many steps of this stage."""
    import torch

    optimizer = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    total = len(batches) * epochs if max_steps is None else min(max_steps, len(batches) * epochs)
    warmup = max(1, total // 10)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warmup, max(0.0, (total - s) / max(1, total - warmup)))
    )
    model.train()
    step, started, losses = 0, time.time(), []
    if state is not None and state.exists():
        saved = torch.load(state, weights_only=False)
        model.load_state_dict(saved["model"])
        optimizer.load_state_dict(saved["optimizer"])
        schedule.load_state_dict(saved["schedule"])
        torch.set_rng_state(saved["rng"])
        step, losses = saved["step"], saved["losses"]
        log.info("%s resumed at %d/%d from %s", label, step, total, state)
    saved_at, done = time.time(), step
    for epoch in range(epochs):
        order = list(range(len(batches)))
        random.Random(seed + epoch).shuffle(order)
        for b in order[max(0, done - epoch * len(batches)) :]:  # skip the steps already made
            if step >= total:
                break
            if (stage_seconds is not None and time.time() - started > stage_seconds) or (
                stage_steps is not None and step - done >= stage_steps
            ):
                _save(state, model, optimizer, schedule, step, losses)
                return _result(step, losses, started, finished=False)
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
            if state is not None and time.time() - saved_at > SAVE_EVERY:
                _save(state, model, optimizer, schedule, step, losses)
                saved_at = time.time()
    model.eval()
    return _result(step, losses, started, finished=True)


#: Seconds between checkpoints: a stopped run loses at most this much training.
SAVE_EVERY = 600


def _save(state: Path | None, model, optimizer, schedule, step: int, losses: list) -> None:
    import torch

    if state is None:
        return
    state.parent.mkdir(parents=True, exist_ok=True)
    partial = state.with_name(state.name + ".partial")
    torch.save(
        {
            "model": model.state_dict(),
            "optimizer": optimizer.state_dict(),
            "schedule": schedule.state_dict(),
            "rng": torch.get_rng_state(),
            "step": step,
            "losses": losses,
        },
        partial,
    )
    shutil.move(str(partial), str(state))  # atomic: a killed save leaves the last checkpoint


def _result(step: int, losses: list, started: float, finished: bool) -> dict:
    return {
        "steps": step,
        "final_loss": round(sum(losses[-20:]) / max(1, len(losses[-20:])), 4),
        "seconds": round(time.time() - started, 1),
        "finished": finished,
    }
