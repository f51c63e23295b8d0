"""The bot a process keeps: models loaded once, the index snapshot refreshed when it changes."""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Iterator
from functools import lru_cache

from bot.answerer import Answerer
from bot.corpus import Corpus
from bot.settings import BotSettings
from bot.types import Answer

# Longer questions are cut here: no real question is longer, and scoring cost grows with length.
MAX_QUESTION_CHARS = 2_000


def clean_question(question: str) -> str:
    """Validate and normalize a question; raises ``ValueError`` when there is nothing to ask."""
    if not isinstance(question, str):
        raise ValueError("the question must be text")
    text = "".join(ch if ch.isprintable() or ch in "\n\t" else " " for ch in question)
    text = " ".join(text.split())[:MAX_QUESTION_CHARS]
    if not text:
        raise ValueError("the question is empty: type a question about the articles")
    if not any(ch.isalnum() for ch in text):
        raise ValueError("the question has no words: type a question about the articles")
    return text


class Bot:
    """Answers questions from the index described by ``settings``.

    Example:
        >>> bot = Bot(BotSettings.from_env())
        >>> bot.answer("Where will the ministers meet?").text
    """

    def __init__(
        self, settings: BotSettings | None = None, embeddings=None, store=None, answer_model=None
    ) -> None:
        self.settings = settings or BotSettings.from_env()
        self._embeddings = embeddings
        self._answer_model = answer_model
        self._store = store
        self._lock = threading.Lock()
        self._revision: int | None = None
        self._chain: Answerer | None = None
        self.corpus: Corpus | None = None
        # Set by ``warm_up``: a long-lived process (the web chat, eval) also pre-computes a small
        # index's sentence vectors, on every index change; a one-shot ``briefing ask`` needs only
        # the ~30 sentences of its candidates (measured: warming the seed's ~120 cost ~1 s of 6.5 s).
        self._eager = False

    @property
    def embeddings(self):
        if self._embeddings is None:
            from index.storage.embeddings import embeddings_for

            self._embeddings = embeddings_for(self.settings)
        return self._embeddings

    @property
    def store(self):
        if self._store is None:
            from index.storage.store import Store

            self._store = Store(self.settings)
        return self._store

    @property
    def answer_model(self):
        """The learned answer model (``bot.answering.learned``), loaded on first use."""
        if self._answer_model is None:
            from bot.answering.learned.model import default_model, load_cached

            folder = self.settings.answer_model_dir
            self._answer_model = load_cached(folder) if folder else default_model()
        return self._answer_model

    def warm_up(self) -> None:
        """Load the model and the index now rather than on the first question."""
        self._eager = True
        self.current_chain()
        if self.corpus is not None:
            self.corpus.warm(self.answer_model.encoder)

    def current_chain(self) -> Answerer:
        """The answer chain over the live index snapshot (rebuilt when the index changes); what
        `answer` and `stream` invoke, public so a benchmark can wrap its model."""
        live = self.store.require_live()
        if live.revision == self._revision and self._chain is not None:
            return self._chain
        with self._lock:
            if live.revision != self._revision or self._chain is None:
                from bot.answering.chain import build_chain

                corpus = Corpus.from_passages(self.store.passages(), live.revision)
                if self._eager:
                    corpus.warm(self.answer_model.encoder)
                self._chain = build_chain(
                    corpus,
                    self.store.vectorstore(self.embeddings),
                    self.embeddings,
                    self.answer_model,
                )
                if (
                    self.settings.llm != "extractive"
                ):  # the LLM chain, the extractive one its fallback
                    from bot.llm.chain import build_llm_chain

                    self._chain = build_llm_chain(
                        corpus,
                        self.store.vectorstore(self.embeddings),
                        self.embeddings,
                        self.settings,
                        fallback=self._chain,
                    )
                self.corpus, self._revision = corpus, live.revision
        return self._chain

    def _swapped(self) -> bool:
        """Whether the index changed since the chain was built (e.g. a rebuild finished)."""
        try:
            return self.store.require_live().revision != self._revision
        except Exception:
            return False

    def answer(self, question: str, history=None) -> Answer:
        """Answer from the articles; ``history`` = earlier (question, answer text) pairs."""
        start = time.perf_counter()
        text = clean_question(question)
        pairs = [(str(q), str(a)) for q, a in (history or [])]
        try:
            result = self.current_chain().invoke({"question": text, "history": pairs})
        except Exception:
            # A rebuild that completes mid-answer drops the collection this chain queries: answer
            # again from the new index rather than fail (seen with parallel questions).
            if not self._swapped():
                raise
            result = self.current_chain().invoke({"question": text, "history": pairs})
        return dataclasses.replace(result, seconds=round(time.perf_counter() - start, 4))

    def brief(self, article_ids=None):
        """A ``Briefing`` of the given articles (all when none); see ``bot.briefing.build``."""
        from bot.briefing.build import brief_corpus

        self.current_chain()  # the current snapshot, its sentence vectors cached
        return brief_corpus(self.corpus, self.embeddings, article_ids)

    def stream(self, question: str, history=None) -> Iterator[str | Answer]:
        """Like ``answer``, for a chat that shows text as it comes: yields the LLM's reply so far
        (``str``, growing) while it is written, then the checked ``Answer``, which replaces it. The
        extractive answerer yields the ``Answer`` alone."""
        start = time.perf_counter()
        text = clean_question(question)
        pairs = [(str(q), str(a)) for q, a in (history or [])]
        for attempt in (1, 2):
            yielded = False
            try:
                for item in self.current_chain().stream({"question": text, "history": pairs}):
                    if isinstance(item, Answer):
                        item = dataclasses.replace(
                            item, seconds=round(time.perf_counter() - start, 4)
                        )
                    yielded = True
                    yield item
                return
            except Exception:
                if attempt == 2 or yielded or not self._swapped():  # as in ``answer``
                    raise


@lru_cache(maxsize=8)
def _bot_for(settings: BotSettings) -> Bot:
    return Bot(settings)


def default_bot(settings: BotSettings | None = None) -> Bot:
    """One shared bot per settings in this process."""
    return _bot_for(settings or BotSettings.from_env())
