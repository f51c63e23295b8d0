"""The typed results of the bot: one shape whatever answered."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Citation:
    """A cited passage. ``n`` matches the ``[n]`` marker in the answer text."""

    n: int
    passage_id: str
    article_id: str
    title: str
    source: str
    paragraph: int
    text: str  # the whole cited passage
    quotes: tuple[str, ...]  # the passage's sentences (metadata: lines) the answer or entry uses
    score: float
    author: str = ""
    published: str = ""


@dataclass(frozen=True)
class Answer:
    """An answer with inline ``[n]`` markers, or a refusal (``answered=False``, no citations).

    A refusal may carry ``related``: the passages closest to the question when none states the
    answer ("The articles don't say this directly"), shown as related reading, never as sources
    of the text."""

    question: str
    text: str
    answered: bool
    citations: tuple[Citation, ...] = ()
    answerer: str = "extractive"  # which answerer produced the text
    standalone_question: str = ""  # the question after condensing it with the chat history
    dropped: tuple[str, ...] = ()  # sentences/markers removed by grounding checks (LLM answers)
    seconds: float = 0.0
    #: The answer model's probability that its best sentence states the answer (refused below the
    #: model's threshold); None where no learned decision was made (metadata, LLM, empty index).
    confidence: float | None = None
    #: The closest passages of a refusal, best first (numbered 1..k among themselves; the text
    #: cites none of them). Empty for answers and for refusals with nothing related.
    related: tuple[Citation, ...] = ()

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Turn:
    """One earlier exchange of the chat."""

    question: str
    answer: str = field(default="")
