"""What the rest of the product asks of an answer chain, whichever answers: the extractive chain
(``bot.answering.chain.build_chain``) and the grounded LLM chain (``bot.llm.chain``) both take
``{"question", "history"}`` and give an ``Answer``; both are LangChain ``Runnable``s."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol, TypedDict, runtime_checkable

from langchain_core.runnables import RunnableConfig

from bot.types import Answer


class ChainInput(TypedDict):
    question: str  # as the user asked it, cleaned (``bot.service.clean_question``)
    history: list[tuple[str, str]]  # earlier (question, answer text) pairs, oldest first


@runtime_checkable
class Answerer(Protocol):
    """``invoke`` gives the ``Answer``; ``stream`` may first yield the reply so far (``str``,
    growing: the LLM chain), always ending with the ``Answer`` (the extractive chain yields only it)."""

    def invoke(
        self, input: ChainInput, config: RunnableConfig | None = None, **kwargs: Any
    ) -> Answer: ...

    def stream(
        self, input: ChainInput, config: RunnableConfig | None = None, **kwargs: Any
    ) -> Iterator[str | Answer]: ...
