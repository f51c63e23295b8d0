"""Training in stages: a stopped fine-tuning continues from its checkpoint to the very weights an
uninterrupted run reaches, and a kept stage is reused only when asked to resume."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")


def _train(state=None, stage_steps=None):
    from lab.train import loop

    loop.seed_torch(5, "cpu")
    model = torch.nn.Linear(3, 1)
    data = torch.arange(24, dtype=torch.float32).reshape(8, 3) / 24
    batches = [data[i : i + 2] for i in range(0, 8, 2)]

    def batch_loss(batch):
        return ((model(batch) - batch.sum(1, keepdim=True)) ** 2).mean()

    run = loop.run(
        model, batches, batch_loss, epochs=3, lr=0.1, seed=5, state=state, stage_steps=stage_steps
    )
    return model, run


def test_a_run_stopped_in_stages_resumes_to_the_same_weights(tmp_path):
    whole, run = _train()
    assert run["finished"] and run["steps"] == 12
    state = tmp_path / "ckpt" / "state.pt"
    first, run1 = _train(state, stage_steps=5)
    assert not run1["finished"] and run1["steps"] == 5 and state.exists()
    second, run2 = _train(state, stage_steps=5)
    assert not run2["finished"] and run2["steps"] == 10
    last, run3 = _train(state)
    assert run3["finished"] and run3["steps"] == 12
    assert torch.allclose(last.weight, whole.weight) and torch.allclose(last.bias, whole.bias)
    assert not torch.allclose(first.weight, whole.weight)  # the first stage really stopped early


def test_a_kept_stage_is_reused_only_with_resume(tmp_path):
    from lab.train import stages

    path = tmp_path / "examples.pkl"
    calls = []

    def make():
        calls.append(1)
        return {"rows": len(calls)}

    assert stages.cached(path, make, resume=True) == {"rows": 1}  # nothing kept yet: made
    assert stages.cached(path, make, resume=True) == {"rows": 1}  # kept: reused
    assert stages.cached(path, make, resume=False) == {"rows": 2}  # made anew and kept
    assert stages.key(a=1, b=[2]) == stages.key(b=[2], a=1) != stages.key(a=2, b=[2])
