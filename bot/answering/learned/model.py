"""The learned answer model as the answer path runs it: the fine-tuned answer encoder (ONNX, int8)
and the answer decision (a logistic model over ``bot.answering.learned.features``).

The files live in ``bot/answering/learned/weights/`` beside a manifest that records how they were made
(``python -m lab.train``) and their sha256, checked when they load: a missing or changed file is a
one-line error naming the fix, never a silently different model.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from bot.answering.learned.features import NAMES, question_features

WEIGHTS = Path(__file__).resolve().parent / "weights"
ENCODER_FILE = "encoder.onnx"
DECISION_FILE = "decision.json"
#: Files the encoder needs besides its graph (the tokenizer of the packaged MiniLM it came from).
TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json")
MAX_TOKENS = 128


class ModelFilesError(RuntimeError):
    """The answer model's files are missing or differ from their manifest."""


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify(folder: Path = WEIGHTS) -> dict:
    """The manifest, after checking every file it lists against its sha256."""
    fix = "reinstall the package or run `python -m lab.train` to rebuild the answer model"
    manifest_path = folder / "manifest.json"
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelFilesError(
            f"answer model manifest {manifest_path} unreadable ({exc}); {fix}"
        ) from None
    for name, expected in manifest.get("files", {}).items():
        path = folder / name
        if not path.is_file():
            raise ModelFilesError(f"answer model file {path} is missing; {fix}")
        if sha256(path) != expected:
            raise ModelFilesError(
                f"answer model file {path} does not match its manifest (sha256); {fix}"
            )
    return manifest


@dataclass(frozen=True)
class Logistic:
    """A logistic model over standardized features."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    @classmethod
    def from_dict(cls, d: dict) -> Logistic:
        return cls(
            np.asarray(d["mean"], np.float32),
            np.asarray(d["scale"], np.float32),
            np.asarray(d["coef"], np.float32),
            float(d["intercept"]),
        )

    def to_dict(self) -> dict:
        return {
            "mean": self.mean.tolist(),
            "scale": self.scale.tolist(),
            "coef": self.coef.tolist(),
            "intercept": self.intercept,
        }

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        if len(features) == 0:
            return np.zeros(0, np.float32)
        z = ((features - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-z))


@dataclass(frozen=True)
class Decision:
    """Which sentence answers (``ranker``: P(the sentence states the answer)) and whether to answer
    at all (``refusal``: P(the best sentence is a right answer), over ``question_features``)."""

    names: tuple[str, ...]
    ranker: Logistic
    refusal: Logistic | None
    #: Refuse below this confidence (picked on the dev sets, never the seed: docs/quality.md).
    threshold: float
    #: A further sentence joins the answer when its probability is at least this share of the best.
    follow_ratio: float
    #: Below ``threshold`` but at least this confident: refused with the closest passages as
    #: related reading; below it, a plain refusal (nothing related). Equal to ``threshold`` in a
    #: decision file without one: no related reading.
    related_floor: float | None = None

    @classmethod
    def from_dict(cls, d: dict) -> Decision:
        if tuple(d["names"]) != NAMES:
            raise ModelFilesError(
                "answer decision was fitted on other features than this code computes; "
                "run `python -m lab.train` to rebuild the answer model"
            )
        refusal = Logistic.from_dict(d["refusal"]) if d.get("refusal") else None
        return cls(
            tuple(d["names"]),
            Logistic.from_dict(d["ranker"]),
            refusal,
            float(d["threshold"]),
            float(d["follow_ratio"]),
            float(d["related_floor"]) if d.get("related_floor") is not None else None,
        )

    def to_dict(self) -> dict:
        return {
            "names": list(self.names),
            "ranker": self.ranker.to_dict(),
            "refusal": self.refusal.to_dict() if self.refusal else None,
            "threshold": self.threshold,
            "follow_ratio": self.follow_ratio,
            "related_floor": self.related_floor,
        }

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        return self.ranker.probabilities(features)

    def outcome(self, confidence: float) -> str:
        """ "answer", "related" (refused, closest passages shown) or "refuse"."""
        if confidence >= self.threshold:
            return "answer"
        floor = self.threshold if self.related_floor is None else self.related_floor
        return "related" if confidence >= floor else "refuse"

    def confidence(self, features: np.ndarray, probabilities: np.ndarray) -> float:
        """How likely the best candidate is a right answer (the refusal score)."""
        if len(probabilities) == 0:
            return 0.0
        if self.refusal is None:
            return float(probabilities.max())
        return float(
            self.refusal.probabilities(question_features(features, probabilities)[None, :])[0]
        )


class AnswerEncoder:
    """Question and sentence vectors from the fine-tuned encoder (normalized; cosine = dot).
    ``graph``: another ONNX export to run with the same tokenizer (training compares them)."""

    def __init__(self, folder: Path = WEIGHTS, graph: Path | None = None) -> None:
        from index.storage.onnx_model import OnnxEncoder

        self._encoder = OnnxEncoder(folder, graph or folder / ENCODER_FILE, MAX_TOKENS)
        self.model_name = "answer-encoder"

    def encode(self, texts: list[str], batch_size: int = 8) -> np.ndarray:
        # Shortest first, as when the decision was fitted: the int8 graph quantizes activations
        # per batch, so which texts share a batch shifts the vectors slightly (measured: a
        # longest-first order moved squad2_dev/realtimeqa2023_dev figures by 1-3 questions).
        return self._encoder.encode(list(texts), batch_size, longest_first=False)

    def embed_query(self, text: str) -> list[float]:
        return self.encode([text])[0].tolist()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.encode(texts).tolist()


@dataclass(frozen=True)
class AnswerModel:
    encoder: AnswerEncoder
    decision: Decision
    manifest: dict


def load(folder: Path = WEIGHTS) -> AnswerModel:
    """Check and load the answer model in ``folder``."""
    manifest = verify(folder)
    decision = Decision.from_dict(json.loads((folder / DECISION_FILE).read_text(encoding="utf-8")))
    return AnswerModel(AnswerEncoder(folder), decision, manifest)


@lru_cache(maxsize=4)
def load_cached(folder: str) -> AnswerModel:
    """``load``, once per folder and process."""
    return load(Path(folder).expanduser())


def default_model() -> AnswerModel:
    """The packaged answer model, loaded once per process."""
    return load_cached(str(WEIGHTS))
