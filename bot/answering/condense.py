"""Turn a short follow-up into a standalone question using the previous turn.

"And Iran?" after "What did Russia provide?" → "What did Iran provide?"; "Where is it?" after an
answer about Homs → "Where is Homs?". Rules, not a model: no packaged generative model is
reliable enough here (see docs), and a wrong rewrite is easy to see in the returned
``standalone_question``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.answering.questions import analyze
from bot.citations import strip_markers
from bot.nlp.surface import runs
from index.text.terms import STOPWORDS
from index.text.tokens import fold

_PRONOUNS = r"\b(he|she|him|her|his|hers|they|them|their|it|its|there|that|this|these|those)\b"
_BARE_WH = re.compile(
    r"^\s*(?:and\s+|but\s+)?(when|where|why|who|how|how many|how much|what)(?:\s+(?:exactly|then|so))?\s*\??\s*$",
    re.IGNORECASE,
)
_WH_START = re.compile(
    r"^\s*(?:(?:which|what)\s+(?!(?:did|does|do|is|are|was|were|has|have|had|will|would|can|could)\b)\w+|when|where|why|who|whom|whose|how(?:\s+(?:many|much|long))?|what)\b",
    re.IGNORECASE,
)
_ELLIPSIS = re.compile(
    r"^\s*(?:and|what about|how about|and what about|same for|also)\s+(.+?)\s*\??\s*$",
    re.IGNORECASE,
)
_SENTENCE_START_WORDS = {
    "the",
    "a",
    "an",
    "as",
    "in",
    "on",
    "at",
    "for",
    "and",
    "but",
    "if",
    "while",
    "since",
    "during",
    "however",
    "meanwhile",
    "despite",
    "according",
    "this",
    "these",
}


@dataclass(frozen=True)
class Condensed:
    standalone: str  # what we answer (shown to the user)
    retrieval: str  # what we search with: standalone plus the previous question as context


def _names(text: str, skip: str = "") -> list[str]:
    skip_f = fold(skip)
    out = []
    for name in runs(text):
        words = name.split()
        while words and (
            words[0].lower() in _SENTENCE_START_WORDS
            or words[0].lower() in STOPWORDS
            or words[0].lower().endswith("ly")
        ):
            words = words[1:]
        name = " ".join(words)
        if not name or name.lower() in STOPWORDS or fold(name) in skip_f:
            continue
        out.append(re.sub(r"[’']s$", "", name))
    return out


def _is_follow_up(question: str) -> bool:
    words = re.findall(r"\w+", question)
    return bool(_ELLIPSIS.match(question) or _BARE_WH.match(question)) or (
        len(words) <= 8 and re.search(_PRONOUNS, question, re.IGNORECASE) is not None
    )


def condense(question: str, history: list[tuple[str, str]] | None) -> Condensed:
    """``history``: earlier (question, answer text) pairs, oldest first."""
    if not history or not _is_follow_up(question):
        return Condensed(question, question)
    prev_q, prev_a = history[-1]
    if len(history) > 1:  # the previous question may itself have been a follow-up
        prev_q = condense(prev_q, history[:-1]).standalone
    prev_a = strip_markers(prev_a)
    bare = _BARE_WH.match(question)
    if bare:
        # "When?" after "Where will they meet?" asks the same about another aspect.
        wh = bare.group(1).capitalize()
        rest = _WH_START.sub("", prev_q, count=1).strip()
        standalone = f"{wh} {rest}" if rest else question
        return Condensed(standalone, f"{standalone} {prev_a}")
    ellipsis = _ELLIPSIS.match(question)
    if ellipsis:
        new = ellipsis.group(1).rstrip("?. ")
        old_names = _names(prev_q)
        if old_names:
            standalone = prev_q.replace(old_names[-1], new, 1)
        else:
            standalone = f"{prev_q.rstrip('?. ')} for {new}?"
        return Condensed(standalone, standalone)
    # The referent of "he/it/there": after a question asking for an entity ("Who leads X?",
    # "Which city …?") it is what the answer named that the question did not; after a question
    # about an attribute of something named ("How long is the X bridge?") it is that thing.
    answer_names, question_names = _names(prev_a, skip=prev_q), _names(prev_q)
    if analyze(prev_q).kind in ("who", "which") or not question_names:
        referents = answer_names or question_names
    else:
        referents = question_names
    standalone = question
    if referents:
        who = referents[0]
        standalone = re.sub(
            r"\b(he|she|they|it|there)\b", who, question, count=1, flags=re.IGNORECASE
        )
        standalone = re.sub(r"\b(him|them)\b", who, standalone, count=1, flags=re.IGNORECASE)
        standalone = re.sub(
            r"\b(his|her|their|its)\b", f"{who}'s", standalone, count=1, flags=re.IGNORECASE
        )
    return Condensed(standalone, f"{standalone} {prev_q}")
