"""Process start-up: offline, no telemetry, one torch thread."""

from __future__ import annotations

import os

# Set before torch/transformers/chromadb/gradio are imported: loading a model by hub name without
# HF_HUB_OFFLINE retries for ~70 s here, and telemetry calls fail on this closed network.
_OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    # transformers draws a "Loading weights" bar on every model load: noise in a CLI.
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    "HF_DATASETS_OFFLINE": "1",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "ANONYMIZED_TELEMETRY": "False",
    "TOKENIZERS_PARALLELISM": "false",
    # Measured: with torch's default 2 threads any other load makes each embedding 30-40x slower.
    "OMP_WAIT_POLICY": "PASSIVE",
}


def go_offline() -> None:
    """Set the offline/no-telemetry variables (idempotent; cheap; no imports of heavy libraries)."""
    for key, value in _OFFLINE_ENV.items():
        os.environ[key] = value


def limit_torch_threads() -> None:
    """``torch.set_num_threads(1)``; called right after torch is imported for the model."""
    import torch

    if torch.get_num_threads() != 1:
        torch.set_num_threads(1)
