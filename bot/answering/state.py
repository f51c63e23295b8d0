"""What flows between the steps of the answer chains (extractive and LLM): one frozen record
instead of a dict, so each step says what it reads and adds.

    {"question", "history"} --condense--> ChainState(question, history, standalone, retrieval)
                            --retrieve--> ChainState(..., candidates)

Retrieval hands corpus positions onward, the one currency of every later step (sentences,
citations and the metadata are all looked up by position); ``HybridRetriever`` still offers
LangChain's ``BaseRetriever`` interface (``Document``s) to whoever wants documents.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from langchain_core.runnables import Runnable, RunnableLambda

from bot.answerer import ChainInput
from bot.answering.condense import condense
from bot.answering.retriever import HybridRetriever


@dataclass(frozen=True)
class ChainState:
    question: str  # as the user asked it
    history: tuple[tuple[str, str], ...] = ()  # earlier (question, answer) pairs, oldest first
    standalone: str = ""  # the question with a follow-up's references filled in (what we answer)
    retrieval: str = ""  # what we search with: standalone plus the previous question as context
    candidates: tuple[int, ...] = ()  # corpus positions of the retrieved passages, best first


def condensed(x: ChainInput) -> ChainState:
    """The chain's input ``{"question": ..., "history": [...]}`` with the question condensed."""
    history = tuple(tuple(pair) for pair in (x.get("history") or ()))
    c = condense(x["question"], list(history) or None)
    return ChainState(
        question=x["question"], history=history, standalone=c.standalone, retrieval=c.retrieval
    )


def retrieve_step(retriever: HybridRetriever, k: int) -> Runnable[ChainState, ChainState]:
    """A runnable adding the positions of the ``k`` best passages for ``state.retrieval``."""

    def _retrieve(state: ChainState) -> ChainState:
        return dataclasses.replace(state, candidates=tuple(retriever.positions(state.retrieval, k)))

    return RunnableLambda(_retrieve).with_config(run_name="hybrid_retrieval")


def condense_step() -> Runnable[ChainInput, ChainState]:
    return RunnableLambda(condensed).with_config(run_name="condense")
