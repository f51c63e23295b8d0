"""The chat model behind ``BRIEFING_LLM=openai:<model>`` or ``ollama:<model>``, built from BotSettings,
and the call to it, bounded in time (``bounded_reply``).

The LangChain integrations are optional extras (``pip install 'briefing-bot[llm]'``) and are
imported only here, only when an LLM is configured, so the default extractive bot never loads them.
The API key goes to the client and nowhere else: it is not in ``BotSettings.__repr__`` and no message
built here contains it.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

from langchain_core.language_models import BaseChatModel
from langchain_core.prompt_values import PromptValue

from bot.settings import BotSettings

log = logging.getLogger(__name__)

PROVIDERS = ("openai", "ollama")
# Local OpenAI-compatible servers (llama.cpp, vLLM) ignore the key, but the openai client refuses
# to start without one.
_PLACEHOLDER_KEY = "not-needed"
_OLLAMA_DEFAULT = "http://127.0.0.1:11434"


class LLMUnavailable(RuntimeError):
    """The LLM endpoint could not be used; the message is one line fit to show the user."""


@dataclass(frozen=True)
class LLMSpec:
    provider: str  # "openai" | "ollama"
    model: str
    base_url: str  # "" = the provider's default

    @property
    def label(self) -> str:
        """What ``Answer.answerer`` says, e.g. ``openai:gpt-4o-mini``."""
        return f"{self.provider}:{self.model}"

    @property
    def where(self) -> str:
        return self.base_url or ("the OpenAI API" if self.provider == "openai" else _OLLAMA_DEFAULT)


def parse_llm(settings: BotSettings) -> LLMSpec | None:
    """``None`` for the extractive answerer, else which provider, model and server.

    Example:
        >>> parse_llm(BotSettings(llm="ollama:llama3.2")).model
        'llama3.2'
    """
    value = (settings.llm or "extractive").strip()
    if value == "extractive":
        return None
    provider, sep, model = value.partition(":")
    provider = provider.strip().lower()
    if not sep or provider not in PROVIDERS or not model.strip():
        raise ValueError(
            f"unknown answerer {value!r}: use extractive, openai:<model> or ollama:<model>"
        )
    default_url = settings.openai_base_url if provider == "openai" else settings.ollama_host
    return LLMSpec(provider, model.strip(), (settings.llm_base_url or default_url).strip())


def build_chat_model(settings: BotSettings):
    """A LangChain chat model for ``settings.llm``: temperature 0, no retries (a retry would double
    the wait before the fallback), requests bounded by ``settings.llm_timeout``.

    Raises ``LLMUnavailable`` when the integration package is not installed.
    """
    spec = parse_llm(settings)
    if spec is None:
        raise ValueError("the extractive answerer needs no chat model")
    if spec.provider == "openai":
        try:
            from langchain_openai import ChatOpenAI
        except ImportError:
            raise LLMUnavailable(
                "openai: answers need the LLM extra: pip install 'briefing-bot[llm]'"
            ) from None
        return ChatOpenAI(
            model=spec.model,
            base_url=spec.base_url or None,
            api_key=settings.openai_api_key or _PLACEHOLDER_KEY,
            timeout=settings.llm_timeout,
            max_retries=0,
            temperature=0,
            # ``streaming`` stays unset: set to False it would also turn ``.stream()`` into one
            # blocking call (langchain-core 1.8), and ``.invoke()`` doesn't stream without it.
            # Plain chat completions: what llama.cpp, vLLM and Ollama's /v1 speak; the Responses API
            # (picked automatically for some model names) and usage chunks are not everywhere.
            use_responses_api=False,
            stream_usage=False,
        )
    try:
        from langchain_ollama import ChatOllama
    except ImportError:
        raise LLMUnavailable(
            "ollama: answers need the LLM extra: pip install 'briefing-bot[llm]'"
        ) from None
    return ChatOllama(
        model=spec.model,
        base_url=spec.base_url or None,
        temperature=0,
        client_kwargs={"timeout": settings.llm_timeout},
    )


def describe_failure(spec: LLMSpec, error: BaseException, timeout: float) -> str:
    """One line for the user about why the LLM gave no answer (never the key or a traceback)."""
    kind = type(error).__name__.lower()
    if isinstance(error, TimeoutError) or "timeout" in kind:
        reason = f"no answer within {timeout:g} s"
    elif "connect" in kind or isinstance(error, ConnectionError):
        reason = f"could not connect to {spec.where}"
    elif isinstance(error, LLMUnavailable):
        return str(error)
    else:
        status = getattr(error, "status_code", None)
        reason = (
            f"the server answered with an error ({status})"
            if status
            else f"failed ({type(error).__name__})"
        )
    return f"{spec.label} {reason}; showing the extractive answer"


def bounded_reply(
    model: BaseChatModel, messages: PromptValue, stream: bool, timeout: float
) -> Iterator[str]:
    """The reply's text as it arrives. The call runs in a worker thread so the caller waits at
    most ``timeout`` in total, whatever the HTTP client does (a server trickling bytes resets
    its read timeout each time). Raises ``TimeoutError`` past the deadline."""
    box: queue.Queue = queue.Queue()

    def work() -> None:
        try:
            if stream:
                for chunk in model.stream(messages):
                    box.put(("text", chunk.text))
            else:
                box.put(("text", model.invoke(messages).text))
            box.put(("end", None))
        except BaseException as e:  # handed to the waiting caller
            box.put(("error", e))

    threading.Thread(target=work, name="llm-call", daemon=True).start()
    deadline = time.monotonic() + timeout
    while True:
        try:
            kind, value = box.get(timeout=max(deadline - time.monotonic(), 0.0))
        except queue.Empty:
            raise TimeoutError(f"no answer within {timeout:g} s") from None
        if kind == "end":
            return
        if kind == "error":
            raise value
        if value:
            yield value
