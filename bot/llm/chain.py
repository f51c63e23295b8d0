"""The LLM answer chain, in LangChain runnables, with grounding enforced in code:

question + history → condense → hybrid retrieval → prompt (numbered passages, delimited as data)
→ chat model → parse ``[n]`` markers → check each sentence against what it cites
(``bot/llm/grounding.py``) → ``Answer``.

Unsupported sentences and markers naming no passage are dropped (listed in ``Answer.dropped``). If
nothing supported is left, or the endpoint fails or misses its deadline, the extractive answer is
returned instead, its ``answerer`` saying why. A reply saying the articles don't answer becomes a
refusal (``answered=False``). Questions about an article itself (author, date) stay extractive:
they are read from metadata, and an LLM adds nothing there.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterator
from typing import Any

from langchain_core.embeddings import Embeddings
from langchain_core.language_models import BaseChatModel
from langchain_core.prompt_values import PromptValue
from langchain_core.prompts import ChatPromptTemplate
from langchain_core.runnables import Runnable, RunnableConfig, RunnableLambda
from langchain_core.vectorstores import VectorStore

from bot.answerer import Answerer, ChainInput
from bot.answering import about as about_articles
from bot.answering.questions import analyze
from bot.answering.replies import MAX_CHARS, refusal
from bot.answering.retriever import HybridRetriever
from bot.answering.state import ChainState, condense_step, retrieve_step
from bot.citations import Citer, in_range
from bot.corpus import Corpus
from bot.llm.grounding import Support, is_refusal, split_claims, support
from bot.llm.models import (
    LLMUnavailable,
    bounded_reply,
    build_chat_model,
    describe_failure,
    parse_llm,
)
from bot.llm.prompt import HUMAN, SYSTEM, format_passages
from bot.settings import BotSettings
from bot.types import Answer
from index.text.terms import terms

log = logging.getLogger(__name__)

# Passages in the prompt: the evidence paragraph is in the fused top 8 for every dev question
# (bot/answering/chain.py); 6 keeps the prompt near 1,000 tokens, which a small local model reads in seconds.
LLM_PASSAGES = 6
# Claims with fewer content terms are checked together with the question.
FRAGMENT_TERMS = 4


class GroundedLLMChain(Runnable[ChainInput, Answer]):
    """An ``Answerer``: ``invoke({"question", "history"}) -> Answer``; ``stream(...)`` yields the
    reply so far (str) while the model writes, then the checked ``Answer``.

    ``fallback`` is the extractive chain (an ``Answerer`` too); ``chat_model`` may be
    injected (tests), else it is built from ``settings``.
    """

    name = "grounded_llm_answer"

    def __init__(
        self,
        corpus: Corpus,
        vectorstore: VectorStore,
        embeddings: Embeddings,
        settings: BotSettings,
        fallback: Answerer,
        chat_model: BaseChatModel | None = None,
    ) -> None:
        self.corpus, self.embeddings, self.settings, self.fallback = (
            corpus,
            embeddings,
            settings,
            fallback,
        )
        self.spec = parse_llm(settings)
        if self.spec is None:
            raise ValueError("GroundedLLMChain needs BRIEFING_LLM=openai:<model> or ollama:<model>")
        self.label = self.spec.label
        self.timeout = float(settings.llm_timeout)
        self._model_error: Exception | None = None
        if chat_model is None:
            try:
                chat_model = build_chat_model(settings)
            except LLMUnavailable as e:  # every answer falls back and says why
                self._model_error = e
        self.model = chat_model
        retriever = HybridRetriever(
            corpus=corpus, vectorstore=vectorstore, embeddings=embeddings, k=LLM_PASSAGES
        )

        self.prepare: Runnable[ChainInput, ChainState] = condense_step() | retrieve_step(
            retriever, LLM_PASSAGES
        )
        self.prompt = ChatPromptTemplate.from_messages([("system", SYSTEM), ("human", HUMAN)])
        self.to_prompt: Runnable[ChainState, PromptValue] = (
            RunnableLambda(
                lambda s: {
                    "passages": format_passages(corpus, list(s.candidates)),
                    "question": s.standalone,
                }
            )
            | self.prompt
        )

    def _tokens(self, messages: PromptValue, stream: bool) -> Iterator[str]:
        if self._model_error is not None:
            raise self._model_error
        return bounded_reply(self.model, messages, stream, self.timeout)

    # -- public -----------------------------------------------------------------------------------

    def invoke(
        self, input: ChainInput, config: RunnableConfig | None = None, **kwargs: Any
    ) -> Answer:
        answer = None
        for item in self._run(input, config, stream=False):
            answer = item  # the last item is the Answer (no partial texts when not streaming)
        assert isinstance(answer, Answer)
        return answer

    def stream(  # type: ignore[override]  # the reply so far (str) comes before the Answer
        self, input: ChainInput, config: RunnableConfig | None = None, **kwargs: Any
    ) -> Iterator[str | Answer]:
        yield from self._run(input, config, stream=True)

    def _run(
        self, x: ChainInput, config: RunnableConfig | None, stream: bool
    ) -> Iterator[str | Answer]:
        prepared = self.prepare.invoke(x, config)
        about = about_articles.parse(prepared.standalone)
        if analyze(prepared.standalone).meta or (about is not None and not about.weak):
            # Bylines, dates, outlets and the collection are quoted from metadata, not written.
            yield self._extractive(x, config, "")
            return
        reply = ""
        try:
            messages = self.to_prompt.invoke(prepared, config)
            for piece in self._tokens(messages, stream=stream):
                reply += piece
                if stream:
                    yield reply
        except Exception as e:
            reason = describe_failure(self.spec, e, self.timeout)
            log.warning("%s", reason)
            yield self._extractive(x, config, reason)
            return
        yield self.ground(prepared, reply, x, config)

    def ground(
        self,
        prepared: ChainState,
        reply: str,
        x: ChainInput | None = None,
        config: RunnableConfig | None = None,
    ) -> Answer:
        """The checked answer for the model's ``reply`` to the prepared question."""
        positions = list(prepared.candidates)
        kept: list[tuple[str, list[int], dict[int, str], float]] = []
        dropped: list[str] = []
        refused = False
        length = 0
        for claim in split_claims(reply):
            valid = [positions[n - 1] for n in in_range(claim.markers, len(positions), dropped)]
            if is_refusal(claim.text):
                refused = True
                dropped.append(f"refusal: {claim.text}")
                continue
            checked = self._check(claim.text, prepared.standalone, valid, positions, dropped)
            if checked is None:
                continue
            if length + len(claim.text) + 6 > MAX_CHARS:
                dropped.append(f"over length: {claim.text}")
                continue
            length += len(claim.text) + 6
            cited, s = checked
            kept.append((claim.text, cited, s.quote, s.dense))
        if dropped:
            log.info("%s reply: dropped %s", self.label, dropped)
        return self._grounded(prepared, kept, dropped, refused, x, config)

    def _check(
        self,
        claim: str,
        standalone: str,
        valid: list[int],
        positions: list[int],
        dropped: list[str],
    ) -> tuple[list[int], Support] | None:
        """(the passages a claim cites, their support) when they support it, else ``None`` with
        the reason added to ``dropped``."""
        # A fragment ("Türkiye.") is judged with the question it answers: alone, any passage
        # naming Türkiye would "support" it, whatever was asked.
        checked = claim if len(terms(claim)) >= FRAGMENT_TERMS else f"{standalone} {claim}"
        if valid:
            s = support(checked, list(dict.fromkeys(valid)), self.corpus, self.embeddings)
        else:
            # Small models rarely write markers (SmolLM2-135M: none in 27 replies, docs/llm.md).
            # An uncited sentence is checked against each prompt passage and cited to the one
            # that supports it best, by the same bar; what nothing supports is dropped.
            attributed = self._attribute(checked, positions)
            if attributed is None:
                dropped.append(f"uncited: {claim}")
                return None
            valid, s = attributed
        if not s.supported:
            why = (
                f"missing {', '.join(s.missing)}"
                if s.missing
                else f"lexical {s.lexical}, dense {s.dense}"
            )
            dropped.append(f"unsupported ({why}): {claim}")
            return None
        return list(dict.fromkeys(valid)), s

    def _grounded(
        self,
        prepared: ChainState,
        kept: list[tuple[str, list[int], dict[int, str], float]],
        dropped: list[str],
        refused: bool,
        x: ChainInput | None,
        config: RunnableConfig | None,
    ) -> Answer:
        """The answer from the kept sentences; else the model's refusal, else the extractive one."""
        question = prepared.question
        if kept:
            return self._answer(question, prepared.standalone, kept, tuple(dropped))
        if refused:
            a = refusal(question)
            return dataclasses.replace(
                a,
                answerer=self.label,
                standalone_question=prepared.standalone,
                dropped=tuple(d for d in dropped if not d.startswith("refusal: ")),
            )
        reason = f"{self.label} gave no supported sentence; showing the extractive answer"
        fallback = self._extractive(
            x or {"question": question, "history": list(prepared.history)}, config, reason
        )
        return dataclasses.replace(fallback, dropped=tuple(dropped))

    def _attribute(self, claim: str, positions: list[int]):
        """([passage], Support) for the prompt passage best supporting ``claim``, or ``None``."""
        best = None
        for i in dict.fromkeys(positions):
            s = support(claim, [i], self.corpus, self.embeddings)
            if s.supported and (
                best is None or s.lexical + s.dense > best[1].lexical + best[1].dense
            ):
                best = ([i], s)
        return best

    def _answer(self, question: str, standalone: str, kept, dropped: tuple[str, ...]) -> Answer:
        citer = Citer(self.corpus)
        parts = []
        for text, cited, quote, dense in kept:
            marks = "".join(f"[{citer.cite(i, quote.get(i, ''), dense)}]" for i in cited)
            parts.append(f"{text} {marks}")
        return Answer(
            question=question,
            text=" ".join(parts),
            answered=True,
            citations=citer.citations(),
            answerer=self.label,
            standalone_question=standalone,
            dropped=dropped,
        )

    def _extractive(self, x: ChainInput, config: RunnableConfig | None, reason: str) -> Answer:
        a = self.fallback.invoke({"question": x["question"], "history": x.get("history")}, config)
        return dataclasses.replace(
            a, answerer=f"extractive (fallback: {reason})" if reason else "extractive"
        )


def build_llm_chain(
    corpus: Corpus,
    vectorstore: VectorStore,
    embeddings: Embeddings,
    settings: BotSettings,
    fallback: Answerer,
    chat_model: BaseChatModel | None = None,
) -> GroundedLLMChain:
    """The grounded LLM chain for ``settings.llm``, falling back to ``fallback`` (the extractive chain).

    Example:
        >>> chain = build_llm_chain(corpus, store.vectorstore(emb), emb, settings, build_chain(corpus, vs, emb))
        >>> chain.invoke({"question": "Who opened the bridge?", "history": []}).answerer
        'openai:gpt-4o-mini'
    """
    return GroundedLLMChain(corpus, vectorstore, embeddings, settings, fallback, chat_model)
