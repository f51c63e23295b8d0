"""What flows between the steps of the answer chains (extractive and LLM): one frozen record
instead of a dict, so each step says what it reads and adds.

    {"question", "history"} --condense--> ChainState(question, history, standalone, retrieval)
                            --retrieve--> ChainState(..., candidates)

Retrieval goes through the LangChain retriever interface (``HybridRetriever.invoke``), the same
one its standard tests check, so any ``BaseRetriever`` over the same passages could stand in.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from langchain_core.runnables import Runnable, RunnableLambda

from bot.answering.condense import condense
from bot.corpus import Corpus


@dataclass(frozen=True)
class ChainState:
    question: str  # as the user asked it
    history: tuple[tuple[str, str], ...] = ()  # earlier (question, answer) pairs, oldest first
    standalone: str = ""  # the question with a follow-up's references filled in (what we answer)
    retrieval: str = ""  # what we search with: standalone plus the previous question as context
    candidates: tuple[int, ...] = ()  # corpus positions of the retrieved passages, best first


def condensed(x: dict) -> ChainState:
    """The chain's input ``{"question": ..., "history": [...]}`` with the question condensed."""
    history = tuple(tuple(pair) for pair in (x.get("history") or ()))
    c = condense(x["question"], list(history) or None)
    return ChainState(
        question=x["question"], history=history, standalone=c.standalone, retrieval=c.retrieval
    )


def retrieve_step(retriever, corpus: Corpus, k: int) -> Runnable:
    """A runnable adding the ``k`` best passages for ``state.retrieval``, via ``retriever.invoke``."""

    def _retrieve(state: ChainState, config=None) -> ChainState:
        docs = retriever.invoke(state.retrieval, config, k=k)
        found = tuple(i for i in (corpus.by_id.get(d.id) for d in docs) if i is not None)
        return dataclasses.replace(state, candidates=found)

    return RunnableLambda(_retrieve).with_config(run_name="hybrid_retrieval")


def condense_step() -> Runnable:
    return RunnableLambda(condensed).with_config(run_name="condense")
