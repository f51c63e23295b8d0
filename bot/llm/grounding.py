"""Is each sentence of an LLM reply backed by the passage(s) it cites? Decided here, in code.

For one reply sentence ("claim") and the passages its ``[n]`` markers point to:

- **lexical support**: the idf-weighted share of the claim's content terms found in the cited
  passages (stems; names matched loosely, as in retrieval: ``index/text/terms.py``; names: ``bot/nlp/surface.py``);
- **dense support**: the best cosine between the claim and one sentence of the cited passages, with
  the bot's own embedding model (that sentence becomes the citation's quote);
- **hard facts**: every number and every name the claim states must occur in the cited passages.
  An invented sentence usually adds a name, a number or a place the passage lacks.

A claim is supported when it has no missing hard fact and ``lexical >= MIN_LEXICAL``, or
``lexical >= MIN_LEXICAL_PARAPHRASE`` and ``dense >= MIN_DENSE``. Thresholds come from hand-labelled
claims about the seed page (faithful paraphrases vs. invented or mis-cited sentences, including
SmolLM2's own); the calibration figures are in docs/llm.md. Known blind spot: a negation or a swapped
relation that reuses the passage's own words and names ("the state paid nothing") passes.

Article sentences that address the model ("ignore previous instructions …") are treated as hostile
data: they are withheld from the prompt and never count as support, so a reply repeating them is
dropped even if a model obeyed them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from bot.citations import LOOSE_MARKER, loose_numbers
from bot.corpus import Corpus
from bot.nlp.surface import capitalized
from index.text.terms import covered, name_matches, terms

# Calibration on hand-labelled claims about the seed page (tests/bot/llm/test_llm_grounding.py, figures in
# docs/llm.md): hand-written paraphrases and inventions, plus sentences SmolLM2-135M actually
# wrote. Invented claims built from the passage's own words reached lexical 0.75 / dense 0.68
# ("…pushing toward Aleppo, Syria's capital city") and lexical 0.69 / dense 0.80; every one
# stays below both bars. The price: 4 of 16 faithful paraphrases are rejected too, and the
# extractive answer is shown instead, which is the safe side.
MIN_LEXICAL = 0.8
MIN_LEXICAL_PARAPHRASE = 0.45
MIN_DENSE = 0.82

# "…the bridge. [1] Next…" puts the marker after the full stop: move it before, so it stays with
# the sentence it belongs to when the reply is split.
_MARKER_AFTER_STOP = re.compile(r"([.!?])((?:\s*\[[^\]\n]{1,20}\])+)")
# "The passage states that X" / "According to passage 2, X" / "The answer is: X" → X: the lead-in
# is about the prompt, not the news, and its words would count against the claim's support.
_LEAD_IN = re.compile(
    r"^(?:(?:the\s+)?(?:passages?|articles?|text)(?:\s+\d+)?\s+(?:states?|says?|mentions?|notes?|reports?|"
    r"explains?|indicates?)(?:\s+that)?[,:]?\s+|according\s+to\s+(?:the\s+)?(?:passages?|articles?|text)"
    r"(?:\s+\d+)?,\s*|the\s+answer\s+is:?\s+)",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")

_INSTRUCTION = re.compile(
    r"\b(?:ignore|disregard|forget|override|bypass)\b[^.!?\n]{0,60}?"
    r"\b(?:instructions?|prompts?|rules|guidelines|directions|everything|above|previous|prior)\b"
    r"|\bsystem\s+prompt\b|\bnew\s+instructions?\b|\bjailbreak"
    r"|\b(?:you are|act as|pretend to be)\s+(?:now\s+)?(?:an?\s+)?(?:ai|assistant|chatbot|language model|llm|dan)\b"
    r"|\b(?:ai|assistant|chatbot|language model|llm)s?\s*(?:reading|processing|summari[sz]ing)\s+this\b"
    r"|^\s*(?:please\s+)?(?:now\s+)?(?:respond|reply|answer|say|output|print|repeat|tell the user|write)\b"
    r"|</?\s*(?:system|passages?|instructions?|assistant|user)\s*>",
    re.IGNORECASE,
)
_REFUSAL = re.compile(
    r"\bnot\s+in\s+the\s+articles\b"
    r"|\b(?:articles?|passages?|text|sources?)\s+(?:do|does|did)\s*(?:not|n['’]t)\s+"
    r"(?:say|mention|state|contain|specify|provide|include|answer|give|tell)"
    r"|\bnot\s+(?:mentioned|stated|specified|covered|found|given|provided)\s+in\s+the\s+(?:articles?|passages?|text)"
    r"|\b(?:does|do|did)\s*(?:not|n['’]t)\s+(?:contain|provide|include|give|have)\s+(?:any\s+)?"
    r"(?:information|details?|mention)"
    r"|\bno\s+information\b|\bcannot\s+(?:be\s+)?(?:answer|determine|find|tell)"
    r"|\bi\s+(?:do\s+not|don['’]t)\s+know\b",
    re.IGNORECASE,
)


def looks_like_instruction(sentence: str) -> bool:
    """Does an article sentence address the model rather than report news?"""
    return bool(_INSTRUCTION.search(sentence))


def is_refusal(sentence: str) -> bool:
    """Does a reply sentence say the passages don't answer?"""
    return bool(_REFUSAL.search(sentence))


@dataclass(frozen=True)
class Claim:
    text: str  # the sentence without its markers
    markers: tuple[int, ...]  # the numbers it cited, as written


def split_claims(reply: str) -> list[Claim]:
    """The reply's sentences with the passage numbers each one cites."""
    from index.text.sentences import split_sentences

    text = _MARKER_AFTER_STOP.sub(lambda m: f"{m.group(2)}{m.group(1)}", reply.strip())
    claims = []
    for paragraph in re.split(r"\n\s*\n|\n(?=\s*[-*•]|\s*\d+[.)]\s)", text):
        for sentence in split_sentences(paragraph):
            numbers = loose_numbers(sentence)
            bare = LOOSE_MARKER.sub("", sentence)
            bare = re.sub(r"^\s*(?:[-*•]|\d+[.)])\s+", "", bare)  # list bullets
            bare = re.sub(r"\s+([.,;:!?])", r"\1", " ".join(bare.split())).strip()
            bare = _LEAD_IN.sub("", bare)
            bare = bare[:1].upper() + bare[1:]
            if re.search(r"[^\W_]", bare):
                claims.append(Claim(bare, tuple(dict.fromkeys(numbers))))
    return claims


@dataclass(frozen=True)
class Support:
    lexical: float
    dense: float
    missing: tuple[str, ...]  # numbers and names of the claim absent from the cited passages
    quote: dict[int, str]  # per cited passage (corpus position): its sentence closest to the claim
    supported: bool


def usable_sentences(corpus: Corpus, i: int) -> list[str]:
    """Sentences of passage ``i`` that may back a claim (never ones addressing the model)."""
    return [s for s in corpus.sentences(i) if not looks_like_instruction(s)]


def _claim_names(text: str) -> set[str]:
    """Stems of capitalized words past the first (a sentence's first word is capitalized anyway)."""
    return {t for w in capitalized(text) for t in terms(w)}


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "").rstrip(".") for n in _NUMBER.findall(text)}


def support(claim: str, passages: list[int], corpus: Corpus, embeddings) -> Support:
    """How well the cited ``passages`` (corpus positions) back ``claim``."""
    sentences = {i: usable_sentences(corpus, i) for i in passages}
    text = " ".join(s for i in passages for s in sentences[i])
    passage_terms = set(terms(text))
    names = _claim_names(claim)
    claim_terms = list(dict.fromkeys(terms(claim)))
    idf = corpus.lexical.idf
    total = sum(idf(t) for t in claim_terms)
    found = sum(idf(t) for t in claim_terms if covered(t, passage_terms, frozenset(names)))
    lexical = found / total if total else 0.0
    missing = sorted(_numbers(claim) - _numbers(text))
    missing += sorted(n for n in names if not any(name_matches(n, u) for u in passage_terms))

    quote: dict[int, str] = {}
    dense = 0.0
    flat = [(i, s) for i in passages for s in sentences[i]]
    if flat:
        vectors = corpus.sentence_vectors([claim] + [s for _, s in flat], embeddings)
        sims = vectors[1:] @ vectors[0]
        dense = float(np.max(sims))
        for i in passages:
            rows = [k for k, (j, _) in enumerate(flat) if j == i]
            if rows:
                best = max(rows, key=lambda k: sims[k])
                quote[i] = flat[best][1]
    ok = (
        bool(flat)
        and not missing
        and (lexical >= MIN_LEXICAL or (lexical >= MIN_LEXICAL_PARAPHRASE and dense >= MIN_DENSE))
    )
    return Support(round(lexical, 3), round(dense, 3), tuple(missing), quote, ok)
