"""The answerers' settings, on top of the index's (``index.settings``): which answer model, and
the optional LLM answerer and its server."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from index.settings import IndexSettings


@dataclass(frozen=True)
class BotSettings(IndexSettings):
    """Index settings plus the answerers'.

    Example:
        >>> s = BotSettings.from_env().replace(llm="ollama:llama3.2", llm_timeout=30)
    """

    #: The providers' own variables, as their clients read them.
    ENV_ALIASES: ClassVar[dict[str, str]] = {
        "openai_base_url": "OPENAI_BASE_URL",
        "openai_api_key": "OPENAI_API_KEY",
        "ollama_host": "OLLAMA_HOST",
    }

    #: Folder of a retrained answer model (``python -m lab.train --out DIR``); empty: the packaged
    #: one in ``bot/answering/learned/weights``. ``BRIEFING_ANSWER_MODEL_DIR``.
    answer_model_dir: str = ""
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
